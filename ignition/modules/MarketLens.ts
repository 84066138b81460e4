import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ClaimMarketModule from "./ClaimMarket.js";
import GuaranteeEscrowModule from "./GuaranteeEscrow.js";

/**
 * Deploys the MarketLens, the read-only view the dApp's market page reads a page of listed claims through. It
 * holds no role and no money.
 */
export default buildModule("MarketLens", (m) => {
  const { claims, market } = m.useModule(ClaimMarketModule);
  const { escrow } = m.useModule(GuaranteeEscrowModule);
  const lens = m.contract("MarketLens", [claims, market, escrow]);
  return { lens };
});
