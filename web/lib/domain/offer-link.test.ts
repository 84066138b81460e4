import { describe, expect, it } from "vitest";

import { decodeOffer, encodeOffer, offerLinkPath, type SignedOffer } from "./offer-link";

const offer: SignedOffer = {
  claimId: 7n,
  claimNonce: 3n,
  price: 9_800_000_000n,
  currency: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  deadline: 1_800_000_000n,
  bidder: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  offerNonce: 1_764_000_000_000n,
};
const SIG = `0x${"ab".repeat(65)}` as const;

describe("offer links", () => {
  it("round-trips every field through the link", () => {
    const path = offerLinkPath(offer, SIG);
    expect(path.startsWith("/claims/7?")).toBe(true);
    const query = new URLSearchParams(path.split("?")[1]);
    expect(decodeOffer(7n, query.get("offer") ?? undefined, query.get("sig") ?? undefined)).toEqual({
      offer,
      signature: SIG,
    });
  });
  it("keeps amounts beyond 2^53 exact", () => {
    const big = { ...offer, price: 123_456_789_012_345_678_901_234_567n };
    expect(decodeOffer(7n, encodeOffer(big), SIG)?.offer.price).toBe(big.price);
  });
  it("takes the claim id from the page, not the link", () => {
    expect(decodeOffer(8n, encodeOffer(offer), SIG)?.offer.claimId).toBe(8n);
  });
  it("checksums addresses typed in lower case", () => {
    const lower = encodeOffer(offer).toLowerCase();
    expect(decodeOffer(7n, lower, SIG)?.offer.bidder).toBe(offer.bidder);
  });
  it("refuses missing or damaged parameters", () => {
    const good = encodeOffer(offer);
    expect(decodeOffer(7n, undefined, SIG)).toBeUndefined();
    expect(decodeOffer(7n, good, undefined)).toBeUndefined();
    expect(decodeOffer(7n, good, "0xzz")).toBeUndefined();
    expect(decodeOffer(7n, good, "0xabc")).toBeUndefined();
    expect(decodeOffer(7n, good.split(".").slice(0, 5).join("."), SIG)).toBeUndefined();
    expect(decodeOffer(7n, good.replace("9800000000", "-1"), SIG)).toBeUndefined();
    expect(decodeOffer(7n, good.replace("9800000000", "1e9"), SIG)).toBeUndefined();
    expect(decodeOffer(7n, good.replace(offer.currency, "0x1234"), SIG)).toBeUndefined();
  });
});
