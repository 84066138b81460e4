"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { zeroAddress, type Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";

import { claimsAbi, escrowAbi, marketAbi } from "../../generated/contracts";
import { CLAIM_STATES } from "../../lib/claims";
import { describeError } from "../../lib/errors";
import { formatAmount, formatBps, formatDate, formatYield } from "../../lib/format";
import { tokenOf, useChainNow, useDeployment, useNamer, useTokens, useVerifiedParticipants } from "../../lib/hooks";
import {
  filterRows,
  marketRow,
  nextSort,
  NO_FILTER,
  sortRows,
  type Filter,
  type MarketRow,
  type Sort,
  type SortKey,
} from "../../lib/market";
import { offerLive, useStandingOffersOn, type StandingOfferView } from "../../lib/offers";

/** Listings read per page (one paginated view call, then one batch for their details and one for their bids). */
const PAGE = 50n;
/** Bidders read per claim in the batch. */
const BIDDERS_PER_CLAIM = 20n;

interface StoredClaim {
  debtor: Address;
  currency: Address;
  dueDate: bigint;
  faceValue: bigint;
  state: number;
}

/** The listed claims of page `page` with what the table shows: three batched reads whatever the number of rows. */
function useListedRows(page: bigint) {
  const { chainId, contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const { data: listed, isPending } = useReadContract({
    address: contracts?.market,
    abi: marketAbi,
    functionName: "listings",
    args: [zeroAddress, zeroAddress, page * PAGE, PAGE],
    chainId,
    query: { enabled: contracts !== undefined },
  });
  const ids = listed?.[0] ?? [];
  const total = listed?.[1] ?? 0n;
  const PER = 5;
  const { data: details } = useReadContracts({
    contracts: ids.flatMap((id) => [
      { address: contracts?.claims, abi: claimsAbi, functionName: "claim", args: [id], chainId } as const,
      { address: contracts?.claims, abi: claimsAbi, functionName: "outstanding", args: [id], chainId } as const,
      { address: contracts?.market, abi: marketAbi, functionName: "listing", args: [id], chainId } as const,
      {
        address: contracts?.market,
        abi: marketAbi,
        functionName: "bidders",
        args: [id, 0n, BIDDERS_PER_CLAIM],
        chainId,
      } as const,
      { address: contracts?.escrow, abi: escrowAbi, functionName: "isGuaranteed", args: [id], chainId } as const,
    ]),
    query: { enabled: ids.length > 0 },
  });
  const bidPairs = ids.flatMap((id, i) => {
    const b = details?.[PER * i + 3];
    return b?.status === "success" ? (b.result as readonly [readonly Address[], bigint])[0].map((a) => [id, a]) : [];
  }) as [bigint, Address][];
  const { data: bids } = useReadContracts({
    contracts: bidPairs.map(
      ([id, bidder]) =>
        ({ address: contracts?.market, abi: marketAbi, functionName: "bidOf", args: [id, bidder], chainId }) as const,
    ),
    query: { enabled: bidPairs.length > 0 },
  });
  const currencies = ids.flatMap((_, i) => {
    const c = details?.[PER * i];
    return c?.status === "success" ? [(c.result as StoredClaim).currency] : [];
  });
  const tokens = useTokens(currencies);

  const rows: MarketRow[] = [];
  if (now !== undefined)
    ids.forEach((id, i) => {
      const [claim, outstanding, listing, , guaranteed] = [0, 1, 2, 3, 4].map((k) => details?.[PER * i + k]);
      if (claim?.status !== "success" || outstanding?.status !== "success" || listing?.status !== "success") return;
      const c = claim.result as StoredClaim;
      const live = bidPairs.flatMap(([bidId], j) => {
        const r = bids?.[j];
        if (bidId !== id || r?.status !== "success") return [];
        const [bid, isLive] = r.result as readonly [{ amount: bigint }, boolean];
        return isLive ? [bid.amount] : [];
      });
      rows.push(
        marketRow(
          {
            id,
            debtor: c.debtor,
            debtorName: name(c.debtor),
            currency: c.currency,
            symbol: tokenOf(tokens, c.currency)?.symbol,
            faceValue: c.faceValue,
            outstanding: outstanding.result as bigint,
            dueDate: c.dueDate,
            ask: (listing.result as { askPrice: bigint }).askPrice,
            bids: live,
            accepted: ["Accepted", "Financed", "Overdue"].includes(CLAIM_STATES[c.state]),
            guaranteed: guaranteed?.status === "success" && guaranteed.result === true,
          },
          now,
        ),
      );
    });
  return { rows, total, tokens, loading: isPending };
}

const COLUMNS: { key: SortKey; label: string; number?: boolean }[] = [
  { key: "id", label: "Claim" },
  { key: "debtor", label: "Debtor" },
  { key: "faceValue", label: "Face value", number: true },
  { key: "price", label: "Ask or best bid", number: true },
  { key: "discount", label: "Discount", number: true },
  { key: "yield", label: "Annual yield", number: true },
  { key: "days", label: "Days to maturity", number: true },
];

export function Market() {
  const { contracts } = useDeployment();
  const [page, setPage] = useState(0n);
  const { rows, total, tokens, loading } = useListedRows(page);
  const [sort, setSort] = useState<Sort>({ key: "yield", direction: "descending" });
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);

  const debtorOptions = [...new Map(rows.map((r) => [r.debtor.toLowerCase(), r.debtorName])).entries()];
  const currencyOptions = [...new Map(rows.map((r) => [r.currency.toLowerCase(), r.symbol ?? r.currency])).entries()];
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));

  if (contracts === undefined) return <p className="card">OpenFactor is not deployed on this network.</p>;

  return (
    <>
      <section aria-labelledby="for-sale">
        <h2 id="for-sale">Claims for sale</h2>
        <form className="filters" role="search" aria-label="Filter the claims" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label htmlFor="filter-debtor">Debtor</label>
            <select id="filter-debtor" value={filter.debtor} onChange={(e) => set({ debtor: e.target.value })}>
              <option value="">All</option>
              {debtorOptions.map(([address, label]) => (
                <option key={address} value={address}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-currency">Currency</label>
            <select id="filter-currency" value={filter.currency} onChange={(e) => set({ currency: e.target.value })}>
              <option value="">All</option>
              {currencyOptions.map(([address, label]) => (
                <option key={address} value={address}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-min">Min days</label>
            <input
              id="filter-min"
              inputMode="numeric"
              size={5}
              value={filter.minDays}
              onChange={(e) => set({ minDays: e.target.value })}
            />
          </div>
          <div>
            <label htmlFor="filter-max">Max days</label>
            <input
              id="filter-max"
              inputMode="numeric"
              size={5}
              value={filter.maxDays}
              onChange={(e) => set({ maxDays: e.target.value })}
            />
          </div>
        </form>

        {loading ? (
          <p className="muted">Reading the market…</p>
        ) : total === 0n ? (
          <p className="card">No claim is listed for sale right now.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="for-sale" tabIndex={0}>
            <table className="card-table market-table">
              <caption className="muted small">
                {shown.length} of {rows.length} listed claim{rows.length === 1 ? "" : "s"} shown
                {total > PAGE ? ` (page ${page + 1n} of ${(total + PAGE - 1n) / PAGE})` : ""}. Discount and yield are
                those of the price shown, on what the claim still owes.
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={c.number ? "number" : undefined}
                      aria-sort={sort.key === c.key ? sort.direction : "none"}
                    >
                      <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, c.key))}>
                        {c.label}
                        <span aria-hidden="true">
                          {sort.key === c.key ? (sort.direction === "ascending" ? " ▲" : " ▼") : ""}
                        </span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">Badges</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const token = tokenOf(tokens, r.currency);
                  const amount = (v: bigint) =>
                    token ? formatAmount(v, token.decimals, { symbol: token.symbol }) : "…";
                  return (
                    <tr key={r.id.toString()}>
                      <td data-label="Claim">
                        <Link href={`/claims/${r.id}`}>Claim #{r.id.toString()}</Link>
                      </td>
                      <td data-label="Debtor">{r.debtorName}</td>
                      <td className="number" data-label="Face value">
                        {amount(r.faceValue)}
                      </td>
                      <td className="number" data-label="Ask or best bid">
                        {r.price === undefined ? (
                          <span className="muted">offers only, no bid</span>
                        ) : (
                          <span>
                            {amount(r.price)}
                            <span className="field-hint">{r.ask > 0n ? "ask" : "best bid"}</span>
                          </span>
                        )}
                      </td>
                      <td className="number" data-label="Discount">
                        {r.discount === undefined ? "—" : formatYield(r.discount)}
                      </td>
                      <td className="number" data-label="Annual yield">
                        {r.yield === undefined ? "—" : formatYield(r.yield)}
                      </td>
                      <td className="number" data-label="Days to maturity">
                        {Math.ceil(r.days)}
                      </td>
                      <td data-label="Badges">
                        <span className="badges">
                          {r.accepted && <span className="badge badge-ok">Accepted by debtor</span>}
                          {r.guaranteed && <span className="badge">Guaranteed</span>}
                        </span>
                      </td>
                    </tr>
                  );
                })}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={COLUMNS.length + 1} className="muted">
                      No listed claim matches the filter.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
        {total > PAGE && (
          <div className="actions">
            <button type="button" disabled={page === 0n} onClick={() => setPage((p) => p - 1n)}>
              Previous
            </button>
            <button type="button" disabled={(page + 1n) * PAGE >= total} onClick={() => setPage((p) => p + 1n)}>
              Next
            </button>
          </div>
        )}
      </section>
      <StandingOffersByDebtor rows={rows} />
    </>
  );
}

/** The standing rate offers on each verified debtor, and what each would pay now for a chosen listed claim. */
function StandingOffersByDebtor({ rows }: { rows: MarketRow[] }) {
  const { chainId, contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const debtors = useVerifiedParticipants("Debtor");
  const offers = useStandingOffersOn(debtors).filter((o) => offerLive(o, now));
  const tokens = useTokens(offers.map((o) => o.currency));
  const [chosen, setChosen] = useState("");
  const claim = rows.find((r) => r.id.toString() === chosen) ?? rows[0];
  const matching =
    claim === undefined ? [] : offers.filter((o) => o.debtor.toLowerCase() === claim.debtor.toLowerCase());
  const { data: quotes } = useReadContracts({
    contracts: matching.map(
      (o) =>
        ({
          address: contracts?.market,
          abi: marketAbi,
          functionName: "quote",
          args: [claim!.id, o.id],
          chainId,
        }) as const,
    ),
    query: { enabled: matching.length > 0 },
  });
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
          <div className="table-wrap" role="region" aria-label={`Offers on ${name(debtor as Address)}`} tabIndex={0}>
            <table className="card-table">
              <thead>
                <tr>
                  <th scope="col">Factor</th>
                  <th scope="col" className="number">
                    Yield
                  </th>
                  <th scope="col" className="number">
                    Longest tenor
                  </th>
                  <th scope="col" className="number">
                    Room left
                  </th>
                  <th scope="col">Until</th>
                  <th scope="col" className="number">
                    {paysNow}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((o) => {
                  const token = tokenOf(tokens, o.currency);
                  const q = quoteOf(o);
                  return (
                    <tr key={o.id.toString()}>
                      <td data-label="Factor">{name(o.factor)}</td>
                      <td className="number" data-label="Yield">
                        {formatBps(o.yieldBps)}
                      </td>
                      <td className="number" data-label="Longest tenor">
                        {Math.floor(o.maxTenor / 86_400)} days
                      </td>
                      <td className="number" data-label="Room left">
                        {token
                          ? formatAmount(o.exposureLimit - o.exposureUsed, token.decimals, { symbol: token.symbol })
                          : "…"}
                      </td>
                      <td data-label="Until">{formatDate(o.expiry)}</td>
                      <td className="number" data-label={paysNow}>
                        {q === undefined ? (
                          <span className="muted">—</span>
                        ) : q.status === "success" ? (
                          token ? (
                            formatAmount(q.result as bigint, token.decimals, { symbol: token.symbol })
                          ) : (
                            "…"
                          )
                        ) : (
                          <span className="muted small">{describeError(q.error).message}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
