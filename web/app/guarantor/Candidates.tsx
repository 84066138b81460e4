"use client";
/** The claims the guarantor could cover, filtered, with the offer form. */
import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import type { Address } from "viem";
import { CLAIM_STATES, daysToMaturity, Party } from "@openfactor/sdk";
import { formatAmount, formatDate } from "../../lib/domain/format";
import { useRulesAt } from "../../lib/data/guarantee-reads";
import {
  coverable,
  defaultableAfter,
  filterCandidates,
  NO_CANDIDATE_FILTER,
  offerOpen,
  type CandidateFilter,
  type CandidateRow,
  type GuaranteeView,
} from "../../lib/domain/guarantees";
import {
  tokenOf,
  useAllParticipants,
  useChainNow,
  useNamer,
  useTokens,
  useVerifiedParticipants,
  type TokenInfo,
} from "../../lib/data/hooks";
import { usePagedIds } from "../../lib/data/paged-reads";
import { OfferCoverForm, type CoverTarget } from "./OfferCoverForm";
import { readCall, resultsOf, useContractReadsFor } from "../../lib/data/contracts";
import { Table } from "../../components/Table";

/** The candidate filter's text fields, in the order shown. */
const FILTER_FIELDS = [
  { key: "minDays", id: "cand-min-days", label: "Min days", inputMode: "numeric", size: 5 },
  { key: "maxDays", id: "cand-max-days", label: "Max days", inputMode: "numeric", size: 5 },
  { key: "minSize", id: "cand-min-size", label: "Min owed", inputMode: "decimal", size: 9 },
  { key: "maxSize", id: "cand-max-size", label: "Max owed", inputMode: "decimal", size: 9 },
] as const;

// ---------------------------------------------------------------- candidates

/** Live claims on the verified debtors, not yet guaranteed, that the guarantor may still cover. */
function useCandidates(me: Address) {
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
  const { data: details } = useContractReadsFor(ids, (id) => [
    readCall("claimLens", "claim", [id]),
    readCall("escrow", "isGuaranteed", [id]),
  ]);
  const claims = ids.flatMap((id, i) => {
    const [claim, guaranteed] = resultsOf(details?.[i]);
    return claim === undefined || guaranteed === undefined ? [] : [{ id, claim, guaranteed }];
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

export function Candidates({
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
        <Table
          labelledBy="candidates-title"
          caption={`${shown.length} of ${rows.length} claim${rows.length === 1 ? "" : "s"} shown.`}
          empty="No claim matches the filter."
          rows={shown.map((r) => ({
            ...r,
            t: tokenOf(tokens, r.currency),
            mine: myOffers.filter((g) => g.claimId === r.id && offerOpen(g, now)),
          }))}
          rowKey={(r) => r.id.toString()}
          columns={[
            {
              header: "Claim",
              cell: (r) => (
                <>
                  <Link href={`/claims/${r.id}`}>Claim #{r.id.toString()}</Link>
                  {r.state === "Overdue" && <span className="muted small"> (overdue)</span>}
                </>
              ),
            },
            { header: "Debtor", cell: (r) => name(r.debtor) },
            {
              header: "Still owed",
              number: true,
              cell: ({ t, outstanding }) => (t ? formatAmount(outstanding, t.decimals, { symbol: t.symbol }) : "…"),
            },
            { header: "Due", cell: (r) => formatDate(r.dueDate) },
            { header: "Days", number: true, cell: (r) => Math.ceil(r.days) },
            {
              header: "Your offers",
              cell: ({ t, mine }) =>
                mine.length === 0
                  ? "—"
                  : mine.map((g) => (t ? formatAmount(g.cover, t.decimals, { symbol: t.symbol }) : "…")).join(", "),
            },
            {
              header: "Action",
              cell: (r) => (
                <button
                  type="button"
                  aria-label={`Offer cover on claim #${r.id}`}
                  aria-pressed={chosen === r.id}
                  onClick={() => choose(r.id)}
                >
                  Offer cover
                </button>
              ),
            },
          ]}
        />
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
