#!/usr/bin/env node
// Turns the output of `hardhat test` into one plain line, "N passed, N failed".
//
// A full run (`hardhat test`, with or without files) ends with Hardhat's combined summary:
//   12 passing (2 solidity, 10 mocha)
//   2 failing (1 solidity, 1 mocha)
//   1 skipped (1 nodejs)
// Hardhat's mocha runner counts pending (`it.skip`) tests, and tests that never ran because a hook failed, as
// passing; when mocha's own epilogue ("  9 passing (1s)") is in the output, its count replaces Hardhat's mocha
// count. A single runner (`hardhat test mocha`, `hardhat test solidity`) prints only its own epilogue
// ("  9 passing (1s)", "  1 pending", "  1 failing"), which is used when there is no combined summary.
//
// As a command it reads a log on stdin, prints the line and exits 0 if nothing failed, 1 if something failed
// or no summary was found:  node scripts/test-summary.mjs < test.log
// As a module it exports summarize(text) and formatSummary(summary) for scripts/test.mjs.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
/** Hardhat's combined summary: "<total> <label> (<count> <runner>, …)". */
const COMBINED_LINE = /^(\d+) (passing|failing|skipped|todo) \((\d+ [\w-]+(?:, \d+ [\w-]+)*)\)$/;
/** A runner's own epilogue (mocha, Solidity tests): "  <count> <label>", mocha adds "(<duration>)" to passing. */
const RUNNER_LINE = /^\s+(\d+) (passing|failing|pending)(?: \(\d+(?:\.\d+)?(?:ms|s|m|h)\))?$/;
/** The line this script prints, possibly already in the log (the output of `npm test`). */
const PLAIN_LINE = /^(\d+) passed, (\d+) failed$/;

/**
 * Groups consecutive matching lines into blocks and returns the last block.
 * @param {string[]} lines
 * @param {RegExp} pattern
 * @returns {RegExpExecArray[] | null}
 */
function lastBlock(lines, pattern) {
  let block = null;
  let previous = -2;
  lines.forEach((line, index) => {
    const match = pattern.exec(line);
    if (match === null) return;
    if (index !== previous + 1 || block === null) block = [];
    block.push(match);
    previous = index;
  });
  return block;
}

/**
 * Reads the last test summary in `text`.
 * @param {string} text Output of `hardhat test` (colours allowed).
 * @returns {{passed: number, failed: number, skipped: number} | null} null if the output has no summary.
 */
export function summarize(text) {
  const lines = text
    .replace(ANSI, "")
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
  const runner = lastBlock(lines, RUNNER_LINE);
  const runnerCount = (label) => Number(runner?.find((match) => match[2] === label)?.[1] ?? 0);

  const combined = lastBlock(lines, COMBINED_LINE);
  if (combined !== null) {
    /** @type {Record<string, Record<string, number>>} */
    const byLabel = {};
    for (const [, , label, breakdown] of combined) {
      byLabel[label] = Object.fromEntries(
        breakdown.split(", ").map((part) => {
          const [count, name] = part.split(" ");
          return [name, Number(count)];
        }),
      );
    }
    const total = (label) => Object.values(byLabel[label] ?? {}).reduce((sum, count) => sum + count, 0);
    let passed = total("passing");
    let skipped = total("skipped") + total("todo");
    const hardhatMocha = byLabel.passing?.mocha;
    const mochaOwn = runner?.some((match) => match[0].includes("(")) ? runnerCount("passing") : undefined;
    if (hardhatMocha !== undefined && mochaOwn !== undefined && mochaOwn <= hardhatMocha) {
      passed -= hardhatMocha - mochaOwn;
      skipped += runnerCount("pending");
    }
    return { passed, failed: total("failing"), skipped };
  }

  if (runner !== null) {
    return { passed: runnerCount("passing"), failed: runnerCount("failing"), skipped: runnerCount("pending") };
  }

  const plain = lines.findLast((line) => PLAIN_LINE.test(line));
  if (plain === undefined) return null;
  const [, passed, failed] = PLAIN_LINE.exec(plain);
  return { passed: Number(passed), failed: Number(failed), skipped: 0 };
}

/**
 * The plain summary line.
 * @param {{passed: number, failed: number}} summary
 * @returns {string}
 */
export function formatSummary(summary) {
  return `${summary.passed} passed, ${summary.failed} failed`;
}

async function main() {
  let text = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) text += chunk;
  const summary = summarize(text);
  if (summary === null) {
    console.error("test-summary: no test summary found in the log");
    process.exitCode = 1;
    return;
  }
  console.log(formatSummary(summary));
  process.exitCode = summary.failed > 0 ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) await main();
