import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ReceivableClaimModule from "./ReceivableClaim.js";

/**
 * Deploys the ClaimMarket on the ReceivableClaim and makes it one of the claim contract's trusted agents, so it
 * can lock listed claims and move sold ones. The deployer must hold the registry's OPERATOR_ROLE.
 */
export default buildModule("ClaimMarket", (m) => {
  const { registry, renderer, claims } = m.useModule(ReceivableClaimModule);
  const market = m.contract("ClaimMarket", [claims]);
  m.call(claims, "setAgent", [market, true], { id: "TrustMarketAsAgent" });
  return { registry, renderer, claims, market };
});
