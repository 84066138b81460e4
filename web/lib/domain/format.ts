/**
 * Display formatting: exact token amounts (bigint, the token's decimals), dates in the user's locale, annual
 * yields, days to maturity, short addresses. `locale` defaults to the browser's (undefined = the runtime's).
 */
import { daysToMaturity } from "@openfactor/sdk";

type Locale = string | undefined;

function separators(locale: Locale) {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return {
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
  };
}

/**
 * An amount in base units as the token shows it, exactly: 10_000_000_000n with 6 decimals is "10,000.00".
 * Keeps every significant fractional digit (never rounds) and at least `minFractionDigits`.
 */
export function formatAmount(
  value: bigint,
  decimals: number,
  { symbol, minFractionDigits = 2, locale }: { symbol?: string; minFractionDigits?: number; locale?: Locale } = {},
): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(decimals);
  const whole = abs / unit;
  let fraction = decimals === 0 ? "" : (abs % unit).toString().padStart(decimals, "0").replace(/0+$/, "");
  if (fraction.length < minFractionDigits) fraction = fraction.padEnd(Math.min(minFractionDigits, decimals), "0");
  const { group, decimal } = separators(locale);
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const text = `${negative ? "-" : ""}${grouped}${fraction ? decimal + fraction : ""}`;
  return symbol ? `${text} ${symbol}` : text;
}

/**
 * Parses what a user typed ("10,000.50", "10000.5") into base units, exactly; undefined if it is not a
 * non-negative amount with at most `decimals` fractional digits. Accepts "," as thousands separator only.
 */
export function parseAmount(text: string, decimals: number): bigint | undefined {
  const cleaned = text.trim().replace(/[,\s_]/g, "");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (match === null) return undefined;
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return undefined;
  return BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

/** A unix time (seconds) as a date in the user's locale, e.g. "27 January 2027" (en-GB). */
export function formatDate(
  unixSeconds: bigint | number,
  { locale, timeZone }: { locale?: Locale; timeZone?: string } = {},
): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(new Date(Number(unixSeconds) * 1000));
}

/** A unix time (seconds) as date and time in the user's locale. */
export function formatDateTime(
  unixSeconds: bigint | number,
  { locale, timeZone }: { locale?: Locale; timeZone?: string } = {},
): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(Number(unixSeconds) * 1000),
  );
}

/** An annual yield given as a fraction (0.085) as a percentage with two decimals: "8.50 %" in en. */
export function formatYield(fraction: number, { locale }: { locale?: Locale } = {}): string {
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    fraction,
  );
}

/** Basis points as a percentage: 800 → "8.00 %". */
export function formatBps(bps: bigint | number, options: { locale?: Locale } = {}): string {
  return formatYield(Number(bps) / 10_000, options);
}

/** Whole days from `now` to `dueDate` (unix seconds), rounded up; negative once past due. */
export function daysUntil(dueDate: bigint | number, now: bigint | number): number {
  const ahead = daysToMaturity(dueDate, now);
  if (ahead > 0) return Math.ceil(ahead);
  return -Math.floor(daysToMaturity(now, dueDate)) || 0;
}

/** Days to maturity in words: "in 42 days", "in 1 day", "due today", "3 days overdue". */
export function formatDaysToMaturity(dueDate: bigint | number, now: bigint | number): string {
  const days = daysUntil(dueDate, now);
  if (days === 0) return "due today";
  if (days > 0) return `in ${days} day${days === 1 ? "" : "s"}`;
  return `${-days} day${days === -1 ? "" : "s"} overdue`;
}

/** 0x1234…abcd: the first four and last four hex digits. */
export function shortAddress(address: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return address;
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A unix time (seconds) as a compact date in the user's locale, e.g. "27 Jan 2027" (en-GB), for tables. */
export function formatShortDate(
  unixSeconds: bigint | number,
  { locale, timeZone }: { locale?: Locale; timeZone?: string } = {},
): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(
    new Date(Number(unixSeconds) * 1000),
  );
}
