/**
 * Cold load of one or more pages in Chromium (playwright-core): every JavaScript response,
 * with its Content-Encoding and its encoded (on-the-wire body) and decoded sizes, as a
 * browser's network log records them. The browser asks for gzip only.
 * Usage: node bench/frontend_js.mjs <frontend dir> <base url> <path> [<path> ...]
 * Prints one JSON object: {path: {scripts: [{url, encoding, encoded, decoded}], ...}}.
 */
import { createRequire } from "node:module";
import path from "node:path";

const [frontendDir, baseUrl, ...paths] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(frontendDir), "package.json"));
const { chromium } = require("playwright-core");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const out = {};
try {
  for (const route of paths) {
    // A fresh context per page: an empty cache, so the load is cold.
    const context = await browser.newContext({ extraHTTPHeaders: { "Accept-Encoding": "gzip" } });
    const page = await context.newPage();
    const pending = [];
    page.on("response", (response) => {
      const url = response.url();
      const type = response.headers()["content-type"] ?? "";
      if (!/\.m?js(\?|$)/.test(new URL(url).pathname) && !type.includes("javascript")) return;
      pending.push((async () => {
        const sizes = await response.request().sizes();
        const body = await response.body().catch(() => Buffer.alloc(0));
        return {
          url: new URL(url).pathname,
          status: response.status(),
          encoding: response.headers()["content-encoding"] ?? "identity",
          encoded: sizes.responseBodySize,
          decoded: body.length,
        };
      })());
    });
    const status = (await page.goto(baseUrl + route, { waitUntil: "networkidle" }))?.status();
    await page.waitForTimeout(1000);
    out[route] = { status, scripts: await Promise.all(pending) };
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
