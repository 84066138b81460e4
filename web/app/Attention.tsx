"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { Address } from "viem";
import { useConnection } from "wagmi";

import { formatAmount, formatDaysToMaturity } from "../lib/domain/format";
import { useBidsOn, useClaimDetails, useClaimsBidOn, useIdsOf, type ClaimDetail } from "../lib/data/holdings";
import {
  tokenOf,
  useAllowedCurrencies,
  useChainNow,
  useDeployment,
  useTokens,
  useVerifiedAccounts,
} from "../lib/data/hooks";
import {
  attentionItems,
  describeAttention,
  type AttentionKind,
  type BidBrief,
  type HeldBrief,
} from "../lib/domain/overview";

/** Items shown before "Show all". */
const FIRST = 8;

/** Each kind's tag: the word that says what it is, so the list never relies on colour. */
const TAGS: Record<AttentionKind, string> = {
  "owed-overdue": "Overdue",
  "owed-due-soon": "Due soon",
  "owed-to-confirm": "To confirm",
  "held-overdue": "Unpaid",
  "held-due-soon": "Falls due",
  "offers-received": "Bids received",
  outbid: "Outbid",
  "bid-not-live": "Bid ended",
};
const URGENT: AttentionKind[] = ["owed-overdue", "held-overdue"];

/** The home page's "For you now": what the connected party should look at, from batched reads. */
export function Attention() {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  return (
    <section aria-labelledby="attention-title">
      <h2 id="attention-title">For you now</h2>
      {contracts === undefined ? (
        <p className="card">OpenFactor is not deployed on this network.</p>
      ) : address === undefined ? (
        <p className="card">
          Connect a wallet to see what needs you: payments due or overdue, claims you hold that fall due, bids on your
          claims and bids of yours that were outbid.
        </p>
      ) : (
        <AttentionFor account={address} />
      )}
    </section>
  );
}

function AttentionFor({ account }: { account: Address }) {
  const now = useChainNow();
  const owed = useIdsOf("Debtor", account);
  const held = useIdsOf("Holder", account);
  const bidOn = useClaimsBidOn(account);
  const ids = useMemo(() => [...new Set([...owed.ids, ...held.ids, ...bidOn.ids])], [owed.ids, held.ids, bidOn.ids]);
  const { details, loading } = useClaimDetails(ids);
  // Bids matter on claims that can still be sold: those held (bids received) and those bid on (outbid or not).
  const sellable = (id: bigint) => ["Accepted", "Financed"].includes(details.get(id)?.state ?? "");
  const bidIds = ids.filter((id) => sellable(id) && (held.ids.includes(id) || bidOn.ids.includes(id)));
  // The bids that matter here: those a holder can accept (a sale goes only to a factor verified now) and the
  // account's own, live or not.
  const factors = useVerifiedAccounts("Factor");
  const bids = useBidsOn(bidIds, factors === undefined ? undefined : [...new Set([...factors, account])]);
  // The allowlisted currencies first: their symbols are read at once, not after the claims.
  const allowed = useAllowedCurrencies();
  const tokens = useTokens([...allowed, ...[...details.values()].map((d) => d.currency)]);
  const [all, setAll] = useState(false);

  if (owed.loading || held.loading || bidOn.loading || loading || bids.loading || now === undefined)
    return <p className="muted">Looking at your claims and bids…</p>;
  if (owed.error || held.error || bidOn.error)
    return <p role="alert">Your claims could not be read. Reload the page to try again.</p>;

  const brief = (d: ClaimDetail) => ({
    claimId: d.id,
    currency: d.currency,
    dueDate: d.dueDate,
    outstanding: d.outstanding,
    state: d.state,
    issuedByDebtor: d.issuedByDebtor,
  });
  const me = account.toLowerCase();
  const live = (id: bigint, others: boolean) =>
    (bids.byClaim.get(id) ?? []).filter((b) => b.live && (others ? b.bidder.toLowerCase() !== me : true));
  const best = (list: { amount: bigint }[]) => list.reduce((m, b) => (b.amount > m ? b.amount : m), 0n);
  const heldBriefs: HeldBrief[] = held.ids.flatMap((id) => {
    const d = details.get(id);
    if (d === undefined) return [];
    const received = live(id, true);
    return [{ ...brief(d), liveBids: received.length, bestBid: best(received) }];
  });
  const bidBriefs: BidBrief[] = bidOn.ids.flatMap((id) => {
    const d = details.get(id);
    const mine = (bids.byClaim.get(id) ?? []).find((b) => b.bidder.toLowerCase() === me);
    if (d === undefined || mine === undefined) return [];
    return [
      { claimId: id, currency: d.currency, amount: mine.amount, live: mine.live, bestOther: best(live(id, true)) },
    ];
  });
  const owedBriefs = owed.ids.flatMap((id) => {
    const d = details.get(id);
    return d === undefined ? [] : [brief(d)];
  });
  const items = attentionItems({ owed: owedBriefs, held: heldBriefs, bids: bidBriefs }, now);
  if (items.length === 0)
    return (
      <p className="card">
        Nothing needs you now: no payment due within two weeks, no bid to answer, no bid of yours outbid.
      </p>
    );
  const amount = (value: bigint, currency: Address) => {
    const token = tokenOf(tokens, currency);
    return token ? formatAmount(value, token.decimals, { symbol: token.symbol }) : "…";
  };
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <>
      <ul className="plain attention">
        {shown.map((item) => (
          <li key={`${item.kind}-${item.claimId}`} className={URGENT.includes(item.kind) ? "urgent" : undefined}>
            <span className="tag">{TAGS[item.kind]}:</span>{" "}
            {describeAttention(item, amount, (due) => formatDaysToMaturity(due, now))}{" "}
            <Link href={item.kind === "owed-to-confirm" ? `/accept/${item.claimId}` : `/claims/${item.claimId}`}>
              {item.kind === "owed-to-confirm" ? "Review" : "Open"} claim #{item.claimId.toString()}
            </Link>
          </li>
        ))}
      </ul>
      {items.length > FIRST && (
        <button type="button" className="link-button" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? "Show the first few" : `Show all ${items.length}`}
        </button>
      )}
    </>
  );
}
