import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ClaimMarketModule from "./ClaimMarket.js";

/**
 * The whole OpenFactor system, as production deploys it and as the tests' fixtures deploy it: the registry, the
 * claim contract with its renderer, and the market trusted as a claim agent. The guarantee escrow joins here.
 */
export default buildModule("OpenFactor", (m) => {
  const { registry, renderer, claims, market } = m.useModule(ClaimMarketModule);
  return { registry, renderer, claims, market };
});
