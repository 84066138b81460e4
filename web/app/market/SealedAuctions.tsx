"use client";
/**
 * Claims in a running sealed-bid auction: the claim, its debtor and face value, the phase and the time it has
 * left. No amount: bids are sealed until their reveal, and the seller's pick is its own.
 */
import Link from "next/link";

import { PHASE_WORDS, phaseEnd, timeLeft } from "../../lib/domain/auction";
import { useRunningAuctions } from "../../lib/data/auction-reads";
import { formatAmount } from "../../lib/domain/format";
import { tokenOf, useChainNow, useNamer, useTokens } from "../../lib/data/hooks";
import { readCall, useContractReads } from "../../lib/data/contracts";
import { Table } from "../../components/Table";

export function SealedAuctions() {
  const now = useChainNow();
  const name = useNamer();
  const { running, loading } = useRunningAuctions();
  const { data } = useContractReads(running.map((a) => readCall("claimLens", "claim", [a.claimId])));
  const tokens = useTokens(running.map((a) => a.currency));
  if (loading) return null;
  return (
    <section aria-labelledby="sealed-auctions">
      <h2 id="sealed-auctions">Sealed-bid auctions</h2>
      {running.length === 0 ? (
        <p className="card">No claim is in a sealed-bid auction right now.</p>
      ) : (
        <Table
          labelledBy="sealed-auctions"
          caption="Bids are sealed: no price is shown until its bidder reveals it. Open a claim to bid."
          rows={running.map((a, i) => ({ a, claim: data?.[i]?.result, token: tokenOf(tokens, a.currency) }))}
          rowKey={({ a }) => a.id.toString()}
          columns={[
            {
              header: "Claim",
              cell: ({ a }) => (
                <>
                  <Link href={`/claims/${a.claimId}`}>Claim #{a.claimId.toString()}</Link>{" "}
                  <span className="badge">Sealed auction</span>
                </>
              ),
            },
            { header: "Debtor", cell: ({ claim }) => (claim ? name(claim.debtor) : "…") },
            {
              header: "Face value",
              number: true,
              cell: ({ claim, token }) =>
                claim && token ? formatAmount(claim.faceValue, token.decimals, { symbol: token.symbol }) : "…",
            },
            { header: "Phase", cell: ({ a }) => PHASE_WORDS[a.phase] },
            { header: "Time left", cell: ({ a }) => timeLeft(phaseEnd(a, a.phase), now) ?? "…" },
          ]}
        />
      )}
    </section>
  );
}
