/**
 * How many days of history the demo seed writes. The demo node (`npm run dev`) starts its chain this many days
 * before the wall clock, and the seed moves the chain's time forward through them, so the chain ends close to
 * the real date while the claims' history is spread over the past months.
 */
export const DEMO_HISTORY_DAYS = 120;
