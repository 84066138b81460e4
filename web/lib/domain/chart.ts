/**
 * The charts' pure maths: a "nice" top for an axis, its ticks, the linear scale from values to lengths, and the
 * conversion of exact token amounts to the plain numbers a bar's length needs. No React: the chart components
 * (web/components/BarChart.tsx) draw, this module measures. Exact figures are never taken from here: the charts'
 * tables show amounts formatted from the bigints (web/lib/format.ts).
 */

/**
 * The smallest "nice" number (1, 2, 2.5 or 5 times a power of ten) at or above `max`, so an axis ends on a round
 * value: 7 → 10, 23 → 25, 180 → 200, 0.3 → 0.5. Zero, negative or non-finite maxima give 1 (an empty chart still
 * has an axis).
 */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    // The tolerance keeps 0.3 / 0.1 = 2.9999999999999996 from rounding the wrong way.
    if (max <= step * power * (1 + 1e-12)) return step * power;
  }
  return 10 * power;
}

/** `count + 1` evenly spaced ticks from 0 to `niceMax(max)`, both ends included: ticks(180, 4) = [0, 50, …, 200]. */
export function ticks(max: number, count = 4): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const top = niceMax(max);
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/**
 * A linear scale from [0, domainMax] to [0, rangeMax]: the length of a bar of value `v`. Values below 0 clamp to
 * 0 and above `domainMax` to `rangeMax`, so a bar never leaves its plot area. A domain of 0 maps everything to 0.
 */
export function scaleLinear(domainMax: number, rangeMax: number): (value: number) => number {
  return (value) => {
    if (!(domainMax > 0) || !(value > 0)) return 0;
    return Math.min(value / domainMax, 1) * rangeMax;
  };
}

/**
 * A token amount in base units as a number of whole tokens, for a bar's length only (precision beyond 15
 * significant digits does not show in a bar): 1_234_500_000n with 6 decimals is 1234.5.
 */
export function amountToNumber(value: bigint, decimals: number): number {
  const unit = 10n ** BigInt(decimals);
  const whole = value / unit;
  const fraction = value % unit;
  return Number(whole) + Number(fraction) / Number(unit);
}

/** A number in few characters for an axis or a bar's label: 1234567 → "1.2M" (en), 950 → "950". */
export function formatCompact(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}
