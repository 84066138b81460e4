/**
 * @openfactor/sdk: the one home of the facts OpenFactor's dApp, seed, scripts and tests share, and of what an
 * integrator needs to drive the contracts.
 */
export * from "./enums.js";
export * from "./pricing.js";
export * from "./typed-data.js";
export * from "./rules.js";
export * from "./cast.js";
