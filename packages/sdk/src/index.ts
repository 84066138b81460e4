/**
 * @openfactor/sdk: the one home of the facts OpenFactor's dApp, seed, scripts and tests share, and of what an
 * integrator needs to drive the contracts.
 */
export * from "./enums.ts";
export * from "./lifecycle.ts";
export * from "./pricing.ts";
export * from "./time.ts";
export * from "./typed-data.ts";
export * from "./generated/contracts.ts";
export * from "./roles.ts";
export * from "./rules.ts";
export * from "./cast.ts";
export * from "./calls.ts";
export * from "./steps/index.ts";
