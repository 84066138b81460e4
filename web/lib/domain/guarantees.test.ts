import { describe, expect, it } from "vitest";
import type { Address } from "viem";

import { DAY, premiumForRate, premiumRate } from "@openfactor/sdk";
import {
  callDeadlineOf,
  callTerms,
  coverable,
  exposureByDebtor,
  filterCandidates,
  guaranteeRate,
  NO_CANDIDATE_FILTER,
  offerOpen,
  recoveryShares,
  releasableByAnyone,
  toGuaranteeView,
  type CallInput,
  type CandidateRow,
  type GuaranteeView,
} from "./guarantees";

const NOW = 1_800_000_000n;
const USD = 1_000_000n;
const NORTHWIND = "0x00000000000000000000000000000000000000d1" as Address;
const GLOBEX = "0x00000000000000000000000000000000000000d2" as Address;
const ATLAS = "0x00000000000000000000000000000000000000a7" as Address;
const USDC = "0x00000000000000000000000000000000000000c1" as Address;
const EURC = "0x00000000000000000000000000000000000000c2" as Address;

const guarantee = (over: Partial<GuaranteeView>): GuaranteeView => ({
  id: 1n,
  guarantor: ATLAS,
  offerExpiry: NOW + 7n * DAY,
  status: "Offered",
  claimId: 1n,
  cover: 8_000n * USD,
  premium: 30n * USD,
  currency: USDC,
  activatedAt: 0n,
  ...over,
});

describe("premiumRate and premiumForRate", () => {
  it("annualises the premium on the cover over the days it runs", () => {
    // 30 on 8,000 for 73 days: 0.375 % for a fifth of a year, 1.875 % a year.
    expect(premiumRate(8_000n * USD, 30n * USD, 73)).toBeCloseTo(0.01875, 12);
    expect(premiumRate(1_000n, 0n, 10)).toBe(0);
  });
  it("refuses a zero cover and a tenor that is not positive", () => {
    expect(() => premiumRate(0n, 1n, 10)).toThrow(RangeError);
    expect(() => premiumRate(1n, 1n, 0)).toThrow(RangeError);
  });
  it("inverts the rate exactly, rounding the premium down", () => {
    // 8,000 USD at 150 bps for 73 days = 24 USD exactly.
    expect(premiumForRate(8_000n * USD, 150n, 73n * DAY)).toBe(24n * USD);
    // One base unit less than exact is what floor gives: 1 unit at 1 bps for a year is 0.0001 units.
    expect(premiumForRate(1n, 1n, 365n * DAY)).toBe(0n);
    const premium = premiumForRate(12_345_678_901n, 237n, 41n * DAY + 5n);
    expect(premiumRate(12_345_678_901n, premium, Number(41n * DAY + 5n) / 86_400)).toBeCloseTo(0.0237, 8);
  });
});

describe("guaranteeRate", () => {
  it("prices an offer from now and an active guarantee from its activation", () => {
    const due = NOW + 73n * DAY;
    expect(guaranteeRate(guarantee({}), due, NOW)).toBeCloseTo(0.01875, 12);
    const active = guarantee({ status: "Active", activatedAt: NOW - 73n * DAY });
    // Activated 146 days before the due date: half the rate, whatever `now` is.
    expect(guaranteeRate(active, due, NOW + 50n * DAY)).toBeCloseTo(0.009375, 12);
  });
  it("has no rate once the claim is due", () => {
    expect(guaranteeRate(guarantee({}), NOW, NOW)).toBeUndefined();
    expect(guaranteeRate(guarantee({}), NOW - DAY, NOW)).toBeUndefined();
  });
});

describe("toGuaranteeView and offerOpen", () => {
  it("names the status and opens an offer until its expiry, inclusive", () => {
    const g = toGuaranteeView(4n, { ...guarantee({}), status: 1 });
    expect(g.status).toBe("Offered");
    expect(g.id).toBe(4n);
    expect(offerOpen(g, g.offerExpiry)).toBe(true);
    expect(offerOpen(g, g.offerExpiry + 1n)).toBe(false);
    expect(offerOpen({ ...g, status: "Withdrawn" }, NOW)).toBe(false);
    expect(offerOpen(g, undefined)).toBe(false);
    expect(toGuaranteeView(5n, { ...guarantee({}), status: 5 }).status).toBe("Called");
  });
});

describe("coverable", () => {
  const due = NOW;
  const grace = 30n * DAY;
  it("allows live claims up to the last second of the default grace", () => {
    expect(coverable("Financed", due, grace, due + grace)).toBe(true);
    expect(coverable("Overdue", due, grace, due + grace + 1n)).toBe(false);
  });
  it("refuses claims in other states", () => {
    for (const state of ["Issued", "Defaulted", "Disputed", "Settled", "WrittenOff"] as const)
      expect(coverable(state, due, grace, NOW - DAY)).toBe(false);
  });
});

describe("callTerms", () => {
  const base: CallInput = {
    cover: 8_000n * USD,
    outstanding: 10_000n * USD,
    state: "Financed",
    dueDate: NOW,
    defaultGrace: 30n * DAY,
    claimWindow: 90n * DAY,
    now: NOW + DAY,
  };
  it("credits min(cover, outstanding) and returns the rest of the cover", () => {
    const partial = callTerms({ ...base, state: "Defaulted", now: NOW + 40n * DAY });
    expect(partial).toMatchObject({ paid: 8_000n * USD, returned: 0n, fullCover: false, window: "open" });
    const over = callTerms({ ...base, cover: 10_000n * USD, outstanding: 7_500n * USD, state: "Defaulted" });
    expect(over).toMatchObject({ paid: 7_500n * USD, returned: 2_500n * USD, fullCover: true });
    const exact = callTerms({ ...base, cover: 10_000n * USD, state: "WrittenOff" });
    expect(exact).toMatchObject({ paid: 10_000n * USD, returned: 0n, fullCover: true });
  });
  it("ends the cover at due date + grace + window, inclusive, whether or not the default was declared", () => {
    const end = NOW + 30n * DAY + 90n * DAY;
    expect(callDeadlineOf(NOW, 30n * DAY, 90n * DAY)).toBe(end);
    for (const state of ["Defaulted", "WrittenOff", "Overdue", "Financed", "Accepted"] as const) {
      expect(callTerms({ ...base, state, now: end })).toMatchObject({ window: "open", deadline: end });
      expect(callTerms({ ...base, state, now: end + 1n })).toMatchObject({ window: "closed", deadline: end });
    }
  });
  it("is early until the grace has run out, then a call declares the default itself", () => {
    expect(callTerms({ ...base, state: "Overdue", now: NOW + 30n * DAY })).toMatchObject({
      window: "early",
      opensAfter: NOW + 30n * DAY,
      deadline: NOW + 120n * DAY,
    });
    const now = NOW + 30n * DAY + 1n;
    expect(callTerms({ ...base, state: "Overdue", now })).toMatchObject({ window: "open", deadline: NOW + 120n * DAY });
    expect(callTerms({ ...base, state: "Financed", now }).window).toBe("open");
  });
  it("never opens on settled, voided or disputed claims", () => {
    for (const state of ["Settled", "Voided", "Disputed"] as const)
      expect(callTerms({ ...base, state, now: NOW + 60n * DAY }).window).toBe("never");
  });
});

describe("releasableByAnyone", () => {
  it("releases settled and voided claims, and any other once the cover has ended, unless disputed", () => {
    expect(releasableByAnyone("Settled", NOW, NOW)).toBe(true);
    expect(releasableByAnyone("Voided", NOW, NOW)).toBe(true);
    for (const state of ["Defaulted", "WrittenOff", "Overdue", "Financed", "Accepted"] as const) {
      expect(releasableByAnyone(state, NOW, NOW)).toBe(false);
      expect(releasableByAnyone(state, NOW, NOW + 1n)).toBe(true);
    }
    expect(releasableByAnyone("Disputed", NOW, NOW + 1n)).toBe(false);
  });
});

describe("exposureByDebtor", () => {
  it("sums active and offered cover by debtor and currency, largest first, ignoring ended guarantees", () => {
    const rows = exposureByDebtor([
      { debtor: NORTHWIND, guarantee: guarantee({ status: "Active", cover: 8_000n * USD }) },
      { debtor: NORTHWIND, guarantee: guarantee({ status: "Offered", cover: 1_000n * USD }) },
      { debtor: NORTHWIND, guarantee: guarantee({ status: "Withdrawn", cover: 5_000n * USD }) },
      { debtor: NORTHWIND, guarantee: guarantee({ status: "Called", cover: 5_000n * USD }) },
      { debtor: NORTHWIND, guarantee: guarantee({ status: "Released", cover: 5_000n * USD }) },
      { debtor: NORTHWIND, guarantee: guarantee({ status: "Active", cover: 2_000n * USD, currency: EURC }) },
      { debtor: GLOBEX, guarantee: guarantee({ status: "Active", cover: 12_000n * USD }) },
    ]);
    expect(rows).toEqual([
      { debtor: GLOBEX, currency: USDC, active: 12_000n * USD, offered: 0n, total: 12_000n * USD, count: 1 },
      { debtor: NORTHWIND, currency: USDC, active: 8_000n * USD, offered: 1_000n * USD, total: 9_000n * USD, count: 2 },
      { debtor: NORTHWIND, currency: EURC, active: 2_000n * USD, offered: 0n, total: 2_000n * USD, count: 1 },
    ]);
  });
  it("is empty without live collateral", () => {
    expect(exposureByDebtor([{ debtor: GLOBEX, guarantee: guarantee({ status: "Released" }) }])).toEqual([]);
  });
});

describe("filterCandidates", () => {
  const row = (id: bigint, debtor: Address, outstanding: bigint, days: number): CandidateRow => ({
    id,
    debtor,
    currency: USDC,
    outstanding,
    dueDate: NOW + BigInt(Math.round(days * 86_400)),
    days,
    decimals: 6,
  });
  const rows = [
    row(1n, NORTHWIND, 5_000n * USD, 10.2),
    row(2n, GLOBEX, 50_000n * USD, 60),
    row(3n, NORTHWIND, 20_000n * USD, 90),
  ];
  const ids = (f: Partial<typeof NO_CANDIDATE_FILTER>) =>
    filterCandidates(rows, { ...NO_CANDIDATE_FILTER, ...f }).map((r) => r.id);
  it("filters by debtor, whole days to maturity and outstanding size, bounds inclusive", () => {
    expect(ids({})).toEqual([1n, 2n, 3n]);
    expect(ids({ debtor: NORTHWIND.toUpperCase().replace("0X", "0x") })).toEqual([1n, 3n]);
    expect(ids({ minDays: "11", maxDays: "60" })).toEqual([1n, 2n]);
    expect(ids({ maxDays: "10" })).toEqual([]);
    expect(ids({ minSize: "20,000" })).toEqual([2n, 3n]);
    expect(ids({ minSize: "5000", maxSize: "20000.00" })).toEqual([1n, 3n]);
    expect(ids({ maxSize: "4999.999999" })).toEqual([]);
  });
  it("ignores bounds that are not numbers", () => {
    expect(ids({ minDays: "soon", minSize: "lots" })).toEqual([1n, 2n, 3n]);
  });
});

describe("recoveryShares", () => {
  it("splits later payments in proportion to what each bore at the call", () => {
    expect(recoveryShares({ covered: 8_000n * USD, outstandingAtCall: 10_000n * USD })).toEqual({
      guarantor: 0.8,
      holder: expect.closeTo(0.2, 12),
    });
    expect(recoveryShares({ covered: 0n, outstandingAtCall: 0n })).toEqual({ guarantor: 0, holder: 0 });
  });
});
