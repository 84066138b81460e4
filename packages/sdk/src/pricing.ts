/**
 * The pricing maths of the OpenFactor market, for the dApp and the tests: one source, mirroring
 * contracts/libraries/Pricing.sol.
 *
 * Units: amounts (`outstanding`, `price`, `face`, fees) are integers in the currency's base units (bigint, e.g.
 * 1 USD = 1_000_000n in a 6-decimal stablecoin); rates are in basis points (1 bps = 0.01 %, 10_000 = 100 %);
 * times are unix seconds. Where the chain computes exactly, so does this module (bigint, same rounding);
 * `daysToMaturity`, `annualYield` and `bankDiscount` return numbers for display only — the chain stores prices,
 * never yields. See docs/pricing.md for the formulas, a worked example and the rounding rules.
 */

import { DAY, YEAR } from "./time.ts";

/** Basis points in one whole (100 %). */
export const BPS = 10_000n;

/** The highest yield a standing offer may carry, in basis points (100 % a year). */
export const MAX_YIELD_BPS = BPS;

/** An integer argument: a bigint, or a number that is a safe integer. */
export type IntegerLike = bigint | number;

/** Converts an integer argument to bigint, refusing fractions, unsafe numbers and negative values. */
function toUint(value: IntegerLike, name: string): bigint {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${value}`);
  }
  const result = BigInt(value);
  if (result < 0n) throw new RangeError(`${name} must not be negative, got ${result}`);
  return result;
}

/** Converts an amount to a number for display maths; bigints beyond 2^53 lose only low digits. */
function toAmountNumber(value: IntegerLike, name: string): number {
  return Number(toUint(value, name));
}

/**
 * The price at which a claim yields `yieldBps` a year, exactly as the market quotes it
 * (`Pricing.priceForYield`, `ClaimMarket.quote`):
 * `price = outstanding * 10_000 * 31_536_000 / (10_000 * 31_536_000 + yieldBps * remainingSeconds)`,
 * rounded down (towards the seller's disadvantage by less than one base unit: the buyer never pays more than
 * its yield allows). `remainingSeconds` of 0 gives `outstanding`.
 *
 * @param outstanding What the claim still owes (face value minus amount paid), in currency base units.
 * @param yieldBps The buyer's annual simple yield, in basis points (1,000 = 10 % a year). The market accepts
 *   1..10,000 in a standing offer; the formula itself takes any non-negative value.
 * @param remainingSeconds Seconds from now to the claim's due date (the market uses `dueDate - block.timestamp`).
 * @returns The price in currency base units, `0 <= price <= outstanding`.
 * @throws RangeError if an argument is negative or not an integer.
 */
export function priceForYield(outstanding: IntegerLike, yieldBps: IntegerLike, remainingSeconds: IntegerLike): bigint {
  const amount = toUint(outstanding, "outstanding");
  const rate = toUint(yieldBps, "yieldBps");
  const remaining = toUint(remainingSeconds, "remainingSeconds");
  const scale = BPS * YEAR;
  return (amount * scale) / (scale + rate * remaining);
}

/**
 * Splits a sale price into the treasury's fee and the seller's net, exactly as the market does
 * (`Pricing.splitFee`, `ClaimMarket.feeFor`): `fee = price * feeBps / 10_000` rounded down, `net = price - fee`,
 * so `fee + net == price` always and rounding favours the seller by less than one base unit.
 *
 * @param price The sale price, in currency base units.
 * @param feeBps The sale fee, in basis points of the price (the registry's `saleFeeBps`, at most 100).
 * @returns `{ fee, net }`, both in currency base units.
 * @throws RangeError if an argument is negative or not an integer.
 */
export function splitFee(price: IntegerLike, feeBps: IntegerLike): { fee: bigint; net: bigint } {
  const gross = toUint(price, "price");
  const fee = (gross * toUint(feeBps, "feeBps")) / BPS;
  return { fee, net: gross - fee };
}

/**
 * Days from `now` to `dueDate`, with the fraction of a day, for display and for `annualYield`/`bankDiscount`.
 * At or after the due date it is 0, as the market's remaining tenor is (a claim then no longer prices).
 *
 * @param dueDate The claim's due date, unix seconds.
 * @param now The moment to measure from, unix seconds (the latest block's timestamp, or the wall clock).
 * @returns Days as a number, `>= 0` (e.g. 1.5 for 36 hours).
 */
export function daysToMaturity(dueDate: IntegerLike, now: IntegerLike): number {
  const due = BigInt(dueDate);
  const from = BigInt(now);
  if (due <= from) return 0;
  return Number(due - from) / Number(DAY);
}

/** Checks the arguments shared by the display rates. */
function rateInputs(face: IntegerLike, price: IntegerLike, days: number): { f: number; p: number } {
  const f = toAmountNumber(face, "face");
  const p = toAmountNumber(price, "price");
  if (p <= 0) throw new RangeError(`price must be positive, got ${p}`);
  if (p > f) throw new RangeError(`price ${p} must not exceed face ${f}`);
  if (!(days > 0) || !Number.isFinite(days)) throw new RangeError(`days must be positive and finite, got ${days}`);
  return { f, p };
}

/**
 * The annualised simple yield a buyer earns by paying `price` for `face` due in `days`, as the dApp shows a
 * bid: `(face - price) / price * 365 / days`. The inverse of `priceForYield` up to its rounding:
 * `annualYield(o, priceForYield(o, y, r), r / 86_400)` is `y / 10_000` or a little above it.
 *
 * @param face What the buyer will collect (the claim's outstanding amount), in currency base units.
 * @param price What the buyer pays, in the same base units; `0 < price <= face`.
 * @param days Days to maturity (see `daysToMaturity`), `> 0`.
 * @returns The yield as a fraction a year (0.1 = 10 % a year). A number for display; the chain stores no yields.
 * @throws RangeError if `price` is not in `(0, face]` or `days` is not positive.
 */
export function annualYield(face: IntegerLike, price: IntegerLike, days: number): number {
  const { f, p } = rateInputs(face, price, days);
  return ((f - p) / p) * (365 / days);
}

/**
 * The bank discount rate of the same deal, as banks quote discounted bills:
 * `(face - price) / face * 360 / days` (discount on face value, 360-day year). It is always below
 * `annualYield` for the same deal: `discount = yield * (price / face) * 360 / 365`.
 *
 * @param face What the buyer will collect (the claim's outstanding amount), in currency base units.
 * @param price What the buyer pays, in the same base units; `0 < price <= face`.
 * @param days Days to maturity (see `daysToMaturity`), `> 0`.
 * @returns The discount as a fraction a year (0.1 = 10 %). A number for display.
 * @throws RangeError if `price` is not in `(0, face]` or `days` is not positive.
 */
export function bankDiscount(face: IntegerLike, price: IntegerLike, days: number): number {
  const { f, p } = rateInputs(face, price, days);
  return ((f - p) / f) * (360 / days);
}

/**
 * The inverse of `priceForYield`: the highest yield, in whole basis points, at which the market's price for
 * `outstanding` due in `remainingSeconds` is still at least `price`:
 * `yieldBps = floor((outstanding - price) * 10_000 * 31_536_000 / (price * remainingSeconds))`.
 *
 * Rounding, guaranteed for every input: `priceForYield(outstanding, yieldBps, remainingSeconds) >= price` and
 * `priceForYield(outstanding, yieldBps + 1, remainingSeconds) < price`. So a standing offer posted at the
 * returned yield quotes at least `price` (a seller asking `price` is satisfied), and one basis point more
 * quotes less. The result may exceed `MAX_YIELD_BPS` (10,000), the most a standing offer may carry: callers
 * that post offers must check.
 *
 * @param outstanding What the claim still owes, in currency base units.
 * @param price The price wanted, in the same base units; `0 < price <= outstanding`.
 * @param remainingSeconds Seconds to the due date, `> 0`.
 * @returns The yield in basis points (bigint, `>= 0`; 0 when `price == outstanding`).
 * @throws RangeError if `price` is not in `(0, outstanding]`, `remainingSeconds` is 0, or an argument is
 *   negative or not an integer.
 */
export function yieldBpsForPrice(outstanding: IntegerLike, price: IntegerLike, remainingSeconds: IntegerLike): bigint {
  const amount = toUint(outstanding, "outstanding");
  const wanted = toUint(price, "price");
  const remaining = toUint(remainingSeconds, "remainingSeconds");
  if (wanted === 0n) throw new RangeError("price must be positive");
  if (wanted > amount) throw new RangeError(`price ${wanted} must not exceed outstanding ${amount}`);
  if (remaining === 0n) throw new RangeError("remainingSeconds must be positive");
  return ((amount - wanted) * BPS * YEAR) / (wanted * remaining);
}

/**
 * A guarantee premium as an annual rate of the cover, as the dApp shows an offer of cover:
 * `premium / cover × 365 / days`, where `days` is the time the cover runs to the claim's due date (from now for an
 * offer, from activation for an active guarantee). The chain stores the premium only; this is for display.
 *
 * @param cover The cover escrowed, in currency base units, `> 0`.
 * @param premium The premium the holder pays, in the same base units (0 allowed).
 * @param days Days from the moment priced to the claim's due date (see `daysToMaturity`), `> 0`.
 * @returns The rate as a fraction a year (0.015 = 1.5 % a year of the cover).
 * @throws RangeError if `cover` is 0, an amount is negative or `days` is not positive.
 */
export function premiumRate(cover: IntegerLike, premium: IntegerLike, days: number): number {
  const c = toAmountNumber(cover, "cover");
  const p = toAmountNumber(premium, "premium");
  if (c <= 0) throw new RangeError(`cover must be positive, got ${c}`);
  if (!(days > 0) || !Number.isFinite(days)) throw new RangeError(`days must be positive and finite, got ${days}`);
  return (p / c) * (365 / days);
}

/**
 * The premium for `cover` at `rateBps` a year over `remainingSeconds`, in base units, rounded down (the inverse of
 * `premiumRate`): `premium = floor(cover × rateBps × remainingSeconds / (10_000 × 31_536_000))`. The seed prices its
 * guarantees with it; a guarantor may quote a rate and offer this premium.
 *
 * @param cover The cover, in currency base units.
 * @param rateBps The annual premium rate, in basis points of the cover (150 = 1.5 % a year).
 * @param remainingSeconds Seconds the cover runs (to the claim's due date).
 * @returns The premium in currency base units.
 * @throws RangeError if an argument is negative or not an integer.
 */
export function premiumForRate(cover: IntegerLike, rateBps: IntegerLike, remainingSeconds: IntegerLike): bigint {
  return (
    (toUint(cover, "cover") * toUint(rateBps, "rateBps") * toUint(remainingSeconds, "remainingSeconds")) / (BPS * YEAR)
  );
}
