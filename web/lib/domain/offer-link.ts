/**
 * Private signed offers travel as links: /claims/<id>?offer=<fields>&sig=<signature>. `offer` holds the EIP-712
 * `Offer` fields (the SDK's OFFER_TYPES) but the claim id, which is the page's, as decimal numbers and
 * addresses joined by "." in this order: claimNonce.price.currency.deadline.bidder.offerNonce.
 */
import { getAddress, isAddress, isHex, type Hex } from "viem";

import type { SignedOffer } from "@openfactor/sdk";

/** A signed offer as the market takes it (types/Market.sol `SignedOffer`). */
export type { SignedOffer };

/** The `offer` query parameter of a signed offer. */
export function encodeOffer(offer: SignedOffer): string {
  return [offer.claimNonce, offer.price, offer.currency, offer.deadline, offer.bidder, offer.offerNonce].join(".");
}

/** The path and query of a signed offer's link (prefix it with the site's origin). */
export function offerLinkPath(offer: SignedOffer, signature: Hex): string {
  const query = new URLSearchParams({ offer: encodeOffer(offer), sig: signature });
  return `/claims/${offer.claimId}?${query.toString()}`;
}

const UINT = /^\d{1,78}$/;

/**
 * Reads the link's parameters back for claim `claimId`; undefined when anything is missing or malformed (the page
 * then says the link is broken; whether the signature is valid is the market's to say).
 */
export function decodeOffer(
  claimId: bigint,
  offer: string | undefined,
  signature: string | undefined,
): { offer: SignedOffer; signature: Hex } | undefined {
  if (offer === undefined || signature === undefined) return undefined;
  if (!isHex(signature) || signature.length < 4 || signature.length % 2 !== 0) return undefined;
  const parts = offer.split(".");
  if (parts.length !== 6) return undefined;
  const [claimNonce, price, currency, deadline, bidder, offerNonce] = parts;
  if (![claimNonce, price, deadline, offerNonce].every((p) => UINT.test(p))) return undefined;
  if (!isAddress(currency, { strict: false }) || !isAddress(bidder, { strict: false })) return undefined;
  return {
    offer: {
      claimId,
      claimNonce: BigInt(claimNonce),
      price: BigInt(price),
      currency: getAddress(currency),
      deadline: BigInt(deadline),
      bidder: getAddress(bidder),
      offerNonce: BigInt(offerNonce),
    },
    signature,
  };
}
