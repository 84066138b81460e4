import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import OpenFactorModule from "./OpenFactor.js";

/**
 * Public networks: the whole system, with an existing stablecoin (the `address` parameter, e.g. the network's
 * USDC test deployment, see ignition/parameters/) allowlisted in the registry. The deployer must hold the
 * registry's OPERATOR_ROLE, as for the rest of the wiring.
 */
export default buildModule("Stablecoin", (m) => {
  const system = m.useModule(OpenFactorModule);
  m.call(system.registry, "setCurrencyAllowed", [m.getParameter<string>("address"), true], {
    id: "AllowStablecoin",
  });
  return system;
});
