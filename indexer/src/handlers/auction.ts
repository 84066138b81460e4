/** The sealed-bid auction house's events: auctions, sealed bids (amounts only once revealed), its ledger. */
import type { auctionAbi } from "@openfactor/sdk";

import { auction, sealedBid } from "../../ponder.schema.ts";
import * as auctions from "../reduce/auction.ts";
import type { AuctionRow, SealedBidRow } from "../reduce/types.ts";
import { ledgerHandlers } from "./ledgers.ts";
import { load, save, type Store, type Handlers } from "./store.ts";

async function withAuction(db: Store, id: bigint, change: (a: AuctionRow) => AuctionRow) {
  const a = await load(db, auction, id);
  if (a !== undefined) await save(db, auction, change(a));
}

async function withSealedBid(db: Store, auctionId: bigint, bidder: string, change: (b: SealedBidRow) => SealedBidRow) {
  const b = await load(db, sealedBid, auctions.sealedBidId(auctionId, bidder));
  if (b !== undefined) await save(db, sealedBid, change(b));
}

/** The claim an auction sells, for the activity log. */
export const auctionClaimId = async (db: Store, auctionId: bigint) =>
  (await load(db, auction, auctionId))?.claimId ?? null;

export const auctionHandlers: Handlers<typeof auctionAbi> = {
  ...ledgerHandlers("SealedBidAuction"),
  async AuctionOpened(args, at, db) {
    await save(db, auction, auctions.auctionOpened(args, at));
  },
  async BidCommitted(args, at, db) {
    await save(db, sealedBid, auctions.bidCommitted(args, at));
  },
  CommitmentWithdrawn: (args, at, db) =>
    withSealedBid(db, args.auctionId, args.bidder, (b) => auctions.commitmentWithdrawn(b, at)),
  BidRevealed: (args, at, db) =>
    withSealedBid(db, args.auctionId, args.bidder, (b) => auctions.bidRevealed(b, args, at)),
  async AuctionSold(args, at, db) {
    await withAuction(db, args.auctionId, (a) => auctions.auctionSold(a, args, at));
    await withSealedBid(db, args.auctionId, args.buyer, (b) => auctions.sealedBidWon(b, at));
  },
  AuctionClosed: (args, at, db) => withAuction(db, args.auctionId, (a) => auctions.auctionClosed(a, args, at)),
  BidReclaimed: (args, at, db) =>
    withSealedBid(db, args.auctionId, args.bidder, (b) => auctions.bidReclaimed(b, args, at)),
};
