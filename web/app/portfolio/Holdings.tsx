"use client";
/** The portfolio's table of the claims held in one currency, a page at a time. */
import Link from "next/link";
import type { Address } from "viem";

import { Table, type Column } from "../../components/Table";
import { CLOSED_STATES } from "@openfactor/sdk";
import { formatDate, formatDaysToMaturity, formatYield } from "../../lib/domain/format";
import { yieldToMaturity, type ClaimLedger, type Position } from "../../lib/domain/portfolio";
import type { ClaimDetail } from "../../lib/data/holdings";

/** One held claim: its position, what the account paid for it (its ledger) and its stored terms, when read. */
interface Holding {
  p: Position;
  ledger?: ClaimLedger;
  detail?: ClaimDetail;
}

/** The yield to maturity on what the account paid, from its purchase to the due date; undefined if it paid nothing. */
const ytmOf = ({ p, ledger: l }: Holding) =>
  l?.lastCost !== undefined && l.lastBoughtAt !== undefined
    ? yieldToMaturity(l.lastCost, l.receivedSinceBought + p.outstanding, l.lastBoughtAt, p.dueDate)
    : undefined;

/** The columns, with amounts in the table's currency (`amount`) and days to maturity at chain time `now`. */
function holdingColumns(
  amount: (value: bigint) => string,
  name: (account: Address | undefined) => string,
  now: bigint,
): Column<Holding>[] {
  const closed = ({ p }: Holding) => CLOSED_STATES.includes(p.state);
  return [
    {
      header: "Claim",
      cell: ({ p }) => <Link href={`/claims/${p.claimId}`}>Claim #{p.claimId.toString()}</Link>,
    },
    { header: "Debtor", cell: ({ detail }) => name(detail?.debtor) },
    { header: "State", cell: ({ p }) => p.state },
    { header: "Face value", number: true, cell: ({ p }) => amount(p.faceValue) },
    { header: "Outstanding", number: true, cell: ({ p }) => amount(p.outstanding) },
    {
      header: "Cost",
      number: true,
      cell: ({ ledger }) =>
        ledger?.lastCost !== undefined ? amount(ledger.lastCost) : <span className="muted">issued by you</span>,
    },
    {
      header: "Yield to maturity",
      number: true,
      cell: (h) => {
        const ytm = ytmOf(h);
        return ytm === undefined || closed(h) ? "—" : formatYield(ytm);
      },
    },
    {
      header: "Due",
      cell: (h) => (
        <>
          {formatDate(h.p.dueDate)}
          {!closed(h) && <span className="field-hint">{formatDaysToMaturity(h.p.dueDate, now)}</span>}
        </>
      ),
    },
  ];
}

/**
 * The page `page` (of `pages`) of the `total` claims held, `shown`: each with its debtor, state, amounts, what the
 * account paid and the yield on it, and its due date.
 */
export function HoldingsTable(props: {
  headingId: string;
  shown: readonly Position[];
  total: number;
  page: number;
  pages: number;
  ledgers: Map<bigint, ClaimLedger>;
  details: Map<bigint, ClaimDetail>;
  amount: (value: bigint) => string;
  name: (account: Address | undefined) => string;
  now: bigint;
}) {
  const { total, page, pages } = props;
  return (
    <Table
      className="market-table"
      labelledBy={props.headingId}
      caption={
        <>
          {total} claim{total === 1 ? "" : "s"}
          {pages > 1 ? `, page ${page + 1} of ${pages}` : ""}. Cost is what you paid; the yield to maturity is on that
          cost, from your purchase to the due date, if the claim pays in full.
        </>
      }
      columns={holdingColumns(props.amount, props.name, props.now)}
      rows={props.shown.map((p) => ({ p, ledger: props.ledgers.get(p.claimId), detail: props.details.get(p.claimId) }))}
      rowKey={({ p }) => p.claimId.toString()}
    />
  );
}
