"use client";
/** The market page's standing rate offers on each verified debtor, and what each would pay now for a listed claim. */
import { useState } from "react";
import type { Address } from "viem";
import { describeError } from "../../lib/domain/errors";
import { formatAmount, formatBps, formatDate } from "../../lib/domain/format";
import { tokenOf, useChainNow, useNamer, useTokens, useVerifiedParticipants } from "../../lib/data/hooks";
import { type MarketRow } from "../../lib/domain/market";
import { offerLive, useStandingOffersOn, type StandingOfferView } from "../../lib/data/offers";
import { readCall, useContractReads } from "../../lib/data/contracts";
import { Table } from "../../components/Table";

/** The standing rate offers on each verified debtor, and what each would pay now for a chosen listed claim. */
export function StandingOffersByDebtor({ rows }: { rows: MarketRow[] }) {
  const now = useChainNow();
  const name = useNamer();
  const debtors = useVerifiedParticipants("Debtor");
  const offers = useStandingOffersOn(debtors).filter((o) => offerLive(o, now));
  const tokens = useTokens(offers.map((o) => o.currency));
  const [chosen, setChosen] = useState("");
  const claim = rows.find((r) => r.id.toString() === chosen) ?? rows[0];
  const matching =
    claim === undefined ? [] : offers.filter((o) => o.debtor.toLowerCase() === claim.debtor.toLowerCase());
  const { data: quotes } = useContractReads(matching.map((o) => readCall("market", "quote", [claim!.id, o.id])));
  const quoteOf = (o: StandingOfferView) => {
    const i = matching.indexOf(o);
    return i < 0 ? undefined : quotes?.[i];
  };
  const paysNow = claim ? `Pays now for #${claim.id}` : "Pays now";
  const byDebtor = new Map<string, StandingOfferView[]>();
  for (const o of offers) byDebtor.set(o.debtor, [...(byDebtor.get(o.debtor) ?? []), o]);

  return (
    <section aria-labelledby="standing">
      <h2 id="standing">Standing rate offers</h2>
      <p className="muted">
        Factors buy any claim on these debtors at their yield, at once, up to their exposure limit. A claim&apos;s
        holder sells to one from the claim&apos;s page.
      </p>
      {rows.length > 0 && (
        <>
          <label htmlFor="quote-claim">What each offer would pay now for</label>
          <select id="quote-claim" value={claim?.id.toString() ?? ""} onChange={(e) => setChosen(e.target.value)}>
            {rows.map((r) => (
              <option key={r.id.toString()} value={r.id.toString()}>
                Claim #{r.id.toString()} on {r.debtorName}
              </option>
            ))}
          </select>
        </>
      )}
      {offers.length === 0 && <p className="card">No standing offer is live.</p>}
      {[...byDebtor].map(([debtor, list]) => (
        <div key={debtor}>
          <h3>On {name(debtor as Address)}</h3>
          <Table
            label={`Offers on ${name(debtor as Address)}`}
            rows={list.map((o) => ({ o, token: tokenOf(tokens, o.currency), q: quoteOf(o) }))}
            rowKey={({ o }) => o.id.toString()}
            columns={[
              { header: "Factor", cell: ({ o }) => name(o.factor) },
              { header: "Yield", number: true, cell: ({ o }) => formatBps(o.yieldBps) },
              { header: "Longest tenor", number: true, cell: ({ o }) => `${Math.floor(o.maxTenor / 86_400)} days` },
              {
                header: "Room left",
                number: true,
                cell: ({ o, token }) =>
                  token
                    ? formatAmount(o.exposureLimit - o.exposureUsed, token.decimals, { symbol: token.symbol })
                    : "…",
              },
              { header: "Until", cell: ({ o }) => formatDate(o.expiry) },
              {
                header: paysNow,
                number: true,
                cell: ({ q, token }) =>
                  q === undefined ? (
                    <span className="muted">—</span>
                  ) : q.status === "success" ? (
                    token ? (
                      formatAmount(q.result, token.decimals, { symbol: token.symbol })
                    ) : (
                      "…"
                    )
                  ) : (
                    <span className="muted small">{describeError(q.error).message}</span>
                  ),
              },
            ]}
          />
        </div>
      ))}
    </section>
  );
}
