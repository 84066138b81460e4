/**
 * The sealed-bid auction's steps: the holder opens an auction, factors commit and reveal sealed bids, the seller
 * picks one. Each returns one call for viem or wagmi (see `contractCall`).
 */
import type { Address, Hex } from "viem";

import { contractCall, type Contracts } from "../calls.ts";

/**
 * The holder opens a sealed-bid auction of its claim, `biddingWindow` then `revealWindow` seconds long
 * (`AUCTION_LIMITS`); the claim is locked. Its id is in the `AuctionOpened` event.
 */
export const openAuction = (contracts: Contracts, claimId: bigint, biddingWindow: number, revealWindow: number) =>
  contractCall(contracts, "auction", "open", [claimId, biddingWindow, revealWindow]);

/**
 * A verified factor commits (or replaces) its sealed bid with a deposit. The commitment is hashed locally
 * (`SEALED_BID_COMMITMENT_PARAMS`), never sent as an amount; keep the salt to reveal.
 */
export const commitSealedBid = (contracts: Contracts, auctionId: bigint, commitment: Hex, deposit: bigint) =>
  contractCall(contracts, "auction", "commitBid", [auctionId, commitment, deposit]);

/** The bidder withdraws its commitment during bidding; the deposit is credited back. */
export const withdrawSealedBid = (contracts: Contracts, auctionId: bigint) =>
  contractCall(contracts, "auction", "withdrawCommitment", [auctionId]);

/** The bidder reveals its bid during the reveal window. Fails with `AuctionRevealMismatch` for a wrong amount or salt. */
export const revealSealedBid = (contracts: Contracts, auctionId: bigint, amount: bigint, salt: Hex) =>
  contractCall(contracts, "auction", "revealBid", [auctionId, amount, salt]);

/** The seller accepts a revealed bid during the pick window, for at least `minPrice`. */
export const acceptAuctionBid = (contracts: Contracts, auctionId: bigint, bidder: Address, minPrice: bigint) =>
  contractCall(contracts, "auction", "acceptBid", [auctionId, bidder, minPrice]);

/** The seller ends its auction unsold (anyone may once it is void or its pick window ran out). */
export const closeAuction = (contracts: Contracts, auctionId: bigint) =>
  contractCall(contracts, "auction", "close", [auctionId]);

/** A bidder takes its bid back once the auction is sold or closed. */
export const reclaimSealedBid = (contracts: Contracts, auctionId: bigint) =>
  contractCall(contracts, "auction", "reclaimBid", [auctionId]);
