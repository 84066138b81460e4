/**
 * The claim's own steps, on the claim contract: issuing, confirming, paying, disputing, writing off. Each returns
 * one call for viem or wagmi (see `contractCall`); nothing is sent here.
 */
import type { Address, Hex } from "viem";

import { type ArgsOf, contractCall, type Contracts } from "../calls.ts";
import { DisputeOutcome, type DisputeOutcomeName } from "../enums.ts";

/** An invoice's terms, as `issue`, `issueAccepted` and `issueByDebtor` take them. */
export type ClaimTerms = ArgsOf<"claims", "issue">[0];

/**
 * The originator issues a claim on its invoice; the claim is Issued until the debtor accepts it. `terms.originator`
 * is the caller; `metadataURI` may be "". Fails with `ClaimCommitmentInUse` if a live claim already uses the
 * invoice commitment, `ClaimTenorOutOfRange` if the due date is outside the market rules.
 */
export const issueClaim = (contracts: Contracts, terms: ClaimTerms, metadataURI = "") =>
  contractCall(contracts, "claims", "issue", [terms, metadataURI]);

/**
 * The originator issues a claim already Accepted, carrying the debtor's EIP-712 `ClaimAcceptance` signature
 * (`CLAIM_ACCEPTANCE_TYPES`) valid until `deadline`. Fails with `ClaimInvalidSignature` or `ClaimSignatureExpired`.
 */
export const issueAccepted = (
  contracts: Contracts,
  terms: ClaimTerms,
  metadataURI: string,
  deadline: bigint,
  debtorSignature: Hex,
) => contractCall(contracts, "claims", "issueAccepted", [terms, metadataURI, deadline, debtorSignature]);

/**
 * The debtor issues a claim on an invoice it owes (reverse factoring); its originator confirms it with
 * {@link acceptClaim}. `terms.debtor` is the caller.
 */
export const issueByDebtor = (contracts: Contracts, terms: ClaimTerms, metadataURI = "") =>
  contractCall(contracts, "claims", "issueByDebtor", [terms, metadataURI]);

/**
 * The party asked to confirm an Issued claim accepts it: the debtor, or the originator of a claim its debtor issued.
 * Fails with `ClaimUnauthorized` for anyone else, `ClaimAcceptanceWindowClosed` after the acceptance deadline.
 */
export const acceptClaim = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "claims", "accept", [claimId]);

/**
 * Anyone relays the debtor's EIP-712 acceptance of an Issued claim. The two hashes are the ones `ClaimIssued`
 * reported (`ClaimInvoiceHashesMismatch` otherwise).
 */
export const acceptWithSignature = (
  contracts: Contracts,
  claimId: bigint,
  invoiceCommitment: Hex,
  documentHash: Hex,
  deadline: bigint,
  debtorSignature: Hex,
) =>
  contractCall(contracts, "claims", "acceptWithSignature", [
    claimId,
    invoiceCommitment,
    documentHash,
    deadline,
    debtorSignature,
  ]);

/** The party asked to confirm an Issued claim refuses it (Rejected); its invoice commitment is freed. */
export const rejectClaim = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "claims", "reject", [claimId]);

/** The party that issued an Issued claim withdraws it (Cancelled); its invoice commitment is freed. */
export const cancelClaim = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "claims", "cancel", [claimId]);

/**
 * Anyone ends an Issued claim past its acceptance deadline (Expired). Fails with `ClaimAcceptanceWindowOpen`
 * before it.
 */
export const expireClaim = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "claims", "expire", [claimId]);

/** A debtor invalidates every acceptance signature it has given and not yet seen used. */
export const revokeAcceptanceSignatures = (contracts: Contracts) =>
  contractCall(contracts, "claims", "incrementAcceptanceCounter", []);

/**
 * The debtor (or anyone) pays `amount` towards a claim, pulled from the caller: `approve` the claim contract
 * for it first. Credited to the holder of record; fully paid makes the claim Settled. Fails with `ClaimOverpayment`
 * above what is outstanding.
 */
export const payClaim = (contracts: Contracts, claimId: bigint, amount: bigint) =>
  contractCall(contracts, "claims", "pay", [claimId, amount]);

/**
 * Pays off several claims in one currency, whatever each owes when the transaction runs, pulling at most
 * `maxTotal` (`ClaimPaymentAboveMaximum` if they owe more).
 */
export const payInFull = (contracts: Contracts, claimIds: readonly bigint[], maxTotal: bigint) =>
  contractCall(contracts, "claims", "payInFull", [claimIds, maxTotal]);

/** After a claim is Voided, a payer takes back what it paid during the dispute, to `to`. */
export const reclaimHeldPayment = (contracts: Contracts, claimId: bigint, to: Address) =>
  contractCall(contracts, "claims", "reclaimHeldPayment", [claimId, to]);

/**
 * Anyone moves an unpaid claim along the clock: Overdue after its due date, Defaulted after the default grace.
 * Fails with `ClaimNotYetOverdue` before the due date.
 */
export const markOverdue = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "claims", "poke", [claimId]);

/**
 * The debtor or the holder disputes an Accepted, Financed or Overdue claim, recording the hash of its evidence.
 * Fails with `ClaimDisputeTooLate` past the default grace.
 */
export const disputeClaim = (contracts: Contracts, claimId: bigint, evidenceHash: Hex) =>
  contractCall(contracts, "claims", "dispute", [claimId, evidenceHash]);

/**
 * The arbiter ends a dispute: Upheld or Voided with the claim's face value, Diluted with a lower one. Fails with
 * `ClaimMissingAccessRole` for a caller without ARBITER_ROLE.
 */
export const resolveDispute = (
  contracts: Contracts,
  claimId: bigint,
  outcome: DisputeOutcomeName,
  newFaceValue: bigint,
) => contractCall(contracts, "claims", "resolve", [claimId, DisputeOutcome[outcome], newFaceValue]);

/** The holder records a Defaulted claim's outstanding amount as a loss (WrittenOff); late payments still reach it. */
export const writeOff = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "claims", "writeOff", [claimId]);

/**
 * The holder moves its claim to another verified participant (a sale settled off the market). Fails with
 * `ClaimTransferNotAllowed` when the claim's state or either party's verification forbids it.
 */
export const transferClaim = (contracts: Contracts, from: Address, to: Address, claimId: bigint) =>
  contractCall(contracts, "claims", "safeTransferFrom", [from, to, claimId]);

/** The holder unlocks its claim locked by an agent the operator no longer trusts. */
export const unlockClaim = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "claims", "unlock", [claimId]);
