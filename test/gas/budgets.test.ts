/** The verdict the gas check gives: each way a step can fail its budget. */
import { expect } from "chai";

import { judge, knownFailureProblem, verdict } from "./budgets.js";

const budgets = { swap: { gas: 100_000, newSlots: 1 } };

describe("gas budget verdicts", () => {
  it("passes a step at or under its gas and its new slots", () => {
    expect(verdict("swap", 100_000, 1, budgets)).to.equal(undefined);
    expect(verdict("swap", 99_999, 0, budgets)).to.equal(undefined);
  });
  it("fails a step one gas over its budget: there is no tolerance", () => {
    expect(verdict("swap", 100_001, 1, budgets)).to.equal("OVER BUDGET swap: 100,001 gas > budget 100,000");
  });
  it("fails a step that writes more new slots than its ceiling, however little gas it uses", () => {
    expect(verdict("swap", 50_000, 2, budgets)).to.equal("OVER BUDGET swap: 2 new slots > 1");
  });
  it("names both excesses at once", () => {
    expect(verdict("swap", 120_000, 3, budgets)).to.equal(
      "OVER BUDGET swap: 120,000 gas > budget 100,000, 3 new slots > 1",
    );
  });
  it("fails a step without a budget", () => {
    expect(verdict("burn", 1, 0, budgets)).to.equal("burn: no budget in docs/gas-budgets.json");
  });
});

describe("known failures carried while the re-cut is under way", () => {
  const budget = { gas: 100_000, newSlots: 1 };
  it("carries a step over its budget at or under its carried figure", () => {
    expect(knownFailureProblem("swap", 110_000, budget, 110_000)).to.equal(undefined);
    expect(knownFailureProblem("swap", 100_001, budget, 110_000)).to.equal(undefined);
  });
  it("fails a carried step that got dearer than its figure", () => {
    expect(knownFailureProblem("swap", 110_001, budget, 110_000)).to.equal(
      "swap: 110001 is dearer than its carried figure 110000",
    );
  });
  it("fails a carried step that meets its budget, so that it leaves the file", () => {
    expect(knownFailureProblem("swap", 100_000, budget, 110_000)).to.match(/meets its budget 100000; remove it/);
  });
});

describe("the judgement both the CI check and npm run gas give", () => {
  const budgets = { swap: { gas: 100_000, newSlots: 1 } };
  it("fails a step over budget that is not carried, and prints it", () => {
    const line = "OVER BUDGET swap: 100,001 gas > budget 100,000";
    expect(judge("swap", 100_001, 1, budgets, {})).to.deep.equal({ over: line, problem: line });
  });
  it("prints a carried step as a known failure without failing it", () => {
    expect(judge("swap", 105_000, 1, budgets, { swap: 110_000 })).to.deep.equal({
      over: "OVER BUDGET swap: 105,000 gas > budget 100,000 (known failure, carried at 110,000)",
      problem: undefined,
    });
  });
  it("fails a carried step that writes more new slots than its ceiling", () => {
    expect(judge("swap", 105_000, 2, budgets, { swap: 110_000 }).problem).to.equal(
      "OVER BUDGET swap: 105,000 gas > budget 100,000, 2 new slots > 1",
    );
  });
  it("fails a carried step that got dearer, or met its budget", () => {
    expect(judge("swap", 110_001, 1, budgets, { swap: 110_000 }).problem).to.match(/dearer than its carried figure/);
    expect(judge("swap", 99_000, 1, budgets, { swap: 110_000 }).problem).to.match(/meets its budget/);
  });
  it("passes a step within its budget", () => {
    expect(judge("swap", 100_000, 1, budgets, {})).to.deep.equal({ over: undefined, problem: undefined });
  });
});
