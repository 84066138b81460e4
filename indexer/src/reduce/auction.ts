/**
 * What the sealed-bid auction house's events mean for auctions and their bids. A sealed bid's amount stays null until
 * its reveal: only the commitment and the deposit are known before. Pure: rows before, event, rows after.
 */
import type { auctionAbi } from "@openfactor/sdk";

import type { AuctionRow, At, EventArgs, SealedBidRow } from "./types.ts";
import { lower } from "./types.ts";

type Args<N extends string> = EventArgs<typeof auctionAbi, N>;

/** The id of `bidder`'s sealed bid in an auction. */
export const sealedBidId = (auctionId: bigint, bidder: string) => `${auctionId}:${bidder.toLowerCase()}`;

export function auctionOpened(args: Args<"AuctionOpened">, at: At): AuctionRow {
  return {
    id: args.auctionId,
    claimId: args.claimId,
    seller: lower(args.seller),
    claimNonce: args.claimNonce,
    biddingEnds: args.biddingEnds,
    revealEnds: args.revealEnds,
    phase: "Bidding",
    buyer: null,
    price: null,
    fee: null,
    closedBy: null,
    openedAt: at.timestamp,
    endedAt: null,
  };
}

/** A commitment placed or replaced: the hash and the deposit, never an amount. */
export function bidCommitted(args: Args<"BidCommitted">, at: At): SealedBidRow {
  return {
    id: sealedBidId(args.auctionId, args.bidder),
    auctionId: args.auctionId,
    bidder: lower(args.bidder),
    commitment: args.commitment,
    deposit: args.deposit,
    amount: null,
    status: "Committed",
    refund: null,
    forfeit: null,
    updatedAt: at.timestamp,
  };
}

export function commitmentWithdrawn(bid: SealedBidRow, at: At): SealedBidRow {
  return { ...bid, deposit: 0n, status: "Withdrawn", updatedAt: at.timestamp };
}

/** The reveal: the amount is known now, and the deposit is cut to it. */
export function bidRevealed(bid: SealedBidRow, args: Args<"BidRevealed">, at: At): SealedBidRow {
  return { ...bid, amount: args.amount, deposit: args.amount, status: "Revealed", updatedAt: at.timestamp };
}

export function auctionSold(auction: AuctionRow, args: Args<"AuctionSold">, at: At): AuctionRow {
  return {
    ...auction,
    phase: "Sold",
    buyer: lower(args.buyer),
    price: args.price,
    fee: args.fee,
    endedAt: at.timestamp,
  };
}

/** The winning bid: its deposit paid for the claim. */
export function sealedBidWon(bid: SealedBidRow, at: At): SealedBidRow {
  return { ...bid, deposit: 0n, status: "Won", updatedAt: at.timestamp };
}

export function auctionClosed(auction: AuctionRow, args: Args<"AuctionClosed">, at: At): AuctionRow {
  return { ...auction, phase: "Closed", closedBy: lower(args.closedBy), endedAt: at.timestamp };
}

export function bidReclaimed(bid: SealedBidRow, args: Args<"BidReclaimed">, at: At): SealedBidRow {
  return {
    ...bid,
    deposit: 0n,
    status: "Reclaimed",
    refund: args.refund,
    forfeit: args.forfeit,
    updatedAt: at.timestamp,
  };
}
