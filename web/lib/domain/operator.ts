/**
 * The operator console's pure parts: the market rules form (days and percentages in, seconds and basis points
 * out, checked as the registry checks them), participants' roles and expiries in words, the verification form,
 * dispute resolutions, and which rules version the live claims were issued under.
 */
import { isAddress, zeroAddress, zeroHash, type Address, type Hex } from "viem";

import {
  ACCESS_ROLE_NAMES,
  ACCESS_ROLES,
  CLAIM_STATES,
  type ClaimStateName,
  DAY,
  DISPUTE_OUTCOMES,
  type DisputeOutcomeName,
  ENDED_STATES,
  type ResultOf,
  ROLE_NAMES,
  type RoleName,
} from "@openfactor/sdk";
import { formatBps, parseAmount } from "./format";
import { dateInputToUnix } from "./invoice";

// ---------------------------------------------------------------- access roles

/** An access role's name in words ("operator"), the admin role (zero id) included; undefined if unknown. */
export function accessRoleName(id: Hex): string | undefined {
  if (id === zeroHash) return "administrator";
  const name = ACCESS_ROLE_NAMES.find((n) => ACCESS_ROLES[n] === id.toLowerCase());
  return name?.toLowerCase();
}

// ---------------------------------------------------------------- market rules

/** The registry's `MarketRules` (types/Roles.sol) as viem reads it: durations in seconds, fees in basis points. */
export type MarketRules = ResultOf<"registry", "currentRules">;

/** The rules form as typed: durations in days, fees in percent, the treasury's address. */
export interface RulesForm {
  minTenor: string;
  maxTenor: string;
  acceptanceWindow: string;
  defaultGrace: string;
  guaranteeClaimWindow: string;
  saleFee: string;
  premiumFee: string;
  treasury: string;
}

export type RulesProblems = Partial<Record<keyof RulesForm, string>>;

const SECONDS_PER_DAY = Number(DAY);
/** The largest duration a `uint32` field holds. */
const MAX_UINT32 = 2 ** 32 - 1;
/** Durations are typed in days with at most this many decimals. */
const DAY_DECIMALS = 4;

/** Seconds as days for the form: whole days as "15", else up to four decimals ("0.5"). */
export function secondsToDays(seconds: number): string {
  return String(Number((seconds / SECONDS_PER_DAY).toFixed(DAY_DECIMALS)));
}

/** Days as typed ("15", "0.5") in seconds, rounded to the second; undefined if not a non-negative number. */
export function daysToSeconds(text: string): number | undefined {
  const cleaned = text.trim();
  if (!new RegExp(`^\\d+(\\.\\d{1,${DAY_DECIMALS}})?$`).test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * SECONDS_PER_DAY);
}

/** Basis points as the form's percentage input, the inverse of its parsing (display uses formatBps): 25 → "0.25". */
export function bpsToPercentInput(bps: number): string {
  return (bps / 100).toFixed(2).replace(/\.?0+$/, "") || "0";
}

/** The form filled with `rules`. */
export function rulesToForm(rules: MarketRules): RulesForm {
  return {
    minTenor: secondsToDays(rules.minTenor),
    maxTenor: secondsToDays(rules.maxTenor),
    acceptanceWindow: secondsToDays(rules.acceptanceWindow),
    defaultGrace: secondsToDays(rules.defaultGrace),
    guaranteeClaimWindow: secondsToDays(rules.guaranteeClaimWindow),
    saleFee: bpsToPercentInput(rules.saleFeeBps),
    premiumFee: bpsToPercentInput(rules.premiumFeeBps),
    treasury: rules.treasury === zeroAddress ? "" : rules.treasury,
  };
}

/**
 * The rules the form describes, or a sentence per field that is wrong. The checks are the registry's
 * (`setMarketRules`): a minimum tenor above zero and not above the maximum, no zero window, fees at most
 * `maxFeeBps`, a treasury when a fee is charged; plus what the form itself needs (numbers, at most two decimals
 * of a percent, durations that fit the contract's 32-bit fields).
 */
export function parseRulesForm(
  form: RulesForm,
  maxFeeBps: number,
): { ok: true; rules: MarketRules } | { ok: false; problems: RulesProblems } {
  const problems: RulesProblems = {};
  const duration = (field: keyof RulesForm, label: string): number => {
    const seconds = daysToSeconds(form[field]);
    if (seconds === undefined) problems[field] = `Enter the ${label} in days (up to ${DAY_DECIMALS} decimals).`;
    else if (seconds === 0) problems[field] = `The ${label} must be longer than zero.`;
    else if (seconds > MAX_UINT32) problems[field] = `The ${label} is too long.`;
    return seconds ?? 0;
  };
  const fee = (field: keyof RulesForm, label: string): number => {
    const bps = parseAmount(form[field], 2);
    if (bps === undefined) {
      problems[field] = `Enter the ${label} as a percentage, with at most two decimals (0.25).`;
      return 0;
    }
    if (bps > BigInt(maxFeeBps))
      problems[field] = `The ${label} cannot be above ${formatBps(maxFeeBps, { locale: "en" })}.`;
    return Number(bps);
  };
  const minTenor = duration("minTenor", "shortest tenor");
  const maxTenor = duration("maxTenor", "longest tenor");
  if (problems.minTenor === undefined && problems.maxTenor === undefined && minTenor > maxTenor)
    problems.maxTenor = "The longest tenor cannot be shorter than the shortest.";
  const acceptanceWindow = duration("acceptanceWindow", "acceptance window");
  const defaultGrace = duration("defaultGrace", "default grace");
  const guaranteeClaimWindow = duration("guaranteeClaimWindow", "guarantee claim window");
  const saleFeeBps = fee("saleFee", "sale fee");
  const premiumFeeBps = fee("premiumFee", "premium fee");
  const treasuryText = form.treasury.trim();
  let treasury: Address = zeroAddress;
  if (treasuryText !== "") {
    if (!isAddress(treasuryText, { strict: false }))
      problems.treasury = "Enter the treasury as an address (0x followed by 40 hexadecimal digits).";
    else treasury = treasuryText as Address;
  }
  if (problems.treasury === undefined && treasury === zeroAddress && (saleFeeBps > 0 || premiumFeeBps > 0))
    problems.treasury = "A fee is charged, so the fees need a treasury to go to.";
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    rules: {
      minTenor,
      maxTenor,
      acceptanceWindow,
      defaultGrace,
      guaranteeClaimWindow,
      saleFeeBps,
      premiumFeeBps,
      treasury,
    },
  };
}

/** The fields that differ between two versions of the rules (the treasury compared case-insensitively). */
export function changedRules(before: MarketRules, after: MarketRules): (keyof MarketRules)[] {
  return (Object.keys(before) as (keyof MarketRules)[]).filter((key) =>
    key === "treasury" ? before.treasury.toLowerCase() !== after.treasury.toLowerCase() : before[key] !== after[key],
  );
}

/**
 * How many claims each rules version was issued under and how many of them are still live, from the claim
 * contract's events: `ClaimIssued` (which records the version) and `ClaimStateChanged` (in chain order, the last
 * one giving the state now). A claim with no state change since its issue is live (Issued or Accepted).
 */
export function claimsByRulesVersion(
  issued: readonly { claimId: bigint; rulesVersion: number }[],
  stateChanges: readonly { claimId: bigint; to: number }[],
): Map<number, { issued: number; live: number }> {
  const stateNow = new Map<bigint, ClaimStateName>();
  for (const change of stateChanges) stateNow.set(change.claimId, CLAIM_STATES[change.to]);
  const byVersion = new Map<number, { issued: number; live: number }>();
  for (const { claimId, rulesVersion } of issued) {
    const entry = byVersion.get(rulesVersion) ?? { issued: 0, live: 0 };
    entry.issued += 1;
    const state = stateNow.get(claimId);
    if (state === undefined || !ENDED_STATES.includes(state)) entry.live += 1;
    byVersion.set(rulesVersion, entry);
  }
  return byVersion;
}

// ---------------------------------------------------------------- participants

/** A business role with its article, lower case: "an originator", "a factor" (by name or `Role` number). */
export function roleWithArticle(role: RoleName | number): string {
  const name = typeof role === "number" ? ROLE_NAMES[role] : role;
  if (name === undefined) return "an unknown role";
  return `${name === "Originator" ? "an" : "a"} ${name.toLowerCase()}`;
}

/** An account's verification for one role, in words. Colour follows `kind`, the words say it all. */
export interface RoleStatus {
  kind: "none" | "active" | "expiring" | "expired";
  text: string;
}

/** A verification ending within this many days is shown as expiring soon. */
export const EXPIRING_SOON_DAYS = 30;

/**
 * The status of a verification that ends at `expiresAt` (unix seconds, exclusive; 0 = never verified or
 * revoked) at chain time `now`. The last day shown is the last second the account is still verified.
 */
export function roleStatus(expiresAt: bigint, now: bigint, date: (unixSeconds: bigint) => string): RoleStatus {
  if (expiresAt === 0n) return { kind: "none", text: "Not verified" };
  if (expiresAt <= now) return { kind: "expired", text: `Expired on ${date(expiresAt - 1n)}` };
  const days = Number((expiresAt - now + DAY - 1n) / DAY);
  if (days <= EXPIRING_SOON_DAYS)
    return {
      kind: "expiring",
      text: `Until ${date(expiresAt - 1n)}, expires in ${days} day${days === 1 ? "" : "s"}`,
    };
  return { kind: "active", text: `Until ${date(expiresAt - 1n)}` };
}

/** A participant as the registry lists it (`participants`): expiries indexed by the `Role` enum. */
export type ParticipantRecord = ResultOf<"registry", "participants">[number];

/** The participant's standing in one word or two: what the operator looks at first. */
export function participantStanding(p: ParticipantRecord, now: bigint): string {
  const held = p.expiries.filter((e) => e > 0n);
  if (p.suspended) return "Suspended";
  if (held.length === 0) return "No role";
  if (held.every((e) => e <= now)) return "Expired";
  return "Verified";
}

/** The roles the participant holds now (verified and unexpired), by name. */
export function activeRoles(p: ParticipantRecord, now: bigint): RoleName[] {
  return ROLE_NAMES.filter((_, i) => (p.expiries[i] ?? 0n) > now);
}

/** The verification form as typed: an account, the roles, the last day the verification holds ("2027-11-27"). */
export interface VerifyForm {
  account: string;
  roles: readonly RoleName[];
  until: string;
}

/**
 * The registry call the verification form describes, or what is wrong. A verification holds through the last
 * day chosen (UTC), so `expiresAt` is the first second of the next day (the registry's expiry is exclusive).
 */
export function parseVerifyForm(
  form: VerifyForm,
  now: bigint,
): { ok: true; account: Address; roles: number[]; expiresAt: bigint } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const account = form.account.trim();
  if (!isAddress(account, { strict: false }) || /^0x0{40}$/i.test(account))
    problems.push("Enter the participant's account address (0x followed by 40 hexadecimal digits).");
  if (form.roles.length === 0) problems.push("Choose at least one role.");
  const day = dateInputToUnix(form.until);
  const expiresAt = day === undefined ? undefined : day + DAY;
  if (expiresAt === undefined) problems.push("Choose the last day the verification holds.");
  else if (expiresAt <= now) problems.push("The verification must end in the future.");
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    account: account as Address,
    roles: form.roles.map((name) => ROLE_NAMES.indexOf(name)),
    expiresAt: expiresAt!,
  };
}

/** A date input's value ("2027-11-27") for the last day a verification ending at `expiresAt` holds. */
export function expiryToDateInput(expiresAt: bigint): string {
  return new Date(Number(expiresAt - 1n) * 1000).toISOString().slice(0, 10);
}

/** The renewal the console suggests: one year from the later of now and the current expiry. */
export function suggestedRenewal(expiresAt: bigint, now: bigint): bigint {
  return (expiresAt > now ? expiresAt : now) + 365n * DAY;
}

// ---------------------------------------------------------------- disputes

/**
 * The `resolve` arguments for an outcome, or why not. Upheld and Voided keep the face value (the contract wants
 * it unchanged); Diluted takes a lower face value, no lower than what was paid plus what is held.
 */
export function parseResolution(
  outcome: DisputeOutcomeName,
  newFaceText: string,
  claim: { faceValue: bigint; amountPaid: bigint; heldAmount: bigint; decimals: number },
  amount: (value: bigint) => string,
): { ok: true; outcome: number; newFaceValue: bigint } | { ok: false; problem: string } {
  const index = DISPUTE_OUTCOMES.indexOf(outcome);
  if (outcome !== "Diluted") return { ok: true, outcome: index, newFaceValue: claim.faceValue };
  const value = parseAmount(newFaceText, claim.decimals);
  const floor = claim.amountPaid + claim.heldAmount;
  if (value === undefined || value === 0n) return { ok: false, problem: "Enter the diluted face value as an amount." };
  if (value >= claim.faceValue)
    return { ok: false, problem: `A dilution lowers the face value: enter less than ${amount(claim.faceValue)}.` };
  if (value < floor)
    return {
      ok: false,
      problem: `The face value cannot go below what was paid and held on the claim (${amount(floor)}).`,
    };
  return { ok: true, outcome: index, newFaceValue: value };
}
