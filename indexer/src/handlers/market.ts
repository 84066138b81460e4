/** The market's events: listings, sales, escrowed bids, standing offers and their exposure, signed offers cancelled. */
import { SaleKind, type marketAbi } from "@openfactor/sdk";

import {
  bid,
  claim,
  listing,
  offerExposure,
  sale,
  signedOfferCancellation,
  standingOffer,
} from "../../ponder.schema.ts";
import * as market from "../reduce/market.ts";
import { lower, type StandingOfferRow } from "../reduce/types.ts";
import { withClaim } from "./claims.ts";
import { ledgerHandlers } from "./ledgers.ts";
import { load, remove, save, saveAll, type Store, type Handlers } from "./store.ts";

const loadListing = (db: Store, claimId: bigint, n: number) => load(db, listing, market.listingId(claimId, n));
const loadOffer = (db: Store, id: bigint) => load(db, standingOffer, id);

export const marketHandlers: Handlers<typeof marketAbi> = {
  ...ledgerHandlers("ClaimMarket"),
  Listed: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const next = market.listed(row, args, at);
      await saveAll(db, [
        [claim, next.claim],
        [listing, next.listing],
      ]);
    }),
  async ListingUpdated(args, _at, db) {
    const row = await load(db, claim, args.claimId);
    const current = row && (await loadListing(db, args.claimId, row.listingCount));
    if (current) await save(db, listing, market.listingUpdated(current, args));
  },
  Delisted: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const next = market.delisted(row, await loadListing(db, row.id, row.listingCount), at);
      await saveAll(db, [
        [claim, next.claim],
        [listing, next.listing],
      ]);
    }),
  ClaimSold: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      let offer: StandingOfferRow | null = null;
      if (args.kind === SaleKind.StandingOffer) {
        const candidates = await db.standingOffers(lower(args.buyer), row.debtor);
        offer = market.standingOfferFilled(candidates, row, args.buyer, at);
      }
      const next = market.claimSold(row, await loadListing(db, row.id, row.listingCount), args, at, offer?.id ?? null);
      if (offer !== null) {
        const taken = market.exposureTaken(offer, row);
        await saveAll(db, [
          [standingOffer, taken.offer],
          [offerExposure, taken.exposure],
        ]);
      }
      if (args.kind === SaleKind.Bid) {
        const accepted = await load(db, bid, market.bidId(row.id, args.buyer));
        if (accepted) await save(db, bid, market.bidAccepted(accepted, at));
      }
      await saveAll(db, [
        [claim, next.claim],
        [listing, next.listing],
        [sale, next.sale],
      ]);
    }),
  async BidPlaced(args, at, db) {
    const current = await load(db, bid, market.bidId(args.claimId, args.bidder));
    await save(db, bid, market.bidPlaced(current, args, at));
  },
  async BidCancelled(args, at, db) {
    const current = await load(db, bid, market.bidId(args.claimId, args.bidder));
    if (current) await save(db, bid, market.bidCancelled(current, at));
  },
  async StandingOfferPosted(args, at, db) {
    await save(db, standingOffer, market.standingOfferPosted(args, at));
  },
  async StandingOfferCancelled(args, at, db) {
    const offer = await loadOffer(db, args.offerId);
    if (offer) await save(db, standingOffer, market.standingOfferCancelled(offer, at));
  },
  async ExposureReleased(args, _at, db) {
    const offer = await loadOffer(db, args.offerId);
    if (offer) await save(db, standingOffer, market.exposureReleased(offer, args));
    if (await load(db, offerExposure, args.claimId)) await remove(db, offerExposure, args.claimId);
  },
  async SignedOfferCancelled(args, at, db) {
    await save(db, signedOfferCancellation, market.signedOfferCancelled(args, at));
  },
  async MinOfferNonceRaised(args, at, db) {
    await save(db, signedOfferCancellation, market.minOfferNonceRaised(args, at));
  },
};
