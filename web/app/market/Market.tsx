"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useReadContract, useReadContracts } from "wagmi";

import { CLAIM_STATES } from "@openfactor/sdk";
import { formatAmount, formatYield } from "../../lib/domain/format";
import {
  tokenOf,
  useAllowedCurrencies,
  useChainNow,
  useDeployment,
  useNamer,
  useTokens,
  useVerifiedAccounts,
} from "../../lib/data/hooks";
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
} from "../../lib/domain/market";
import { FIRST_LENS_WINDOW, laterLensWindows, listedClaimsRead, marketTokens } from "../../lib/data/reads";
import { SealedAuctions } from "./SealedAuctions";
import { StandingOffersByDebtor } from "./StandingOffersByDebtor";

/** Rows shown per page of the table. */
const PAGE = 50;

/**
 * Every listed claim with what the table shows, so that sorting and filtering cover all of them, not one page:
 * the market lens returns the listed claims of a window of claim ids with their claims, listings, live bids and
 * guarantees in one call (`listedClaims`, `LENS_WINDOW` ids a call): the first window, which tells the claim count,
 * then one batch for every other window. No read per row. The lens is told the verified factors (the only accounts
 * that can bid), read from the registry's list here anyway. The server made the same reads (lib/data/server-reads.ts).
 */
function useListedRows() {
  const { chainId, contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const factors = useVerifiedAccounts("Factor");
  const lens = contracts?.lens;
  const lensWindow = (fromId: bigint) => listedClaimsRead(chainId, lens, fromId, factors ?? []);
  const {
    data: first,
    isPending,
    isError,
  } = useReadContract({
    ...lensWindow(FIRST_LENS_WINDOW),
    query: { enabled: contracts !== undefined && factors !== undefined },
  });
  const windows = laterLensWindows(first?.[1] ?? 0n);
  // Built only once the lens's address is known: wagmi types each window's result from a read with an address.
  const laterReads =
    lens === undefined ? [] : windows.map((fromId) => listedClaimsRead(chainId, lens, fromId, factors ?? []));
  const { data: more, isPending: morePending } = useReadContracts({
    contracts: laterReads,
    query: { enabled: windows.length > 0 && factors !== undefined },
  });
  const listed = useMemo(() => {
    const all = [...(first?.[0] ?? [])];
    for (const r of more ?? []) if (r.status === "success") all.push(...r.result[0]);
    return all;
  }, [first, more]);
  // The allowlisted currencies are known at once: their symbols are read beside the listings, not after them.
  const allowed = useAllowedCurrencies();
  const tokens = useTokens(
    marketTokens(
      allowed,
      listed.map((entry) => entry.claim.currency),
    ),
  );

  const rows: MarketRow[] =
    now === undefined
      ? []
      : listed.map((entry) =>
          marketRow(
            {
              id: entry.claimId,
              debtor: entry.claim.debtor,
              debtorName: name(entry.claim.debtor),
              currency: entry.claim.currency,
              symbol: tokenOf(tokens, entry.claim.currency)?.symbol,
              faceValue: entry.claim.faceValue,
              outstanding: entry.outstanding,
              dueDate: entry.claim.dueDate,
              ask: entry.listing.askPrice,
              repriceNeeded: entry.repriceNeeded,
              bids: entry.liveBids > 0n ? [entry.bestLiveBid] : [],
              accepted: ["Accepted", "Financed", "Overdue"].includes(CLAIM_STATES[entry.claim.state]),
              guaranteed: entry.guaranteed,
            },
            now,
          ),
        );
  // A window that failed would leave its listings out: say so rather than show a shorter market as the whole.
  const failed = isError || (more ?? []).some((r) => r.status !== "success");
  return {
    rows,
    listedCount: listed.length,
    failed,
    tokens,
    loading: isPending || (windows.length > 0 && morePending),
  };
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
  const [page, setPage] = useState(0);
  const { rows, listedCount, failed, tokens, loading } = useListedRows();
  const [sort, setSort] = useState<Sort>({ key: "yield", direction: "descending" });
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const matching = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const pages = Math.max(1, Math.ceil(matching.length / PAGE));
  // A new sort or filter starts again at the first page; a page beyond the last (rows went away) shows the last.
  const current = Math.min(page, pages - 1);
  const shown = matching.slice(current * PAGE, (current + 1) * PAGE);

  const debtorOptions = [...new Map(rows.map((r) => [r.debtor.toLowerCase(), r.debtorName])).entries()];
  const currencyOptions = [...new Map(rows.map((r) => [r.currency.toLowerCase(), r.symbol ?? r.currency])).entries()];
  const set = (patch: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };

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

        {failed && !loading && <p role="alert">Part of the market could not be read. Reload the page to try again.</p>}
        {loading ? (
          <p className="muted">Reading the market…</p>
        ) : listedCount === 0 ? (
          !failed && <p className="card">No claim is listed for sale right now.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="for-sale" tabIndex={0}>
            <table className="card-table market-table">
              <caption className="muted small">
                {matching.length} of {rows.length} listed claim{rows.length === 1 ? "" : "s"} match
                {pages > 1 ? `; page ${current + 1} of ${pages}, ${shown.length} shown` : ""}. Discount and yield are
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
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => {
                          setSort((s) => nextSort(s, c.key));
                          setPage(0);
                        }}
                      >
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
                        {r.repriceNeeded ? (
                          <span className="muted">
                            {amount(r.ask)}
                            <span className="field-hint">ask set before the claim changed: re-price needed</span>
                          </span>
                        ) : r.price === undefined ? (
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
        {pages > 1 && (
          <nav className="actions" aria-label="Pages of listed claims">
            <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
              Previous
            </button>
            <span className="muted">
              Page {current + 1} of {pages}
            </span>
            <button type="button" disabled={current + 1 >= pages} onClick={() => setPage(current + 1)}>
              Next
            </button>
          </nav>
        )}
      </section>
      <SealedAuctions />
      <StandingOffersByDebtor rows={rows} />
    </>
  );
}
