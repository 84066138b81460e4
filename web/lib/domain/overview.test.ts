import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import { formatDaysToMaturity } from "./format";
import {
  attentionItems,
  describeAttention,
  paidBefore,
  pricingByTenor,
  weeklyVolume,
  type BidBrief,
  type ClaimBrief,
  type HeldBrief,
  type MarketSale,
} from "./overview";
import { DAY } from "@openfactor/sdk";

const USDC = "0x00000000000000000000000000000000000000d1" as Address;
const EURC = "0x00000000000000000000000000000000000000d2" as Address;
const NOW = BigInt(Date.UTC(2026, 10, 15) / 1000);

const sale = (price: bigint, daysAgo: bigint, tenorDays = 60n, outstanding = 10_000n, currency = USDC): MarketSale => ({
  claimId: 1n,
  currency,
  price,
  outstanding,
  dueDate: NOW - daysAgo * DAY + tenorDays * DAY,
  timestamp: NOW - daysAgo * DAY,
});

describe("weeklyVolume", () => {
  it("sums the sales of each week, the last ending now, oldest first", () => {
    const weeks = weeklyVolume(
      [
        sale(100n, 0n),
        sale(200n, 6n),
        sale(400n, 7n),
        sale(800n, 20n),
        sale(1_600n, 21n),
        sale(5n, 1n, 60n, 10n, EURC),
      ],
      USDC,
      NOW,
      3,
      "en-GB",
    );
    expect(weeks.map((w) => [w.label, w.amount, w.count])).toEqual([
      ["25 Oct", 800n, 1], // (21, 14] days ago: a sale exactly 21 days ago is before the window
      ["1 Nov", 400n, 1],
      ["8 Nov", 300n, 2],
    ]);
  });
  it("leaves out sales before the window and after now", () => {
    const weeks = weeklyVolume([sale(1n, 30n), { ...sale(2n, 0n), timestamp: NOW + 1n }], USDC, NOW, 4, "en-GB");
    expect(weeks.reduce((sum, w) => sum + w.amount, 0n)).toBe(0n);
  });
});

describe("pricingByTenor", () => {
  it("weights each sale's yield and discount by its price, per tenor rung", () => {
    // 9,800 for 10,000 in 73 days: yield 10.204 %; 9,000 for 10,000 in 73 days: yield 55.556 %.
    const rungs = pricingByTenor([sale(9_800n, 10n, 73n), sale(9_000n, 10n, 73n), sale(9_900n, 1n, 10n)]);
    expect(rungs.map((r) => r.count)).toEqual([1, 0, 2, 0, 0]);
    const y1 = (200 / 9_800) * (365 / 73);
    const y2 = (1_000 / 9_000) * (365 / 73);
    expect(rungs[2].yield).toBeCloseTo((9_800 * y1 + 9_000 * y2) / 18_800, 12);
    const d1 = (200 / 10_000) * (360 / 73);
    const d2 = (1_000 / 10_000) * (360 / 73);
    expect(rungs[2].discount).toBeCloseTo((9_800 * d1 + 9_000 * d2) / 18_800, 12);
    expect(rungs[1].yield).toBeUndefined();
  });
  it("leaves out sales that do not price", () => {
    const rungs = pricingByTenor([sale(11_000n, 1n), sale(9_000n, 10n, 0n), sale(0n, 1n)]);
    expect(rungs.every((r) => r.count === 0)).toBe(true);
  });
});

describe("paidBefore", () => {
  it("is the claim's total paid strictly before the time", () => {
    const paid = paidBefore([
      { claimId: 1n, amountPaid: 400n, timestamp: 10n },
      { claimId: 1n, amountPaid: 1_000n, timestamp: 20n },
      { claimId: 2n, amountPaid: 5n, timestamp: 1n },
    ]);
    expect(paid(1n, 10n)).toBe(0n);
    expect(paid(1n, 11n)).toBe(400n);
    expect(paid(1n, 99n)).toBe(1_000n);
    expect(paid(3n, 99n)).toBe(0n);
  });
});

describe("attentionItems", () => {
  const claim = (claimId: bigint, state: ClaimBrief["state"], dueInDays: bigint, outstanding = 1_000n): ClaimBrief => ({
    claimId,
    currency: USDC,
    dueDate: NOW + dueInDays * DAY,
    outstanding,
    state,
  });
  const held = (c: ClaimBrief, liveBids = 0, bestBid = 0n): HeldBrief => ({ ...c, liveBids, bestBid });
  const bid = (claimId: bigint, amount: bigint, live: boolean, bestOther: bigint): BidBrief => ({
    claimId,
    currency: USDC,
    amount,
    live,
    bestOther,
  });

  it("lists what needs looking at, most urgent first", () => {
    const items = attentionItems(
      {
        owed: [
          claim(1n, "Financed", 30n), // not soon: nothing
          claim(2n, "Accepted", 5n), // due soon
          claim(3n, "Overdue", -3n), // overdue
          claim(4n, "Issued", 40n), // to confirm
          claim(5n, "Settled", -10n, 0n), // paid: nothing
          claim(6n, "Disputed", -1n), // with the arbiter: nothing
        ],
        held: [
          held(claim(10n, "Financed", 3n)), // due soon
          held(claim(11n, "Defaulted", -40n)), // overdue
          held(claim(12n, "Financed", 90n), 2, 950n), // bids received
          held(claim(13n, "Financed", -1n)), // past due, not poked yet: overdue
          held(claim(14n, "Settled", -5n, 0n)), // done: nothing
        ],
        bids: [
          bid(20n, 900n, true, 950n),
          bid(21n, 900n, true, 800n),
          bid(22n, 700n, false, 0n),
          bid(23n, 0n, false, 0n),
        ],
      },
      NOW,
      14,
    );
    expect(items.map((i) => [i.kind, i.claimId])).toEqual([
      ["owed-overdue", 3n],
      ["held-overdue", 11n],
      ["held-overdue", 13n],
      ["owed-due-soon", 2n],
      ["owed-to-confirm", 4n],
      ["outbid", 20n],
      ["offers-received", 12n],
      ["held-due-soon", 10n],
      ["bid-not-live", 22n],
    ]);
    expect(items.find((i) => i.kind === "offers-received")).toMatchObject({ amount: 950n, count: 2 });
    expect(items.find((i) => i.kind === "outbid")?.amount).toBe(950n);
  });

  it("asks the originator, not the debtor, to confirm a claim the debtor issued", () => {
    const issuedByDebtor = { ...claim(7n, "Issued", 40n), issuedByDebtor: true };
    const items = attentionItems({ owed: [issuedByDebtor], held: [held(issuedByDebtor)], bids: [] }, NOW);
    expect(items.map((i) => [i.kind, i.claimId])).toEqual([["owed-to-confirm", 7n]]);
    expect(attentionItems({ owed: [issuedByDebtor], held: [], bids: [] }, NOW)).toEqual([]);
    expect(attentionItems({ owed: [], held: [held(claim(8n, "Issued", 40n))], bids: [] }, NOW)).toEqual([]);
  });

  it("is empty when nothing is due and no bid is open", () => {
    expect(attentionItems({ owed: [claim(1n, "Financed", 60n)], held: [], bids: [] }, NOW)).toEqual([]);
  });
});

describe("describeAttention", () => {
  const amount = (value: bigint) => `${value} USDC`;
  const when = (dueDate: bigint) => formatDaysToMaturity(dueDate, NOW);
  it("says each item in one sentence", () => {
    const base = { claimId: 7n, currency: USDC, amount: 1_000n };
    expect(describeAttention({ ...base, kind: "owed-overdue", dueDate: NOW - 3n * DAY }, amount, when)).toBe(
      "You owe 1000 USDC on claim #7, 3 days overdue.",
    );
    expect(describeAttention({ ...base, kind: "owed-due-soon", dueDate: NOW + 5n * DAY }, amount, when)).toBe(
      "You owe 1000 USDC on claim #7, due in 5 days.",
    );
    expect(describeAttention({ ...base, kind: "held-due-soon", dueDate: NOW }, amount, when)).toBe(
      "Claim #7, which you hold, pays 1000 USDC, due today.",
    );
    expect(describeAttention({ ...base, kind: "offers-received", count: 1 }, amount, when)).toBe(
      "1 live bid on claim #7, which you hold; the best is 1000 USDC.",
    );
    expect(describeAttention({ ...base, kind: "outbid" }, amount, when)).toBe(
      "You are outbid on claim #7: the best bid is 1000 USDC.",
    );
  });
});
