/** The verdict the gas check gives: each way a step can fail its budget. */
import { expect } from "chai";

import { verdict } from "./budgets.js";

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
