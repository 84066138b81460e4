/**
 * The portfolio's pure logic: what an account paid for its claims and got back (from the contracts' events), yield
 * to maturity on cost, realised and expected returns, the cash-flow calendar and the maturity ladder. No React, no
 * chain: the pages read events and claims, this module computes. Amounts are bigints in the currency's base units;
 * times are unix seconds; a position's figures are in its claim's currency (callers group by currency).
 */
import type { Address } from "viem";

import { type ClaimStateName, CLOSED_STATES, DAY } from "@openfactor/sdk";

/** A sale, from the market's `ClaimSold` event. */
export interface SaleRecord {
  claimId: bigint;
  seller: Address;
  buyer: Address;
  /** What the buyer paid. */
  price: bigint;
  /** The treasury's share of the price; the seller got `price - fee`. */
  fee: bigint;
  timestamp: bigint;
}

/** Money an account received on a claim it held: a payment (`PaymentReceived`) or a guarantee call (`GuaranteeCalled`). */
export interface ReceiptRecord {
  claimId: bigint;
  /** The holder of record that was credited. */
  payee: Address;
  amount: bigint;
  timestamp: bigint;
}

/** One claim as one account traded it: every purchase, sale and receipt, summed. */
export interface ClaimLedger {
  claimId: bigint;
  /** What the account paid for the claim, over every purchase. */
  cost: bigint;
  /** What the account got for it: sale proceeds net of the fee, payments and guarantee calls received. */
  proceeds: bigint;
  /** The price of the latest purchase, and when it was (undefined if the account never bought the claim). */
  lastCost?: bigint;
  lastBoughtAt?: bigint;
  /** Payments and calls received since the latest purchase (all of them if never bought). */
  receivedSinceBought: bigint;
}

const same = (a: Address, b: Address) => a.toLowerCase() === b.toLowerCase();

/**
 * The account's ledger per claim from the sales and receipts it took part in (the records may include others':
 * they are filtered here). Records are taken in time order; a claim the account never bought (an SME's own claim)
 * has cost 0 and no `lastCost`.
 */
export function ledgerOf(
  account: Address,
  sales: readonly SaleRecord[],
  receipts: readonly ReceiptRecord[],
): Map<bigint, ClaimLedger> {
  const ledgers = new Map<bigint, ClaimLedger>();
  const entry = (claimId: bigint) => {
    let l = ledgers.get(claimId);
    if (l === undefined) {
      l = { claimId, cost: 0n, proceeds: 0n, receivedSinceBought: 0n };
      ledgers.set(claimId, l);
    }
    return l;
  };
  type Step = { at: bigint; order: number; apply: () => void };
  const steps: Step[] = [];
  sales.forEach((s, i) => {
    if (same(s.buyer, account))
      steps.push({
        at: s.timestamp,
        order: i,
        apply: () => {
          const l = entry(s.claimId);
          l.cost += s.price;
          l.lastCost = s.price;
          l.lastBoughtAt = s.timestamp;
          l.receivedSinceBought = 0n;
        },
      });
    if (same(s.seller, account))
      steps.push({ at: s.timestamp, order: i, apply: () => void (entry(s.claimId).proceeds += s.price - s.fee) });
  });
  receipts.forEach((r, i) => {
    if (!same(r.payee, account)) return;
    steps.push({
      at: r.timestamp,
      order: sales.length + i,
      apply: () => {
        const l = entry(r.claimId);
        l.proceeds += r.amount;
        l.receivedSinceBought += r.amount;
      },
    });
  });
  steps.sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));
  for (const s of steps) s.apply();
  return ledgers;
}

/**
 * The simple annual yield of buying at `cost` on `boughtAt` to collect `collect` in all by `dueDate`:
 * `(collect - cost) / cost * 365 / days`, the formula the market shows bids with (the SDK's `annualYield`),
 * here also negative when the holder collects less than it paid. Undefined without a cost or when the claim was
 * bought at or after its due date.
 */
export function yieldToMaturity(cost: bigint, collect: bigint, boughtAt: bigint, dueDate: bigint): number | undefined {
  if (cost <= 0n || dueDate <= boughtAt) return undefined;
  const days = Number(dueDate - boughtAt) / Number(DAY);
  return (Number(collect - cost) / Number(cost)) * (365 / days);
}

/** A claim the account holds, with what the portfolio shows. */
export interface Position {
  claimId: bigint;
  currency: Address;
  faceValue: bigint;
  outstanding: bigint;
  dueDate: bigint;
  state: ClaimStateName;
}

export interface Returns {
  /** Proceeds minus cost on closed positions: claims sold on, or held and settled, voided or written off. */
  realised: bigint;
  /** Proceeds so far plus what is still owed minus cost on open positions: the gain if every debtor pays in full. */
  expected: bigint;
  /** What the open positions cost. */
  invested: bigint;
  closed: number;
  open: number;
}

/**
 * Realised and expected returns in one currency. `ledgers` are the account's (ledgerOf), `held` its current
 * positions, `currencyOf` each claim's currency; only claims the account bought count (an SME's own claims cost
 * nothing and earn no return).
 */
export function returnsOf(
  ledgers: ReadonlyMap<bigint, ClaimLedger>,
  held: readonly Position[],
  currency: Address,
  currencyOf: (claimId: bigint) => Address | undefined,
): Returns {
  const holding = new Map(held.map((p) => [p.claimId, p]));
  const r: Returns = { realised: 0n, expected: 0n, invested: 0n, closed: 0, open: 0 };
  for (const l of ledgers.values()) {
    const c = currencyOf(l.claimId);
    if (l.cost === 0n || c === undefined || !same(c, currency)) continue;
    const position = holding.get(l.claimId);
    if (position === undefined || CLOSED_STATES.includes(position.state)) {
      r.realised += l.proceeds - l.cost;
      r.closed++;
    } else {
      r.expected += l.proceeds + position.outstanding - l.cost;
      r.invested += l.cost;
      r.open++;
    }
  }
  return r;
}

/** A bar of the cash-flow calendar or the maturity ladder. */
export interface Bucket {
  /** What the bar is called ("Overdue", "Dec 2026", "31–60 days"). */
  label: string;
  /** Whether the bucket is past due (drawn hatched and named so, never by colour alone). */
  overdue: boolean;
  amount: bigint;
  count: number;
}

/** An expected payment: what a claim still owes, on its due date. */
export interface Flow {
  dueDate: bigint;
  amount: bigint;
}

/**
 * The expected payments by calendar month (UTC): first "Overdue" (due dates before `now`), then the `months`
 * months from `now`'s month on, then "Later". Every bucket is returned, empty ones included, so the chart's axis is
 * stable.
 */
export function cashFlowCalendar(flows: readonly Flow[], now: bigint, months = 6, locale?: string): Bucket[] {
  const start = new Date(Number(now) * 1000);
  const monthStart = (offset: number) =>
    BigInt(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + offset, 1) / 1000);
  const name = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const buckets: (Bucket & { from: bigint; to: bigint })[] = [
    { label: "Overdue", overdue: true, amount: 0n, count: 0, from: 0n, to: now },
  ];
  for (let m = 0; m < months; m++) {
    const from = m === 0 ? now : monthStart(m);
    buckets.push({
      label: name.format(new Date(Number(monthStart(m)) * 1000)),
      overdue: false,
      amount: 0n,
      count: 0,
      from,
      to: monthStart(m + 1),
    });
  }
  buckets.push({ label: "Later", overdue: false, amount: 0n, count: 0, from: monthStart(months), to: 2n ** 64n });
  for (const f of flows) {
    if (f.amount <= 0n) continue;
    const b = buckets.find((bucket) => f.dueDate >= bucket.from && f.dueDate < bucket.to);
    if (b === undefined) continue;
    b.amount += f.amount;
    b.count++;
  }
  return buckets.map(({ label, overdue, amount, count }) => ({ label, overdue, amount, count }));
}

/** Rungs of remaining tenor, in whole days (upper bounds inclusive): the ladder's and the tenor charts' buckets. */
export const TENOR_RUNGS: readonly { label: string; upTo: number }[] = [
  { label: "1–30 days", upTo: 30 },
  { label: "31–60 days", upTo: 60 },
  { label: "61–90 days", upTo: 90 },
  { label: "91–180 days", upTo: 180 },
  { label: "181+ days", upTo: Number.POSITIVE_INFINITY },
];

/** The rung of `days` of remaining tenor (whole days, rounded up; at least 1), as an index into TENOR_RUNGS. */
export function tenorRung(days: number): number {
  const whole = Math.max(1, Math.ceil(days));
  return TENOR_RUNGS.findIndex((r) => whole <= r.upTo);
}

/**
 * The maturity ladder: what is owed by remaining tenor at `now`: "Overdue" (due date passed), then the rungs of
 * TENOR_RUNGS. Every rung is returned, empty ones included.
 */
export function maturityLadder(flows: readonly Flow[], now: bigint): Bucket[] {
  const buckets: Bucket[] = [
    { label: "Overdue", overdue: true, amount: 0n, count: 0 },
    ...TENOR_RUNGS.map((r) => ({ label: r.label, overdue: false, amount: 0n, count: 0 })),
  ];
  for (const f of flows) {
    if (f.amount <= 0n) continue;
    const b = f.dueDate < now ? buckets[0] : buckets[1 + tenorRung(Number(f.dueDate - now) / Number(DAY))];
    b.amount += f.amount;
    b.count++;
  }
  return buckets;
}

/** Where an account has money waiting, one contract's ledger in one currency. */
export interface Balance {
  /** Which contract owes it. */
  source: "claims" | "market" | "auction" | "escrow";
  currency: Address;
  amount: bigint;
}

/** What each ledger is, in words. */
export const SOURCE_NAMES: Record<Balance["source"], string> = {
  claims: "Payments received (claim contract)",
  market: "Refunds (market)",
  auction: "Sealed-bid refunds and forfeits (auction house)",
  escrow: "Guarantee credits (escrow)",
};

/**
 * The withdrawals that empty every ledger owing something: one transaction per contract and currency, claim
 * contract first, then market, then the sealed-bid auction house, then escrow.
 */
export function withdrawalPlan(balances: readonly Balance[]): Balance[] {
  const order: Balance["source"][] = ["claims", "market", "auction", "escrow"];
  return balances.filter((b) => b.amount > 0n).sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}
