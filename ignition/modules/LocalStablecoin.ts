import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import OpenFactorModule from "./OpenFactor.js";

/**
 * Local chains only: the whole system plus a mock 6-decimal stablecoin ("USDC", with a faucet and an owner mint)
 * that the registry allowlists. Never deployed to a public network, where the real stablecoin is allowlisted by
 * the Stablecoin module instead.
 */
export default buildModule("LocalStablecoin", (m) => {
  const system = m.useModule(OpenFactorModule);
  const stablecoin = m.contract("MockStablecoin", [
    m.getParameter("name", "USD Coin"),
    m.getParameter("symbol", "USDC"),
    m.getParameter("decimals", 6),
  ]);
  m.call(system.registry, "setCurrencyAllowed", [stablecoin, true], { id: "AllowStablecoin" });
  return { ...system, stablecoin };
});
