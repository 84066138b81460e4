/** The verdict the gas check gives: each way a step can fail its budget or its exception. */
import { expect } from "chai";

import { type GasException, verdict } from "./budgets.js";

const budgets = { swap: 100_000, mint: 150_000 };
const exception: GasException = { ceiling: 200_000, writes: "six new slots", reason: "a rule" };
const exceptions = { mint: exception };

describe("gas budget verdicts", () => {
  it("passes a step within its budget, tolerance included", () => {
    expect(verdict("swap", 100_000, budgets, {}).problem).to.equal(undefined);
    expect(verdict("swap", 100_150, budgets, {}).problem).to.equal(undefined);
  });
  it("fails a step over its budget without an exception", () => {
    expect(verdict("swap", 101_000, budgets, {}).problem).to.equal("swap: 101000 > budget 100000");
  });
  it("fails a step without a budget", () => {
    expect(verdict("burn", 1, budgets, {}).problem).to.match(/no budget/);
  });
  it("passes a step over its budget but within its documented exception", () => {
    const v = verdict("mint", 199_000, budgets, exceptions);
    expect(v.problem).to.equal(undefined);
    expect(v.exception).to.equal(exception);
  });
  it("fails a step over its exception's ceiling", () => {
    expect(verdict("mint", 201_000, budgets, exceptions).problem).to.match(/> documented exception 200000/);
  });
  it("fails an exception the step no longer needs", () => {
    expect(verdict("mint", 149_000, budgets, exceptions).problem).to.match(/remove its exception/);
  });
  it("fails an exception that overstates the step's gas by more than 1 %", () => {
    expect(verdict("mint", 190_000, budgets, exceptions).problem).to.match(/lower the exception's ceiling/);
  });
});
