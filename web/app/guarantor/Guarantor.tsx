"use client";
/**
 * The guarantor's desk: what the escrow owes it (withdraw), its exposure by debtor, the claims it could cover (with
 * the offer form), its open offers, its active guarantees, the calls it paid with its subrogation, and the
 * collateral that came back. Reads are batched: the guarantor's guarantee ids, every guarantee, every claim they
 * cover, and one log query for the calls; the candidates take the verified debtors' claim lists and one batch.
 */
import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import type { Address } from "viem";
import { useConnection, useReadContracts } from "wagmi";

import { claimsAbi, daysToMaturity, escrowAbi, Party } from "@openfactor/sdk";
import { CLAIM_STATES } from "../../lib/claims";
import { formatAmount, formatDate, formatDateTime, formatYield } from "../../lib/format";
import {
  useCalls,
  useCoveredClaims,
  useGuarantees,
  useRulesAt,
  type ClaimRecord,
  type CoveredClaim,
} from "../../lib/guarantee-reads";
import {
  callDeadlineOf,
  callTerms,
  coverable,
  defaultableAfter,
  exposureByDebtor,
  filterCandidates,
  guaranteeRate,
  NO_CANDIDATE_FILTER,
  offerOpen,
  recoveryShares,
  releasableByAnyone,
  type CandidateFilter,
  type CandidateRow,
  type GuaranteeView,
} from "../../lib/guarantees";
import {
  tokenOf,
  useAllParticipants,
  useAllowedCurrencies,
  useChainNow,
  useDeployment,
  useNamer,
  useTokens,
  useVerifiedParticipants,
  type TokenInfo,
} from "../../lib/hooks";
import { usePagedIds } from "../../lib/paged-reads";
import { useWrite } from "../../lib/tx";
import { OfferCoverForm, type CoverTarget } from "./OfferCoverForm";

type Amount = (value: bigint, currency: Address) => string;

/** The candidate filter's text fields, in the order shown. */
const FILTER_FIELDS = [
  { key: "minDays", id: "cand-min-days", label: "Min days", inputMode: "numeric", size: 5 },
  { key: "maxDays", id: "cand-max-days", label: "Max days", inputMode: "numeric", size: 5 },
  { key: "minSize", id: "cand-min-size", label: "Min owed", inputMode: "decimal", size: 9 },
  { key: "maxSize", id: "cand-max-size", label: "Max owed", inputMode: "decimal", size: 9 },
] as const;

export function Guarantor() {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();

  // Every guarantee of the guarantor, however many (the escrow's guarantee ids, 1,000 a call).
  const {
    lists: [ids],
    loading: listing,
  } = usePagedIds("guaranteesOf", address === undefined ? [] : [[0n, address]]);
  const { guarantees, loading } = useGuarantees(ids ?? []);
  const covered = useCoveredClaims(guarantees.map((g) => g.claimId));
  const rules = useRulesAt([...covered.values()].map((c) => c.claim.rulesVersion));
  const calledIds = guarantees.filter((g) => g.status === "Called").map((g) => g.id);
  const { data: calls } = useCalls(calledIds);

  const currencies = useAllowedCurrencies();
  const tokens = useTokens([...currencies, ...guarantees.map((g) => g.currency)]);
  const amount: Amount = (value, currency) => {
    const t = tokenOf(tokens, currency);
    return t ? formatAmount(value, t.decimals, { symbol: t.symbol }) : "…";
  };

  if (contracts === undefined || address === undefined) return null;
  const claimOf = (g: GuaranteeView) => covered.get(g.claimId.toString());
  const offers = guarantees.filter((g) => g.status === "Offered");
  const active = guarantees.filter((g) => g.status === "Active");
  const called = guarantees.filter((g) => g.status === "Called");
  const ended = guarantees.filter((g) => g.status === "Released" || g.status === "Withdrawn");
  const exposure = exposureByDebtor(
    guarantees.flatMap((g) => {
      const c = claimOf(g);
      return c ? [{ debtor: c.claim.debtor, guarantee: g }] : [];
    }),
  );
  const reading = listing || loading;

  return (
    <>
      <Balances me={address} currencies={[...new Set([...currencies, ...guarantees.map((g) => g.currency)])]} />
      <Exposure rows={exposure} amount={amount} reading={reading} />
      <Candidates me={address} myOffers={offers} tokens={tokens} />

      <section aria-labelledby="offers-title">
        <h2 id="offers-title">Your offers</h2>
        {reading ? (
          <p className="muted">Reading your offers…</p>
        ) : offers.length === 0 ? (
          <p className="card">
            No open offer. Offer cover on a claim above; the holder activates it by paying the premium.
          </p>
        ) : (
          <OffersTable offers={offers} claimOf={claimOf} amount={amount} now={now} />
        )}
      </section>

      <section aria-labelledby="active-title">
        <h2 id="active-title">Active guarantees</h2>
        {reading ? (
          <p className="muted">Reading your guarantees…</p>
        ) : active.length === 0 ? (
          <p className="card">No active guarantee. An offer becomes one when the claim&apos;s holder activates it.</p>
        ) : (
          <ActiveTable me={address} list={active} claimOf={claimOf} rules={rules} amount={amount} now={now} />
        )}
      </section>

      <section aria-labelledby="calls-title">
        <h2 id="calls-title">Calls paid</h2>
        {called.length === 0 ? (
          <p className="muted">No guarantee of yours has been called.</p>
        ) : (
          <ul className="plain">
            {called.map((g) => (
              <CallItem
                key={g.id.toString()}
                me={address}
                g={g}
                c={claimOf(g)}
                paid={calls?.get(g.id.toString())}
                amount={amount}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="released-title">
        <h2 id="released-title">Collateral released</h2>
        {ended.length === 0 ? (
          <p className="muted">No collateral has come back yet.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="released-title" tabIndex={0}>
            <table className="card-table">
              <thead>
                <tr>
                  <th scope="col">Guarantee</th>
                  <th scope="col">Claim</th>
                  <th scope="col" className="number">
                    Collateral
                  </th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {ended.map((g) => (
                  <tr key={g.id.toString()}>
                    <td data-label="Guarantee">#{g.id.toString()}</td>
                    <td data-label="Claim">
                      <Link href={`/claims/${g.claimId}`}>Claim #{g.claimId.toString()}</Link>
                    </td>
                    <td className="number" data-label="Collateral">
                      {amount(g.cover, g.currency)}
                    </td>
                    <td data-label="Why">
                      {g.status === "Withdrawn"
                        ? "You withdrew the offer"
                        : `Released (claim ${claimOf(g)?.state.toLowerCase() ?? "…"})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">Collateral that comes back is credited to you in the escrow: withdraw it above.</p>
      </section>
    </>
  );
}

// ---------------------------------------------------------------- balances and exposure

/**
 * What the guarantor may withdraw in each currency: from the escrow (collateral back, recoveries, and a premium the
 * currency refused to pay straight to it) and from the claim contract (payments on claims it took over by
 * subrogation).
 */
function Balances({ me, currencies }: { me: Address; currencies: Address[] }) {
  const { chainId, contracts } = useDeployment();
  const tokens = useTokens(currencies);
  const { write, busy } = useWrite();
  const { data } = useReadContracts({
    contracts: currencies.flatMap((c) => [
      { address: contracts?.escrow, abi: escrowAbi, functionName: "credited", args: [me, c], chainId } as const,
      { address: contracts?.claims, abi: claimsAbi, functionName: "owed", args: [me, c], chainId } as const,
    ]),
    query: { enabled: contracts !== undefined && currencies.length > 0 },
  });
  const rows = currencies.flatMap((c, i) => {
    const t = tokenOf(tokens, c);
    const value = (k: number) => {
      const r = data?.[2 * i + k];
      return r?.status === "success" ? (r.result as bigint) : 0n;
    };
    return t === undefined ? [] : [{ token: t, escrow: value(0), claims: value(1) }];
  });
  const any = rows.some((r) => r.escrow > 0n || r.claims > 0n);
  const fmt = (t: TokenInfo, v: bigint) => formatAmount(v, t.decimals, { symbol: t.symbol });
  return (
    <section className="card" aria-labelledby="balance-title">
      <h2 id="balance-title">What you can withdraw</h2>
      {!any ? (
        <p className="muted">
          Nothing to withdraw. Collateral that comes back and recoveries are credited to you here; premiums go straight
          to your wallet when the holder activates your cover.
        </p>
      ) : (
        <ul className="plain">
          {rows.map(({ token, escrow, claims }) => (
            <li key={token.address}>
              {escrow > 0n && (
                <p className="withdraw-line">
                  From the guarantee escrow: {fmt(token, escrow)}.{" "}
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      void write({
                        address: contracts!.escrow,
                        abi: escrowAbi,
                        functionName: "withdraw",
                        args: [token.address, me],
                      })
                    }
                  >
                    Withdraw {fmt(token, escrow)} from the escrow
                  </button>
                </p>
              )}
              {claims > 0n && (
                <p className="withdraw-line">
                  Payments on claims you hold: {fmt(token, claims)}.{" "}
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      void write({
                        address: contracts!.claims,
                        abi: claimsAbi,
                        functionName: "withdraw",
                        args: [token.address, me],
                      })
                    }
                  >
                    Withdraw {fmt(token, claims)} of payments
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Exposure({
  rows,
  amount,
  reading,
}: {
  rows: ReturnType<typeof exposureByDebtor>;
  amount: Amount;
  reading: boolean;
}) {
  const name = useNamer();
  return (
    <section aria-labelledby="exposure-title">
      <h2 id="exposure-title">Exposure by debtor</h2>
      {reading ? (
        <p className="muted">Reading your guarantees…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No collateral at risk: you have no active guarantee or open offer.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="exposure-title" tabIndex={0}>
          <table className="card-table">
            <thead>
              <tr>
                <th scope="col">Debtor</th>
                <th scope="col" className="number">
                  Active cover
                </th>
                <th scope="col" className="number">
                  In open offers
                </th>
                <th scope="col" className="number">
                  Total escrowed
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.debtor}/${r.currency}`}>
                  <td data-label="Debtor">{name(r.debtor)}</td>
                  <td className="number" data-label="Active cover">
                    {amount(r.active, r.currency)}
                  </td>
                  <td className="number" data-label="In open offers">
                    {amount(r.offered, r.currency)}
                  </td>
                  <td className="number" data-label="Total escrowed">
                    {amount(r.total, r.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- candidates

/** Live claims on the verified debtors, not yet guaranteed, that the guarantor may still cover. */
function useCandidates(me: Address) {
  const { chainId, contracts } = useDeployment();
  const now = useChainNow();
  const debtors = useVerifiedParticipants("Debtor").filter((d) => d.toLowerCase() !== me.toLowerCase());
  // The same reads as useVerifiedParticipants (shared cache): tells "still reading" from "no debtor at all".
  const { isPending: participantsPending } = useAllParticipants();
  // Every claim of every debtor, however many (the claim count, then every window of every debtor in one batch).
  const { lists, loading: listing } = usePagedIds(
    "claimsOf",
    debtors.map((debtor) => [debtor, Party.Debtor] as const),
  );
  const ids = lists.flat();
  const { data: details } = useReadContracts({
    contracts: ids.flatMap((id) => [
      { address: contracts?.claims, abi: claimsAbi, functionName: "claim", args: [id], chainId } as const,
      { address: contracts?.escrow, abi: escrowAbi, functionName: "isGuaranteed", args: [id], chainId } as const,
    ]),
    query: { enabled: ids.length > 0 },
  });
  const claims = ids.flatMap((id, i) => {
    const c = details?.[2 * i];
    const g = details?.[2 * i + 1];
    if (c?.status !== "success" || g?.status !== "success") return [];
    return [{ id, claim: c.result as ClaimRecord, guaranteed: g.result as boolean }];
  });
  const rules = useRulesAt(claims.map((c) => c.claim.rulesVersion));
  const tokens = useTokens(claims.map((c) => c.claim.currency));
  const rows: (CandidateRow & { coverableUntil: bigint; state: string })[] = [];
  if (now !== undefined)
    for (const { id, claim, guaranteed } of claims) {
      const r = rules.get(claim.rulesVersion);
      const t = tokenOf(tokens, claim.currency);
      if (r === undefined || t === undefined || guaranteed) continue;
      if (!coverable(CLAIM_STATES[claim.state], claim.dueDate, r.defaultGrace, now)) continue;
      rows.push({
        id,
        debtor: claim.debtor,
        currency: claim.currency,
        outstanding: claim.faceValue - claim.amountPaid,
        dueDate: claim.dueDate,
        days: daysToMaturity(claim.dueDate, now),
        decimals: t.decimals,
        coverableUntil: defaultableAfter(claim.dueDate, r.defaultGrace),
        state: CLAIM_STATES[claim.state],
      });
    }
  rows.sort((a, b) => (a.dueDate === b.dueDate ? Number(a.id - b.id) : a.dueDate < b.dueDate ? -1 : 1));
  const loading = participantsPending || now === undefined || listing;
  return { rows, debtors, tokens, loading };
}

function Candidates({
  me,
  myOffers,
  tokens: guaranteeTokens,
}: {
  me: Address;
  myOffers: GuaranteeView[];
  tokens: Map<string, TokenInfo>;
}) {
  const name = useNamer();
  const now = useChainNow();
  const { rows, debtors, tokens, loading } = useCandidates(me);
  const [filter, setFilter] = useState<CandidateFilter>(NO_CANDIDATE_FILTER);
  const [chosen, setChosen] = useState<bigint>();
  const formHeading = useRef<HTMLHeadingElement>(null);
  const shown = useMemo(() => filterCandidates(rows, filter), [rows, filter]);
  const set = (patch: Partial<CandidateFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const target = rows.find((r) => r.id === chosen);
  const targetToken = target
    ? (tokenOf(tokens, target.currency) ?? tokenOf(guaranteeTokens, target.currency))
    : undefined;

  function choose(id: bigint) {
    setChosen(id);
    // The form renders below the table: move the focus to it so keyboard and screen-reader users land there.
    setTimeout(() => formHeading.current?.focus(), 0);
  }

  return (
    <section aria-labelledby="candidates-title">
      <h2 id="candidates-title">Claims you could cover</h2>
      <p className="muted">
        Live claims accepted by their debtor, not yet guaranteed and not past their grace period. The premium is shown
        as an annual rate of the cover to the due date.
      </p>
      <form className="filters" role="search" aria-label="Filter the claims" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="cand-debtor">Debtor</label>
          <select id="cand-debtor" value={filter.debtor} onChange={(e) => set({ debtor: e.target.value })}>
            <option value="">All</option>
            {debtors.map((d) => (
              <option key={d} value={d}>
                {name(d)}
              </option>
            ))}
          </select>
        </div>
        {FILTER_FIELDS.map(({ key, id, label, inputMode, size }) => (
          <div key={key}>
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              inputMode={inputMode}
              size={size}
              value={filter[key]}
              onChange={(e) => set({ [key]: e.target.value })}
            />
          </div>
        ))}
      </form>
      {loading && rows.length === 0 ? (
        <p className="muted">Reading the claims…</p>
      ) : rows.length === 0 ? (
        <p className="card">No claim can be covered right now: every live claim is guaranteed or past its grace.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="candidates-title" tabIndex={0}>
          <table className="card-table">
            <caption className="muted small">
              {shown.length} of {rows.length} claim{rows.length === 1 ? "" : "s"} shown.
            </caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Debtor</th>
                <th scope="col" className="number">
                  Still owed
                </th>
                <th scope="col">Due</th>
                <th scope="col" className="number">
                  Days
                </th>
                <th scope="col">Your offers</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const t = tokenOf(tokens, r.currency);
                const mine = myOffers.filter((g) => g.claimId === r.id && offerOpen(g, now));
                return (
                  <tr key={r.id.toString()}>
                    <td data-label="Claim">
                      <Link href={`/claims/${r.id}`}>Claim #{r.id.toString()}</Link>
                      {r.state === "Overdue" && <span className="muted small"> (overdue)</span>}
                    </td>
                    <td data-label="Debtor">{name(r.debtor)}</td>
                    <td className="number" data-label="Still owed">
                      {t ? formatAmount(r.outstanding, t.decimals, { symbol: t.symbol }) : "…"}
                    </td>
                    <td data-label="Due">{formatDate(r.dueDate)}</td>
                    <td className="number" data-label="Days">
                      {Math.ceil(r.days)}
                    </td>
                    <td data-label="Your offers">
                      {mine.length === 0
                        ? "—"
                        : mine
                            .map((g) => (t ? formatAmount(g.cover, t.decimals, { symbol: t.symbol }) : "…"))
                            .join(", ")}
                    </td>
                    <td data-label="Action">
                      <button
                        type="button"
                        aria-label={`Offer cover on claim #${r.id}`}
                        aria-pressed={chosen === r.id}
                        onClick={() => choose(r.id)}
                      >
                        Offer cover
                      </button>
                    </td>
                  </tr>
                );
              })}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    No claim matches the filter.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {target && targetToken && (
        <OfferCoverForm
          key={target.id.toString()}
          ref={formHeading}
          target={target satisfies CoverTarget}
          token={targetToken}
        />
      )}
    </section>
  );
}

// ---------------------------------------------------------------- offers, active guarantees, calls

function OffersTable({
  offers,
  claimOf,
  amount,
  now,
}: {
  offers: GuaranteeView[];
  claimOf: (g: GuaranteeView) => CoveredClaim | undefined;
  amount: Amount;
  now: bigint | undefined;
}) {
  const { contracts } = useDeployment();
  const name = useNamer();
  const { write, busy } = useWrite();
  return (
    <div className="table-wrap" role="region" aria-labelledby="offers-title" tabIndex={0}>
      <table className="card-table">
        <thead>
          <tr>
            <th scope="col">Guarantee</th>
            <th scope="col">Claim</th>
            <th scope="col" className="number">
              Cover
            </th>
            <th scope="col" className="number">
              Premium
            </th>
            <th scope="col" className="number">
              Annual rate
            </th>
            <th scope="col">Open until</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((g) => {
            const c = claimOf(g);
            const rate = c && now !== undefined ? guaranteeRate(g, c.claim.dueDate, now) : undefined;
            return (
              <tr key={g.id.toString()}>
                <td data-label="Guarantee">#{g.id.toString()}</td>
                <td data-label="Claim">
                  <Link href={`/claims/${g.claimId}`}>Claim #{g.claimId.toString()}</Link>
                  {c && <span className="muted small"> on {name(c.claim.debtor)}</span>}
                </td>
                <td className="number" data-label="Cover">
                  {amount(g.cover, g.currency)}
                </td>
                <td className="number" data-label="Premium">
                  {amount(g.premium, g.currency)}
                </td>
                <td className="number" data-label="Annual rate">
                  {rate === undefined ? "—" : formatYield(rate)}
                </td>
                <td data-label="Open until">
                  {formatDateTime(g.offerExpiry)}
                  {!offerOpen(g, now) && " (expired)"}
                </td>
                <td data-label="Action">
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Withdraw offer #${g.id}`}
                    onClick={() =>
                      void write({
                        address: contracts!.escrow,
                        abi: escrowAbi,
                        functionName: "withdrawOffer",
                        args: [g.id],
                      })
                    }
                  >
                    Withdraw offer
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ActiveTable({
  me,
  list,
  claimOf,
  rules,
  amount,
  now,
}: {
  me: Address;
  list: GuaranteeView[];
  claimOf: (g: GuaranteeView) => CoveredClaim | undefined;
  rules: ReturnType<typeof useRulesAt>;
  amount: Amount;
  now: bigint | undefined;
}) {
  const { contracts } = useDeployment();
  const name = useNamer();
  const { write, busy } = useWrite();
  return (
    <div className="table-wrap" role="region" aria-labelledby="active-title" tabIndex={0}>
      <table className="card-table">
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Holder</th>
            <th scope="col" className="number">
              Cover
            </th>
            <th scope="col" className="number">
              Premium
            </th>
            <th scope="col">Claim state</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {list.map((g) => {
            const c = claimOf(g);
            const r = c ? rules.get(c.claim.rulesVersion) : undefined;
            const rate = c ? guaranteeRate(g, c.claim.dueDate, g.activatedAt) : undefined;
            const terms =
              c && r && now !== undefined
                ? callTerms({
                    cover: g.cover,
                    outstanding: c.outstanding,
                    state: c.state,
                    dueDate: c.claim.dueDate,
                    defaultGrace: r.defaultGrace,
                    claimWindow: r.guaranteeClaimWindow,
                    now,
                  })
                : undefined;
            const holdsIt = c?.holder?.toLowerCase() === me.toLowerCase();
            const ended =
              c !== undefined &&
              r !== undefined &&
              now !== undefined &&
              releasableByAnyone(c.state, callDeadlineOf(c.claim.dueDate, r.defaultGrace, r.guaranteeClaimWindow), now);
            const releasable = c !== undefined && now !== undefined && (ended || holdsIt);
            return (
              <tr key={g.id.toString()}>
                <td data-label="Claim">
                  <Link href={`/claims/${g.claimId}`}>Claim #{g.claimId.toString()}</Link>
                  {c && <span className="muted small"> on {name(c.claim.debtor)}</span>}
                </td>
                <td data-label="Holder">{c?.holder ? name(c.holder) : "…"}</td>
                <td className="number" data-label="Cover">
                  {amount(g.cover, g.currency)}
                </td>
                <td className="number" data-label="Premium">
                  {amount(g.premium, g.currency)}
                  {rate !== undefined && <span className="field-hint">{formatYield(rate)} a year</span>}
                </td>
                <td data-label="Claim state">
                  {c?.state ?? "…"}
                  {terms?.window === "open" && terms.deadline !== undefined && (
                    <span className="field-hint">
                      The holder may call until {formatDateTime(terms.deadline)}: {amount(terms.paid, g.currency)}
                    </span>
                  )}
                  {terms?.window === "early" && c?.state === "Overdue" && terms.opensAfter !== undefined && (
                    <span className="field-hint">Defaults after {formatDateTime(terms.opensAfter)} if unpaid</span>
                  )}
                </td>
                <td data-label="Action">
                  {releasable ? (
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`Release the collateral of guarantee #${g.id}`}
                      onClick={() =>
                        void write({
                          address: contracts!.escrow,
                          abi: escrowAbi,
                          functionName: "release",
                          args: [g.id],
                        })
                      }
                    >
                      Release collateral
                    </button>
                  ) : (
                    <span className="muted small">Collateral locked while covered</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One called guarantee: what the call paid, and where the guarantor's subrogation stands. */
function CallItem({
  me,
  g,
  c,
  paid,
  amount,
}: {
  me: Address;
  g: GuaranteeView;
  c: CoveredClaim | undefined;
  paid: { holder: Address; paid: bigint; returned: bigint } | undefined;
  amount: Amount;
}) {
  const { contracts } = useDeployment();
  const name = useNamer();
  const { write, busy } = useWrite();
  const s = c?.subrogation;
  const custody = s !== undefined && s.guarantor.toLowerCase() === me.toLowerCase() && !s.released;
  const shares = s ? recoveryShares(s) : undefined;
  return (
    <li className="card">
      <h3>
        <Link href={`/claims/${g.claimId}`}>Claim #{g.claimId.toString()}</Link>
        {c && <span className="muted small"> on {name(c.claim.debtor)}</span>}
      </h3>
      <p>
        {paid
          ? `Guarantee #${g.id} paid ${amount(paid.paid, g.currency)} to ${name(paid.holder)}` +
            (paid.returned > 0n ? `; ${amount(paid.returned, g.currency)} of the cover came back to you.` : ".")
          : `Guarantee #${g.id} (cover ${amount(g.cover, g.currency)}) was called.`}
      </p>
      {custody && s && shares ? (
        <>
          <p>
            The escrow holds the claim: you receive {formatYield(shares.guarantor)} of what the debtor pays from now on,{" "}
            {name(s.holder)} the rest. Recovered for you so far: {amount(s.guarantorRecovered, g.currency)}.
          </p>
          <div className="actions">
            {c?.pending && c.pending.toHolder + c.pending.toGuarantor > 0n && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void write({
                    address: contracts!.escrow,
                    abi: escrowAbi,
                    functionName: "distribute",
                    args: [g.claimId],
                  })
                }
              >
                Distribute {amount(c.pending.toHolder + c.pending.toGuarantor, g.currency)} recovered (
                {amount(c.pending.toGuarantor, g.currency)} to you)
              </button>
            )}
            {s.covered === s.outstandingAtCall && c?.state !== "Settled" && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void write({
                    address: contracts!.escrow,
                    abi: escrowAbi,
                    functionName: "takeClaim",
                    args: [g.claimId],
                  })
                }
              >
                Take the claim
              </button>
            )}
          </div>
        </>
      ) : c?.holder?.toLowerCase() === me.toLowerCase() ? (
        <p>
          You hold the claim (subrogated): what the debtor still owes, {amount(c.outstanding, g.currency)}, is paid to
          you.
        </p>
      ) : (
        <p className="muted">The claim has since moved on: {c?.holder ? name(c.holder) : "…"} holds it.</p>
      )}
    </li>
  );
}
