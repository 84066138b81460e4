import type { Address } from "viem";
import { describe, expect, it } from "vitest";

import {
  cashFlowCalendar,
  ledgerOf,
  maturityLadder,
  returnsOf,
  tenorRung,
  withdrawalPlan,
  yieldToMaturity,
  type Position,
  type ReceiptRecord,
  type SaleRecord,
} from "./portfolio";
import { DAY } from "@openfactor/sdk";

const ME = "0x00000000000000000000000000000000000000Aa" as Address;
const SME = "0x00000000000000000000000000000000000000bB" as Address;
const BANK = "0x00000000000000000000000000000000000000cC" as Address;
const USDC = "0x00000000000000000000000000000000000000d1" as Address;
const EURC = "0x00000000000000000000000000000000000000d2" as Address;
const T0 = 1_800_000_000n;

const sale = (
  claimId: bigint,
  seller: Address,
  buyer: Address,
  price: bigint,
  fee: bigint,
  day: bigint,
): SaleRecord => ({
  claimId,
  seller,
  buyer,
  price,
  fee,
  timestamp: T0 + day * DAY,
});
const receipt = (claimId: bigint, payee: Address, amount: bigint, day: bigint): ReceiptRecord => ({
  claimId,
  payee,
  amount,
  timestamp: T0 + day * DAY,
});

describe("ledgerOf", () => {
  it("sums what the account paid and got per claim, ignoring other accounts' records", () => {
    const ledgers = ledgerOf(
      ME,
      [sale(1n, SME, ME, 9_800n, 25n, 0n), sale(1n, ME, BANK, 9_900n, 25n, 30n), sale(2n, SME, BANK, 5_000n, 0n, 1n)],
      [receipt(1n, BANK, 10_000n, 60n), receipt(3n, ME, 4_000n, 10n)],
    );
    expect(ledgers.get(1n)).toEqual({
      claimId: 1n,
      cost: 9_800n,
      proceeds: 9_875n,
      lastCost: 9_800n,
      lastBoughtAt: T0,
      receivedSinceBought: 0n,
    });
    expect(ledgers.has(2n)).toBe(false);
    // Claim 3 was never bought: an originator's own claim, paid to it.
    expect(ledgers.get(3n)).toMatchObject({ cost: 0n, proceeds: 4_000n, receivedSinceBought: 4_000n });
    expect(ledgers.get(3n)?.lastCost).toBeUndefined();
  });

  it("counts receipts since the latest purchase whatever order the records come in", () => {
    const ledgers = ledgerOf(
      ME,
      [sale(1n, BANK, ME, 7_000n, 0n, 20n), sale(1n, SME, ME, 9_000n, 0n, 0n), sale(1n, ME, BANK, 9_500n, 0n, 10n)],
      [receipt(1n, ME, 1_000n, 30n), receipt(1n, ME, 500n, 5n)],
    );
    expect(ledgers.get(1n)).toEqual({
      claimId: 1n,
      cost: 16_000n,
      proceeds: 11_000n,
      lastCost: 7_000n,
      lastBoughtAt: T0 + 20n * DAY,
      receivedSinceBought: 1_000n,
    });
  });

  it("matches addresses whatever their case", () => {
    const ledgers = ledgerOf(ME.toLowerCase() as Address, [sale(1n, SME, ME, 100n, 0n, 0n)], []);
    expect(ledgers.get(1n)?.cost).toBe(100n);
  });
});

describe("yieldToMaturity", () => {
  it("is the simple annual yield on cost, as the market prices bids", () => {
    // 9,800 for 10,000 in 73 days: 200 / 9,800 * 365 / 73 = 10.204 %.
    expect(yieldToMaturity(9_800n, 10_000n, T0, T0 + 73n * DAY)).toBeCloseTo(0.102_040_8, 6);
  });
  it("is negative when the holder collects less than it paid", () => {
    expect(yieldToMaturity(10_000n, 5_000n, T0, T0 + 365n * DAY)).toBeCloseTo(-0.5, 10);
  });
  it("is undefined without a cost or a tenor", () => {
    expect(yieldToMaturity(0n, 10_000n, T0, T0 + DAY)).toBeUndefined();
    expect(yieldToMaturity(9_000n, 10_000n, T0, T0)).toBeUndefined();
    expect(yieldToMaturity(9_000n, 10_000n, T0 + DAY, T0)).toBeUndefined();
  });
});

describe("returnsOf", () => {
  const position = (claimId: bigint, outstanding: bigint, state: Position["state"], currency = USDC): Position => ({
    claimId,
    currency,
    faceValue: 10_000n,
    outstanding,
    dueDate: T0 + 90n * DAY,
    state,
  });
  const ledgers = ledgerOf(
    ME,
    [
      sale(1n, SME, ME, 9_000n, 0n, 0n), // sold on at a profit: closed
      sale(1n, ME, BANK, 9_500n, 20n, 10n),
      sale(2n, SME, ME, 9_600n, 0n, 0n), // held, paid 4,000 of 10,000: open
      sale(3n, SME, ME, 9_700n, 0n, 0n), // held and settled: closed
      sale(4n, SME, ME, 9_000n, 0n, 0n), // written off after 1,000: closed at a loss
      sale(5n, SME, ME, 900n, 0n, 0n), // another currency
    ],
    [
      receipt(2n, ME, 4_000n, 20n),
      receipt(3n, ME, 10_000n, 30n),
      receipt(4n, ME, 1_000n, 40n),
      receipt(6n, ME, 50n, 1n),
    ],
  );
  const held = [
    position(2n, 6_000n, "Financed"),
    position(3n, 0n, "Settled"),
    position(4n, 9_000n, "WrittenOff"),
    position(5n, 1_000n, "Financed", EURC),
    position(6n, 10_000n, "Accepted"), // the account's own claim: no cost, no return
  ];
  const currencyOf = (id: bigint) => (id === 5n ? EURC : id <= 6n ? USDC : undefined);

  it("splits closed (realised) from open (expected) positions in one currency", () => {
    expect(returnsOf(ledgers, held, USDC, currencyOf)).toEqual({
      realised: 480n + 300n - 8_000n,
      expected: 4_000n + 6_000n - 9_600n,
      invested: 9_600n,
      closed: 3,
      open: 1,
    });
    expect(returnsOf(ledgers, held, EURC, currencyOf)).toEqual({
      realised: 0n,
      expected: 100n,
      invested: 900n,
      closed: 0,
      open: 1,
    });
  });
});

describe("cashFlowCalendar", () => {
  // 15 November 2026, 12:00 UTC.
  const now = BigInt(Date.UTC(2026, 10, 15, 12) / 1000);
  const at = (y: number, m: number, d: number) => BigInt(Date.UTC(y, m, d) / 1000);

  it("puts each payment in its month, past ones under Overdue and far ones under Later", () => {
    const buckets = cashFlowCalendar(
      [
        { dueDate: at(2026, 10, 1), amount: 100n }, // overdue
        { dueDate: now + 1n, amount: 200n }, // this month
        { dueDate: at(2026, 10, 30), amount: 300n },
        { dueDate: at(2026, 11, 1), amount: 400n }, // December, first second
        { dueDate: at(2027, 0, 31), amount: 500n },
        { dueDate: at(2027, 2, 1), amount: 600n }, // past the 3 months shown
        { dueDate: at(2027, 0, 5), amount: 0n }, // nothing owed: skipped
      ],
      now,
      3,
      "en-GB",
    );
    expect(buckets).toEqual([
      { label: "Overdue", overdue: true, amount: 100n, count: 1 },
      { label: "Nov 2026", overdue: false, amount: 500n, count: 2 },
      { label: "Dec 2026", overdue: false, amount: 400n, count: 1 },
      { label: "Jan 2027", overdue: false, amount: 500n, count: 1 },
      { label: "Later", overdue: false, amount: 600n, count: 1 },
    ]);
  });

  it("returns every bucket when nothing is owed", () => {
    const buckets = cashFlowCalendar([], now, 6, "en-GB");
    expect(buckets).toHaveLength(8);
    expect(buckets.every((b) => b.amount === 0n && b.count === 0)).toBe(true);
  });

  it("counts a payment due at this very second as this month, not overdue", () => {
    expect(cashFlowCalendar([{ dueDate: now, amount: 1n }], now, 1, "en-GB")[1].amount).toBe(1n);
  });
});

describe("maturityLadder", () => {
  it("buckets what is owed by remaining tenor", () => {
    const flows = [
      { dueDate: T0 - 1n, amount: 1n },
      { dueDate: T0 + DAY / 2n, amount: 2n },
      { dueDate: T0 + 30n * DAY, amount: 4n },
      { dueDate: T0 + 30n * DAY + 1n, amount: 8n },
      { dueDate: T0 + 90n * DAY, amount: 16n },
      { dueDate: T0 + 120n * DAY, amount: 32n },
      { dueDate: T0 + 400n * DAY, amount: 64n },
    ];
    expect(maturityLadder(flows, T0).map((b) => [b.label, b.amount, b.count, b.overdue])).toEqual([
      ["Overdue", 1n, 1, true],
      ["1–30 days", 6n, 2, false],
      ["31–60 days", 8n, 1, false],
      ["61–90 days", 16n, 1, false],
      ["91–180 days", 32n, 1, false],
      ["181+ days", 64n, 1, false],
    ]);
  });
});

describe("tenorRung", () => {
  it("rounds days up and finds the rung", () => {
    expect(tenorRung(0)).toBe(0);
    expect(tenorRung(30)).toBe(0);
    expect(tenorRung(30.01)).toBe(1);
    expect(tenorRung(180)).toBe(3);
    expect(tenorRung(181)).toBe(4);
  });
});

describe("withdrawalPlan", () => {
  it("keeps the ledgers owing something, claim contract first", () => {
    expect(
      withdrawalPlan([
        { source: "escrow", currency: USDC, amount: 3n },
        { source: "auction", currency: USDC, amount: 4n },
        { source: "market", currency: USDC, amount: 0n },
        { source: "claims", currency: EURC, amount: 1n },
        { source: "market", currency: EURC, amount: 2n },
      ]),
    ).toEqual([
      { source: "claims", currency: EURC, amount: 1n },
      { source: "market", currency: EURC, amount: 2n },
      { source: "auction", currency: USDC, amount: 4n },
      { source: "escrow", currency: USDC, amount: 3n },
    ]);
  });
});
