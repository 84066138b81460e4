"use client";
/**
 * What the holder of a claim may do with it: list it, accept a bid, sell to a standing offer, fill a signed offer.
 * Every price bound the contract takes (R1: `minPrice`, `maxPrice`) is the price the user was shown when clicking.
 */
import { useState, type FormEvent } from "react";
import { type Hex } from "viem";
import {
  acceptBid,
  delist,
  fillSignedOffer,
  listClaim,
  SELLABLE_STATES,
  sellToStandingOffer,
  updateListing,
} from "@openfactor/sdk";
import { describeError } from "../../../lib/domain/errors";
import { formatAmount, formatBps, formatDateTime, parseAmount } from "../../../lib/domain/format";
import { useChainNow, useDeployment, useNamer } from "../../../lib/data/hooks";
import { type SignedOffer } from "../../../lib/domain/offer-link";
import { offerLive, useStandingOffersOn } from "../../../lib/data/offers";
import { useWrite } from "../../../lib/data/tx";
import { Problems } from "../../../components/Problems";
import { SellChoice } from "./SellChoice";
import type { BidView, ClaimContext } from "./context";
import { endOfDay, unixToDateInput } from "./context";
import { readCall, useContractReads } from "../../../lib/data/contracts";

// ---------------------------------------------------------------- holder

/** The holder sells to one live escrowed bid, for at least the amount shown. */
export function AcceptBidButton({ ctx, bid }: { ctx: ClaimContext; bid: BidView }) {
  const { contracts } = useDeployment();
  const name = useNamer();
  const { write, busy } = useWrite();
  return (
    <button
      type="button"
      disabled={busy || contracts === undefined}
      aria-label={`Accept ${name(bid.bidder)}'s bid of ${ctx.amount(bid.amount)}`}
      onClick={() => void write((c) => acceptBid(c, ctx.id, bid.bidder, bid.amount))}
    >
      Accept
    </button>
  );
}

export function HolderActions({
  ctx,
  signed,
  linkBroken,
  auctioned,
}: {
  ctx: ClaimContext;
  signed?: { offer: SignedOffer; signature: Hex };
  linkBroken: boolean;
  /** The claim is in a running sealed-bid auction (locked to it): the auction's panel says what the seller may do. */
  auctioned: boolean;
}) {
  if (!SELLABLE_STATES.includes(ctx.state))
    return (
      <p className="muted">You hold this claim. It is {ctx.state.toLowerCase()}, so it cannot be listed or sold now.</p>
    );
  if (auctioned) return <p className="muted">Your claim is in a sealed-bid auction: see the auction above.</p>;
  return (
    <>
      {linkBroken && <p role="alert">The offer link is incomplete or damaged: ask the factor for a new one.</p>}
      {signed && <SignedOfferFill ctx={ctx} offer={signed.offer} signature={signed.signature} />}
      <SellChoice ctx={ctx} openForm={<ListingForm ctx={ctx} />} />
      <SellToStandingOffer ctx={ctx} />
    </>
  );
}

function ListingForm({ ctx }: { ctx: ClaimContext }) {
  const { contracts } = useDeployment();
  const now = useChainNow();
  const { write, busy } = useWrite();
  const l = ctx.listing;
  const fmt = (v: bigint) => (v === 0n ? "" : formatAmount(v, ctx.token.decimals, { minFractionDigits: 0 }));
  const [ask, setAsk] = useState(l ? fmt(l.askPrice) : "");
  const [minBid, setMinBid] = useState(l ? fmt(l.minBid) : "");
  const [deadline, setDeadline] = useState(l ? unixToDateInput(l.deadline) : "");
  const [problems, setProblems] = useState<string[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined || now === undefined) return;
    const list: string[] = [];
    const askPrice = ask.trim() === "" ? 0n : parseAmount(ask, ctx.token.decimals);
    const min = minBid.trim() === "" ? 0n : parseAmount(minBid, ctx.token.decimals);
    const end = endOfDay(deadline);
    if (askPrice === undefined) list.push("Enter the ask price as an amount, or leave it empty for offers only.");
    else if (askPrice > ctx.outstanding)
      list.push(`The ask price cannot be above what the claim still owes (${ctx.amount(ctx.outstanding)}).`);
    if (min === undefined) list.push("Enter the minimum bid as an amount, or leave it empty.");
    else if (min > ctx.outstanding) list.push("The minimum bid cannot be above what the claim still owes.");
    if (end === undefined || end <= now) list.push("Choose a deadline in the future.");
    setProblems(list);
    if (list.length > 0) return;
    await write((c) => (l ? updateListing : listClaim)(c, ctx.id, askPrice!, min!, end!));
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="listing-title">
      <h3 id="listing-title">{l ? "Change the listing" : "List for sale"}</h3>
      {l && l.askPrice > 0n && l.claimNonce !== ctx.nonce && (
        <p role="status" className="notice">
          The claim changed after you set this ask (a payment, a dilution or a guarantee): nobody can buy at it until
          you update the listing.
        </p>
      )}
      <label htmlFor="list-ask">
        Ask price ({ctx.token.symbol})
        <span className="field-hint">A factor can buy at once at this price. Leave empty for offers only.</span>
      </label>
      <input id="list-ask" inputMode="decimal" value={ask} onChange={(e) => setAsk(e.target.value)} />
      <label htmlFor="list-min">
        Minimum bid ({ctx.token.symbol})<span className="field-hint">Optional.</span>
      </label>
      <input id="list-min" inputMode="decimal" value={minBid} onChange={(e) => setMinBid(e.target.value)} />
      <label htmlFor="list-deadline">
        Deadline<span className="field-hint">The last day the claim can be bought or a bid accepted.</span>
      </label>
      <input id="list-deadline" type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      <Problems list={problems} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {l ? "Update the listing" : "List the claim"}
        </button>
        {l && (
          <button type="button" disabled={busy} onClick={() => void write((c) => delist(c, ctx.id))}>
            Delist
          </button>
        )}
      </div>
    </form>
  );
}

function SellToStandingOffer({ ctx }: { ctx: ClaimContext }) {
  const now = useChainNow();
  const name = useNamer();
  const { write, busy } = useWrite();
  const offers = useStandingOffersOn([ctx.debtor]).filter(
    (o) => offerLive(o, now) && o.currency.toLowerCase() === ctx.currency.toLowerCase(),
  );
  const { data: quotes } = useContractReads(offers.map((o) => readCall("market", "quote", [ctx.id, o.id])));
  if (offers.length === 0) return null;
  return (
    <div className="card">
      <h3>Sell now to a standing offer</h3>
      <ul className="plain">
        {offers.map((o, i) => {
          const q = quotes?.[i];
          const price = q?.result;
          return (
            <li key={o.id.toString()}>
              {name(o.factor)} at {formatBps(o.yieldBps)} a year:{" "}
              {price !== undefined ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void write((c) => sellToStandingOffer(c, ctx.id, o.id, price))}
                >
                  Sell for {ctx.amount(price)}
                </button>
              ) : q?.status === "failure" ? (
                <span className="muted">{describeError(q.error).message}</span>
              ) : (
                <span className="muted">…</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function SignedOfferFill({ ctx, offer, signature }: { ctx: ClaimContext; offer: SignedOffer; signature: Hex }) {
  const now = useChainNow();
  const name = useNamer();
  const { write, busy } = useWrite();
  const problems: string[] = [];
  if (offer.currency.toLowerCase() !== ctx.currency.toLowerCase())
    problems.push("The offer is in another currency than the claim's.");
  if (offer.claimNonce !== ctx.nonce)
    problems.push(
      "The claim changed since the offer was signed (a sale, a payment or a new state): it no longer holds.",
    );
  if (now !== undefined && now > offer.deadline) problems.push("The offer has expired.");
  return (
    <div className="card offer-box" aria-labelledby="signed-offer-title">
      <h3 id="signed-offer-title">Private offer</h3>
      <p>
        <strong>{name(offer.bidder)}</strong> offers <strong>{ctx.amount(offer.price)}</strong> for this claim until{" "}
        {formatDateTime(offer.deadline)}.
      </p>
      {problems.length > 0 ? (
        <Problems list={problems} />
      ) : (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void write((c) => fillSignedOffer(c, offer, signature))}
        >
          Accept the offer
        </button>
      )}
    </div>
  );
}
