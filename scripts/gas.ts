/**
 * `npm run gas`: the lifecycle gas benchmark. Plays every step once with repeat participants on a fresh simulated
 * chain (test/gas/lifecycle.ts), traces each transaction to show where its gas goes, prints the table and writes
 * docs/GAS.md. The budgets (gas and new slots) are docs/gas-budgets.json; CI's check is
 * test/gas/Lifecycle.gas.test.ts. Exits non-zero when a step fails its budget, as CI would.
 */
import { writeFileSync } from "node:fs";

import { network } from "hardhat";

import { deployMarketSystem } from "../test/fixtures/market.js";
import { PEERS, readBudgets, verdict } from "../test/gas/budgets.js";
import { measureLifecycle } from "../test/gas/lifecycle.js";
import { CEILING, ceilingOf, contractSizes, EIP170_LIMIT } from "../test/gas/sizes.js";
import { breakdown, describeBreakdown } from "../test/gas/trace.js";

const REPORT_FILE = new URL("../docs/GAS.md", import.meta.url);

const connection = await network.create();
const system = await deployMarketSystem(connection);
const sizes = (await contractSizes(connection, system)).map(
  ({ name, size }) =>
    `| ${name} | ${size.toLocaleString("en-US")} | ${ceilingOf(name).toLocaleString("en-US")} | ${(ceilingOf(name) - size).toLocaleString("en-US")} |`,
);
const steps = await measureLifecycle(system);
const budgets = readBudgets();

const number = (n: number) => n.toLocaleString("en-US");
const rows: string[] = [];
const where: string[] = [];
const over: string[] = [];
for (const s of steps) {
  const b = await breakdown(connection, s.hash);
  const overLine = verdict(s.step, s.gas, b.newSlots, budgets);
  if (overLine !== undefined) over.push(overLine);
  const budget = budgets[s.step];
  const peer = PEERS[s.step];
  const flag = overLine === undefined ? "" : " **OVER BUDGET**";
  const budgetCell = budget === undefined ? "—" : number(budget.gas);
  const slotCell = budget === undefined ? `${b.newSlots}` : `${b.newSlots} (${budget.newSlots})`;
  const peerCell = peer === undefined ? "—" : `${peer.label} ≈ ${number(peer.gas)}`;
  rows.push(`| ${s.step} | ${s.contract} | ${number(s.gas)}${flag} | ${budgetCell} | ${slotCell} | ${peerCell} |`);
  where.push(`| ${s.step} | ${s.note} | ${describeBreakdown(b)} |`);
}
await connection.close();

const report = [
  "# Gas of the lifecycle, the market and the guarantee escrow",
  "",
  "Written by `npm run gas` (scripts/gas.ts); do not edit by hand. Every step is played once on Hardhat's simulated",
  "L1 (prague) with repeat participants: everyone has issued, paid, traded and withdrawn before, so balances, credits",
  "and list slots are already non-zero, as on a live chain. **Gas used** is the transaction receipt's: the 21,000",
  "base and the calldata are included.",
  "",
  "The budgets are [gas-budgets.json](gas-budgets.json): each step's receipt gas, and the new storage slots (zero to",
  "non-zero, 22,100 gas each when cold) it may write: no more than it wrote before the re-cut of issue 16, since new",
  "slots are the cost that grows most when storage is repriced. `test/gas/Lifecycle.gas.test.ts` has one test per",
  "step and fails the step that uses one gas more than its budget, or writes one slot more: there is no tolerance and",
  "no exception. A step over its budget is printed OVER BUDGET here and listed at the end.",
  "`test/gas/Bytecode.size.test.ts` fails when a production contract outgrows its ceiling (below).",
  "`npm run gas:stats` gives Hardhat's per-function statistics over the whole test suite.",
  "",
  "| step | contract | gas used | budget | new slots (ceiling) | nearest peer figure |",
  "|---|---|---:|---:|---:|---|",
  ...rows,
  "",
  "## Where the gas goes",
  "",
  "Read from each transaction's opcode trace. A new slot (zero to non-zero) costs 22,100 gas when cold, an update",
  "5,000 (2,900 warm), a cold read 2,100, a cold account 2,600, an event 375 plus 375 a topic plus 8 a data byte.",
  "Counts cover nested calls (the market and the escrow call the claim contract, the claim contract calls the",
  "registry, everyone calls the stablecoin).",
  "",
  "| step | what it does | where the gas goes |",
  "|---|---|---|",
  ...where,
  "",
  "## Bytecode size",
  "",
  `Deployed code of each production contract; CI fails a contract above its ceiling: ${CEILING.toLocaleString("en-US")} ` +
    `bytes, ${(EIP170_LIMIT - CEILING).toLocaleString("en-US")} under EIP-170's ${EIP170_LIMIT.toLocaleString("en-US")}, ` +
    "except where the table says otherwise (test/gas/sizes.ts).",
  "",
  "| contract | bytes | ceiling | under the ceiling |",
  "|---|---:|---:|---:|",
  ...sizes,
  "",
  "## Over budget",
  "",
  ...(over.length === 0
    ? ["Every step meets its budget."]
    : ["Each fails its test in CI:", "", ...over.map((p) => `- ${p}`)]),
  "",
].join("\n");
writeFileSync(REPORT_FILE, report);

console.log(`| step | contract | gas used | budget | new slots (ceiling) | peer |`);
for (const row of rows) console.log(row);
console.log(`\nwrote ${REPORT_FILE.pathname}`);
if (over.length > 0) {
  console.error(`\n${over.join("\n")}`);
  process.exitCode = 1;
}
