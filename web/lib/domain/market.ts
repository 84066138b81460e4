/**
 * The market table's pure logic: a row per claim for sale (its price as a discount and an annual yield), sorting
 * and filtering. No React, no chain: the pages read, this module computes.
 */
import type { Address } from "viem";

import { annualYield, bankDiscount, daysToMaturity, type ResultOf } from "@openfactor/sdk";

export interface MarketRow {
  id: bigint;
  debtor: Address;
  /** The debtor's display name (demo label or short address). */
  debtorName: string;
  currency: Address;
  /** The currency's symbol, when read. */
  symbol?: string;
  faceValue: bigint;
  /** What the claim still owes: what the buyer collects. */
  outstanding: bigint;
  /** The ask price, 0 for offers only. */
  ask: bigint;
  /**
   * The ask was set on an earlier state of the claim (paid, diluted, its guarantee changed since): the market refuses
   * to sell at it until the seller re-prices the listing, so the row is priced at no ask.
   */
  repriceNeeded: boolean;
  /** The best live escrowed bid, 0 if none. */
  bestBid: bigint;
  /** The price the row is priced at: the ask when there is one, else the best bid, else undefined. */
  price?: bigint;
  /** Days to maturity (with fraction; 0 once due). */
  days: number;
  /** Bank discount of `price` (fraction a year), undefined without a price or tenor. */
  discount?: number;
  /** Annual simple yield of `price` (fraction a year), undefined without a price or tenor. */
  yield?: number;
  accepted: boolean;
  guaranteed: boolean;
}

export interface RowInput {
  id: bigint;
  debtor: Address;
  debtorName: string;
  currency: Address;
  symbol?: string;
  faceValue: bigint;
  outstanding: bigint;
  dueDate: bigint;
  ask: bigint;
  /** The listing was priced on another claim nonce than the claim's current one (the lens's `repriceNeeded`). */
  repriceNeeded?: boolean;
  /** Live bid amounts on the claim. */
  bids: readonly bigint[];
  accepted: boolean;
  guaranteed: boolean;
}

/** The price as a discount and a yield, or undefined when it does not price (no price, due, above outstanding). */
export function rates(
  outstanding: bigint,
  price: bigint | undefined,
  days: number,
): { discount: number; yield: number } | undefined {
  if (price === undefined || price <= 0n || price > outstanding || !(days > 0)) return undefined;
  return { discount: bankDiscount(outstanding, price, days), yield: annualYield(outstanding, price, days) };
}

/** Builds a table row at chain time `now` (unix seconds). */
export function marketRow(input: RowInput, now: bigint): MarketRow {
  const bestBid = input.bids.reduce((best, b) => (b > best ? b : best), 0n);
  const repriceNeeded = input.ask > 0n && input.repriceNeeded === true;
  const price = repriceNeeded ? undefined : input.ask > 0n ? input.ask : bestBid > 0n ? bestBid : undefined;
  const days = daysToMaturity(input.dueDate, now);
  const r = rates(input.outstanding, price, days);
  return {
    id: input.id,
    debtor: input.debtor,
    debtorName: input.debtorName,
    currency: input.currency,
    symbol: input.symbol,
    faceValue: input.faceValue,
    outstanding: input.outstanding,
    ask: input.ask,
    repriceNeeded,
    bestBid,
    price,
    days,
    discount: r?.discount,
    yield: r?.yield,
    accepted: input.accepted,
    guaranteed: input.guaranteed,
  };
}

export type SortKey = "id" | "debtor" | "faceValue" | "price" | "discount" | "yield" | "days";
export type SortDirection = "ascending" | "descending";
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

function compareValues(a: bigint | number | string | undefined, b: bigint | number | string | undefined): number {
  if (typeof a === "string" && typeof b === "string") return a.localeCompare(b);
  if (a === b) return 0;
  return (a as bigint | number) < (b as bigint | number) ? -1 : 1;
}

const value = (row: MarketRow, key: SortKey) => (key === "debtor" ? row.debtorName : row[key]);

/**
 * The rows sorted by `sort` (a new array). Rows without a value for the key (no price) come last in both
 * directions; ties keep claim id order.
 */
export function sortRows(rows: readonly MarketRow[], sort: Sort): MarketRow[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = value(x, sort.key);
    const b = value(y, sort.key);
    if (a === undefined || b === undefined) {
      if (a !== b) return a === undefined ? 1 : -1;
    } else {
      const c = compareValues(a, b);
      if (c !== 0) return sign * c;
    }
    return compareValues(x.id, y.id);
  });
}

/** Clicking a column header: a new key sorts ascending, the same key flips the direction. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: "ascending" };
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

export interface Filter {
  /** A debtor address, or "" for every debtor. */
  debtor: string;
  /** A currency address, or "" for every currency. */
  currency: string;
  /** Least and most whole days to maturity, as typed ("" = no bound). */
  minDays: string;
  maxDays: string;
}

export const NO_FILTER: Filter = { debtor: "", currency: "", minDays: "", maxDays: "" };

const bound = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : undefined);

/** The rows the filter keeps. Days compare whole days (rounded up, as the table shows them). */
export function filterRows(rows: readonly MarketRow[], filter: Filter): MarketRow[] {
  const min = bound(filter.minDays);
  const max = bound(filter.maxDays);
  return rows.filter((row) => {
    if (filter.debtor && row.debtor.toLowerCase() !== filter.debtor.toLowerCase()) return false;
    if (filter.currency && row.currency.toLowerCase() !== filter.currency.toLowerCase()) return false;
    const days = Math.ceil(row.days);
    if (min !== undefined && days < min) return false;
    if (max !== undefined && days > max) return false;
    return true;
  });
}

/** A bid on a claim, as the market's `bidOf` reads it. */
export interface BidSeen {
  bidder: Address;
  /** Escrowed amount, currency base units. */
  amount: bigint;
  /** Unix seconds; the last second the bid can be accepted. */
  expiry: bigint;
  /** Whether the holder can accept it now. */
  live: boolean;
}

/** One `bidOf(claimId, bidder)` read. */
export interface BidQuery {
  claimId: bigint;
  bidder: Address;
}

/**
 * What to ask the market to find the bids on `claimIds`: the market keeps no list of a claim's bidders, and only
 * verified factors can bid, so every bidder is among the registry's participants (`accounts`, a list that only
 * grows): one `bidOf` per claim and participant, claim by claim.
 */
export function bidQueries(claimIds: readonly bigint[], accounts: readonly Address[]): BidQuery[] {
  return claimIds.flatMap((claimId) => accounts.map((bidder) => ({ claimId, bidder })));
}

/** `bidOf`'s answer: the stored bid (amount 0 when there is none) and whether it is live. */
export type BidAnswer = ResultOf<"market", "bidOf">;

/**
 * The bids `bidQueries` found, by claim, in the participants' order: the answers with an amount (`bidOf` reads
 * amount 0 where an account has no bid). A query not answered (undefined) is left out.
 */
export function bidsByClaim(
  queries: readonly BidQuery[],
  answers: readonly (BidAnswer | undefined)[],
): Map<bigint, BidSeen[]> {
  const byClaim = new Map<bigint, BidSeen[]>();
  queries.forEach(({ claimId, bidder }, i) => {
    const answer = answers[i];
    if (answer === undefined || answer[0].amount === 0n) return;
    const [{ amount, expiry }, live] = answer;
    byClaim.set(claimId, [...(byClaim.get(claimId) ?? []), { bidder, amount, expiry, live }]);
  });
  return byClaim;
}

/**
 * The best live bid on a claim: the highest amount among the live ones, the first in the list among equals (bids
 * are listed in the registry's participant order, see `bidsByClaim`); undefined when no bid is live.
 */
export function bestLiveBid<B extends { amount: bigint; live: boolean }>(bids: readonly B[]): B | undefined {
  let best: B | undefined;
  for (const bid of bids) if (bid.live && (best === undefined || bid.amount > best.amount)) best = bid;
  return best;
}
