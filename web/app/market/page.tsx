import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";

import { marketFirstView } from "../../lib/data/server-reads";
import { Market } from "./Market";

export const metadata: Metadata = { title: "Market · OpenFactor" };

// Read the chain on every request, never at build time.
export const dynamic = "force-dynamic";

export default async function MarketPage() {
  // The listings are read here, so the first HTML already holds the complete table (lib/data/server-reads.ts).
  const firstView = await marketFirstView();
  return (
    <>
      <h1>Market</h1>
      <p className="muted">
        Debtor-confirmed claims for sale, priced as a discount and an annual yield, and the factors&apos; standing rate
        offers. Open a claim to buy it, bid, or sell it.
      </p>
      <HydrationBoundary state={firstView}>
        <Market />
      </HydrationBoundary>
    </>
  );
}
