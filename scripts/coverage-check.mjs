#!/usr/bin/env node
/**
 * Line and branch coverage of the production contracts, checked against the project's thresholds.
 *
 * Run after `hardhat test --coverage` (which writes coverage/lcov.info and the per-statement hit counts in
 * coverage/data/). Hardhat 3 reports lines and statements but no branches (its simulator does not record them
 * yet), so branches are derived here from the same statement hits:
 *   - every `if` has two branches. The true branch is taken when the first statement of its body ran. The false
 *     branch is taken when the `else` body's first statement ran or, without an `else`, when the `if` ran more
 *     often than its body. Hit counts are per transaction, so an `if` inside a loop that goes both ways in the
 *     same transaction counts as one way only: the measure can under-report, never over-report.
 *   - ternary expressions are not instrumented; they are listed as unmeasured so that none hides a gap.
 *
 * Usage: node scripts/coverage-check.mjs [--lines 95] [--branches 90]
 * Exits 1 when a file is below a threshold.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";

import { addStatementCoverageInstrumentation } from "@nomicfoundation/edr";

const require = createRequire(import.meta.url);
const solc = require("solc");
const SOLC_VERSION = require("solc/package.json").version;

const ROOT = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const threshold = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const MIN_LINES = threshold("lines", 95);
const MIN_BRANCHES = threshold("branches", 90);

/** Production sources: contracts/**.sol without mocks, tests and interfaces-only files. */
function productionSources() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["mocks", "test"].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith(".sol") && !entry.name.endsWith(".t.sol")) {
        files.push(path);
      }
    }
  };
  walk("contracts");
  return files.sort();
}

/** Sum of hit counts per statement tag over every test run recorded in coverage/data. */
function hitCounts() {
  const counts = new Map();
  const base = join(ROOT, "coverage", "data");
  if (!existsSync(base)) throw new Error("coverage/data is missing: run `hardhat test --coverage` first");
  for (const runner of readdirSync(base)) {
    for (const file of readdirSync(join(base, runner))) {
      const data = JSON.parse(readFileSync(join(base, runner, file), "utf8"));
      for (const [tag, count] of Object.entries(data)) counts.set(tag, (counts.get(tag) ?? 0) + count);
    }
  }
  return counts;
}

/** Line coverage per file from coverage/lcov.info. */
function lineCoverage() {
  const result = new Map();
  let current;
  for (const line of readFileSync(join(ROOT, "coverage", "lcov.info"), "utf8").split("\n")) {
    if (line.startsWith("SF:")) {
      current = { found: 0, hit: 0 };
      result.set(line.slice(3), current);
    } else if (line.startsWith("LF:")) current.found = Number(line.slice(3));
    else if (line.startsWith("LH:")) current.hit = Number(line.slice(3));
  }
  return result;
}

/** The Solidity AST of each file (parse only, no code generation). */
function asts(files) {
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(files.map((f) => [f, { content: readFileSync(join(ROOT, f), "utf8") }])),
    settings: { outputSelection: { "*": { "": ["ast"] } } },
  };
  const findImports = (path) => {
    for (const candidate of [join(ROOT, path), join(ROOT, "node_modules", path)]) {
      if (existsSync(candidate)) return { contents: readFileSync(candidate, "utf8") };
    }
    return { error: `not found: ${path}` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  return new Map(files.map((f) => [f, output.sources[f].ast]));
}

function visit(node, fn) {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) return node.forEach((child) => visit(child, fn));
  if (typeof node.nodeType === "string") fn(node);
  for (const value of Object.values(node)) if (typeof value === "object") visit(value, fn);
}

/** Converts solc's UTF-8 byte offsets to the UTF-16 offsets the instrumentation uses. */
function offsetConverter(source) {
  const bytes = Buffer.from(source, "utf8");
  return (byteOffset) => bytes.subarray(0, byteOffset).toString("utf8").length;
}

function branchCoverage(file, ast, counts) {
  const source = readFileSync(join(ROOT, file), "utf8");
  const toUtf16 = offsetConverter(source);
  // Hardhat instruments project files under the source name "project/<path>"; the tag depends on it.
  const { metadata } = addStatementCoverageInstrumentation(source, `project/${file}`, SOLC_VERSION);
  // Instrumented ranges start after the previous statement, so they include indentation and comments; trim
  // those to find the offset where the statement's own text starts, which is what the AST gives.
  const trimmedStart = (offset) => {
    const rest = source.slice(offset);
    const skipped = rest.match(/^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/)[0].length;
    return offset + skipped;
  };
  const hitsAt = new Map();
  for (const m of metadata) {
    if (m.kind !== "statement") continue;
    const at = trimmedStart(Number(m.startUtf16));
    const hits = counts.get(Buffer.from(m.tag).toString("hex")) ?? 0;
    hitsAt.set(at, Math.max(hitsAt.get(at) ?? 0, hits));
  }
  const startOf = (node) => toUtf16(Number(node.src.split(":")[0]));
  const lineOf = (offset) => source.slice(0, offset).split("\n").length;
  /** Hits of a statement node, or of the first statement of a block. */
  const hitsOf = (node) => {
    const target = node.nodeType === "Block" ? node.statements[0] : node;
    return target === undefined ? undefined : hitsAt.get(startOf(target));
  };

  const branches = [];
  const unmeasured = [];
  visit(ast, (node) => {
    if (node.nodeType === "IfStatement") {
      const line = lineOf(startOf(node));
      const total = hitsOf(node);
      const whenTrue = hitsOf(node.trueBody);
      if (total === undefined || whenTrue === undefined) {
        unmeasured.push(`line ${line}: if`);
        return;
      }
      const whenFalse = node.falseBody ? hitsOf(node.falseBody) : total - whenTrue;
      branches.push({ line, side: "true", taken: whenTrue > 0 });
      branches.push({ line, side: "false", taken: (whenFalse ?? 0) > 0 });
    } else if (node.nodeType === "Conditional") {
      unmeasured.push(`line ${lineOf(startOf(node))}: ternary`);
    }
  });
  return { branches, unmeasured };
}

const files = productionSources();
const counts = hitCounts();
const lines = lineCoverage();
const trees = asts(files);
let failed = false;
const pct = (hit, found) => (found === 0 ? 100 : (100 * hit) / found);

console.log(`Coverage of production contracts (lines >= ${MIN_LINES} %, branches >= ${MIN_BRANCHES} %)`);
for (const file of files) {
  const rel = relative(ROOT, join(ROOT, file));
  const { branches, unmeasured } = branchCoverage(rel, trees.get(file), counts);
  const lineInfo = lines.get(rel) ?? { found: 0, hit: 0 };
  if (lineInfo.found === 0 && branches.length === 0) continue; // declarations only
  const taken = branches.filter((b) => b.taken).length;
  const linePct = pct(lineInfo.hit, lineInfo.found);
  const branchPct = pct(taken, branches.length);
  const ok = linePct >= MIN_LINES && branchPct >= MIN_BRANCHES;
  if (!ok) failed = true;
  console.log(
    `${ok ? "ok  " : "FAIL"} ${rel}: lines ${linePct.toFixed(2)} % (${lineInfo.hit}/${lineInfo.found}), ` +
      `branches ${branchPct.toFixed(2)} % (${taken}/${branches.length})`,
  );
  for (const b of branches.filter((x) => !x.taken)) console.log(`       untaken: line ${b.line} ${b.side} branch`);
  if (unmeasured.length > 0) console.log(`       unmeasured: ${unmeasured.join(", ")}`);
}
process.exit(failed ? 1 : 0);
