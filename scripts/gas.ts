/**
 * `npm run gas`: the lifecycle gas benchmark. Plays every step once with repeat participants on a fresh simulated
 * chain (test/gas/lifecycle.ts), traces each transaction to show where its gas goes, prints the table and writes
 * docs/GAS.md. The budgets are docs/gas-budgets.json, the documented exceptions docs/gas-exceptions.json; CI's
 * check is test/gas/Lifecycle.gas.test.ts. Exits non-zero when a step fails its budget, as CI would.
 */
import { writeFileSync } from "node:fs";

import { network } from "hardhat";

import { deployMarketSystem } from "../test/fixtures/market.js";
import { PEERS, readBudgets, readExceptions, verdict } from "../test/gas/budgets.js";
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
const exceptions = readExceptions();

const number = (n: number) => n.toLocaleString("en-US");
const rows: string[] = [];
const where: string[] = [];
const notes: string[] = [];
const problems: string[] = [];
for (const s of steps) {
  const { budget, exception, problem } = verdict(s.step, s.gas, budgets, exceptions);
  if (problem !== undefined) problems.push(problem);
  const peer = PEERS[s.step];
  const budgetCell =
    budget === undefined ? "—" : exception === undefined ? number(budget) : `${number(budget)} (exception, below)`;
  const peerCell = peer === undefined ? "—" : `${peer.label} ≈ ${number(peer.gas)}`;
  rows.push(`| ${s.step} | ${s.contract} | ${number(s.gas)} | ${budgetCell} | ${peerCell} |`);
  where.push(`| ${s.step} | ${s.note} | ${describeBreakdown(await breakdown(connection, s.hash))} |`);
  if (exception !== undefined) {
    notes.push(
      `- **${s.step}**: budget ${number(budget ?? 0)}, measured ${number(s.gas)}, allowed up to ` +
        `${number(exception.ceiling)}. ${exception.writes} ${exception.reason}`,
    );
  }
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
  "The budgets are [gas-budgets.json](gas-budgets.json); a step the design cannot bring within its budget has a",
  "documented exception in [gas-exceptions.json](gas-exceptions.json), explained in the closing note.",
  "`test/gas/Lifecycle.gas.test.ts` fails CI when a step exceeds its budget (or its exception's ceiling), when an",
  "exception is no longer needed, and when one overstates the step's gas. `test/gas/Bytecode.size.test.ts` reports",
  "each contract's size and fails above 24,000 bytes (576 bytes under the 24,576-byte limit of EIP-170).",
  "`npm run gas:stats` gives Hardhat's per-function statistics over the whole test suite.",
  "",
  "| step | contract | gas used | budget | nearest peer figure |",
  "|---|---|---:|---:|---|",
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
  "## Closing note: budgets the design cannot meet",
  "",
  ...(notes.length === 0 ? ["Every step meets its budget."] : notes),
  "",
].join("\n");
writeFileSync(REPORT_FILE, report);

console.log(`| step | contract | gas used | budget | peer |`);
for (const row of rows) console.log(row);
console.log(`\nwrote ${REPORT_FILE.pathname}`);
if (problems.length > 0) {
  console.error(`\n${problems.join("\n")}`);
  process.exitCode = 1;
}
