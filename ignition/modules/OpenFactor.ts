import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ReceivableClaimModule from "./ReceivableClaim.js";

/**
 * The whole OpenFactor system, as production deploys it and as the tests' fixtures deploy it.
 * Later modules (the market, the guarantee escrow) join here and are trusted as claim agents.
 */
export default buildModule("OpenFactor", (m) => {
  const { registry, renderer, claims } = m.useModule(ReceivableClaimModule);
  return { registry, renderer, claims };
});
