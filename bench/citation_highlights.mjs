/**
 * The source panel's PDF highlight, checked outside the browser: for each job read from stdin
 * ({pdf, page, passage}), PDF.js (the legacy build, for Node) extracts the page's text items,
 * as its text layer does in the browser, and frontend/lib/text-match.ts (the web app's own
 * matcher, transpiled here by TypeScript) looks for the passage in them. Prints one
 * {matched, exact, coverage} per job, as JSON. Run from frontend/ (its node_modules).
 */
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

// PDF.js 6 wants Node 22; Node 20 lacks only this.
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new Promise((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
};

const frontend = process.cwd();
// TypeScript and PDF.js come from the web app's node_modules (this file lives in bench/).
const ts = createRequire(path.join(frontend, "package.json"))("typescript");
const source = readFileSync(path.join(frontend, "lib", "text-match.ts"), "utf8");
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const module = path.join(mkdtempSync(path.join(tmpdir(), "text-match-")), "text-match.mjs");
writeFileSync(module, js);
const { matchPassage, foldText } = await import(pathToFileURL(module).href);
const pdfjs = await import(pathToFileURL(path.join(frontend, "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs")).href);

const jobs = JSON.parse(readFileSync(0, "utf8"));
const documents = new Map();
const results = [];
for (const { pdf, page, passage } of jobs) {
  if (!documents.has(pdf)) documents.set(pdf, pdfjs.getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise);
  const doc = await documents.get(pdf);
  const content = await (await doc.getPage(page)).getTextContent();
  const items = content.items.filter((item) => "str" in item).map((item) => item.str);
  const ranges = matchPassage(items, passage);
  const marked = ranges ? ranges.map(({ item, start, end }) => items[item].slice(start, end)).join("") : "";
  const wanted = foldText(passage);
  const got = foldText(marked);
  results.push({ matched: ranges !== null, exact: ranges !== null && got === wanted, coverage: wanted ? Math.min(got.length / wanted.length, 1) : 0 });
}
process.stdout.write(JSON.stringify(results));
