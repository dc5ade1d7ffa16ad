/**
 * Cold-load JavaScript of a built page: every <script src> in its prerendered HTML, gzipped
 * (noModule polyfills excluded: modern browsers neither download nor run them).
 * Usage: node scripts/measure-js.mjs [route=index]   (after `next build`; a prerendered page)
 *        node scripts/measure-js.mjs http://127.0.0.1:3000/   (a page rendered per request,
 *        fetched from the production server of the same build)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const route = process.argv[2] ?? "index";
const root = path.resolve(import.meta.dirname, "..", ".next");
const html = /^https?:/.test(route)
  ? // A build script reading the web app's own page, not a call to the backend.
    // eslint-disable-next-line no-restricted-globals
    await (await fetch(route)).text()
  : readFileSync(path.join(root, "server", "app", `${route}.html`), "utf8");
const tags = [...html.matchAll(/<script([^>]+)src="([^"]+)"([^>]*)>/g)].filter((m) => !/nomodule/i.test(m[1] + m[3]));
const scripts = [...new Set(tags.map((m) => m[2]))];
let raw = 0;
let gzip = 0;
for (const src of scripts) {
  const file = readFileSync(path.join(root, decodeURIComponent(src.replace(/^\/_next\//, ""))));
  raw += file.length;
  gzip += gzipSync(file, { level: 9 }).length;
}
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
console.log(
  `${route}: ${scripts.length} scripts, ${raw} bytes raw, ${gzip} bytes gzip` +
    ` (+ ${gzipSync(inline).length} bytes gzip of inline RSC payload)`,
);
