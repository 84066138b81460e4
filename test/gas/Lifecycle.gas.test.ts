/**
 * CI's gas check: every lifecycle, market and escrow step (test/gas/lifecycle.ts, repeat participants, receipt gas)
 * stays within its budget in docs/gas-budgets.json, or within the ceiling of its documented exception in
 * docs/gas-exceptions.json; an exception the step no longer needs, or one that overstates the step's gas, fails too,
 * so the exceptions cannot go stale. `npm run gas` prints the same figures and writes docs/GAS.md.
 */
import { expect } from "chai";
import hre, { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { readBudgets, readExceptions, verdict } from "./budgets.js";
import { measureLifecycle } from "./lifecycle.js";

const connection = await network.create();
const fixture = () => deployMarketSystem(connection);

describe("gas budgets of the lifecycle, the market and the escrow", () => {
  it("every step stays within its budget or its documented exception, and no exception is stale", async function () {
    // Coverage instrumentation adds gas to every statement: budgets only make sense on the real bytecode.
    if (hre.globalOptions.coverage) this.skip();
    const steps = await measureLifecycle(await connection.networkHelpers.loadFixture(fixture));
    const budgets = readBudgets();
    const exceptions = readExceptions();
    const problems = steps.map(({ step, gas }) => verdict(step, gas, budgets, exceptions).problem);
    expect(problems.filter((p) => p !== undefined).join("\n")).to.equal("");
    const names = steps.map((x) => x.step).sort();
    expect(Object.keys(budgets).sort(), "budgets without a step").to.deep.equal(names);
    const orphans = Object.keys(exceptions).filter((name) => !names.includes(name));
    expect(orphans, "exceptions without a step").to.deep.equal([]);
  });
});
