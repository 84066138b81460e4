/**
 * The market rules OpenFactor starts with (see docs/lifecycle.md and README.md), in the units of the
 * Solidity `MarketRules` struct: durations in seconds, the fee in basis points. The Ignition modules, the tests
 * and the scripts all import these numbers from here. The treasury is chosen at deployment, so it is not here.
 */

import { SECONDS_PER_DAY } from "./time.ts";

export const DEFAULT_MARKET_RULES = {
  /** Shortest tenor (issue to due date) a claim may have, in seconds: 15 days. */
  minTenor: 15 * SECONDS_PER_DAY,
  /** Longest tenor a claim may have, in seconds: 365 days. */
  maxTenor: 365 * SECONDS_PER_DAY,
  /** Time the debtor has to accept an issued claim, in seconds: 7 days. */
  acceptanceWindow: 7 * SECONDS_PER_DAY,
  /** Time after the due date before an unpaid claim may be declared defaulted, in seconds: 30 days. */
  defaultGrace: 30 * SECONDS_PER_DAY,
  /** Time after default during which a guarantee may be called, in seconds: 90 days. */
  guaranteeClaimWindow: 90 * SECONDS_PER_DAY,
  /** Fee on each sale, in basis points of the price: 25 bps = 0.25 % (the contract caps it at 100). */
  saleFeeBps: 25,
  /** Fee on each guarantee premium, in basis points of the premium: 25 bps (the contract caps it at 100). */
  premiumFeeBps: 25,
} as const;
