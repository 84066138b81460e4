import { describe, expect, it } from "vitest";
import { zeroAddress, zeroHash, type Address } from "viem";

import {
  accessRoleName,
  activeRoles,
  changedRules,
  claimsByRulesVersion,
  daysToSeconds,
  expiryToDateInput,
  parseResolution,
  parseRulesForm,
  parseVerifyForm,
  participantStanding,
  roleStatus,
  roleWithArticle,
  rulesToForm,
  secondsToDays,
  suggestedRenewal,
  type MarketRules,
  type ParticipantRecord,
  type RulesForm,
} from "./operator";
import { ACCESS_ROLES, SECONDS_PER_DAY } from "@openfactor/sdk";

const TREASURY = "0x00000000000000000000000000000000000000Aa" as Address;
const DEFAULTS: MarketRules = {
  minTenor: 15 * SECONDS_PER_DAY,
  maxTenor: 365 * SECONDS_PER_DAY,
  acceptanceWindow: 7 * SECONDS_PER_DAY,
  defaultGrace: 30 * SECONDS_PER_DAY,
  guaranteeClaimWindow: 90 * SECONDS_PER_DAY,
  saleFeeBps: 25,
  premiumFeeBps: 100,
  treasury: TREASURY,
};
const form = (changes: Partial<RulesForm> = {}): RulesForm => ({ ...rulesToForm(DEFAULTS), ...changes });

describe("the market rules form", () => {
  it("shows the rules in days and percent, and reads them back unchanged", () => {
    expect(rulesToForm(DEFAULTS)).toEqual({
      minTenor: "15",
      maxTenor: "365",
      acceptanceWindow: "7",
      defaultGrace: "30",
      guaranteeClaimWindow: "90",
      saleFee: "0.25",
      premiumFee: "1",
      treasury: TREASURY,
    });
    expect(parseRulesForm(form(), 100)).toEqual({ ok: true, rules: DEFAULTS });
  });

  it("converts days and percentages exactly", () => {
    expect(secondsToDays(SECONDS_PER_DAY / 2)).toBe("0.5");
    expect(secondsToDays(3600)).toBe("0.0417");
    expect(daysToSeconds("0.5")).toBe(SECONDS_PER_DAY / 2);
    expect(daysToSeconds("1.5x")).toBeUndefined();
    expect(daysToSeconds("-1")).toBeUndefined();
    const result = parseRulesForm(form({ saleFee: "0.1", premiumFee: "0" }), 100);
    expect(result.ok && [result.rules.saleFeeBps, result.rules.premiumFeeBps]).toEqual([10, 0]);
  });

  it("refuses what the registry refuses, field by field", () => {
    const problems = (changes: Partial<RulesForm>) => {
      const result = parseRulesForm(form(changes), 100);
      return result.ok ? {} : result.problems;
    };
    expect(problems({ minTenor: "0" })).toEqual({ minTenor: "The shortest tenor must be longer than zero." });
    expect(problems({ minTenor: "400" })).toEqual({
      maxTenor: "The longest tenor cannot be shorter than the shortest.",
    });
    expect(problems({ acceptanceWindow: "0", defaultGrace: "", guaranteeClaimWindow: "abc" })).toEqual({
      acceptanceWindow: "The acceptance window must be longer than zero.",
      defaultGrace: "Enter the default grace in days (up to 4 decimals).",
      guaranteeClaimWindow: "Enter the guarantee claim window in days (up to 4 decimals).",
    });
    expect(problems({ saleFee: "1.01" })).toEqual({ saleFee: "The sale fee cannot be above 1.00%." });
    expect(problems({ premiumFee: "0.125" })).toEqual({
      premiumFee: "Enter the premium fee as a percentage, with at most two decimals (0.25).",
    });
    expect(problems({ maxTenor: "50000" })).toEqual({ maxTenor: "The longest tenor is too long." });
    expect(problems({ treasury: "0x1234" })).toEqual({
      treasury: "Enter the treasury as an address (0x followed by 40 hexadecimal digits).",
    });
    expect(problems({ treasury: "" })).toEqual({ treasury: "A fee is charged, so the fees need a treasury to go to." });
    // No fee, no treasury needed: the zero address goes to the registry.
    const free = parseRulesForm(form({ treasury: "", saleFee: "0", premiumFee: "0" }), 100);
    expect(free.ok && free.rules.treasury).toBe(zeroAddress);
  });

  it("names the fields a new version changes", () => {
    expect(changedRules(DEFAULTS, { ...DEFAULTS, treasury: TREASURY.toLowerCase() as Address })).toEqual([]);
    expect(changedRules(DEFAULTS, { ...DEFAULTS, maxTenor: 180 * SECONDS_PER_DAY, saleFeeBps: 50 })).toEqual([
      "maxTenor",
      "saleFeeBps",
    ]);
  });
});

describe("claims by rules version", () => {
  it("counts the claims issued under each version and those still live, by their last state change", () => {
    const issued = [
      { claimId: 1n, rulesVersion: 1 },
      { claimId: 2n, rulesVersion: 1 },
      { claimId: 3n, rulesVersion: 1 },
      { claimId: 4n, rulesVersion: 2 },
    ];
    const changes = [
      { claimId: 1n, to: 2 }, // Accepted
      { claimId: 1n, to: 7 }, // Settled: over
      { claimId: 2n, to: 6 }, // Disputed: live
      { claimId: 3n, to: 11 }, // Voided: over
    ];
    expect(claimsByRulesVersion(issued, changes)).toEqual(
      new Map([
        [1, { issued: 3, live: 1 }],
        [2, { issued: 1, live: 1 }],
      ]),
    );
  });
});

describe("participants' roles and expiries", () => {
  const NOW = 1_800_000_000n;
  const date = (t: bigint) => `day ${t}`;

  it("says whether a verification holds, ends soon, has ended or never was, naming its last day", () => {
    expect(roleStatus(0n, NOW, date)).toEqual({ kind: "none", text: "Not verified" });
    expect(roleStatus(NOW, NOW, date)).toEqual({ kind: "expired", text: `Expired on day ${NOW - 1n}` });
    expect(roleStatus(NOW + 1n, NOW, date)).toEqual({
      kind: "expiring",
      text: `Until day ${NOW}, expires in 1 day`,
    });
    expect(roleStatus(NOW + 30n * 86_400n, NOW, date).kind).toBe("expiring");
    expect(roleStatus(NOW + 30n * 86_400n + 1n, NOW, date)).toEqual({
      kind: "active",
      text: `Until day ${NOW + 30n * 86_400n}`,
    });
  });

  it("sums a participant up", () => {
    const p = (expiries: ParticipantRecord["expiries"], suspended = false): ParticipantRecord => ({
      account: TREASURY,
      suspended,
      expiries,
    });
    expect(participantStanding(p([0n, NOW + 1n, 0n, 0n]), NOW)).toBe("Verified");
    expect(participantStanding(p([0n, NOW + 1n, 0n, 0n], true), NOW)).toBe("Suspended");
    expect(participantStanding(p([NOW, 0n, 0n, 0n]), NOW)).toBe("Expired");
    expect(participantStanding(p([0n, 0n, 0n, 0n]), NOW)).toBe("No role");
    expect(activeRoles(p([NOW, NOW + 1n, 0n, NOW + 5n]), NOW)).toEqual(["Debtor", "Guarantor"]);
  });

  it("names roles with their article", () => {
    expect(roleWithArticle("Originator")).toBe("an originator");
    expect(roleWithArticle(2)).toBe("a factor");
    expect(accessRoleName(ACCESS_ROLES.Arbiter)).toBe("arbiter");
    expect(accessRoleName(zeroHash)).toBe("administrator");
  });

  it("reads the verification form: the last day chosen holds, in full (UTC)", () => {
    const now = BigInt(Date.parse("2026-11-27T12:00:00Z") / 1000);
    const ok = parseVerifyForm(
      { account: ` ${TREASURY} `, roles: ["Originator", "Guarantor"], until: "2027-11-27" },
      now,
    );
    expect(ok).toEqual({
      ok: true,
      account: TREASURY,
      roles: [0, 3],
      expiresAt: BigInt(Date.parse("2027-11-28T00:00:00Z") / 1000),
    });
    expect(ok.ok && expiryToDateInput(ok.expiresAt)).toBe("2027-11-27");
    expect(parseVerifyForm({ account: "0x12", roles: [], until: "2026-11-26" }, now)).toEqual({
      ok: false,
      problems: [
        "Enter the participant's account address (0x followed by 40 hexadecimal digits).",
        "Choose at least one role.",
        "The verification must end in the future.",
      ],
    });
    expect(parseVerifyForm({ account: zeroAddress, roles: ["Debtor"], until: "" }, now)).toEqual({
      ok: false,
      problems: [
        "Enter the participant's account address (0x followed by 40 hexadecimal digits).",
        "Choose the last day the verification holds.",
      ],
    });
    // Today still counts: the verification holds until midnight UTC.
    expect(parseVerifyForm({ account: TREASURY, roles: ["Debtor"], until: "2026-11-27" }, now).ok).toBe(true);
  });

  it("suggests renewing for a year from the later of now and the current expiry", () => {
    const year = 365n * 86_400n;
    expect(suggestedRenewal(NOW + 10n, NOW)).toBe(NOW + 10n + year);
    expect(suggestedRenewal(NOW - 10n, NOW)).toBe(NOW + year);
    expect(suggestedRenewal(0n, NOW)).toBe(NOW + year);
  });
});

describe("dispute resolutions", () => {
  const claim = { faceValue: 10_000_000_000n, amountPaid: 2_000_000_000n, heldAmount: 1_000_000_000n, decimals: 6 };
  const amount = (v: bigint) => `${Number(v) / 1e6} USDC`;

  it("keeps the face value when upheld or voided", () => {
    expect(parseResolution("Upheld", "", claim, amount)).toEqual({
      ok: true,
      outcome: 0,
      newFaceValue: 10_000_000_000n,
    });
    expect(parseResolution("Voided", "1", claim, amount)).toEqual({
      ok: true,
      outcome: 2,
      newFaceValue: 10_000_000_000n,
    });
  });

  it("lowers it when diluted, never to or below zero, never below what was paid and held", () => {
    expect(parseResolution("Diluted", "7,500.5", claim, amount)).toEqual({
      ok: true,
      outcome: 1,
      newFaceValue: 7_500_500_000n,
    });
    expect(parseResolution("Diluted", "3000", claim, amount)).toEqual({
      ok: true,
      outcome: 1,
      newFaceValue: 3_000_000_000n,
    });
    expect(parseResolution("Diluted", "2999.999999", claim, amount)).toEqual({
      ok: false,
      problem: "The face value cannot go below what was paid and held on the claim (3000 USDC).",
    });
    expect(parseResolution("Diluted", "10000", claim, amount)).toEqual({
      ok: false,
      problem: "A dilution lowers the face value: enter less than 10000 USDC.",
    });
    expect(parseResolution("Diluted", "0", claim, amount)).toEqual({
      ok: false,
      problem: "Enter the diluted face value as an amount.",
    });
    expect(parseResolution("Diluted", "", claim, amount)).toEqual({
      ok: false,
      problem: "Enter the diluted face value as an amount.",
    });
  });
});
