"use client";
/**
 * What a factor may do with a claim it does not hold: buy it at its ask, bid (with a permit), send a signed private
 * offer, or cancel a bid left on a claim that can no longer be sold. `maxPrice` is the price the user was shown.
 */
import { useState, type FormEvent } from "react";
import { useConfig, useConnection } from "wagmi";
import { signTypedData } from "wagmi/actions";
import {
  buyClaim,
  cancelBid,
  marketDomain,
  OFFER_TYPES,
  placeBid,
  placeBidWithPermit,
  SELLABLE_STATES,
} from "@openfactor/sdk";
import { useNotices } from "../../../lib/data/notices";
import { CopyButton } from "../../../components/RoleGate";
import { describeError } from "../../../lib/domain/errors";
import { formatDateTime, parseAmount } from "../../../lib/domain/format";
import { useChainNow, useDeployment } from "../../../lib/data/hooks";
import { bestLiveBid } from "../../../lib/domain/market";
import { offerLinkPath, type SignedOffer } from "../../../lib/domain/offer-link";
import { signPermit, useWrite } from "../../../lib/data/tx";
import { Problems } from "../../../components/Problems";
import type { ClaimContext } from "./context";
import { endOfDay, PERMIT_SECONDS } from "./context";
import { useContractReader } from "../../../lib/data/contracts";

// ---------------------------------------------------------------- factor

export function FactorActions({ ctx }: { ctx: ClaimContext }) {
  if (!SELLABLE_STATES.includes(ctx.state)) return <CancelDeadBid ctx={ctx} />;
  return (
    <>
      {ctx.listing &&
        ctx.listing.askPrice > 0n &&
        (ctx.listing.claimNonce === ctx.nonce ? (
          <BuyButton ctx={ctx} ask={ctx.listing.askPrice} />
        ) : (
          <p className="muted">
            The claim changed after this listing was priced: it can be bought once the seller re-prices it.
          </p>
        ))}
      <BidForm ctx={ctx} />
      <PrivateOfferForm ctx={ctx} />
    </>
  );
}

/** A bid left on a claim that can no longer be sold: the bidder cancels it and gets the money back at once. */
function CancelDeadBid({ ctx }: { ctx: ClaimContext }) {
  const { address } = useConnection();
  const { write, busy } = useWrite();
  const mine = ctx.bids.find((b) => b.bidder.toLowerCase() === address?.toLowerCase());
  if (mine === undefined) return null;
  return (
    <div className="card">
      <h3>Your bid</h3>
      <p>
        Your bid of {ctx.amount(mine.amount)} is still held by the market, but the claim can no longer be sold to it.
        Cancel it: the market sends it straight back to your wallet.
      </p>
      <button type="button" disabled={busy} onClick={() => void write((c) => cancelBid(c, ctx.id, address!))}>
        Cancel the bid
      </button>
    </div>
  );
}

function BuyButton({ ctx, ask }: { ctx: ClaimContext; ask: bigint }) {
  const { contracts } = useDeployment();
  const { write, ensureAllowance, busy } = useWrite();
  async function buy() {
    if (contracts === undefined) return;
    if (!(await ensureAllowance(ctx.currency, contracts.market, ask))) return;
    await write((c) => buyClaim(c, ctx.id, ask));
  }
  return (
    <div className="card">
      <h3>Buy at the ask</h3>
      <p>
        Pay {ctx.amount(ask)} and the claim is yours: {ctx.amount(ctx.outstanding)} falls due to you. The market takes
        exactly this amount (you approve it first if needed) and refuses the sale if the ask moves up.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void buy()}>
        Buy for {ctx.amount(ask)}
      </button>
    </div>
  );
}

function BidForm({ ctx }: { ctx: ClaimContext }) {
  const config = useConfig();
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();
  const { write, ensureAllowance, busy } = useWrite();
  const { show } = useNotices();
  const mine = ctx.bids.find((b) => b.bidder.toLowerCase() === address?.toLowerCase());
  const best = bestLiveBid(ctx.bids);
  const [amountText, setAmountText] = useState("");
  const [expiryText, setExpiryText] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const defaultExpiry = ctx.listing?.deadline ?? ctx.dueDate;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined || now === undefined) return;
    const list: string[] = [];
    const amount = parseAmount(amountText, ctx.token.decimals);
    const expiry = expiryText === "" ? defaultExpiry : endOfDay(expiryText);
    if (amount === undefined || amount === 0n) list.push("Enter your bid as an amount.");
    else if (amount > ctx.outstanding)
      list.push(`A bid cannot be above what the claim still owes (${ctx.amount(ctx.outstanding)}).`);
    else if (ctx.listing && amount < ctx.listing.minBid)
      list.push(`The seller takes bids from ${ctx.amount(ctx.listing.minBid)}.`);
    if (expiry === undefined || expiry <= now) list.push("Choose an expiry in the future.");
    setProblems(list);
    if (list.length > 0) return;
    const previous = mine?.amount ?? 0n;
    const extra = amount! > previous ? amount! - previous : 0n;
    if (extra === 0n) {
      await write((c) => placeBid(c, ctx.id, amount!, expiry!));
      return;
    }
    // The market pulls only the difference: a permit (or an approval) for exactly that.
    let permit;
    try {
      show({ kind: "status", text: "Confirm in your wallet" });
      permit = await signPermit(config, ctx.currency, contracts.market, extra, now + PERMIT_SECONDS);
    } catch (error) {
      show({ kind: "error", text: describeError(error).message });
      return;
    }
    if (permit !== undefined) {
      await write((c) => placeBidWithPermit(c, ctx.id, amount!, expiry!, permit));
    } else {
      if (!(await ensureAllowance(ctx.currency, contracts.market, extra))) return;
      await write((c) => placeBid(c, ctx.id, amount!, expiry!));
    }
    setAmountText("");
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="bid-title">
      <h3 id="bid-title">{mine ? "Your bid" : "Bid"}</h3>
      {mine && (
        <p>
          You bid {ctx.amount(mine.amount)} until {formatDateTime(mine.expiry)}
          {mine.live ? "." : ": it is no longer live (expired, or the claim changed). Change it or cancel it."}
          {mine.live && best !== undefined && (
            <>
              {" "}
              {best.amount > mine.amount ? (
                <strong>You have been outbid: the best bid is {ctx.amount(best.amount)}.</strong>
              ) : (
                "It is the best bid."
              )}
            </>
          )}
        </p>
      )}
      <p className="muted small">
        Your bid is held by the market until the holder accepts it, you change or cancel it, or it expires. A cancelled
        bid comes straight back to your wallet; what you take off a lowered bid goes to your refunds, to withdraw.
      </p>
      <label htmlFor="bid-amount">
        {mine ? "New amount" : "Amount"} ({ctx.token.symbol})
      </label>
      <input id="bid-amount" inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} />
      <label htmlFor="bid-expiry">
        Valid until<span className="field-hint">Empty: {formatDateTime(defaultExpiry)}.</span>
      </label>
      <input id="bid-expiry" type="date" value={expiryText} onChange={(e) => setExpiryText(e.target.value)} />
      <Problems list={problems} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || now === undefined}>
          {mine ? "Change the bid" : "Place the bid"}
        </button>
        {mine && (
          <button type="button" disabled={busy} onClick={() => void write((c) => cancelBid(c, ctx.id, address!))}>
            Cancel the bid
          </button>
        )}
      </div>
    </form>
  );
}

function PrivateOfferForm({ ctx }: { ctx: ClaimContext }) {
  const config = useConfig();
  const read = useContractReader();
  const { address } = useConnection();
  const { chainId, contracts } = useDeployment();
  const now = useChainNow();
  const { ensureAllowance, busy } = useWrite();
  const { show } = useNotices();
  const [priceText, setPriceText] = useState("");
  const [until, setUntil] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [link, setLink] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined || now === undefined || address === undefined) return;
    const list: string[] = [];
    const price = parseAmount(priceText, ctx.token.decimals);
    const deadline = endOfDay(until);
    if (price === undefined || price === 0n) list.push("Enter your price as an amount.");
    else if (price > ctx.outstanding)
      list.push(`The price cannot be above what the claim still owes (${ctx.amount(ctx.outstanding)}).`);
    if (deadline === undefined || deadline <= now) list.push("Choose a date in the future.");
    setProblems(list);
    if (list.length > 0) return;
    try {
      const floor = await read("market", "minOfferNonce", [address]);
      const stamp = BigInt(Date.now());
      const offer: SignedOffer = {
        claimId: ctx.id,
        claimNonce: ctx.nonce,
        price: price!,
        currency: ctx.currency,
        deadline: deadline!,
        bidder: address,
        offerNonce: stamp > floor ? stamp : floor,
      };
      show({ kind: "status", text: "Confirm in your wallet" });
      const domain = { ...marketDomain(chainId, contracts.market), verifyingContract: contracts.market };
      const signature = await signTypedData(config, {
        domain,
        types: OFFER_TYPES,
        primaryType: "Offer",
        message: offer,
      });
      // The holder's fill pulls the price from this account: allow the market exactly that (if not already).
      if (!(await ensureAllowance(ctx.currency, contracts.market, price!))) return;
      setLink(`${window.location.origin}${offerLinkPath(offer, signature)}`);
      show({ kind: "status", text: "Signed. Send the link to the claim's holder." });
    } catch (error) {
      show({ kind: "error", text: describeError(error).message });
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="private-title">
      <h3 id="private-title">Private offer</h3>
      <p className="muted small">
        Sign an offer only the holder sees: nothing goes on chain until it accepts. The offer lapses if the claim
        changes (a sale, a payment) or the date passes.
      </p>
      <label htmlFor="private-price">Price ({ctx.token.symbol})</label>
      <input id="private-price" inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} />
      <label htmlFor="private-until">Valid until</label>
      <input id="private-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      <Problems list={problems} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || now === undefined}>
          Sign the offer
        </button>
      </div>
      {link && (
        <>
          <label htmlFor="offer-link">Link with your offer, for the holder</label>
          <input id="offer-link" readOnly value={link} className="wide" onFocus={(e) => e.target.select()} />
          <div className="actions">
            <CopyButton text={link} label="Copy the link" />
          </div>
        </>
      )}
    </form>
  );
}
