/**
 * What the guarantee escrow's events mean for a guarantee (and the claim it covers). Pure: rows before, event, rows
 * after.
 */
import type { escrowAbi } from "@openfactor/sdk";

import type { At, ClaimRow, EventArgs, GuaranteeRow } from "./types.ts";
import { lower } from "./types.ts";

type Args<N extends string> = EventArgs<typeof escrowAbi, N>;

export function guaranteeOffered(args: Args<"GuaranteeOffered">, at: At): GuaranteeRow {
  return {
    id: args.guaranteeId,
    claimId: args.claimId,
    guarantor: lower(args.guarantor),
    cover: args.cover,
    premium: args.premium,
    offerExpiry: args.offerExpiry,
    status: "Offered",
    offeredAt: at.timestamp,
    activatedAt: null,
    activatedBy: null,
    premiumFee: null,
    releasedAmount: null,
    calledBy: null,
    payoutTo: null,
    paid: null,
    returned: null,
    fullCover: null,
    custody: null,
    recoveredToHolder: 0n,
    recoveredToGuarantor: 0n,
    claimTakenByGuarantor: false,
  };
}

export function guaranteeOfferWithdrawn(g: GuaranteeRow): GuaranteeRow {
  return { ...g, status: "Withdrawn" };
}

/** The holder paid the premium: the guarantee is Active and follows the claim. */
export function guaranteeActivated(g: GuaranteeRow, row: ClaimRow, args: Args<"GuaranteeActivated">, at: At) {
  return {
    guarantee: {
      ...g,
      status: "Active",
      activatedAt: at.timestamp,
      activatedBy: lower(args.holder),
      premiumFee: args.fee,
    } satisfies GuaranteeRow,
    claim: { ...row, guaranteeId: g.id, updatedAt: at.timestamp } satisfies ClaimRow,
  };
}

export function guaranteeReleased(g: GuaranteeRow, args: Args<"GuaranteeReleased">): GuaranteeRow {
  return { ...g, status: "Released", releasedAmount: args.amount };
}

export function guaranteeCalled(g: GuaranteeRow, args: Args<"GuaranteeCalled">): GuaranteeRow {
  return {
    ...g,
    status: "Called",
    calledBy: lower(args.holder),
    payoutTo: lower(args.to),
    paid: args.paid,
    returned: args.returned,
    fullCover: args.fullCover,
  };
}

export function subrogated(g: GuaranteeRow, args: Args<"Subrogated">): GuaranteeRow {
  return { ...g, custody: args.custody };
}

export function recoveryDistributed(g: GuaranteeRow, args: Args<"RecoveryDistributed">): GuaranteeRow {
  return {
    ...g,
    recoveredToHolder: g.recoveredToHolder + args.toHolder,
    recoveredToGuarantor: g.recoveredToGuarantor + args.toGuarantor,
  };
}

export function subrogatedClaimTaken(g: GuaranteeRow): GuaranteeRow {
  return { ...g, custody: false, claimTakenByGuarantor: true };
}
