/**
 * CI's gas check: every lifecycle, market, escrow and auction step (test/gas/lifecycle.ts, repeat participants,
 * receipt gas) stays within its budget in docs/gas-budgets.json: at most its gas, and no more new storage slots than
 * its ceiling (read from the transaction's opcode trace). One test per step, so that a step over its budget is a
 * failing test of its own, reported as OVER BUDGET with its figures. `npm run gas` prints the same figures and writes
 * docs/GAS.md.
 */
import { expect } from "chai";
import hre, { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { readBudgets, verdict } from "./budgets.js";
import { measureLifecycle, type Step } from "./lifecycle.js";
import { breakdown } from "./trace.js";

const connection = await network.create();
const fixture = () => deployMarketSystem(connection);
const budgets = readBudgets();
const slots = (n: number) => `${n} new slot${n === 1 ? "" : "s"}`;

describe("gas budgets of the lifecycle, the market, the escrow and the auction", () => {
  const measured = new Map<string, { gas: number; newSlots: number }>();
  let steps: Step[] = [];

  before(async function () {
    // Coverage instrumentation adds gas to every statement: budgets only make sense on the real bytecode.
    if (hre.globalOptions.coverage) this.skip();
    steps = await measureLifecycle(await connection.networkHelpers.loadFixture(fixture));
    for (const s of steps)
      measured.set(s.step, { gas: s.gas, newSlots: (await breakdown(connection, s.hash)).newSlots });
  });

  it("measures exactly the steps that have a budget", () => {
    expect(steps.map((s) => s.step).sort()).to.deep.equal(Object.keys(budgets).sort());
  });

  for (const [step, budget] of Object.entries(budgets)) {
    it(`${step}: at most ${budget.gas.toLocaleString("en-US")} gas and ${slots(budget.newSlots)}`, () => {
      const m = measured.get(step);
      expect(m, `${step} was not measured`).to.not.equal(undefined);
      if (m === undefined) return;
      expect(verdict(step, m.gas, m.newSlots, budgets)).to.equal(undefined);
    });
  }
});
