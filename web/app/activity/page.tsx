import type { Metadata } from "next";

import { Activity } from "./Activity";

export const metadata: Metadata = { title: "Activity · OpenFactor" };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const { to } = await searchParams;
  return (
    <>
      <h1>Activity</h1>
      <p className="muted">
        Everything the protocol&apos;s four contracts recorded, newest first: verifications and rules, claims and their
        payments, sales and bids, guarantees. Read straight from the chain, a range of blocks at a time.
      </p>
      <Activity to={to} />
    </>
  );
}
