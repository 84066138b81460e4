/**
 * The guarantee escrow's steps: a guarantor's cover on one claim, offered, activated by the holder for a premium,
 * called after default or released. Each returns one call for viem or wagmi (see `contractCall`).
 */
import type { Address } from "viem";

import { contractCall, type Contracts } from "../calls.ts";

/**
 * A verified guarantor offers `cover` on a live claim for `premium`, activatable until `offerExpiry`; the cover is
 * pulled from it (`approve` the escrow first). Its id is in the `GuaranteeOffered` event. Fails with
 * `EscrowGuarantorIsDebtor`, `EscrowInvalidCover`, `EscrowClaimDefaultable`.
 */
export const offerGuarantee = (
  contracts: Contracts,
  claimId: bigint,
  cover: bigint,
  premium: bigint,
  offerExpiry: bigint,
) => contractCall(contracts, "escrow", "offer", [claimId, cover, premium, offerExpiry]);

/** The guarantor takes back an offer never activated; the cover is credited to it. */
export const withdrawGuaranteeOffer = (contracts: Contracts, guaranteeId: bigint) =>
  contractCall(contracts, "escrow", "withdrawOffer", [guaranteeId]);

/**
 * The claim's holder activates an offer by paying its premium (`approve` the escrow for it). Fails with
 * `EscrowNotHolder`, `EscrowOfferExpired`, `EscrowAlreadyGuaranteed`.
 */
export const activateGuarantee = (contracts: Contracts, guaranteeId: bigint) =>
  contractCall(contracts, "escrow", "activate", [guaranteeId]);

/**
 * The holder calls an active guarantee after default: the cover goes to `to` and the guarantor takes over the claim.
 * Fails with `EscrowCallWindowClosed` after the call deadline.
 */
export const callGuarantee = (contracts: Contracts, guaranteeId: bigint, to: Address) =>
  contractCall(contracts, "escrow", "callGuarantee", [guaranteeId, to]);

/** Anyone credits an ended guarantee's collateral back to its guarantor. Fails with `EscrowNotReleasable`. */
export const releaseGuarantee = (contracts: Contracts, guaranteeId: bigint) =>
  contractCall(contracts, "escrow", "release", [guaranteeId]);

/** Anyone splits the payments on a claim in the escrow's custody between the holder and the guarantor. */
export const distributeRecovery = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "escrow", "distribute", [claimId]);

/** A guarantor with full cover takes its claim out of the escrow's custody. */
export const takeClaimFromCustody = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "escrow", "takeClaim", [claimId]);
