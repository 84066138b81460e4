/**
 * What the market's events mean for listings, sales, escrowed bids, standing offers and their exposure, and signed
 * offers cancelled. Pure: rows before, event, rows after.
 */
import type { marketAbi } from "@openfactor/sdk";
import { SALE_KINDS } from "@openfactor/sdk";

import type {
  At,
  BidRow,
  ClaimRow,
  EventArgs,
  ListingRow,
  OfferExposureRow,
  SaleRow,
  SignedOfferCancellationRow,
  StandingOfferRow,
} from "./types.ts";
import { lower, named } from "./types.ts";

type Args<N extends string> = EventArgs<typeof marketAbi, N>;

/** The id of a claim's `n`th listing (from 1). */
export const listingId = (claimId: bigint, n: number) => `${claimId}:${n}`;
/** The id of `bidder`'s escrowed bid on a claim: the market keeps one per bidder and claim. */
export const bidId = (claimId: bigint, bidder: string) => `${claimId}:${bidder.toLowerCase()}`;

/** The holder listed the claim: a new listing, Active. */
export function listed(row: ClaimRow, args: Args<"Listed">, at: At) {
  const n = row.listingCount + 1;
  return {
    claim: { ...row, listed: true, listingCount: n, updatedAt: at.timestamp } satisfies ClaimRow,
    listing: {
      id: listingId(args.claimId, n),
      claimId: args.claimId,
      seller: lower(args.seller),
      askPrice: args.askPrice,
      minBid: args.minBid,
      deadline: args.deadline,
      status: "Active",
      listedAt: at.timestamp,
      endedAt: null,
      salePrice: null,
    } satisfies ListingRow,
  };
}

/** The seller re-priced its listing. */
export function listingUpdated(listing: ListingRow, args: Args<"ListingUpdated">): ListingRow {
  return { ...listing, askPrice: args.askPrice, minBid: args.minBid, deadline: args.deadline };
}

/** The listing ended unsold. */
export function delisted(row: ClaimRow, listing: ListingRow | undefined, at: At) {
  return {
    claim: { ...row, listed: false, updatedAt: at.timestamp } satisfies ClaimRow,
    listing:
      listing === undefined
        ? undefined
        : ({ ...listing, status: "Delisted", endedAt: at.timestamp } satisfies ListingRow),
  };
}

/**
 * A sale, whatever the way: the claim counts it, its listing (if listed) ends Sold, and a sale row records it. The
 * new holder comes with the ERC-721 Transfer; an accepted bid with {bidAccepted}.
 */
export function claimSold(
  row: ClaimRow,
  listing: ListingRow | undefined,
  args: Args<"ClaimSold">,
  at: At,
  standingOfferId: bigint | null,
) {
  return {
    claim: {
      ...row,
      listed: false,
      saleCount: row.saleCount + 1,
      lastSalePrice: args.price,
      updatedAt: at.timestamp,
    } satisfies ClaimRow,
    listing:
      row.listed && listing !== undefined
        ? ({ ...listing, status: "Sold", endedAt: at.timestamp, salePrice: args.price } satisfies ListingRow)
        : undefined,
    sale: {
      id: at.id,
      claimId: args.claimId,
      seller: lower(args.seller),
      buyer: lower(args.buyer),
      price: args.price,
      fee: args.fee,
      kind: named(SALE_KINDS, args.kind),
      standingOfferId,
      timestamp: at.timestamp,
      transactionHash: at.transactionHash,
    } satisfies SaleRow,
  };
}

/** A bid placed or changed: the whole amount escrowed now and its expiry. */
export function bidPlaced(bid: BidRow | undefined, args: Args<"BidPlaced">, at: At): BidRow {
  return {
    id: bidId(args.claimId, args.bidder),
    claimId: args.claimId,
    bidder: lower(args.bidder),
    amount: args.amount,
    expiry: args.expiry,
    status: "Active",
    placedAt: bid?.status === "Active" ? bid.placedAt : at.timestamp,
    updatedAt: at.timestamp,
  };
}

/** The bidder withdrew its bid: nothing is escrowed for it any more. */
export function bidCancelled(bid: BidRow, at: At): BidRow {
  return { ...bid, amount: 0n, status: "Cancelled", updatedAt: at.timestamp };
}

/** The holder accepted the bid: its escrow paid for the claim. */
export function bidAccepted(bid: BidRow, at: At): BidRow {
  return { ...bid, amount: 0n, status: "Accepted", updatedAt: at.timestamp };
}

/** A factor's standing offer, with no exposure yet. */
export function standingOfferPosted(args: Args<"StandingOfferPosted">, at: At): StandingOfferRow {
  return {
    id: args.offerId,
    factor: lower(args.factor),
    debtor: lower(args.debtor),
    currency: lower(args.currency),
    yieldBps: args.yieldBps,
    maxTenor: args.maxTenor,
    exposureLimit: args.exposureLimit,
    exposureUsed: 0n,
    expiry: args.expiry,
    active: true,
    postedAt: at.timestamp,
    cancelledAt: null,
  };
}

export function standingOfferCancelled(offer: StandingOfferRow, at: At): StandingOfferRow {
  return { ...offer, active: false, cancelledAt: at.timestamp };
}

/**
 * The standing offer a sale of kind StandingOffer filled. ClaimSold does not name the offer, so it is the one offer
 * that could have bought the claim then: the buyer's, active, unexpired, on the claim's debtor and currency, whose
 * maximum tenor covers the time to maturity and whose free exposure covers what the claim owes. Null when none or
 * several could (the exposure is then left unattributed until the market frees it).
 */
export function standingOfferFilled(
  candidates: readonly StandingOfferRow[],
  row: ClaimRow,
  buyer: string,
  at: At,
): StandingOfferRow | null {
  const outstanding = row.faceValue - row.amountPaid;
  const fits = candidates.filter(
    (o) =>
      o.active &&
      o.factor === buyer.toLowerCase() &&
      o.debtor === row.debtor &&
      o.currency === row.currency &&
      o.expiry >= at.timestamp &&
      row.dueDate - at.timestamp <= BigInt(o.maxTenor) &&
      o.exposureLimit - o.exposureUsed >= outstanding,
  );
  return fits.length === 1 ? fits[0]! : null;
}

/** The offer takes the claim's outstanding amount as exposure. */
export function exposureTaken(offer: StandingOfferRow, row: ClaimRow) {
  const amount = row.faceValue - row.amountPaid;
  return {
    offer: { ...offer, exposureUsed: offer.exposureUsed + amount } satisfies StandingOfferRow,
    exposure: { id: row.id, offerId: offer.id, amount } satisfies OfferExposureRow,
  };
}

/** The market freed `amount` of the offer's exposure. */
export function exposureReleased(offer: StandingOfferRow, args: Args<"ExposureReleased">): StandingOfferRow {
  const used = offer.exposureUsed - args.amount;
  return { ...offer, exposureUsed: used < 0n ? 0n : used };
}

export function signedOfferCancelled(args: Args<"SignedOfferCancelled">, at: At): SignedOfferCancellationRow {
  return {
    id: at.id,
    bidder: lower(args.bidder),
    offerNonce: args.offerNonce,
    minOfferNonce: null,
    cancelledAt: at.timestamp,
  };
}

export function minOfferNonceRaised(args: Args<"MinOfferNonceRaised">, at: At): SignedOfferCancellationRow {
  return {
    id: at.id,
    bidder: lower(args.bidder),
    offerNonce: null,
    minOfferNonce: args.minOfferNonce,
    cancelledAt: at.timestamp,
  };
}
