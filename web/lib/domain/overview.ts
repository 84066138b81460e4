/**
 * The overview's pure logic: the market's figures (volume sold per week, yield and discount by tenor at the sale)
 * and what the connected party should look at now (payments due or overdue, claims held that fall due, bids
 * received, bids outbid). No React, no chain: the home page reads, this module computes. Amounts are bigints in the
 * currency's base units; times are unix seconds.
 */
import type { Address } from "viem";

import {
  annualYield,
  bankDiscount,
  type ClaimStateName,
  DAY,
  OWING_STATES,
  PERFORMING_STATES,
  WEEK,
} from "@openfactor/sdk";
import { TENOR_RUNGS, tenorRung } from "./portfolio";

/** A sale as the market figures need it. */
export interface MarketSale {
  claimId: bigint;
  currency: Address;
  price: bigint;
  /** What the claim still owed when it was sold (what the buyer was to collect). */
  outstanding: bigint;
  dueDate: bigint;
  timestamp: bigint;
}

export interface VolumeBucket {
  /** The week's first day ("3 Nov"). */
  label: string;
  from: bigint;
  amount: bigint;
  count: number;
}

/**
 * Volume sold in `currency` per week, over the `weeks` weeks that end at `now` (oldest first; a week is the seven
 * days before the next one's start, the last ending at `now`). Sales outside the window are left out.
 */
export function weeklyVolume(
  sales: readonly MarketSale[],
  currency: Address,
  now: bigint,
  weeks = 12,
  locale?: string,
): VolumeBucket[] {
  const start = now - BigInt(weeks) * WEEK;
  const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  const buckets: VolumeBucket[] = Array.from({ length: weeks }, (_, i) => {
    const from = start + BigInt(i) * WEEK;
    return { label: day.format(new Date(Number(from) * 1000)), from, amount: 0n, count: 0 };
  });
  for (const s of sales) {
    if (s.currency.toLowerCase() !== currency.toLowerCase() || s.timestamp <= start || s.timestamp > now) continue;
    // (start, start + 1 week] is the first week: a sale at `now` falls in the last.
    const index = Number((s.timestamp - start - 1n) / WEEK);
    buckets[index].amount += s.price;
    buckets[index].count++;
  }
  return buckets;
}

export interface TenorPricing {
  /** The rung of remaining tenor at the sale (TENOR_RUNGS). */
  label: string;
  count: number;
  /** Price-weighted mean annual yield of the sales in the rung; undefined when none. */
  yield?: number;
  /** Price-weighted mean bank discount; undefined when none. */
  discount?: number;
}

/**
 * The yield and the bank discount buyers paid, by remaining tenor at the sale (the rungs of TENOR_RUNGS), each a
 * mean weighted by price (so a large claim counts for more than a small one). Sales of a due claim, or above what it
 * owed, do not price and are left out.
 */
export function pricingByTenor(sales: readonly MarketSale[]): TenorPricing[] {
  const sums = TENOR_RUNGS.map(() => ({ count: 0, weight: 0, yieldSum: 0, discountSum: 0 }));
  for (const s of sales) {
    if (s.dueDate <= s.timestamp || s.price <= 0n || s.price > s.outstanding) continue;
    const days = Number(s.dueDate - s.timestamp) / Number(DAY);
    const sum = sums[tenorRung(days)];
    const weight = Number(s.price);
    sum.count++;
    sum.weight += weight;
    sum.yieldSum += weight * annualYield(s.outstanding, s.price, days);
    sum.discountSum += weight * bankDiscount(s.outstanding, s.price, days);
  }
  return TENOR_RUNGS.map((rung, i) => {
    const s = sums[i];
    return s.count === 0
      ? { label: rung.label, count: 0 }
      : { label: rung.label, count: s.count, yield: s.yieldSum / s.weight, discount: s.discountSum / s.weight };
  });
}

/** A payment on a claim, from `PaymentReceived` (`amountPaid` is the claim's total paid after it). */
export interface PaidMark {
  claimId: bigint;
  amountPaid: bigint;
  timestamp: bigint;
}

/**
 * What had been paid on each claim by a given time, from its payments: `paidBefore(claimId, t)` is the total paid
 * strictly before `t` (0 if nothing). Sales read the outstanding amount at the sale from it.
 */
export function paidBefore(payments: readonly PaidMark[]): (claimId: bigint, at: bigint) => bigint {
  const byClaim = new Map<bigint, PaidMark[]>();
  for (const p of payments) byClaim.set(p.claimId, [...(byClaim.get(p.claimId) ?? []), p]);
  return (claimId, at) =>
    (byClaim.get(claimId) ?? []).reduce(
      (paid, p) => (p.timestamp < at && p.amountPaid > paid ? p.amountPaid : paid),
      0n,
    );
}

// ---------------------------------------------------------------- what to look at now

/** A claim as the attention list needs it. */
export interface ClaimBrief {
  claimId: bigint;
  currency: Address;
  dueDate: bigint;
  outstanding: bigint;
  state: ClaimStateName;
  /** The debtor issued it: its originator, not its debtor, confirms it. */
  issuedByDebtor?: boolean;
}

/** A claim the party holds, with the live bids on it. */
export interface HeldBrief extends ClaimBrief {
  liveBids: number;
  /** The highest live bid, 0 if none. */
  bestBid: bigint;
}

/** A bid the party placed. */
export interface BidBrief {
  claimId: bigint;
  currency: Address;
  amount: bigint;
  /** Whether the bid can still be accepted (not expired, claim unchanged since it was placed). */
  live: boolean;
  /** The highest other live bid on the claim, 0 if none. */
  bestOther: bigint;
}

export type AttentionKind =
  | "owed-overdue"
  | "owed-due-soon"
  | "owed-to-confirm"
  | "held-overdue"
  | "held-due-soon"
  | "offers-received"
  | "outbid"
  | "bid-not-live";

export interface AttentionItem {
  kind: AttentionKind;
  claimId: bigint;
  currency: Address;
  /** The sum concerned: what is owed, the best bid received, the bid that beats the party's. */
  amount: bigint;
  dueDate?: bigint;
  /** Live bids received (offers-received). */
  count?: number;
}

/** How urgent each kind is: lower first. */
const URGENCY: AttentionKind[] = [
  "owed-overdue",
  "held-overdue",
  "owed-due-soon",
  "owed-to-confirm",
  "outbid",
  "offers-received",
  "held-due-soon",
  "bid-not-live",
];

/**
 * What the party should look at now, most urgent first (then by due date): as a debtor, claims overdue, due within
 * `soonDays` or waiting for its confirmation; as a holder, claims overdue or defaulted, falling due within
 * `soonDays`, or with live bids to consider; as a bidder, bids another bidder beats and bids that can no longer be
 * accepted (to cancel, which pays the escrow straight back).
 */
export function attentionItems(
  input: { owed: readonly ClaimBrief[]; held: readonly HeldBrief[]; bids: readonly BidBrief[] },
  now: bigint,
  soonDays = 14,
): AttentionItem[] {
  const soon = now + BigInt(soonDays) * DAY;
  const items: AttentionItem[] = [];
  for (const c of input.owed) {
    const base = { claimId: c.claimId, currency: c.currency, amount: c.outstanding, dueDate: c.dueDate };
    // An Issued claim waits for the debtor's confirmation, unless the debtor issued it (the originator confirms).
    if (c.state === "Issued") {
      if (!c.issuedByDebtor) items.push({ ...base, kind: "owed-to-confirm" });
    } else if (!OWING_STATES.includes(c.state) || c.outstanding === 0n) continue;
    else if (c.dueDate < now) items.push({ ...base, kind: "owed-overdue" });
    else if (c.dueDate <= soon) items.push({ ...base, kind: "owed-due-soon" });
  }
  for (const c of input.held) {
    const base = { claimId: c.claimId, currency: c.currency, amount: c.outstanding, dueDate: c.dueDate };
    // A claim its debtor issued waits for the holder's (the originator's) confirmation.
    if (c.state === "Issued" && c.issuedByDebtor) items.push({ ...base, kind: "owed-to-confirm" });
    const late =
      c.state === "Overdue" || c.state === "Defaulted" || (PERFORMING_STATES.includes(c.state) && c.dueDate < now);
    if (late && c.outstanding > 0n) items.push({ ...base, kind: "held-overdue" });
    else if (PERFORMING_STATES.includes(c.state) && c.outstanding > 0n && c.dueDate <= soon)
      items.push({ ...base, kind: "held-due-soon" });
    if (c.liveBids > 0) items.push({ ...base, kind: "offers-received", amount: c.bestBid, count: c.liveBids });
  }
  for (const b of input.bids) {
    if (b.amount === 0n) continue;
    if (!b.live) items.push({ kind: "bid-not-live", claimId: b.claimId, currency: b.currency, amount: b.amount });
    else if (b.bestOther > b.amount)
      items.push({ kind: "outbid", claimId: b.claimId, currency: b.currency, amount: b.bestOther });
  }
  const due = (i: AttentionItem) => i.dueDate ?? 2n ** 64n;
  return items.sort((a, b) => {
    const u = URGENCY.indexOf(a.kind) - URGENCY.indexOf(b.kind);
    if (u !== 0) return u;
    if (due(a) !== due(b)) return due(a) < due(b) ? -1 : 1;
    return a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0;
  });
}

/** An attention item in words, with `amount` formatting its sum and `when` its due date relative to now. */
export function describeAttention(
  item: AttentionItem,
  amount: (value: bigint, currency: Address) => string,
  when: (dueDate: bigint) => string,
): string {
  const sum = amount(item.amount, item.currency);
  // `when` says "in 5 days", "due today" or "3 days overdue": "due" is added only where it is missing.
  const relative = item.dueDate === undefined ? "" : when(item.dueDate);
  const due = /^in /.test(relative) ? `due ${relative}` : relative;
  switch (item.kind) {
    case "owed-overdue":
    case "owed-due-soon":
      return `You owe ${sum} on claim #${item.claimId}, ${due}.`;
    case "owed-to-confirm":
      return `Claim #${item.claimId} for ${sum} waits for your confirmation.`;
    case "held-overdue":
      return `Claim #${item.claimId}, which you hold, is unpaid: ${sum} outstanding, ${due}.`;
    case "held-due-soon":
      return `Claim #${item.claimId}, which you hold, pays ${sum}, ${due}.`;
    case "offers-received":
      return `${item.count} live bid${item.count === 1 ? "" : "s"} on claim #${item.claimId}, which you hold; the best is ${sum}.`;
    case "outbid":
      return `You are outbid on claim #${item.claimId}: the best bid is ${sum}.`;
    case "bid-not-live":
      return `Your bid of ${sum} on claim #${item.claimId} can no longer be accepted: cancel it to get the money back.`;
  }
}
