import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ReceivableClaimModule from "./ReceivableClaim.js";

/**
 * Deploys the GuaranteeEscrow on the ReceivableClaim, makes it one of the claim contract's trusted agents (so a
 * called claim can go to the guarantor or into the escrow's custody), and points the claim renderer at it (so a
 * claim's metadata shows its guarantee). The deployer must hold the registry's OPERATOR_ROLE.
 */
export default buildModule("GuaranteeEscrow", (m) => {
  const { registry, renderer, claims } = m.useModule(ReceivableClaimModule);
  const escrow = m.contract("GuaranteeEscrow", [claims]);
  m.call(claims, "setAgent", [escrow, true], { id: "TrustEscrowAsAgent" });
  m.call(renderer, "setGuaranteeEscrow", [escrow], { id: "ShowGuaranteesInMetadata" });
  return { registry, renderer, claims, escrow };
});
