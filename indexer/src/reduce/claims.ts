/**
 * What the claim contract's events mean for a claim, its payments and its disputes. Each function is pure: the rows
 * before, the event, and the rows after.
 */
import type { claimsAbi } from "@openfactor/sdk";
import { CLAIM_STATES, DISPUTE_OUTCOMES } from "@openfactor/sdk";

import type { At, ClaimRow, DisputeRow, EventArgs, PaymentRow, RulesVersionRow } from "./types.ts";
import { lower, named } from "./types.ts";

type Args<N extends string> = EventArgs<typeof claimsAbi, N>;

/** A new claim, in state None until the ClaimStateChanged that follows it; its originator is its first holder. */
export function claimIssued(args: Args<"ClaimIssued">, at: At, rules: RulesVersionRow | undefined): ClaimRow {
  return {
    id: args.claimId,
    state: "None",
    stateBeforeDispute: "None",
    holder: lower(args.originator),
    originator: lower(args.originator),
    debtor: lower(args.debtor),
    currency: lower(args.currency),
    faceValue: args.faceValue,
    amountPaid: 0n,
    heldAmount: 0n,
    dueDate: args.dueDate,
    issuedAt: at.timestamp,
    // An Issued claim may be accepted for its rules' window; one issued Accepted keeps its issue time (below).
    acceptanceDeadline: at.timestamp + BigInt(rules?.acceptanceWindow ?? 0),
    acceptedAt: null,
    rulesVersion: args.rulesVersion,
    invoiceCommitment: args.invoiceCommitment,
    documentHash: args.documentHash,
    parentId: null,
    disputeCount: 0,
    locked: false,
    listed: false,
    listingCount: 0,
    guaranteeId: null,
    saleCount: 0,
    lastSalePrice: null,
    writtenOffLoss: null,
    updatedAt: at.timestamp,
  };
}

/** The claim's new state; entering Disputed remembers where it came from. */
export function claimStateChanged(row: ClaimRow, args: Args<"ClaimStateChanged">, at: At): ClaimRow {
  const from = named(CLAIM_STATES, args.from);
  const to = named(CLAIM_STATES, args.to);
  const next: ClaimRow = { ...row, state: to, updatedAt: at.timestamp };
  if (from === "None" && to !== "Issued") next.acceptanceDeadline = row.issuedAt;
  if (to === "Accepted" && (from === "None" || from === "Issued")) next.acceptedAt = at.timestamp;
  if (to === "Disputed") next.stateBeforeDispute = from;
  return next;
}

/** An ERC-721 transfer of an existing claim: a new holder. */
export function claimTransferred(row: ClaimRow, args: { to: `0x${string}` }, at: At): ClaimRow {
  return { ...row, holder: lower(args.to), updatedAt: at.timestamp };
}

/** An agent locked (ERC-5192 Locked) or unlocked the claim. */
export function claimLocked(row: ClaimRow, locked: boolean, at: At): ClaimRow {
  return { ...row, locked, updatedAt: at.timestamp };
}

const paymentRow = (
  claimId: bigint,
  at: At,
  fields: Omit<PaymentRow, "id" | "claimId" | "timestamp" | "transactionHash">,
) => ({
  id: at.id,
  claimId,
  timestamp: at.timestamp,
  transactionHash: at.transactionHash,
  ...fields,
});

/** A payment credited to the holder of record. */
export function paymentReceived(row: ClaimRow, args: Args<"PaymentReceived">, at: At) {
  return {
    claim: { ...row, amountPaid: args.amountPaid, updatedAt: at.timestamp } satisfies ClaimRow,
    payment: paymentRow(args.claimId, at, {
      kind: "Received",
      payer: lower(args.payer),
      payee: lower(args.payee),
      amount: args.amount,
      amountPaid: args.amountPaid,
    }) satisfies PaymentRow,
  };
}

/** A payment made during a dispute, held until it ends. */
export function paymentHeld(row: ClaimRow, args: Args<"PaymentHeld">, at: At) {
  return {
    claim: { ...row, heldAmount: row.heldAmount + args.amount, updatedAt: at.timestamp } satisfies ClaimRow,
    payment: paymentRow(args.claimId, at, {
      kind: "Held",
      payer: lower(args.payer),
      payee: null,
      amount: args.amount,
      amountPaid: null,
    }) satisfies PaymentRow,
  };
}

/** The dispute ended with the claim standing: what was held is credited to the holder. */
export function heldPaymentsReleased(row: ClaimRow, args: Args<"HeldPaymentsReleased">, at: At) {
  return {
    claim: {
      ...row,
      heldAmount: row.heldAmount - args.amount,
      amountPaid: args.amountPaid,
      updatedAt: at.timestamp,
    } satisfies ClaimRow,
    payment: paymentRow(args.claimId, at, {
      kind: "Released",
      payer: null,
      payee: lower(args.payee),
      amount: args.amount,
      amountPaid: args.amountPaid,
    }) satisfies PaymentRow,
  };
}

/** A payer took back what it paid during a dispute that voided the claim. */
export function heldPaymentReclaimed(row: ClaimRow, args: Args<"HeldPaymentReclaimed">, at: At) {
  return {
    claim: { ...row, heldAmount: row.heldAmount - args.amount, updatedAt: at.timestamp } satisfies ClaimRow,
    payment: paymentRow(args.claimId, at, {
      kind: "Reclaimed",
      payer: lower(args.payer),
      payee: lower(args.to),
      amount: args.amount,
      amountPaid: null,
    }) satisfies PaymentRow,
  };
}

/** The id of a claim's `number`th dispute (from 1). */
export const disputeId = (claimId: bigint, number: number) => `${claimId}:${number}`;

/** A dispute opened: the claim counts it, and a dispute row records who opened it and on what evidence. */
export function claimDisputed(row: ClaimRow, args: Args<"ClaimDisputed">, at: At) {
  const number = row.disputeCount + 1;
  return {
    claim: { ...row, disputeCount: number, updatedAt: at.timestamp } satisfies ClaimRow,
    dispute: {
      id: disputeId(args.claimId, number),
      claimId: args.claimId,
      number,
      openedBy: lower(args.by),
      evidenceHash: args.evidenceHash,
      openedAt: at.timestamp,
      outcome: null,
      oldFaceValue: null,
      newFaceValue: null,
      arbiter: null,
      resolvedAt: null,
    } satisfies DisputeRow,
  };
}

/** The arbiter's ruling on the claim's current dispute; a dilution lowers the face value. */
export function claimDisputeResolved(row: ClaimRow, dispute: DisputeRow, args: Args<"ClaimDisputeResolved">, at: At) {
  return {
    claim: { ...row, faceValue: args.newFaceValue, updatedAt: at.timestamp } satisfies ClaimRow,
    dispute: {
      ...dispute,
      outcome: named(DISPUTE_OUTCOMES, args.outcome),
      oldFaceValue: args.oldFaceValue,
      newFaceValue: args.newFaceValue,
      arbiter: lower(args.arbiter),
      resolvedAt: at.timestamp,
    } satisfies DisputeRow,
  };
}

/** The holder recorded the unpaid rest as a loss. */
export function claimWrittenOff(row: ClaimRow, args: Args<"ClaimWrittenOff">, at: At): ClaimRow {
  return { ...row, writtenOffLoss: args.loss, updatedAt: at.timestamp };
}
