/**
 * The fees the market and the escrow take, as the SDK computes them (`splitFee`, the same rounding as the
 * contracts' Pricing library), under the default rules unless a rate is given.
 */
import { DEFAULT_MARKET_RULES, splitFee } from "@openfactor/sdk";

/** The sale fee on `price`. */
export const saleFeeOf = (price: bigint, bps: bigint | number = DEFAULT_MARKET_RULES.saleFeeBps): bigint =>
  splitFee(price, bps).fee;

/** The premium fee on `premium`. */
export const premiumFeeOf = (premium: bigint, bps: bigint | number = DEFAULT_MARKET_RULES.premiumFeeBps): bigint =>
  splitFee(premium, bps).fee;
