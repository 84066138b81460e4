import { describe, expect, it } from "vitest";

import {
  allows,
  CLAIM_STATES,
  CLOSED_STATES,
  CONFIRMABLE_STATES,
  COVERABLE_STATES,
  DISPUTABLE_STATES,
  ENDED_STATES,
  OWING_STATES,
  PAYABLE_STATES,
  PAYMENT_HELD_STATES,
  PERFORMING_STATES,
  SELLABLE_STATES,
  STATE_RULES,
  statesWhere,
  TRANSFERABLE_STATES,
} from "../src/index.ts";

describe("the lifecycle table", () => {
  it("has a row for every claim state, and None allows nothing", () => {
    expect(Object.keys(STATE_RULES).sort()).toEqual([...CLAIM_STATES].sort());
    expect(STATE_RULES.None).toEqual([]);
  });

  it("reads each set from the table, in the enum's order", () => {
    expect(PAYABLE_STATES).toEqual(["Accepted", "Financed", "Overdue", "Defaulted", "WrittenOff"]);
    expect(PAYMENT_HELD_STATES).toEqual(["Disputed"]);
    expect(SELLABLE_STATES).toEqual(["Accepted", "Financed"]);
    expect(DISPUTABLE_STATES).toEqual(["Accepted", "Financed", "Overdue"]);
    expect(COVERABLE_STATES).toEqual(["Accepted", "Financed", "Overdue"]);
    expect(OWING_STATES).toEqual(["Accepted", "Financed", "Overdue", "Defaulted"]);
    expect(PERFORMING_STATES).toEqual(["Accepted", "Financed"]);
    expect(ENDED_STATES).toEqual(["Settled", "Rejected", "Expired", "Cancelled", "Voided"]);
    expect(CLOSED_STATES).toEqual(["Settled", "Voided", "WrittenOff"]);
    expect(CONFIRMABLE_STATES).toEqual(["Issued"]);
  });

  it("keeps the sets consistent with each other", () => {
    const disjoint = (a: readonly string[], b: readonly string[]) => a.every((s) => !b.includes(s));
    const within = (a: readonly string[], b: readonly string[]) => a.every((s) => b.includes(s));
    // What is sold can be moved, paid, disputed and covered; it is performing.
    expect(within(SELLABLE_STATES, TRANSFERABLE_STATES)).toBe(true);
    expect(within(SELLABLE_STATES, PERFORMING_STATES)).toBe(true);
    expect(within(COVERABLE_STATES, OWING_STATES)).toBe(true);
    // On chain a claim may be paid exactly where it may move, plus Disputed (held).
    expect(PAYABLE_STATES).toEqual(TRANSFERABLE_STATES);
    // An ended claim takes no payment and never moves; a payment is either credited or held.
    expect(disjoint(ENDED_STATES, [...PAYABLE_STATES, ...PAYMENT_HELD_STATES, ...TRANSFERABLE_STATES])).toBe(true);
    expect(disjoint(PAYABLE_STATES, PAYMENT_HELD_STATES)).toBe(true);
  });

  it("answers allows() as the sets do", () => {
    for (const state of CLAIM_STATES) {
      expect(allows(state, "pay")).toBe(PAYABLE_STATES.includes(state));
      expect(allows(state, "trade")).toBe(statesWhere("trade").includes(state));
    }
  });
});
