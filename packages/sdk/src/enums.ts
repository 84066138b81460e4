/**
 * One source of truth for the numbering of OpenFactor's Solidity enums (contracts/types/*.sol), imported by the
 * tests, the seed and the dApp. Each enum is the list of its member names in declaration order; the objects map a
 * name to the number the contracts use. test/Enums.test.ts pins these lists to the Solidity declarations.
 */

/** Build `{ Name: index }` from the names in declaration order. */
function numbered<const Names extends readonly string[]>(names: Names) {
  return Object.fromEntries(names.map((name, index) => [name, index])) as { readonly [K in Names[number]]: number };
}

/** `Role` (contracts/types/Roles.sol): what an operator verifies an account for. */
export const ROLE_NAMES = ["Originator", "Debtor", "Factor", "Guarantor"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export const Role = numbered(ROLE_NAMES);

/** `ClaimState` (contracts/types/Claim.sol): a claim's lifecycle state; 0 is None (no such claim). */
export const CLAIM_STATES = [
  "None",
  "Issued",
  "Accepted",
  "Financed",
  "Overdue",
  "Defaulted",
  "Disputed",
  "Settled",
  "Rejected",
  "Expired",
  "Cancelled",
  "Voided",
  "WrittenOff",
] as const;
export type ClaimStateName = (typeof CLAIM_STATES)[number];
export const ClaimState = numbered(CLAIM_STATES);

/** `DisputeOutcome` (contracts/types/Claim.sol): how the arbiter ends a dispute. */
export const DISPUTE_OUTCOMES = ["Upheld", "Diluted", "Voided"] as const;
export type DisputeOutcomeName = (typeof DISPUTE_OUTCOMES)[number];
export const DisputeOutcome = numbered(DISPUTE_OUTCOMES);

/** `Party` (contracts/types/Claim.sol): how an account stands to a claim, for the claim lens's `claimsOf`. */
export const PARTIES = ["Holder", "Debtor", "Originator"] as const;
export type PartyName = (typeof PARTIES)[number];
export const Party = numbered(PARTIES);

/** `GuaranteeStatus` (contracts/types/Guarantee.sol): where a guarantee stands; 0 is None. */
export const GUARANTEE_STATUSES = ["None", "Offered", "Withdrawn", "Active", "Released", "Called"] as const;
export type GuaranteeStatusName = (typeof GUARANTEE_STATUSES)[number];
export const GuaranteeStatus = numbered(GUARANTEE_STATUSES);

/** `SaleKind` (contracts/types/Market.sol): how a claim changed hands in the market. */
export const SALE_KINDS = ["Listing", "Bid", "StandingOffer", "SignedOffer"] as const;
export type SaleKindName = (typeof SALE_KINDS)[number];
export const SaleKind = numbered(SALE_KINDS);

/** `AuctionPhase` (contracts/types/Auction.sol): where a sealed-bid auction stands; 0 is None. */
export const AUCTION_PHASES = ["None", "Bidding", "Revealing", "Picking", "Sold", "Closed", "Void"] as const;
export type AuctionPhaseName = (typeof AUCTION_PHASES)[number];
export const AuctionPhase = numbered(AUCTION_PHASES);

/**
 * The sealed-bid auction's constants (contracts/types/Auction.sol), in seconds and basis points: the bounds of the
 * windows a seller sets, the seller's pick window after reveals close, and the share of an unrevealed bid's deposit
 * forfeited to the seller. test/AuctionLimits.test.ts pins them to the Solidity constants.
 */
export const AUCTION_LIMITS = {
  MIN_BIDDING_WINDOW: 3_600,
  MAX_BIDDING_WINDOW: 30 * 86_400,
  MIN_REVEAL_WINDOW: 3_600,
  MAX_REVEAL_WINDOW: 7 * 86_400,
  PICK_WINDOW: 2 * 86_400,
  UNREVEALED_FORFEIT_BPS: 100,
} as const;
