import type { Address } from "viem";

/** Formats an amount of `currency` for the guarantor's tables. */
export type Amount = (value: bigint, currency: Address) => string;
