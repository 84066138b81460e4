import type { Metadata } from "next";

import { Market } from "./Market";

export const metadata: Metadata = { title: "Market · OpenFactor" };

export default function MarketPage() {
  return (
    <>
      <h1>Market</h1>
      <p className="muted">
        Debtor-confirmed claims for sale, priced as a discount and an annual yield, and the factors&apos; standing rate
        offers. Open a claim to buy it, bid, or sell it.
      </p>
      <Market />
    </>
  );
}
