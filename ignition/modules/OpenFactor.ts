import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ClaimMarketModule from "./ClaimMarket.js";
import GuaranteeEscrowModule from "./GuaranteeEscrow.js";

/**
 * The whole OpenFactor system, as production deploys it and as the tests' fixtures deploy it: the registry, the
 * claim contract with its renderer, and the market and the guarantee escrow, both trusted as claim agents.
 */
export default buildModule("OpenFactor", (m) => {
  const { registry, renderer, claims, market } = m.useModule(ClaimMarketModule);
  const { escrow } = m.useModule(GuaranteeEscrowModule);
  return { registry, renderer, claims, market, escrow };
});
