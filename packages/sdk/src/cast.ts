/**
 * The demo's participants: the node's first eleven accounts, each with a name, a label and the roles the operator
 * verifies it for (role numbers from enums.ts). The applicant is funded but not verified: an SME
 * waiting for the operator, so the demo (and the browser tests) can show a verification from the start.
 */
import type { RoleName } from "./enums.ts";

export interface Member {
  /** Short key the scenarios use. */
  key: CastKey;
  /** The business's name, as the summary prints it. */
  label: string;
  /** Its role in the story. */
  part: string;
  /** Roles the operator verifies it for. */
  roles: RoleName[];
  /** Index of its account among the node's accounts. */
  account: number;
}

export type CastKey =
  | "operator"
  | "sme1"
  | "sme2"
  | "debtor1"
  | "debtor2"
  | "factor1"
  | "factor2"
  | "factor3"
  | "bank"
  | "guarantor"
  | "applicant";

export const CAST: readonly Member[] = [
  { key: "operator", label: "OpenFactor Operator", part: "operator", roles: [], account: 0 },
  { key: "sme1", label: "Acme Textiles", part: "SME", roles: ["Originator"], account: 1 },
  { key: "sme2", label: "Brightline Tools", part: "SME", roles: ["Originator"], account: 2 },
  { key: "debtor1", label: "Northwind Retail", part: "debtor", roles: ["Debtor"], account: 3 },
  { key: "debtor2", label: "Globex Importers", part: "debtor", roles: ["Debtor"], account: 4 },
  { key: "factor1", label: "Harbor Factoring", part: "factor", roles: ["Factor"], account: 5 },
  { key: "factor2", label: "Meridian Capital", part: "factor", roles: ["Factor"], account: 6 },
  { key: "factor3", label: "Cedar Trade Finance", part: "factor", roles: ["Factor"], account: 7 },
  { key: "bank", label: "First Harbor Bank", part: "bank", roles: ["Factor", "Guarantor"], account: 8 },
  { key: "guarantor", label: "Atlas Credit Insurance", part: "guarantor", roles: ["Guarantor"], account: 9 },
  { key: "applicant", label: "Sunrise Ceramics", part: "SME, not yet verified", roles: [], account: 10 },
];

/** The standing rate offers each factor posts on each debtor, as annual yields in basis points. */
export const STANDING_OFFER_YIELDS_BPS: Partial<Record<CastKey, number>> = {
  factor1: 800,
  factor2: 950,
  factor3: 1_100,
};
