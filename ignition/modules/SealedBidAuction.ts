import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ReceivableClaimModule from "./ReceivableClaim.js";

/**
 * Deploys the SealedBidAuction on the ReceivableClaim and trusts it as an agent in the registry, so it can lock an
 * auctioned claim and move it to the winner. The deployer must hold the registry's OPERATOR_ROLE, and this must run
 * before the first participant is verified (after that, trusting an agent waits AGENT_CHANGE_DELAY).
 */
export default buildModule("SealedBidAuction", (m) => {
  const { registry, claims } = m.useModule(ReceivableClaimModule);
  const auction = m.contract("SealedBidAuction", [claims]);
  m.call(registry, "setAgent", [auction, true], { id: "TrustAuctionAsAgent" });
  return { registry, claims, auction };
});
