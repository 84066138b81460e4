/**
 * The market's steps: listings, escrowed bids, factors' standing rate offers and signed private offers. Each
 * returns one call for viem or wagmi (see `contractCall`); nothing is sent here. A buyer `approve`s the
 * market for the price first (or passes an EIP-2612 permit to a `…WithPermit` step).
 */
import type { Address, Hex } from "viem";

import { type ArgsOf, contractCall, type Contracts } from "../calls.ts";

/** A factor's EIP-712 signed offer for one claim (`OFFER_TYPES`), as the holder fills it. */
export type SignedOffer = ArgsOf<"market", "acceptSignedOffer">[0];

/** An EIP-2612 permit the `…WithPermit` steps carry: value, deadline and the signature's v, r, s. */
export type Permit = ArgsOf<"market", "bidWithPermit">[3];

/**
 * The holder lists its claim: at `askPrice` (0 for offers only), taking bids of at least `minBid`, until `deadline`.
 * The market locks the claim. Fails with `ClaimMarketNotHolder`, `ClaimMarketClaimNotSellable`.
 */
export const listClaim = (contracts: Contracts, claimId: bigint, askPrice: bigint, minBid: bigint, deadline: bigint) =>
  contractCall(contracts, "market", "list", [claimId, askPrice, minBid, deadline]);

/** The seller re-prices its listing, on the claim as it is now. */
export const updateListing = (
  contracts: Contracts,
  claimId: bigint,
  askPrice: bigint,
  minBid: bigint,
  deadline: bigint,
) => contractCall(contracts, "market", "updateListing", [claimId, askPrice, minBid, deadline]);

/** The seller withdraws its listing; the claim is unlocked. */
export const delist = (contracts: Contracts, claimId: bigint) => contractCall(contracts, "market", "delist", [claimId]);

/**
 * A verified factor buys a listed claim at its ask, at most `maxPrice`. Fails with `ClaimMarketPriceAboveMaximum`,
 * or `ClaimMarketStaleListing` when the claim changed since the ask was set.
 */
export const buyClaim = (contracts: Contracts, claimId: bigint, maxPrice: bigint) =>
  contractCall(contracts, "market", "buy", [claimId, maxPrice]);

/**
 * A verified factor places, raises or lowers its one escrowed bid on a claim, live until `expiry`. Fails with
 * `ClaimMarketBidBelowMinimum` under the listing's minimum.
 */
export const placeBid = (contracts: Contracts, claimId: bigint, amount: bigint, expiry: bigint) =>
  contractCall(contracts, "market", "bid", [claimId, amount, expiry]);

/** {@link placeBid} with the bidder's EIP-2612 permit instead of an allowance. */
export const placeBidWithPermit = (
  contracts: Contracts,
  claimId: bigint,
  amount: bigint,
  expiry: bigint,
  permit: Permit,
) => contractCall(contracts, "market", "bidWithPermit", [claimId, amount, expiry, permit]);

/** The bidder withdraws its bid; the escrowed amount goes to `to`. */
export const cancelBid = (contracts: Contracts, claimId: bigint, to: Address) =>
  contractCall(contracts, "market", "cancelBid", [claimId, to]);

/**
 * The holder sells to `bidder`'s live bid, for at least `minPrice`. Fails with `ClaimMarketBidNotLive` for an
 * expired or stale bid.
 */
export const acceptBid = (contracts: Contracts, claimId: bigint, bidder: Address, minPrice: bigint) =>
  contractCall(contracts, "market", "acceptBid", [claimId, bidder, minPrice]);

/**
 * A verified factor offers to buy any claim on `debtor` in `currency` at `yieldBps` a year, at most `maxTenor`
 * seconds from maturity, up to `exposureLimit` of face value at a time, until `expiry`. Its id is in the
 * `StandingOfferPosted` event.
 */
export const postStandingOffer = (
  contracts: Contracts,
  debtor: Address,
  currency: Address,
  yieldBps: number,
  maxTenor: number,
  exposureLimit: bigint,
  expiry: bigint,
) =>
  contractCall(contracts, "market", "postStandingOffer", [debtor, currency, yieldBps, maxTenor, exposureLimit, expiry]);

/** The factor cancels its standing offer. */
export const cancelStandingOffer = (contracts: Contracts, offerId: bigint) =>
  contractCall(contracts, "market", "cancelStandingOffer", [offerId]);

/**
 * The holder sells its claim to a standing offer at the price the market's `quote` gives now, at least `minPrice`.
 * Fails with `ClaimMarketTenorNotAccepted` or `ClaimMarketExposureExceeded` when the claim does not fit the offer.
 */
export const sellToStandingOffer = (contracts: Contracts, claimId: bigint, offerId: bigint, minPrice: bigint) =>
  contractCall(contracts, "market", "sellToOffer", [claimId, offerId, minPrice]);

/** {@link sellToStandingOffer} carrying the permit the offer's factor signed for the market. */
export const sellToStandingOfferWithPermit = (
  contracts: Contracts,
  claimId: bigint,
  offerId: bigint,
  minPrice: bigint,
  factorPermit: Permit,
) => contractCall(contracts, "market", "sellToOfferWithPermit", [claimId, offerId, minPrice, factorPermit]);

/** Anyone frees the exposure a settled, voided or resold claim still takes on its standing offer. */
export const releaseExposure = (contracts: Contracts, claimId: bigint) =>
  contractCall(contracts, "market", "releaseExposure", [claimId]);

/**
 * The holder fills a factor's signed offer; the price is pulled from the signer. Fails with
 * `ClaimMarketInvalidSignature`, `ClaimMarketOfferExpired`, `ClaimMarketStaleOffer` or `ClaimMarketOfferNonceUsed`.
 */
export const fillSignedOffer = (contracts: Contracts, offer: SignedOffer, signature: Hex) =>
  contractCall(contracts, "market", "acceptSignedOffer", [offer, signature]);

/** {@link fillSignedOffer} carrying the bidder's EIP-2612 permit. */
export const fillSignedOfferWithPermit = (contracts: Contracts, offer: SignedOffer, signature: Hex, permit: Permit) =>
  contractCall(contracts, "market", "acceptSignedOfferWithPermit", [offer, signature, permit]);

/** The bidder cancels one of its signed offers by nonce. */
export const cancelSignedOffer = (contracts: Contracts, offerNonce: bigint) =>
  contractCall(contracts, "market", "cancelSignedOffer", [offerNonce]);

/** The bidder cancels every signed offer with a nonce below `minOfferNonce`. */
export const cancelSignedOffersBelow = (contracts: Contracts, minOfferNonce: bigint) =>
  contractCall(contracts, "market", "raiseMinOfferNonce", [minOfferNonce]);
