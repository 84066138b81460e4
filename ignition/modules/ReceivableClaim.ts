import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ParticipantRegistryModule from "./ParticipantRegistry.js";

/**
 * Deploys the ClaimRenderer and the ReceivableClaim that trusts the ParticipantRegistry for participants, rules
 * and access roles.
 */
export default buildModule("ReceivableClaim", (m) => {
  const { registry } = m.useModule(ParticipantRegistryModule);
  const renderer = m.contract("ClaimRenderer", [registry]);
  const claims = m.contract("ReceivableClaim", [registry, renderer]);
  return { registry, renderer, claims };
});
