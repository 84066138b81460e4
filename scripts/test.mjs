#!/usr/bin/env node
// `npm test`: runs `hardhat test` with any extra arguments (npm test -- test/Foo.test.ts, npm test -- --coverage),
// streams its output, and prints a plain "N passed, N failed" line last. Exits with Hardhat's exit code.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { formatSummary, summarize } from "./test-summary.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const hardhat = join(root, "node_modules", ".bin", "hardhat");
if (!existsSync(hardhat)) {
  console.error("Hardhat is not installed: run `npm ci` first.");
  process.exit(1);
}

// The child writes to pipes, so keep the colours a terminal would have shown.
const env = { ...process.env };
if (process.stdout.isTTY && env.NO_COLOR === undefined && env.FORCE_COLOR === undefined) env.FORCE_COLOR = "1";

const child = spawn(process.execPath, [hardhat, "test", ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: ["inherit", "pipe", "pipe"],
});

let output = "";
child.stdout.setEncoding("utf8");
child.stderr.setEncoding("utf8");
child.stdout.on("data", (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.stderr.on("data", (chunk) => {
  output += chunk;
  process.stderr.write(chunk);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}

child.on("error", (error) => {
  console.error(`Could not start Hardhat: ${error.message}`);
  process.exit(1);
});

child.on("close", (code, signal) => {
  const exitCode = code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
  const summary = summarize(output);
  if (summary !== null) {
    if (summary.skipped > 0) console.log(`(${summary.skipped} skipped)`);
    console.log(formatSummary(summary));
  } else if (exitCode === 0) {
    // Hardhat prints no summary when there are no tests at all.
    console.log(formatSummary({ passed: 0, failed: 0 }));
  } else {
    console.log(`Tests did not run: hardhat test exited with code ${exitCode}.`);
  }
  process.exit(exitCode);
});
