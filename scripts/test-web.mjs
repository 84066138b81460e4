#!/usr/bin/env node
// `npm run test:web`: the dApp's unit tests (vitest, in web/), streamed, then a plain "N passed, N failed" line.
// Exits with vitest's exit code.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const dir = mkdtempSync(join(tmpdir(), "openfactor-web-tests-"));
const report = join(dir, "report.json");

const child = spawn(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: join(root, "web"), stdio: "inherit" },
);
child.on("close", (code) => {
  let line = "0 passed, 1 failed";
  try {
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, "utf8"));
    line = `${numPassedTests} passed, ${numFailedTests} failed`;
  } catch {
    console.error("The dApp's unit tests wrote no report.");
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(line);
  process.exit(code ?? 1);
});
