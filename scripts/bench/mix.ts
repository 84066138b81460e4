/**
 * What the scale benchmark seeds: who the participants are and what happens to each claim. Pure functions of the
 * claim count N and the participant count M, the same on every run, so two runs of one size build the same chain.
 *
 * PARTICIPANT_MIX and CLAIM_MIX below are the mix: a participant's part is its position in its group of 20, and
 * every block of 1,000 consecutive claims holds exactly CLAIM_MIX's counts, spread through the block by a fixed
 * permutation. Every claim is issued with the debtor's EIP-712 acceptance (`issueAccepted`: one transaction,
 * Accepted) except those left for the debtor; listed: 36 %, bid on: 19 % (about half the listed ones), sold: 3 %.
 */
import type { RoleName } from "@openfactor/sdk";

/** One US dollar in the 6-decimal mock stablecoin. */
export const USD = 1_000_000n;

/** Participants per group; M must be at least this, so that every part has someone. */
export const PARTICIPANT_GROUP = 20;

export type Part = "SME" | "debtor" | "factor" | "guarantor" | "bank";

/** The participant mix: each part's roles and its share of every PARTICIPANT_GROUP participants. */
export const PARTICIPANT_MIX: readonly { part: Part; roles: readonly RoleName[]; ofGroup: number }[] = [
  { part: "SME", roles: ["Originator"], ofGroup: 10 },
  { part: "debtor", roles: ["Debtor"], ofGroup: 4 },
  { part: "factor", roles: ["Factor"], ofGroup: 4 },
  { part: "guarantor", roles: ["Guarantor"], ofGroup: 1 },
  { part: "bank", roles: ["Factor", "Guarantor"], ofGroup: 1 },
];

/** What happens to a claim after it is issued. */
export interface ClaimFate {
  name: string;
  /** Claims of this fate in every 1,000. */
  perMille: number;
  /** Issued with the debtor's signature (Accepted), or plain issued and left for the debtor. */
  accepted: boolean;
  /** The originator lists it in the market. */
  listed: boolean;
  /** Escrowed bids placed on the listing by different factors (0, 1 or 2). */
  bids: 0 | 1 | 2;
  /** The originator accepts the best bid. */
  sold: boolean;
  /** The debtor pays nothing, 40 % of the face value, or all of it (after the sale, if sold). */
  payment: "none" | "part" | "full";
  /** A guarantor offers cover; "active" when the originator also activates it. */
  guarantee: "none" | "offered" | "active";
}

const held = { accepted: true, listed: false, bids: 0, sold: false, payment: "none", guarantee: "none" } as const;

export const CLAIM_MIX: readonly ClaimFate[] = [
  { ...held, name: "issued, awaiting the debtor", perMille: 20, accepted: false },
  { ...held, name: "accepted, held by its originator", perMille: 460 },
  { ...held, name: "paid in part", perMille: 80, payment: "part" },
  { ...held, name: "paid in full", perMille: 40, payment: "full" },
  { ...held, name: "guarantee offered", perMille: 20, guarantee: "offered" },
  { ...held, name: "guaranteed", perMille: 20, guarantee: "active" },
  { ...held, name: "listed, no bid", perMille: 170, listed: true },
  { ...held, name: "listed, one bid", perMille: 90, listed: true, bids: 1 },
  { ...held, name: "listed, two bids", perMille: 70, listed: true, bids: 2 },
  { ...held, name: "sold to the better of two bids", perMille: 15, listed: true, bids: 2, sold: true },
  {
    ...held,
    name: "sold to its one bid, then paid in full",
    perMille: 15,
    listed: true,
    bids: 1,
    sold: true,
    payment: "full",
  },
];

/** The yields (basis points a year) at which a listing asks and the first and second bidders bid. */
export const ASK_YIELD_BPS = 800;
export const BID_YIELDS_BPS = [1_000, 1_100] as const;
/** Cover a guarantor offers, in percent of the face value, and its premium rate (basis points a year). */
export const COVER_PERCENT = 80n;
export const PREMIUM_RATE_BPS = 150n;

/** Stablecoins each participant is minted at the start, in whole dollars: more than any of them spends. */
export const FUNDING_USD = 1_000_000_000n;

export interface Participant {
  /** 0 to M - 1. */
  index: number;
  part: Part;
  roles: readonly RoleName[];
}

export interface ClaimPlan {
  /** 0 to N - 1: the order of issue. */
  index: number;
  fate: ClaimFate;
  /** Participant indexes: the originator, the debtor, the bidders (best first), the guarantor if any. */
  sme: number;
  debtor: number;
  bidders: number[];
  guarantor: number | undefined;
  /** Face value in stablecoin base units: 5,000 to 250,000 dollars. */
  face: bigint;
  /** Days from the issue to the due date: 30 to 180. */
  tenorDays: number;
}

/** Checks a size: a whole number, at least `min`. */
export function checkCount(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, got ${value}`);
  }
  return value;
}

/** The part of participant `index`: its position in its group of PARTICIPANT_GROUP. */
export function partOf(index: number): (typeof PARTICIPANT_MIX)[number] {
  let position = index % PARTICIPANT_GROUP;
  for (const entry of PARTICIPANT_MIX) {
    if (position < entry.ofGroup) return entry;
    position -= entry.ofGroup;
  }
  throw new Error("the participant mix does not add up to its group");
}

/** The M participants, each with its part and roles. */
export function planParticipants(m: number): Participant[] {
  checkCount("the participant count", m, PARTICIPANT_GROUP);
  return Array.from({ length: m }, (_, index) => {
    const { part, roles } = partOf(index);
    return { index, part, roles };
  });
}

/** A multiplier coprime with 1,000: `i * SPREAD % 1000` visits every slot of a block of 1,000 once. */
const SPREAD = 619;

/** The fate of claim `index`: its slot in its block of 1,000, looked up in CLAIM_MIX. */
export function fateOf(index: number): ClaimFate {
  let slot = (index * SPREAD) % 1_000;
  for (const fate of CLAIM_MIX) {
    if (slot < fate.perMille) return fate;
    slot -= fate.perMille;
  }
  throw new Error("the claim mix does not add up to 1,000");
}

/** Knuth's multiplicative hash: amounts and tenors look random but are the same on every run. */
const hash = (index: number) => Math.imul(index + 1, 2_654_435_761) >>> 0;

/** The N claims: who issues, owes, bids and guarantees, for how much and how long. */
export function planClaims(n: number, participants: readonly Participant[]): ClaimPlan[] {
  checkCount("the claim count", n, 1);
  const byRole = (role: RoleName) => participants.filter((p) => p.roles.includes(role)).map((p) => p.index);
  const smes = byRole("Originator");
  const debtors = byRole("Debtor");
  const factors = byRole("Factor");
  const guarantors = byRole("Guarantor");
  if (smes.length === 0 || debtors.length === 0 || factors.length < 2 || guarantors.length === 0) {
    throw new Error("the claims need an originator, a debtor, two factors and a guarantor");
  }
  return Array.from({ length: n }, (_, index) => {
    const fate = fateOf(index);
    const random = hash(index);
    // Each originator's claims rotate through the debtors, so every pair trades.
    const round = Math.floor(index / smes.length);
    const first = (index + round) % factors.length;
    return {
      index,
      fate,
      sme: smes[index % smes.length],
      debtor: debtors[(index + round) % debtors.length],
      bidders: [factors[first], factors[(first + 1) % factors.length]].slice(0, fate.bids),
      guarantor: fate.guarantee === "none" ? undefined : guarantors[index % guarantors.length],
      face: BigInt(5 + (random % 246)) * 1_000n * USD,
      tenorDays: 30 + ((random >>> 8) % 151),
    };
  });
}

/** Claims of each fate among `claims`, by fate name. */
export function countFates(claims: readonly ClaimPlan[]): Map<string, number> {
  const counts = new Map(CLAIM_MIX.map((fate) => [fate.name, 0]));
  for (const claim of claims) counts.set(claim.fate.name, (counts.get(claim.fate.name) ?? 0) + 1);
  return counts;
}
