import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ReceivableClaimModule from "./ReceivableClaim.js";

/**
 * Deploys the ClaimMarket on the ReceivableClaim and trusts it as an agent in the registry, so it can lock listed
 * claims and move sold ones. The deployer must hold the registry's OPERATOR_ROLE, and this must run before the first
 * participant is verified (after that, trusting an agent waits AGENT_CHANGE_DELAY).
 */
export default buildModule("ClaimMarket", (m) => {
  const { registry, renderer, claims } = m.useModule(ReceivableClaimModule);
  const market = m.contract("ClaimMarket", [claims]);
  m.call(registry, "setAgent", [market, true], { id: "TrustMarketAsAgent" });
  return { registry, renderer, claims, market };
});
