"use client";
/** The guarantor's open offers, active guarantees and the calls it paid. */
import Link from "next/link";
import type { Address } from "viem";
import { formatDateTime, formatYield } from "../../lib/domain/format";
import type { useRulesAt } from "../../lib/data/guarantee-reads";
import { type CoveredClaim } from "../../lib/data/guarantee-reads";
import {
  callDeadlineOf,
  callTerms,
  guaranteeRate,
  offerOpen,
  recoveryShares,
  releasableByAnyone,
  type GuaranteeView,
} from "../../lib/domain/guarantees";
import { useNamer } from "../../lib/data/hooks";
import { useWrite } from "../../lib/data/tx";
import type { Amount } from "./amount";
import { Table } from "../../components/Table";
import { WithdrawOfferButton } from "../../components/WithdrawOfferButton";
import { distributeRecovery, releaseGuarantee, takeClaimFromCustody } from "@openfactor/sdk";

// ---------------------------------------------------------------- offers, active guarantees, calls

export function OffersTable({
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
  const name = useNamer();
  const { write, busy } = useWrite();
  return (
    <Table
      labelledBy="offers-title"
      rows={offers.map((g) => {
        const c = claimOf(g);
        return { g, c, rate: c && now !== undefined ? guaranteeRate(g, c.claim.dueDate, now) : undefined };
      })}
      rowKey={({ g }) => g.id.toString()}
      columns={[
        { header: "Guarantee", cell: ({ g }) => `#${g.id.toString()}` },
        {
          header: "Claim",
          cell: ({ g, c }) => (
            <>
              <Link href={`/claims/${g.claimId}`}>Claim #{g.claimId.toString()}</Link>
              {c && <span className="muted small"> on {name(c.claim.debtor)}</span>}
            </>
          ),
        },
        { header: "Cover", number: true, cell: ({ g }) => amount(g.cover, g.currency) },
        { header: "Premium", number: true, cell: ({ g }) => amount(g.premium, g.currency) },
        { header: "Annual rate", number: true, cell: ({ rate }) => (rate === undefined ? "—" : formatYield(rate)) },
        {
          header: "Open until",
          cell: ({ g }) => (
            <>
              {formatDateTime(g.offerExpiry)}
              {!offerOpen(g, now) && " (expired)"}
            </>
          ),
        },
        {
          header: "Action",
          cell: ({ g }) => <WithdrawOfferButton id={g.id} write={write} busy={busy} />,
        },
      ]}
    />
  );
}

export function ActiveTable({
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
  const name = useNamer();
  const { write, busy } = useWrite();
  return (
    <Table
      labelledBy="active-title"
      rows={list.map((g) => {
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
        return { g, c, rate, terms, releasable: c !== undefined && now !== undefined && (ended || holdsIt) };
      })}
      rowKey={({ g }) => g.id.toString()}
      columns={[
        {
          header: "Claim",
          cell: ({ g, c }) => (
            <>
              <Link href={`/claims/${g.claimId}`}>Claim #{g.claimId.toString()}</Link>
              {c && <span className="muted small"> on {name(c.claim.debtor)}</span>}
            </>
          ),
        },
        { header: "Holder", cell: ({ c }) => (c?.holder ? name(c.holder) : "…") },
        { header: "Cover", number: true, cell: ({ g }) => amount(g.cover, g.currency) },
        {
          header: "Premium",
          number: true,
          cell: ({ g, rate }) => (
            <>
              {amount(g.premium, g.currency)}
              {rate !== undefined && <span className="field-hint">{formatYield(rate)} a year</span>}
            </>
          ),
        },
        {
          header: "Claim state",
          cell: ({ g, c, terms }) => (
            <>
              {c?.state ?? "…"}
              {terms?.window === "open" && terms.deadline !== undefined && (
                <span className="field-hint">
                  The holder may call until {formatDateTime(terms.deadline)}: {amount(terms.paid, g.currency)}
                </span>
              )}
              {terms?.window === "early" && c?.state === "Overdue" && terms.opensAfter !== undefined && (
                <span className="field-hint">Defaults after {formatDateTime(terms.opensAfter)} if unpaid</span>
              )}
            </>
          ),
        },
        {
          header: "Action",
          cell: ({ g, releasable }) =>
            releasable ? (
              <button
                type="button"
                disabled={busy}
                aria-label={`Release the collateral of guarantee #${g.id}`}
                onClick={() => void write((c) => releaseGuarantee(c, g.id))}
              >
                Release collateral
              </button>
            ) : (
              <span className="muted small">Collateral locked while covered</span>
            ),
        },
      ]}
    />
  );
}

/** One called guarantee: what the call paid, and where the guarantor's subrogation stands. */
export function CallItem({
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
              <button type="button" disabled={busy} onClick={() => void write((c) => distributeRecovery(c, g.claimId))}>
                Distribute {amount(c.pending.toHolder + c.pending.toGuarantor, g.currency)} recovered (
                {amount(c.pending.toGuarantor, g.currency)} to you)
              </button>
            )}
            {s.covered === s.outstandingAtCall && c?.state !== "Settled" && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void write((c) => takeClaimFromCustody(c, g.claimId))}
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
