import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ParticipantRegistryModule from "./ParticipantRegistry.js";

/**
 * Deploys the ClaimRenderer, the two libraries linked into the claim contract (ClaimIssuance: issuing; ClaimUpkeep:
 * expiry, overdue and default, reclaiming held payments) and the ReceivableClaim that trusts the ParticipantRegistry
 * for participants, rules and access roles.
 */
export default buildModule("ReceivableClaim", (m) => {
  const { registry } = m.useModule(ParticipantRegistryModule);
  const renderer = m.contract("ClaimRenderer", [registry]);
  const issuance = m.library("ClaimIssuance");
  const upkeep = m.library("ClaimUpkeep");
  const claims = m.contract("ReceivableClaim", [registry, renderer], {
    libraries: { ClaimIssuance: issuance, ClaimUpkeep: upkeep },
  });
  return { registry, renderer, issuance, upkeep, claims };
});
