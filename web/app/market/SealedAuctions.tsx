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

export function SealedAuctions() {
  const now = useChainNow();
  const name = useNamer();
  const { running, loading } = useRunningAuctions();
  const { data } = useContractReads(running.map((a) => readCall("claims", "claim", [a.claimId])));
  const tokens = useTokens(running.map((a) => a.currency));
  if (loading) return null;
  return (
    <section aria-labelledby="sealed-auctions">
      <h2 id="sealed-auctions">Sealed-bid auctions</h2>
      {running.length === 0 ? (
        <p className="card">No claim is in a sealed-bid auction right now.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="sealed-auctions" tabIndex={0}>
          <table className="card-table">
            <caption className="muted small">
              Bids are sealed: no price is shown until its bidder reveals it. Open a claim to bid.
            </caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Debtor</th>
                <th scope="col" className="number">
                  Face value
                </th>
                <th scope="col">Phase</th>
                <th scope="col">Time left</th>
              </tr>
            </thead>
            <tbody>
              {running.map((a, i) => {
                const r = data?.[i];
                const claim = r?.result;
                const token = tokenOf(tokens, a.currency);
                return (
                  <tr key={a.id.toString()}>
                    <td data-label="Claim">
                      <Link href={`/claims/${a.claimId}`}>Claim #{a.claimId.toString()}</Link>{" "}
                      <span className="badge">Sealed auction</span>
                    </td>
                    <td data-label="Debtor">{claim ? name(claim.debtor) : "…"}</td>
                    <td className="number" data-label="Face value">
                      {claim && token ? formatAmount(claim.faceValue, token.decimals, { symbol: token.symbol }) : "…"}
                    </td>
                    <td data-label="Phase">{PHASE_WORDS[a.phase]}</td>
                    <td data-label="Time left">{timeLeft(phaseEnd(a, a.phase), now) ?? "…"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
