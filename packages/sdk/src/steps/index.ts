/**
 * Typed actions for each step a participant takes: one function per step, named as the participant would say it,
 * returning the call (`contractCall`) that viem's `writeContract`, wagmi's `useWriteContract` or {@link sendCall}
 * sends. The contracts decide what is allowed; each step's TSDoc names who calls it and its usual custom error.
 */
export * from "./claims.ts";
export * from "./market.ts";
export * from "./guarantees.ts";
export * from "./auctions.ts";
export * from "./registry.ts";
export * from "./money.ts";
export * from "./send.ts";
