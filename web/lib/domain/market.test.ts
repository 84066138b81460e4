import { describe, expect, it } from "vitest";

import {
  bestLiveBid,
  bidQueries,
  bidsByClaim,
  filterRows,
  marketRow,
  nextSort,
  NO_FILTER,
  rates,
  sortRows,
  type BidAnswer,
  type RowInput,
} from "./market";
import { DAY } from "@openfactor/sdk";

const NOW = 1_800_000_000n;
const USD = 1_000_000n;
const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";
const USDC = "0x00000000000000000000000000000000000000c1";
const EURC = "0x00000000000000000000000000000000000000c2";

const input = (over: Partial<RowInput>): RowInput => ({
  id: 1n,
  debtor: A,
  debtorName: "Northwind Retail",
  currency: USDC,
  faceValue: 10_000n * USD,
  outstanding: 10_000n * USD,
  dueDate: NOW + 90n * DAY,
  ask: 0n,
  bids: [],
  accepted: true,
  guaranteed: false,
  ...over,
});

describe("marketRow", () => {
  it("prices a listing whose ask was set on an earlier state of the claim at nothing: it needs re-pricing", () => {
    const row = marketRow(input({ ask: 9_800n * USD, outstanding: 9_850n * USD, repriceNeeded: true }), NOW);
    expect(row.repriceNeeded).toBe(true);
    expect([row.price, row.discount, row.yield]).toEqual([undefined, undefined, undefined]);
    const offersOnly = marketRow(input({ bids: [9_700n * USD], repriceNeeded: true }), NOW);
    expect([offersOnly.repriceNeeded, offersOnly.price]).toEqual([false, 9_700n * USD]); // bids carry their own nonce
  });

  it("prices at the ask when there is one, even with higher bids", () => {
    const row = marketRow(input({ ask: 9_800n * USD, bids: [9_900n * USD] }), NOW);
    expect(row.price).toBe(9_800n * USD);
    expect(row.bestBid).toBe(9_900n * USD);
    expect(row.days).toBe(90);
    // yield = 200 / 9,800 * 365 / 90; discount = 200 / 10,000 * 360 / 90
    expect(row.yield).toBeCloseTo((200 / 9_800) * (365 / 90), 10);
    expect(row.discount).toBeCloseTo(0.08, 10);
  });
  it("prices offers-only listings at the best live bid", () => {
    const row = marketRow(input({ bids: [9_700n * USD, 9_750n * USD, 9_600n * USD] }), NOW);
    expect(row.price).toBe(9_750n * USD);
  });
  it("has no price, discount or yield without an ask or a bid", () => {
    const row = marketRow(input({}), NOW);
    expect(row.price).toBeUndefined();
    expect(row.yield).toBeUndefined();
    expect(row.discount).toBeUndefined();
  });
  it("gives no rates once due or above what is owed", () => {
    expect(rates(100n, 90n, 0)).toBeUndefined();
    expect(rates(100n, 101n, 30)).toBeUndefined();
    expect(rates(100n, 0n, 30)).toBeUndefined();
  });
});

describe("sortRows", () => {
  const rows = [
    marketRow(input({ id: 1n, ask: 9_900n * USD, debtorName: "Globex", dueDate: NOW + 30n * DAY }), NOW),
    marketRow(input({ id: 2n, debtorName: "Acme" }), NOW),
    marketRow(input({ id: 3n, ask: 9_500n * USD, debtorName: "Zeta", dueDate: NOW + 60n * DAY }), NOW),
  ];
  it("sorts numbers both ways, rows without a value last", () => {
    expect(sortRows(rows, { key: "price", direction: "ascending" }).map((r) => r.id)).toEqual([3n, 1n, 2n]);
    expect(sortRows(rows, { key: "price", direction: "descending" }).map((r) => r.id)).toEqual([1n, 3n, 2n]);
    expect(sortRows(rows, { key: "yield", direction: "descending" }).map((r) => r.id)).toEqual([3n, 1n, 2n]);
  });
  it("sorts names alphabetically and ties by claim id", () => {
    expect(sortRows(rows, { key: "debtor", direction: "ascending" }).map((r) => r.id)).toEqual([2n, 1n, 3n]);
    expect(sortRows(rows, { key: "faceValue", direction: "descending" }).map((r) => r.id)).toEqual([1n, 2n, 3n]);
  });
  it("does not change the array it is given", () => {
    sortRows(rows, { key: "days", direction: "descending" });
    expect(rows.map((r) => r.id)).toEqual([1n, 2n, 3n]);
  });
  it("flips the direction on the same header, starts ascending on another", () => {
    expect(nextSort({ key: "days", direction: "ascending" }, "days")).toEqual({ key: "days", direction: "descending" });
    expect(nextSort({ key: "days", direction: "descending" }, "yield")).toEqual({
      key: "yield",
      direction: "ascending",
    });
  });
});

describe("filterRows", () => {
  const rows = [
    marketRow(input({ id: 1n, debtor: A, currency: USDC, dueDate: NOW + 30n * DAY }), NOW),
    marketRow(input({ id: 2n, debtor: B, currency: EURC, dueDate: NOW + 60n * DAY - 3_600n }), NOW),
    marketRow(input({ id: 3n, debtor: B, currency: USDC, dueDate: NOW + 120n * DAY }), NOW),
  ];
  const ids = (f: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...f }).map((r) => r.id);
  it("keeps everything without a filter", () => expect(ids({})).toEqual([1n, 2n, 3n]));
  it("filters by debtor and currency, whatever the address case", () => {
    expect(ids({ debtor: B.toUpperCase().replace("0X", "0x") })).toEqual([2n, 3n]);
    expect(ids({ currency: USDC })).toEqual([1n, 3n]);
    expect(ids({ debtor: B, currency: USDC })).toEqual([3n]);
  });
  it("bounds whole days to maturity, inclusive, rounded up as shown", () => {
    expect(ids({ minDays: "60" })).toEqual([2n, 3n]);
    expect(ids({ maxDays: "60" })).toEqual([1n, 2n]);
    expect(ids({ minDays: "31", maxDays: "119" })).toEqual([2n]);
  });
  it("ignores bounds that are not whole numbers", () =>
    expect(ids({ minDays: "abc", maxDays: "" })).toEqual([1n, 2n, 3n]));
});

describe("bestLiveBid", () => {
  const bid = (bidder: string, amount: bigint, live = true) => ({ bidder, amount: amount * USD, live });
  it("is the highest live bid, ignoring higher dead ones", () => {
    const bids = [bid("a", 9_700n), bid("b", 9_900n, false), bid("c", 9_800n)];
    expect(bestLiveBid(bids)?.bidder).toBe("c");
  });
  it("keeps the first listed among equal bids", () => {
    expect(bestLiveBid([bid("a", 9_800n), bid("b", 9_800n)])?.bidder).toBe("a");
  });
  it("is undefined when no bid is live", () => {
    expect(bestLiveBid([bid("a", 9_800n, false)])).toBeUndefined();
    expect(bestLiveBid([])).toBeUndefined();
  });
});

describe("bidQueries and bidsByClaim", () => {
  const [ann, bob, cid] = ["0xa", "0xb", "0xc"] as const;
  /** `bidOf`'s answer for a bid of `amount` until `expiry` (on claim nonce 1, in currency 1). */
  const answer = (amount: bigint, expiry: bigint, live: boolean): BidAnswer => [
    { amount, expiry, claimNonce: 1n, currencyId: 1 },
    live,
  ];
  it("asks every participant about every claim, claim by claim", () => {
    expect(bidQueries([7n, 9n], [ann, bob])).toEqual([
      { claimId: 7n, bidder: ann },
      { claimId: 7n, bidder: bob },
      { claimId: 9n, bidder: ann },
      { claimId: 9n, bidder: bob },
    ]);
    expect(bidQueries([], [ann])).toEqual([]);
    expect(bidQueries([7n], [])).toEqual([]);
  });

  it("keeps the answers with an amount, live or not, by claim in the participants' order", () => {
    const queries = bidQueries([7n, 9n], [ann, bob, cid]);
    const none = answer(0n, 0n, false);
    const answers: (BidAnswer | undefined)[] = [
      answer(9_800n, 100n, true),
      none,
      answer(9_900n, 50n, false),
      none,
      none,
      none,
    ];
    const found = bidsByClaim(queries, answers);
    expect([...found.keys()]).toEqual([7n]);
    expect(found.get(7n)).toEqual([
      { bidder: ann, amount: 9_800n, expiry: 100n, live: true },
      { bidder: cid, amount: 9_900n, expiry: 50n, live: false },
    ]);
    expect(bestLiveBid(found.get(7n) ?? [])?.bidder).toBe(ann);
  });

  it("leaves out the queries not answered", () => {
    const queries = bidQueries([7n], [ann, bob]);
    const found = bidsByClaim(queries, [undefined, answer(1n, 1n, true)]);
    expect(found.get(7n)?.map((b) => b.bidder)).toEqual([bob]);
  });
});
