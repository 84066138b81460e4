"use client";

import { zeroAddress, type Address } from "viem";
import { useConnection } from "wagmi";

import { CLAIM_STATES, daysToMaturity, SELLABLE_STATES } from "@openfactor/sdk";
import {
  formatAmount,
  formatDate,
  formatDateTime,
  formatDaysToMaturity,
  formatYield,
} from "../../../lib/domain/format";
import { useBidsOn } from "../../../lib/data/holdings";
import {
  tokenOf,
  useChainNow,
  useDeployment,
  useNamer,
  useParticipantAccounts,
  useTokens,
} from "../../../lib/data/hooks";
import { bestLiveBid, rates } from "../../../lib/domain/market";
import { decodeOffer } from "../../../lib/domain/offer-link";
import { useRoles } from "../../../lib/data/roles";
import { useClaimAuctions } from "../../../lib/data/auction-reads";
import type { BidView, ClaimContext } from "./context";
import { DebtorActions, DisputeAction, HeldPaymentReclaim, Withdrawals } from "./DebtorActions";
import { FactorActions } from "./FactorActions";
import { AcceptBidButton, HolderActions } from "./HolderActions";
import { Guarantees } from "./Guarantees";
import { SealedAuctions } from "./SealedAuction";
import { Timeline } from "./Timeline";
import { Table, type Column } from "../../../components/Table";
import { readCall, resultsOf, useContractReads } from "../../../lib/data/contracts";

/** States in which the claim can be sold (Accepted or Financed). */

export function ClaimView(props: { claimId: string; offer?: string; sig?: string }) {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const roles = useRoles();
  const id = /^\d{1,30}$/.test(props.claimId) ? BigInt(props.claimId) : undefined;

  const { data, isPending } = useContractReads([
    readCall("claimLens", "claim", [id]),
    readCall("claimLens", "outstanding", [id]),
    readCall("claims", "ownerOf", [id]),
    readCall("claimLens", "claimNonce", [id]),
    readCall("market", "listing", [id]),
    readCall("escrow", "isGuaranteed", [id]),
    readCall("escrow", "guaranteeOfClaim", [id]),
  ]);
  const [claim, outstanding, holder, nonce, stored, guaranteedRead, guaranteeRead] = resultsOf(data);
  // A listing's deadline (uint40) and claim nonce (uint48) come back as numbers: the page works in bigints.
  const listing = stored && { ...stored, deadline: BigInt(stored.deadline), claimNonce: BigInt(stored.claimNonce) };
  const guaranteed = guaranteedRead === true;
  const guaranteeId = guaranteeRead ?? 0n;

  // The bids: `bidOf` for each of the registry's participants (the market keeps no list of a claim's bidders), so
  // that a bid is found whoever placed it, even a factor no longer verified (its bidder can still withdraw it).
  const participants = useParticipantAccounts();
  const { byClaim } = useBidsOn(id === undefined ? [] : [id], participants);
  const bids: BidView[] = (id === undefined ? undefined : byClaim.get(id)) ?? [];
  const { data: more } = useContractReads([readCall("escrow", "guarantee", [guaranteeId])], {
    enabled: id !== undefined && guaranteeId > 0n,
  });
  const g = guaranteeId > 0n ? more?.[0] : undefined;
  const guarantor = g?.result?.guarantor;

  const { auctions } = useClaimAuctions(id);
  const latestAuction = auctions.at(-1);
  // While an auction runs, or is void or out of time but not closed yet, it locks the claim: the auction's panel
  // holds the actions.
  const auctioned =
    latestAuction !== undefined &&
    (["Bidding", "Revealing", "Picking", "Void"].includes(latestAuction.phase) ||
      (latestAuction.phase === "Closed" && latestAuction.closedAt === 0n));

  const tokens = useTokens(claim ? [claim.currency] : []);
  const token = tokenOf(tokens, claim?.currency);

  if (contracts === undefined) return <p className="card">OpenFactor is not deployed on this network.</p>;
  if (id === undefined) return <p role="alert">This is not a claim number.</p>;
  if (isPending) return <p className="muted">Reading the claim…</p>;
  if (claim === undefined || claim.state === 0) return <p role="alert">There is no claim #{props.claimId}.</p>;

  const state = CLAIM_STATES[claim.state];
  const amount = (v: bigint) => (token ? formatAmount(v, token.decimals, { symbol: token.symbol }) : "…");
  const me = address?.toLowerCase();
  const isHolder = me !== undefined && holder?.toLowerCase() === me;
  const isDebtor = me !== undefined && claim.debtor.toLowerCase() === me;
  const listed = listing !== undefined && listing.seller !== zeroAddress;
  const recourse = guaranteed && guarantor?.toLowerCase() === claim.originator.toLowerCase();
  const days = now === undefined ? 0 : daysToMaturity(claim.dueDate, now);
  const signed = decodeOffer(id, props.offer, props.sig);
  const ctx: ClaimContext | undefined =
    outstanding !== undefined && holder !== undefined && nonce !== undefined && token !== undefined
      ? {
          id,
          state,
          currency: claim.currency,
          debtor: claim.debtor,
          dueDate: claim.dueDate,
          outstanding,
          holder,
          nonce,
          token,
          listing: listed ? listing : undefined,
          bids,
          amount,
        }
      : undefined;
  const liveBids = bids.filter((b) => b.live).sort((a, b) => (a.amount > b.amount ? -1 : 1));
  const best = bestLiveBid(bids);

  return (
    <>
      <section className="card" aria-labelledby="terms-title">
        <h2 id="terms-title">
          Claim #{id.toString()}{" "}
          <span className="badges" style={{ display: "inline-flex" }}>
            {!["Issued", "Rejected", "Expired", "Cancelled"].includes(state) && (
              <span className="badge badge-ok">Accepted by debtor</span>
            )}
            {guaranteed && <span className="badge">{recourse ? "Recourse" : "Guaranteed"}</span>}
          </span>
        </h2>
        <p className="terms">
          <strong>{name(claim.debtor)}</strong> owes <strong>{amount(claim.faceValue)}</strong> to whoever holds this
          claim, due <strong>{formatDate(claim.dueDate)}</strong>
          {now !== undefined && ` (${formatDaysToMaturity(claim.dueDate, now)})`}, for goods or services invoiced by{" "}
          <strong>{name(claim.originator)}</strong>.{" "}
          {outstanding !== undefined && claim.amountPaid > 0n && (
            <>
              {amount(claim.amountPaid)} has been paid; <strong>{amount(outstanding)}</strong> is still owed.{" "}
            </>
          )}
          {claim.heldAmount > 0n && <>{amount(claim.heldAmount)} paid during the dispute is held. </>}
        </p>
        <dl className="facts">
          <dt>State</dt>
          <dd>{state}</dd>
          <dt>Holder</dt>
          <dd>{holder ? `${name(holder)}${isHolder ? " (you)" : ""}` : "—"}</dd>
          <dt>Originator</dt>
          <dd>{name(claim.originator)}</dd>
          <dt>Debtor</dt>
          <dd>
            {name(claim.debtor)}
            {isDebtor ? " (you)" : ""}
          </dd>
          {guaranteed && guarantor && (
            <>
              <dt>Guarantor</dt>
              <dd>{name(guarantor)}</dd>
            </>
          )}
          <dt>Issued</dt>
          <dd>{formatDate(claim.issuedAt)}</dd>
          <dt>Market rules</dt>
          <dd>Version {claim.rulesVersion}, kept for the claim&apos;s life</dd>
          <dt>Listing</dt>
          <dd>
            {listed
              ? `${listing!.askPrice > 0n ? `ask ${amount(listing!.askPrice)}` : "offers only"}${
                  listing!.minBid > 0n ? `, bids from ${amount(listing!.minBid)}` : ""
                }, until ${formatDateTime(listing!.deadline)}`
              : auctioned
                ? "in a sealed-bid auction"
                : "not listed"}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="bids-title">
        <h2 id="bids-title">Live bids</h2>
        {liveBids.length === 0 ? (
          <p className="muted">No live bid.</p>
        ) : (
          <Table
            labelledBy="bids-title"
            columns={bidColumns({
              name: (bidder) => `${name(bidder)}${bidder.toLowerCase() === me ? " (you)" : ""}`,
              amount,
              best: best?.amount,
              rates: (b) => (outstanding === undefined ? undefined : rates(outstanding, b.amount, days)),
              accept: isHolder && ctx && SELLABLE_STATES.includes(state) ? ctx : undefined,
            })}
            rows={liveBids}
            rowKey={(b) => b.bidder}
          />
        )}
      </section>

      {ctx && <SealedAuctions ctx={ctx} auctions={auctions} />}

      {ctx && (
        <Guarantees
          ctx={ctx}
          claim={{ originator: claim.originator, state: claim.state, rulesVersion: claim.rulesVersion }}
        />
      )}

      {ctx && (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">What you can do</h2>
          {address === undefined && <p className="card">Connect a wallet to trade, pay or withdraw.</p>}
          {isHolder && (
            <HolderActions
              ctx={ctx}
              signed={signed}
              linkBroken={props.offer !== undefined && !signed}
              auctioned={auctioned}
            />
          )}
          {!isHolder && signed && (
            <p className="card">
              This link carries {name(signed.offer.bidder)}&apos;s offer of {amount(signed.offer.price)} for this claim.
              Only its holder, {name(ctx.holder)}, can accept it.
            </p>
          )}
          {!isHolder && roles.has.Factor && !isDebtor && !auctioned && <FactorActions ctx={ctx} />}
          {isDebtor && <DebtorActions ctx={ctx} />}
          {(isDebtor || isHolder) && <DisputeAction ctx={ctx} />}
          {address !== undefined && <HeldPaymentReclaim ctx={ctx} />}
          {address !== undefined && <Withdrawals ctx={ctx} />}
        </section>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <Timeline id={id} amount={amount} />
      </section>
    </>
  );
}

/**
 * The live bids' columns: the bidder (`name`, "(you)" included), the bid (the best one marked), its yield, its expiry
 * and, for the holder of a claim for sale (`accept`, its context), the button that sells at it.
 */
function bidColumns(of: {
  name: (bidder: Address) => string;
  amount: (value: bigint) => string;
  best: bigint | undefined;
  rates: (bid: BidView) => { yield: number } | undefined;
  accept: ClaimContext | undefined;
}): Column<BidView>[] {
  const { accept } = of;
  const action: Column<BidView>[] =
    accept === undefined ? [] : [{ header: "Action", cell: (b) => <AcceptBidButton ctx={accept} bid={b} /> }];
  return [
    { header: "Bidder", cell: (b) => of.name(b.bidder) },
    {
      header: "Bid",
      number: true,
      cell: (b) => (
        <span>
          {of.amount(b.amount)}
          {b.amount === of.best && <span className="badge badge-ok">Best bid</span>}
        </span>
      ),
    },
    {
      header: "Yield",
      number: true,
      cell: (b) => {
        const r = of.rates(b);
        return r ? formatYield(r.yield) : "—";
      },
    },
    { header: "Until", cell: (b) => formatDateTime(b.expiry) },
    ...action,
  ];
}
