import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ClaimLensModule from "./ClaimLens.js";
import ClaimMarketModule from "./ClaimMarket.js";
import GuaranteeEscrowModule from "./GuaranteeEscrow.js";
import MarketLensModule from "./MarketLens.js";

/**
 * The whole OpenFactor system, as production deploys it and as the tests' fixtures deploy it: the registry, the
 * claim contract with its renderer, the market and the guarantee escrow, both trusted as claim agents, and the two
 * read-only lenses front ends read through: the claim lens (an account's claims, acceptance digests) and the market
 * lens (listed claims).
 */
export default buildModule("OpenFactor", (m) => {
  const { registry, renderer, claims, market } = m.useModule(ClaimMarketModule);
  const { escrow } = m.useModule(GuaranteeEscrowModule);
  const { lens } = m.useModule(MarketLensModule);
  const { claimLens } = m.useModule(ClaimLensModule);
  return { registry, renderer, claims, market, escrow, lens, claimLens };
});
