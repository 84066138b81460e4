#!/usr/bin/env node
// A workspace's unit tests (vitest), streamed, then a plain "N passed, N failed" line; exits with vitest's exit code.
//
//   node scripts/vitest-run.mjs web [vitest args]            `npm run test:web`: the dApp's
//   node scripts/vitest-run.mjs packages/sdk [vitest args]   `npm run test:sdk`: the SDK's
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const [workspace, ...args] = process.argv.slice(2);
if (workspace === undefined) {
  console.error("usage: node scripts/vitest-run.mjs <workspace folder> [vitest arguments]");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "openfactor-unit-tests-"));
const report = join(dir, "report.json");

const child = spawn(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args],
  { cwd: join(root, workspace), stdio: "inherit" },
);
child.on("close", (code) => {
  let line = "0 passed, 1 failed";
  try {
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, "utf8"));
    line = `${numPassedTests} passed, ${numFailedTests} failed`;
  } catch {
    console.error(`The unit tests of ${workspace} wrote no report.`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(line);
  process.exit(code ?? 1);
});
