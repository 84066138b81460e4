"use client";

import Link from "next/link";
import { useState } from "react";
import type { Address } from "viem";
import { useConnection } from "wagmi";

import { CLAIM_STATES, PAYABLE_STATES, payInFull } from "@openfactor/sdk";
import { formatAmount, formatDate, formatDaysToMaturity } from "../../lib/domain/format";
import { useIdsOf } from "../../lib/data/holdings";
import { tokenOf, useChainNow, useDeployment, useNamer, useTokens } from "../../lib/data/hooks";
import { useWrite } from "../../lib/data/tx";
import { readCall, resultsOf, useContractReadsFor } from "../../lib/data/contracts";
import { Table } from "../../components/Table";

/** Claims shown (and read in detail) per page. */
const PAGE = 20;
/** States in which a payment is credited to the holder (Disputed holds it, so it is left out here). */

export function Payables() {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const { write, ensureAllowance, busy } = useWrite();
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<bigint>>(new Set());

  // Every claim the account owes, in issue order (the claim lens's `claimsOf`, every window in one batch); the
  // details of one page of them.
  const owed = useIdsOf("Debtor", address);
  const total = owed.ids.length;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  // A page beyond the last (claims went away) shows the last.
  const current = Math.min(page, pages - 1);
  const ids = owed.ids.slice(current * PAGE, (current + 1) * PAGE);
  const { data: details } = useContractReadsFor(ids, (id) => [
    readCall("claimLens", "claim", [id]),
    readCall("claimLens", "outstanding", [id]),
  ]);
  const rows = ids.flatMap((id, i) => {
    const [c, outstanding] = resultsOf(details?.[i]);
    if (c === undefined || outstanding === undefined) return [];
    return [{ id, ...c, stateName: CLAIM_STATES[c.state], outstanding }];
  });
  const tokens = useTokens(rows.map((r) => r.currency));

  const chosen = rows.filter((r) => selected.has(r.id));
  const totals = new Map<Address, bigint>();
  for (const r of chosen) totals.set(r.currency, (totals.get(r.currency) ?? 0n) + r.outstanding);

  // One payInFull per currency: it pays whatever each claim still owes when it runs (a payment someone made
  // meanwhile lowers it instead of failing the batch), and never more than the total shown here.
  async function pay() {
    if (contracts === undefined || chosen.length === 0) return;
    for (const [currency, amount] of totals) {
      if (!(await ensureAllowance(currency, contracts.claims, amount))) return;
    }
    for (const [currency, amount] of totals) {
      const result = await write((c) =>
        payInFull(
          c,
          chosen.filter((r) => r.currency === currency).map((r) => r.id),
          amount,
        ),
      );
      if (!result.ok) return;
    }
    setSelected(new Set());
  }

  const toggle = (id: bigint) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (owed.error) return <p role="alert">The claims you owe could not be read. Reload the page to try again.</p>;
  if (owed.loading) return <p className="muted">Reading the claims you owe…</p>;
  if (address !== undefined && total === 0) return <p className="card">You owe nothing on OpenFactor.</p>;

  return (
    <>
      <Table
        label="Claims you owe"
        caption={`${total} claim${total === 1 ? "" : "s"} on your account`}
        rows={rows.map((r) => ({
          ...r,
          token: tokenOf(tokens, r.currency),
          payable: PAYABLE_STATES.includes(r.stateName) && r.outstanding > 0n,
        }))}
        rowKey={(r) => r.id.toString()}
        columns={[
          {
            header: "Pay",
            cell: (r) =>
              r.payable ? (
                <input
                  type="checkbox"
                  aria-label={`Pay claim #${r.id}`}
                  checked={selected.has(r.id)}
                  onChange={() => toggle(r.id)}
                />
              ) : r.stateName === "Issued" ? (
                <Link href={`/accept/${r.id}`}>Confirm</Link>
              ) : null,
          },
          { header: "Claim", cell: (r) => `#${r.id.toString()}` },
          { header: "Supplier", cell: (r) => name(r.originator) },
          {
            header: "Due",
            cell: (r) => (
              <span>
                {formatDate(r.dueDate)}
                {now !== undefined && r.payable && (
                  <span className="field-hint">{formatDaysToMaturity(r.dueDate, now)}</span>
                )}
              </span>
            ),
          },
          { header: "State", cell: (r) => r.stateName },
          {
            header: "Outstanding",
            number: true,
            cell: ({ token, outstanding }) =>
              token ? formatAmount(outstanding, token.decimals, { symbol: token.symbol }) : "…",
          },
        ]}
      />
      {pages > 1 && (
        <div className="actions">
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </button>
          <span className="muted">
            Page {current + 1} of {pages}
          </span>
          <button type="button" disabled={current + 1 >= pages} onClick={() => setPage(current + 1)}>
            Next
          </button>
        </div>
      )}
      <div className="card">
        {chosen.length === 0 ? (
          <p className="muted">Select the claims to pay.</p>
        ) : (
          <p>
            {chosen.length} claim{chosen.length === 1 ? "" : "s"} selected:{" "}
            {[...totals]
              .map(([currency, amount]) => {
                const token = tokenOf(tokens, currency);
                return token ? formatAmount(amount, token.decimals, { symbol: token.symbol }) : "…";
              })
              .join(" + ")}
            . You approve exactly this amount, then pay in one transaction.
          </p>
        )}
        <button type="button" className="primary" disabled={busy || chosen.length === 0} onClick={() => void pay()}>
          Pay selected
        </button>
      </div>
    </>
  );
}
