import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ClaimLensModule from "./ClaimLens.js";
import ClaimMarketModule from "./ClaimMarket.js";
import GuaranteeEscrowModule from "./GuaranteeEscrow.js";
import MarketLensModule from "./MarketLens.js";
import ReceivableClaimModule from "./ReceivableClaim.js";
import SealedBidAuctionModule from "./SealedBidAuction.js";

/**
 * The whole OpenFactor system, as production deploys it and as the tests' fixtures deploy it: the registry, the
 * claim contract with its renderer and its two linked libraries (issuance, upkeep), the market, the sealed-bid auction house and the guarantee escrow, all three
 * trusted as agents in the registry, and the two read-only lenses front ends read through: the claim lens (an account's claims,
 * acceptance digests) and the market lens (listed claims).
 */
export default buildModule("OpenFactor", (m) => {
  const { issuance, upkeep } = m.useModule(ReceivableClaimModule);
  const { registry, renderer, claims, market } = m.useModule(ClaimMarketModule);
  const { escrow } = m.useModule(GuaranteeEscrowModule);
  const { lens } = m.useModule(MarketLensModule);
  const { claimLens } = m.useModule(ClaimLensModule);
  const { auction } = m.useModule(SealedBidAuctionModule);
  return { registry, renderer, issuance, upkeep, claims, market, auction, escrow, lens, claimLens };
});
