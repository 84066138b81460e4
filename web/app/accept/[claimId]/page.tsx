import type { Metadata } from "next";

import { AcceptClaim } from "./AcceptClaim";

export const metadata: Metadata = { title: "Confirm a claim · OpenFactor" };

export default async function AcceptPage({
  params,
  searchParams,
}: {
  params: Promise<{ claimId: string }>;
  searchParams: Promise<{ sig?: string; deadline?: string }>;
}) {
  const { claimId } = await params;
  const { sig, deadline } = await searchParams;
  return (
    <>
      <h1>Confirm a claim</h1>
      <AcceptClaim claimId={claimId} signature={sig} deadline={deadline} />
    </>
  );
}
