import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { DEFAULT_MARKET_RULES } from "@openfactor/sdk";

/** Seconds a new registry admin waits between the start of a handover and its acceptance: 2 days. */
export const DEFAULT_ADMIN_DELAY = 2 * 24 * 60 * 60;

/**
 * Deploys the ParticipantRegistry. `admin` receives every access role; `adminDelay` is how long a later admin
 * handover waits between its start and the new admin's acceptance; the rule parameters become rules version 1.
 * The rules default to DEFAULT_MARKET_RULES, `adminDelay` to DEFAULT_ADMIN_DELAY, and `admin` and `treasury` to the
 * first account.
 */
export default buildModule("ParticipantRegistry", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const adminDelay = m.getParameter("adminDelay", DEFAULT_ADMIN_DELAY);
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

  const registry = m.contract("ParticipantRegistry", [admin, adminDelay, rules]);

  return { registry };
});
