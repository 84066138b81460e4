import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { DEFAULT_MARKET_RULES } from "../market-rules.js";

/**
 * Deploys the ParticipantRegistry. `admin` receives every access role; the rule parameters become rules
 * version 1. Every parameter defaults to DEFAULT_MARKET_RULES, and `admin` and `treasury` to the first account.
 */
export default buildModule("ParticipantRegistry", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const rules = {
    minTenor: m.getParameter("minTenor", DEFAULT_MARKET_RULES.minTenor),
    maxTenor: m.getParameter("maxTenor", DEFAULT_MARKET_RULES.maxTenor),
    acceptanceWindow: m.getParameter("acceptanceWindow", DEFAULT_MARKET_RULES.acceptanceWindow),
    defaultGrace: m.getParameter("defaultGrace", DEFAULT_MARKET_RULES.defaultGrace),
    guaranteeClaimWindow: m.getParameter("guaranteeClaimWindow", DEFAULT_MARKET_RULES.guaranteeClaimWindow),
    saleFeeBps: m.getParameter("saleFeeBps", DEFAULT_MARKET_RULES.saleFeeBps),
    premiumFeeBps: m.getParameter("premiumFeeBps", DEFAULT_MARKET_RULES.premiumFeeBps),
    treasury: m.getParameter("treasury", deployer),
  };

  const registry = m.contract("ParticipantRegistry", [admin, rules]);

  return { registry };
});
