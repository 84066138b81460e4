import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ReceivableClaimModule from "./ReceivableClaim.js";

/**
 * Deploys the GuaranteeEscrow on the ReceivableClaim, trusts it as an agent in the registry (so a called claim can
 * go to the guarantor or into the escrow's custody), and points the claim renderer at it (so a claim's metadata shows
 * its guarantee). The deployer must hold the registry's OPERATOR_ROLE, and this must run before the first participant
 * is verified (after that, trusting an agent waits AGENT_CHANGE_DELAY).
 */
export default buildModule("GuaranteeEscrow", (m) => {
  const { registry, renderer, claims } = m.useModule(ReceivableClaimModule);
  const escrow = m.contract("GuaranteeEscrow", [claims]);
  m.call(registry, "setAgent", [escrow, true], { id: "TrustEscrowAsAgent" });
  m.call(renderer, "setGuaranteeEscrow", [escrow], { id: "ShowGuaranteesInMetadata" });
  return { registry, renderer, claims, escrow };
});
