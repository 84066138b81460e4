import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ParticipantRegistryModule from "./ParticipantRegistry.js";

/**
 * Deploys the ClaimRenderer, the ClaimIssuance library (the claim contract's issuance rules, linked into it) and the
 * ReceivableClaim that trusts the ParticipantRegistry for participants, rules and access roles.
 */
export default buildModule("ReceivableClaim", (m) => {
  const { registry } = m.useModule(ParticipantRegistryModule);
  const renderer = m.contract("ClaimRenderer", [registry]);
  const issuance = m.library("ClaimIssuance");
  const claims = m.contract("ReceivableClaim", [registry, renderer], { libraries: { ClaimIssuance: issuance } });
  return { registry, renderer, issuance, claims };
});
