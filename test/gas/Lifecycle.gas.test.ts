/**
 * Gas budgets of every lifecycle step, measured with repeat participants (everyone has acted before, so storage
 * slots are warm in the sense that matters on chain: non-zero balances, existing array slots).
 *
 * The budgets live in docs/gas-budgets.json and the table in docs/gas.md. A step that costs more than its budget
 * fails this test: raising a budget is a deliberate, reviewed change made with `npm run gas:update`, which
 * rewrites both files from a fresh measurement.
 */
import { readFileSync, writeFileSync } from "node:fs";

import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import hre, { network } from "hardhat";

import { commitment, DAY, deploySystem, Outcome, RULES, USD, type System } from "../fixtures/system.js";

const BUDGETS_FILE = new URL("../../docs/gas-budgets.json", import.meta.url);
const TABLE_FILE = new URL("../../docs/gas.md", import.meta.url);
const UPDATE = process.env.GAS_UPDATE === "1";
/** Calldata and timestamps differ by a few zero bytes between runs; anything above this is a real change. */
const TOLERANCE = 0.002;

interface Step {
  step: string;
  contract: string;
  gas: number;
  note: string;
}

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

async function measure(s: System): Promise<Step[]> {
  const { claims, sme, debtor, factor, bank, operator, usdc } = s;
  const currency = await usdc.getAddress();
  const steps: Step[] = [];
  const record = (step: string, contract: string, gas: number, note: string) =>
    steps.push({ step, contract, gas, note });

  // Warm-up: every participant has issued, accepted, paid, received and withdrawn before.
  const warm = await s.issueAccepted();
  await claims.connect(debtor).pay(warm, 1n * USD);
  await claims.connect(sme).withdraw(currency, sme.address);
  await claims.connect(sme).transferFrom(sme.address, factor.address, warm);
  await claims.connect(debtor).pay(warm, 1n * USD);
  await claims.connect(factor).withdraw(currency, factor.address);

  const t1 = await s.terms();
  record("issue", "ReceivableClaim", await gasOf(claims.connect(sme).issue(t1, "")), "originator issues; Issued");
  const id1 = await claims.claimCount();
  record("accept", "ReceivableClaim", await gasOf(claims.connect(debtor).accept(id1)), "debtor's transaction");

  const t2 = await s.terms();
  const deadline = (await s.now()) + DAY;
  const sig2 = await s.signAcceptance(debtor, t2, deadline);
  record(
    "issueAccepted",
    "ReceivableClaim",
    await gasOf(claims.connect(sme).issueAccepted(t2, "", deadline, sig2)),
    "issue carrying the debtor's EIP-712 acceptance",
  );

  const t3 = await s.terms();
  await claims.connect(sme).issue(t3, "");
  const id3 = await claims.claimCount();
  const sig3 = await s.signAcceptance(debtor, t3, deadline);
  record(
    "acceptWithSignature",
    "ReceivableClaim",
    await gasOf(claims.connect(bank).acceptWithSignature(id3, deadline, sig3)),
    "relayed by a third party",
  );

  const t4 = await s.terms({ originator: sme.address });
  record(
    "issueByDebtor",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).issueByDebtor(t4, "")),
    "reverse factoring; Accepted at once",
  );

  record(
    "pay (partial)",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).pay(id1, 2_500n * USD)),
    "credits the holder's ledger",
  );
  record(
    "pay (full, settles)",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).pay(id1, 7_500n * USD)),
    "last instalment; Settled",
  );
  const many = [await s.issueAccepted(), await s.issueAccepted(), await s.issueAccepted()];
  record(
    "payMany (3 claims, full)",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).payMany(many, [10_000n * USD, 10_000n * USD, 10_000n * USD])),
    "three settlements in one transaction",
  );
  record(
    "withdraw",
    "ReceivableClaim",
    await gasOf(claims.connect(sme).withdraw(currency, sme.address)),
    "holder pulls everything owed in one currency",
  );

  const idT = await s.issueAccepted();
  record(
    "transferFrom",
    "ReceivableClaim",
    await gasOf(claims.connect(sme).transferFrom(sme.address, factor.address, idT)),
    "holder to a verified participant",
  );

  const idR = await s.issue();
  record("reject", "ReceivableClaim", await gasOf(claims.connect(debtor).reject(idR)), "frees the commitment");
  const idC = await s.issue();
  record("cancel", "ReceivableClaim", await gasOf(claims.connect(sme).cancel(idC)), "frees the commitment");

  const idD = await s.issueAccepted();
  record(
    "dispute",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).dispute(idD, commitment("evidence: short delivery"))),
    "freezes the claim",
  );
  record(
    "resolve (upheld)",
    "ReceivableClaim",
    await gasOf(claims.connect(operator).resolve(idD, Outcome.Upheld, 10_000n * USD)),
    "arbiter restores the claim",
  );

  const idE = await s.issue();
  const idP = await s.issueAccepted();
  await networkHelpers.time.increase(60n * DAY + BigInt(RULES.defaultGrace) + 1n);
  record("expire", "ReceivableClaim", await gasOf(claims.connect(bank).expire(idE)), "anyone, after the window");
  record(
    "poke (to Defaulted)",
    "ReceivableClaim",
    await gasOf(claims.connect(bank).poke(idP)),
    "anyone; Overdue and Defaulted in one call",
  );
  record("writeOff", "ReceivableClaim", await gasOf(claims.connect(sme).writeOff(idP)), "holder records the loss");

  return steps;
}

function table(steps: Step[]): string {
  const rows = steps.map((s) => `| ${s.step} | ${s.contract} | ${s.gas.toLocaleString("en-US")} | ${s.note} |`);
  return [
    "# Gas of the lifecycle",
    "",
    "Measured by `test/gas/Lifecycle.gas.test.ts` on Hardhat's simulated L1 (prague), with repeat participants.",
    "Each figure is the whole transaction's gas, 21,000 base included. These are budgets: the test fails if a step",
    "costs more. To change them on purpose, run `npm run gas:update` and commit both files with the reason.",
    "For per-function statistics of the whole suite run `npm run gas`.",
    "",
    "| step | contract | gas | what it does |",
    "|---|---|---:|---|",
    ...rows,
    "",
  ].join("\n");
}

describe("gas budgets of the lifecycle", () => {
  it("every step stays within its budget", async function () {
    // Coverage instrumentation adds gas to every statement: budgets only make sense on the real bytecode.
    if (hre.globalOptions.coverage) this.skip();
    const s = await networkHelpers.loadFixture(fixture);
    const steps = await measure(s);
    if (UPDATE) {
      const budgets = Object.fromEntries(steps.map((x) => [x.step, x.gas]));
      writeFileSync(BUDGETS_FILE, JSON.stringify(budgets, null, 2) + "\n");
      writeFileSync(TABLE_FILE, table(steps));
      return;
    }
    const budgets = JSON.parse(readFileSync(BUDGETS_FILE, "utf8")) as Record<string, number>;
    const over: string[] = [];
    for (const { step, gas } of steps) {
      const budget = budgets[step];
      if (budget === undefined) over.push(`${step}: no budget (run npm run gas:update)`);
      else if (gas > budget * (1 + TOLERANCE)) over.push(`${step}: ${gas} > budget ${budget}`);
    }
    expect(over, over.join("\n")).to.deep.equal([]);
    expect(Object.keys(budgets).sort()).to.deep.equal(steps.map((x) => x.step).sort());
  });
});
