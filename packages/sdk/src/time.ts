/**
 * Lengths of time in seconds, the unit of every time on chain. The bigints serve on-chain arithmetic (unix times
 * are uint); the `SECONDS_PER_*` numbers serve durations held as numbers (the market rules, form inputs).
 */

/** Seconds in an hour, as a number. */
export const SECONDS_PER_HOUR = 3_600;
/** Seconds in a day, as a number. */
export const SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;

/** One hour. */
export const HOUR = BigInt(SECONDS_PER_HOUR);
/** One day. */
export const DAY = BigInt(SECONDS_PER_DAY);
/** One week. */
export const WEEK = 7n * DAY;
/** The 365-day year that annual yields refer to (Pricing.YEAR in the contracts). */
export const YEAR = 365n * DAY;
