import { describe, expect, it } from "vitest";

import {
  abis,
  ACCESS_ROLE_NAMES,
  ACCESS_ROLES,
  CAST,
  DAY,
  DEFAULT_ADMIN_ROLE,
  DEFAULT_MARKET_RULES,
  deployments,
  HOUR,
  localAccounts,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  WEEK,
  YEAR,
} from "../src/index.ts";

describe("time", () => {
  it("counts seconds, as numbers and as bigints that agree", () => {
    expect(SECONDS_PER_HOUR).toBe(3_600);
    expect(SECONDS_PER_DAY).toBe(86_400);
    expect(HOUR).toBe(3_600n);
    expect(DAY).toBe(86_400n);
    expect(WEEK).toBe(604_800n);
    expect(YEAR).toBe(31_536_000n);
  });
});

describe("access roles", () => {
  it("are the keccak-256 of the registry's constant names (pinned values)", () => {
    expect(ACCESS_ROLE_NAMES).toEqual(["Operator", "Arbiter", "Pauser"]);
    expect(ACCESS_ROLES.Operator).toBe("0x97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929");
    expect(ACCESS_ROLES.Arbiter).toBe("0xbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae");
    expect(ACCESS_ROLES.Pauser).toBe("0x65d7a28e3265b37a6474929f336521b332c1681b933f6cb9f3376673440d862a");
    expect(DEFAULT_ADMIN_ROLE).toBe(`0x${"00".repeat(32)}`);
  });
});

describe("market rules", () => {
  it("are in seconds and basis points, within the registry's caps", () => {
    expect(DEFAULT_MARKET_RULES.minTenor).toBe(15 * SECONDS_PER_DAY);
    expect(DEFAULT_MARKET_RULES.maxTenor).toBe(365 * SECONDS_PER_DAY);
    expect(DEFAULT_MARKET_RULES.saleFeeBps).toBeLessThanOrEqual(100);
    expect(DEFAULT_MARKET_RULES.premiumFeeBps).toBeLessThanOrEqual(100);
  });
});

describe("contracts", () => {
  it("name an ABI for every contract the local deployment has an address for", () => {
    const local = deployments[31337];
    expect(Object.keys(abis).sort()).toEqual(Object.keys(local).sort());
    for (const abi of Object.values(abis)) expect(abi.length).toBeGreaterThan(0);
  });

  it("give the demo cast distinct accounts among the local chain's", () => {
    const indexes = CAST.map((member) => member.account);
    expect(new Set(indexes).size).toBe(indexes.length);
    for (const index of indexes) expect(localAccounts[index]).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });
});
