/**
 * `npm run gas`: the lifecycle gas benchmark. Plays every step once with repeat participants on a fresh simulated
 * chain (test/gas/lifecycle.ts), traces each transaction to show where its gas goes, prints the table and writes
 * docs/GAS.md. The budgets (gas and new slots) are docs/gas-budgets.json; CI's check is
 * test/gas/Lifecycle.gas.test.ts. Exits non-zero when a step fails its budget, as CI would.
 */
import { writeFileSync } from "node:fs";

import { network } from "hardhat";

import { deployMarketSystem } from "../test/fixtures/market.js";
import { judge, PEERS, readBudgets, readKnownFailures } from "../test/gas/budgets.js";
import { measureLifecycle } from "../test/gas/lifecycle.js";
import { breakdown, describeBreakdown } from "../test/gas/trace.js";

const REPORT_FILE = new URL("../docs/GAS.md", import.meta.url);

/** EIP-170's limit, and the ceiling test/gas/Bytecode.size.test.ts holds every production contract to. */
const EIP170_LIMIT = 24_576;
const SIZE_CEILING = 24_000;

const connection = await network.create();
const system = await deployMarketSystem(connection);
const sizes: string[] = [];
for (const [name, contract] of Object.entries({
  ParticipantRegistry: system.registry,
  ReceivableClaim: system.claims,
  ClaimRenderer: system.renderer,
  ClaimMarket: system.market,
  GuaranteeEscrow: system.escrow,
  SealedBidAuction: system.auction,
})) {
  const size = ((await connection.ethers.provider.getCode(await contract.getAddress())).length - 2) / 2;
  sizes.push(`| ${name} | ${size.toLocaleString("en-US")} | ${(SIZE_CEILING - size).toLocaleString("en-US")} |`);
}
const steps = await measureLifecycle(system);
const budgets = readBudgets();
const known = readKnownFailures();

const number = (n: number) => n.toLocaleString("en-US");
const rows: string[] = [];
const where: string[] = [];
const problems: string[] = [];
const over: string[] = [];
for (const s of steps) {
  const b = await breakdown(connection, s.hash);
  const { over: overLine, problem } = judge(s.step, s.gas, b.newSlots, budgets, known);
  if (overLine !== undefined) over.push(overLine);
  if (problem !== undefined) problems.push(problem);
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
  "step and fails the step that uses one gas more than its budget, or writes one slot more: there is no tolerance. The",
  "steps the re-cut still leaves over their budget are known failures, listed at the end and printed OVER BUDGET.",
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
  `Deployed code of each production contract; CI fails above ${SIZE_CEILING.toLocaleString("en-US")} bytes, ` +
    `${(EIP170_LIMIT - SIZE_CEILING).toLocaleString("en-US")} bytes under EIP-170's ${EIP170_LIMIT.toLocaleString("en-US")}.`,
  "",
  "| contract | bytes | under the ceiling |",
  "|---|---:|---:|",
  ...sizes,
  "",
  "## Over budget",
  "",
  ...(over.length === 0
    ? ["Every step meets its budget."]
    : [
        "Steps still over their budget while the re-cut of issue 16 is under way. Each is a known failure: CI carries",
        "it at the figure in [gas-known-failures.json](gas-known-failures.json), fails if it gets dearer or writes",
        "more new slots, and fails once it meets its budget until it leaves that file.",
        "",
        ...over.map((p) => `- ${p}`),
      ]),
  "",
].join("\n");
writeFileSync(REPORT_FILE, report);

console.log(`| step | contract | gas used | budget | new slots (ceiling) | peer |`);
for (const row of rows) console.log(row);
console.log(`\nwrote ${REPORT_FILE.pathname}`);
if (problems.length > 0) {
  console.error(`\n${problems.join("\n")}`);
  process.exitCode = 1;
}
