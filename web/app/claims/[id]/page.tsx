import type { Metadata } from "next";

import { ClaimView } from "./ClaimView";

export const metadata: Metadata = { title: "Claim · OpenFactor" };

export default async function ClaimPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ offer?: string; sig?: string }>;
}) {
  const { id } = await params;
  const { offer, sig } = await searchParams;
  return (
    <>
      <h1>Claim #{id}</h1>
      <ClaimView claimId={id} offer={offer} sig={sig} />
    </>
  );
}
