/**
 * The guarantee escrow's rules as the dApp reads them, pure (no React, no chain): a guarantee's premium as an annual
 * rate, what a call would pay and until when, when collateral may be released, a guarantor's exposure by
 * debtor, the claims a guarantor could cover, and a subrogation's shares. The rules are those of
 * contracts/interfaces/IGuaranteeEscrow.sol; the pages read the chain and this module decides what to show.
 */
import type { Address } from "viem";

import {
  type ClaimStateName,
  COVERABLE_STATES,
  daysToMaturity,
  GUARANTEE_STATUSES,
  type GuaranteeStatusName,
  premiumRate,
  type ResultOf,
} from "@openfactor/sdk";
import { parseAmount } from "./format";

export { GUARANTEE_STATUSES, type GuaranteeStatusName };

/** A guarantee as the escrow stores it (`guarantee(id)`, types/Guarantee.sol), as viem decodes it. */
export type StoredGuarantee = ResultOf<"escrow", "guarantee">;

/**
 * A guarantee as the escrow's `guarantee(id)` returns it, with its id and its status named: cover and premium in
 * the currency's base units, `offerExpiry` (the last second the offer may be activated) and `activatedAt` (0 until
 * Active) in unix seconds.
 */
export type GuaranteeView = Omit<StoredGuarantee, "status"> & { id: bigint; status: GuaranteeStatusName };

/** Names the status of a stored guarantee. */
export function toGuaranteeView(id: bigint, g: StoredGuarantee): GuaranteeView {
  return { ...g, id, status: GUARANTEE_STATUSES[g.status] ?? "None" };
}

/** The last second at which a claim may still be covered: its due date plus the default grace of its rules. */
export const defaultableAfter = (dueDate: bigint, defaultGrace: bigint | number) => dueDate + BigInt(defaultGrace);

/** Whether cover may be offered on (or an offer activated for) a claim at chain time `now`. */
export function coverable(state: ClaimStateName, dueDate: bigint, defaultGrace: bigint | number, now: bigint) {
  return COVERABLE_STATES.includes(state) && now <= defaultableAfter(dueDate, defaultGrace);
}

/** Whether an offer can still be activated at `now`: offered and not past its expiry (inclusive). */
export const offerOpen = (g: GuaranteeView, now: bigint | undefined) =>
  g.status === "Offered" && now !== undefined && now <= g.offerExpiry;

/**
 * The premium as an annual rate of the cover (a fraction a year) over the time the cover runs to the claim's due
 * date: from activation for an active guarantee, from `now` for an offer. Undefined when nothing runs (due
 * already, or no cover), where a rate would mean nothing.
 */
export function guaranteeRate(
  g: Pick<GuaranteeView, "cover" | "premium" | "activatedAt">,
  dueDate: bigint,
  now: bigint,
): number | undefined {
  const from = g.activatedAt > 0n ? g.activatedAt : now;
  const days = daysToMaturity(dueDate, from);
  if (!(days > 0) || g.cover <= 0n) return undefined;
  return premiumRate(g.cover, g.premium, days);
}

/** What the holder's call would do, and when it may be made. */
export interface CallTerms {
  /** Paid to the holder with its call: min(cover, outstanding). */
  paid: bigint;
  /** Cover above what is owed, credited back to the guarantor. */
  returned: bigint;
  /** The cover pays everything owed: the guarantor takes the claim itself. */
  fullCover: boolean;
  /**
   * "early": the claim is not past its grace yet; "open": the holder may call now (a claim past its grace is
   * declared Defaulted by the call itself); "closed": the cover has ended; "never": the claim's state allows no
   * call (settled, voided, disputed…).
   */
  window: "early" | "open" | "closed" | "never";
  /** The first second a call is possible (while "early"). */
  opensAfter?: bigint;
  /**
   * The last second a call is possible, the end of the cover (`callDeadline`): due date + default grace + claim
   * window, whether or not anyone declared the default. Set whenever the window is not "never".
   */
  deadline?: bigint;
}

export interface CallInput {
  cover: bigint;
  /** What the debtor still owes (face value minus amount paid). */
  outstanding: bigint;
  state: ClaimStateName;
  dueDate: bigint;
  /** The default grace of the claim's rules, seconds. */
  defaultGrace: bigint | number;
  /** The guarantee claim window of the claim's rules, seconds. */
  claimWindow: bigint | number;
  now: bigint;
}

/**
 * The last second an active guarantee may be called, the end of its cover (the escrow's `callDeadline`): due date +
 * default grace + guarantee claim window of the rules the claim was issued under, whether or not anyone declared
 * the default.
 */
export const callDeadlineOf = (dueDate: bigint, defaultGrace: bigint | number, claimWindow: bigint | number) =>
  defaultableAfter(dueDate, defaultGrace) + BigInt(claimWindow);

/** What calling an active guarantee would pay, and its window (`callGuarantee`'s rules). */
export function callTerms(input: CallInput): CallTerms {
  const paid = input.cover < input.outstanding ? input.cover : input.outstanding;
  const base = { paid, returned: input.cover - paid, fullCover: paid === input.outstanding };
  const deadline = callDeadlineOf(input.dueDate, input.defaultGrace, input.claimWindow);
  const defaulted = input.state === "Defaulted" || input.state === "WrittenOff";
  if (!defaulted && !COVERABLE_STATES.includes(input.state)) return { ...base, window: "never" };
  if (input.now > deadline) return { ...base, window: "closed", deadline };
  const after = defaultableAfter(input.dueDate, input.defaultGrace);
  if (!defaulted && input.now <= after) return { ...base, window: "early", opensAfter: after, deadline };
  return { ...base, window: "open", deadline };
}

/**
 * Whether anyone may release an active guarantee's collateral now (`release`): the claim is Settled or Voided, or
 * the cover has ended (`callDeadline` passed, declared Defaulted or not) and no dispute is open. (The guarantor may
 * also release while it holds the claim itself.)
 */
export function releasableByAnyone(state: ClaimStateName, callDeadline: bigint, now: bigint): boolean {
  if (state === "Settled" || state === "Voided") return true;
  return state !== "Disputed" && now > callDeadline;
}

/** A guarantor's exposure on one debtor in one currency. */
export interface Exposure {
  debtor: Address;
  currency: Address;
  /** Cover of active guarantees: what a default would cost. */
  active: bigint;
  /** Cover escrowed in offers not yet activated (or withdrawn). */
  offered: bigint;
  /** Both: the collateral the escrow holds for this debtor. */
  total: bigint;
  /** Number of guarantees counted. */
  count: number;
}

/**
 * Sums a guarantor's collateral by debtor and currency: active guarantees and open (not withdrawn) offers; every
 * other status holds no collateral. Largest total first, then by debtor address for a stable order.
 */
export function exposureByDebtor(items: readonly { debtor: Address; guarantee: GuaranteeView }[]): Exposure[] {
  const byKey = new Map<string, Exposure>();
  for (const { debtor, guarantee: g } of items) {
    if (g.status !== "Active" && g.status !== "Offered") continue;
    const key = `${debtor.toLowerCase()}/${g.currency.toLowerCase()}`;
    const e = byKey.get(key) ?? { debtor, currency: g.currency, active: 0n, offered: 0n, total: 0n, count: 0 };
    if (g.status === "Active") e.active += g.cover;
    else e.offered += g.cover;
    e.total += g.cover;
    e.count += 1;
    byKey.set(key, e);
  }
  return [...byKey.values()].sort((a, b) =>
    a.total === b.total ? a.debtor.toLowerCase().localeCompare(b.debtor.toLowerCase()) : a.total > b.total ? -1 : 1,
  );
}

/** A claim the guarantor could cover, as the guarantor page lists it. */
export interface CandidateRow {
  id: bigint;
  debtor: Address;
  currency: Address;
  outstanding: bigint;
  dueDate: bigint;
  /** Days to maturity, with fraction (0 once due). */
  days: number;
  /** The currency's decimals, to read the size filter in. */
  decimals: number;
}

/** The guarantor page's filters, as typed (empty, or not a number: no bound); sizes in whole currency units. */
export interface CandidateFilter {
  debtor: string;
  minDays: string;
  maxDays: string;
  minSize: string;
  maxSize: string;
}

export const NO_CANDIDATE_FILTER: CandidateFilter = { debtor: "", minDays: "", maxDays: "", minSize: "", maxSize: "" };

/**
 * Filters the claims by debtor, days to maturity (whole days, rounded up) and outstanding amount (in each claim's
 * currency, exactly), every bound inclusive.
 */
export function filterCandidates<R extends CandidateRow>(rows: readonly R[], f: CandidateFilter): R[] {
  const bound = (text: string) => (text.trim() === "" || Number.isNaN(Number(text)) ? undefined : Number(text));
  const size = (text: string, decimals: number) => (text.trim() === "" ? undefined : parseAmount(text, decimals));
  const minDays = bound(f.minDays);
  const maxDays = bound(f.maxDays);
  return rows.filter((r) => {
    const days = Math.ceil(r.days);
    const minSize = size(f.minSize, r.decimals);
    const maxSize = size(f.maxSize, r.decimals);
    if (f.debtor !== "" && r.debtor.toLowerCase() !== f.debtor.toLowerCase()) return false;
    if (minDays !== undefined && days < minDays) return false;
    if (maxDays !== undefined && days > maxDays) return false;
    if (minSize !== undefined && r.outstanding < minSize) return false;
    if (maxSize !== undefined && r.outstanding > maxSize) return false;
    return true;
  });
}

/** The escrow's subrogation record of a claim in its custody (types/Guarantee.sol `Subrogation`). */
export type SubrogationView = ResultOf<"escrow", "subrogation">;

/**
 * The guarantor's and the holder's shares of later recoveries, as fractions (for display; the escrow splits in
 * base units, `covered / outstandingAtCall` for the guarantor, rounded down on the running total).
 */
export function recoveryShares(s: Pick<SubrogationView, "covered" | "outstandingAtCall">) {
  if (s.outstandingAtCall === 0n) return { guarantor: 0, holder: 0 };
  const guarantor = Number((s.covered * 1_000_000n) / s.outstandingAtCall) / 1_000_000;
  return { guarantor, holder: 1 - guarantor };
}
