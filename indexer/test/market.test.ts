import { SALE_KINDS } from "@openfactor/sdk";
import { describe, expect, it } from "vitest";

import {
  bid,
  claim,
  ledgerBalance,
  listing,
  offerExposure,
  sale,
  signedOfferCancellation,
  standingOffer,
} from "../ponder.schema.ts";
import { standingOfferFilled } from "../src/reduce/market.ts";
import { eventsNamed, replay } from "./recorded.ts";

const memory = await replay();
const lower = (a: unknown) => (a as string).toLowerCase();

describe("listings", () => {
  it("one row per Listed; a delisted one ends Delisted with the terms of its last update", () => {
    expect(memory.rows(listing)).toHaveLength(eventsNamed("Listed").length);
    const [delisted] = eventsNamed("Delisted");
    const [updated] = eventsNamed("ListingUpdated");
    const row = memory.rows(listing).find((l) => l.claimId === delisted!.args.claimId && l.status === "Delisted")!;
    expect(row.minBid).toBe(updated!.args.minBid);
    expect(row.endedAt).toBe(delisted!.at.timestamp);
    expect(memory.row(claim, row.claimId)!.listed).toBe(false);
  });

  it("a listing bought or bid on ends Sold at the sale price", () => {
    for (const l of memory.rows(listing).filter((r) => r.status === "Sold")) {
      const sold = eventsNamed("ClaimSold").find((e) => e.args.claimId === l.claimId && e.at.timestamp === l.endedAt)!;
      expect(l.salePrice).toBe(sold.args.price);
    }
  });
});

describe("sales", () => {
  it("one row per ClaimSold, with its kind by name", () => {
    const sold = eventsNamed("ClaimSold");
    expect(memory.rows(sale)).toHaveLength(sold.length);
    for (const e of sold) {
      const row = memory.row(sale, e.at.id)!;
      expect(row.kind).toBe(SALE_KINDS[e.args.kind as number]);
      expect(row.buyer).toBe(lower(e.args.buyer));
      expect(row.price).toBe(e.args.price);
      expect(row.fee).toBe(e.args.fee);
    }
  });

  it("each claim counts its sales", () => {
    for (const c of memory.rows(claim)) {
      expect(c.saleCount).toBe(eventsNamed("ClaimSold").filter((e) => e.args.claimId === c.id).length);
    }
  });
});

describe("escrowed bids", () => {
  it("an accepted bid and a cancelled one escrow nothing more", () => {
    const [cancelled] = eventsNamed("BidCancelled");
    const row = memory.row(bid, `${cancelled!.args.claimId}:${lower(cancelled!.args.bidder)}`)!;
    expect(row.status).toBe("Cancelled");
    expect(row.amount).toBe(0n);
    const accepted = eventsNamed("ClaimSold").find((e) => SALE_KINDS[e.args.kind as number] === "Bid")!;
    const won = memory.row(bid, `${accepted.args.claimId}:${lower(accepted.args.buyer)}`)!;
    expect(won.status).toBe("Accepted");
  });

  it("a lowered bid's difference is credited, and the market owes nothing once it is withdrawn", () => {
    const [credit] = eventsNamed("Credited", "ClaimMarket");
    const row = memory.row(
      ledgerBalance,
      `ClaimMarket:${lower(credit!.args.account)}:${lower(credit!.args.currency)}`,
    )!;
    expect(row.credited).toBe(credit!.args.amount);
    expect(row.credited - row.withdrawn).toBe(0n);
  });

  it("a live bid escrows what its last BidPlaced says", () => {
    for (const row of memory.rows(bid).filter((b) => b.status === "Active")) {
      const last = eventsNamed("BidPlaced")
        .filter((e) => e.args.claimId === row.claimId && lower(e.args.bidder) === row.bidder)
        .at(-1)!;
      expect(row.amount).toBe(last.args.amount);
      expect(row.expiry).toBe(last.args.expiry);
    }
  });
});

describe("standing offers and their exposure", () => {
  it("a cancelled offer is inactive", () => {
    const [cancelled] = eventsNamed("StandingOfferCancelled");
    expect(memory.row(standingOffer, cancelled!.args.offerId as bigint)!.active).toBe(false);
  });

  it("each sale to a standing offer names the offer, and the offer's exposure is what its claims still hold", () => {
    const offerSales = memory.rows(sale).filter((s) => s.kind === "StandingOffer");
    expect(offerSales.length).toBeGreaterThan(0);
    for (const s of offerSales) expect(s.standingOfferId).not.toBeNull();
    for (const o of memory.rows(standingOffer)) {
      const held = memory
        .rows(offerExposure)
        .filter((x) => x.offerId === o.id)
        .reduce((sum, x) => sum + x.amount, 0n);
      expect(o.exposureUsed).toBe(held);
    }
  });

  it("a released exposure leaves the claim's exposure row", () => {
    const [released] = eventsNamed("ExposureReleased");
    expect(memory.row(offerExposure, released!.args.claimId as bigint)).toBeUndefined();
  });

  it("a sale two offers could have filled is attributed to neither", () => {
    const sold = memory.rows(sale).find((s) => s.kind === "StandingOffer")!;
    const offer = memory.row(standingOffer, sold.standingOfferId!)!;
    const c = { ...memory.row(claim, sold.claimId)!, amountPaid: 0n };
    const at = eventsNamed("ClaimSold").find((e) => e.at.id === sold.id)!.at;
    const fresh = { ...offer, exposureUsed: 0n };
    expect(standingOfferFilled([fresh], c, sold.buyer, at)?.id).toBe(offer.id);
    expect(standingOfferFilled([fresh, { ...fresh, id: fresh.id + 100n }], c, sold.buyer, at)).toBeNull();
  });
});

describe("signed-offer cancellations", () => {
  it("one row per cancellation: a single nonce, or every nonce below a minimum", () => {
    const [one] = eventsNamed("SignedOfferCancelled");
    const [below] = eventsNamed("MinOfferNonceRaised");
    expect(memory.row(signedOfferCancellation, one!.at.id)).toMatchObject({
      bidder: lower(one!.args.bidder),
      offerNonce: one!.args.offerNonce,
      minOfferNonce: null,
    });
    expect(memory.row(signedOfferCancellation, below!.at.id)).toMatchObject({
      bidder: lower(below!.args.bidder),
      offerNonce: null,
      minOfferNonce: below!.args.minOfferNonce,
    });
  });
});
