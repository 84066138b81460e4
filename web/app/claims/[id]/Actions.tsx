"use client";
/**
 * What the connected party may do with a claim. Every write is a `useWrite` flow, and every price bound the
 * contract takes (R1: `minPrice`, `maxPrice`) is the price the user was shown when clicking.
 */
import { useState, type FormEvent } from "react";
import { keccak256, type Address, type Hex } from "viem";
import { useConfig, useConnection, useReadContract, useReadContracts } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";

import {
  auctionAbi,
  claimsAbi,
  DISPUTABLE_STATES,
  escrowAbi,
  marketAbi,
  marketDomain,
  OFFER_TYPES,
  PAYABLE_STATES,
  SELLABLE_STATES,
} from "@openfactor/sdk";
import { useNotices } from "../../../components/Notices";
import { CopyButton } from "../../../components/RoleGate";
import type { ClaimStateName } from "../../../lib/claims";
import { describeError } from "../../../lib/errors";
import { formatAmount, formatBps, formatDateTime, parseAmount } from "../../../lib/format";
import { useChainNow, useDeployment, useNamer, type TokenInfo } from "../../../lib/hooks";
import { dueDateFromInput } from "../../../lib/invoice";
import { bestLiveBid } from "../../../lib/market";
import { offerLinkPath, type SignedOffer } from "../../../lib/offer-link";
import { offerLive, useStandingOffersOn } from "../../../lib/offers";
import { signPermit, useWrite } from "../../../lib/tx";
import type { BidView } from "./ClaimView";
import { SellChoice } from "./SellChoice";
import { Problems } from "../../../components/Problems";

/** How long a permit signed for one transaction stays valid. */
const PERMIT_SECONDS = 3_600n;

export interface ClaimContext {
  id: bigint;
  state: ClaimStateName;
  currency: Address;
  debtor: Address;
  dueDate: bigint;
  outstanding: bigint;
  holder: Address;
  nonce: bigint;
  token: TokenInfo;
  /** The listing, `claimNonce` the claim nonce its ask was priced on (buyable only while it is `nonce`). */
  listing?: { seller: Address; deadline: bigint; claimNonce: bigint; askPrice: bigint; minBid: bigint };
  bids: BidView[];
  amount(value: bigint): string;
}

/** A date input as a unix time: the last second of that day, UTC (as due dates typed as a day are). */
const endOfDay = (value: string) => dueDateFromInput(value);

const unixToDateInput = (t: bigint) => new Date(Number(t) * 1000).toISOString().slice(0, 10);

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
      onClick={() =>
        void write({
          address: contracts!.market,
          abi: marketAbi,
          functionName: "acceptBid",
          args: [ctx.id, bid.bidder, bid.amount],
        })
      }
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
    await write({
      address: contracts.market,
      abi: marketAbi,
      functionName: l ? "updateListing" : "list",
      args: [ctx.id, askPrice!, min!, end!],
    });
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
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void write({ address: contracts!.market, abi: marketAbi, functionName: "delist", args: [ctx.id] })
            }
          >
            Delist
          </button>
        )}
      </div>
    </form>
  );
}

function SellToStandingOffer({ ctx }: { ctx: ClaimContext }) {
  const { chainId, contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const { write, busy } = useWrite();
  const offers = useStandingOffersOn([ctx.debtor]).filter(
    (o) => offerLive(o, now) && o.currency.toLowerCase() === ctx.currency.toLowerCase(),
  );
  const { data: quotes } = useReadContracts({
    contracts: offers.map(
      (o) =>
        ({ address: contracts?.market, abi: marketAbi, functionName: "quote", args: [ctx.id, o.id], chainId }) as const,
    ),
    query: { enabled: offers.length > 0 },
  });
  if (offers.length === 0) return null;
  return (
    <div className="card">
      <h3>Sell now to a standing offer</h3>
      <ul className="plain">
        {offers.map((o, i) => {
          const q = quotes?.[i];
          const price = q?.status === "success" ? (q.result as bigint) : undefined;
          return (
            <li key={o.id.toString()}>
              {name(o.factor)} at {formatBps(o.yieldBps)} a year:{" "}
              {price !== undefined ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void write({
                      address: contracts!.market,
                      abi: marketAbi,
                      functionName: "sellToOffer",
                      args: [ctx.id, o.id, price],
                    })
                  }
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
  const { contracts } = useDeployment();
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
          onClick={() =>
            void write({
              address: contracts!.market,
              abi: marketAbi,
              functionName: "acceptSignedOffer",
              args: [offer, signature],
            })
          }
        >
          Accept the offer
        </button>
      )}
    </div>
  );
}

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
  const { contracts } = useDeployment();
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
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void write({
            address: contracts!.market,
            abi: marketAbi,
            functionName: "cancelBid",
            args: [ctx.id, address!],
          })
        }
      >
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
    await write({ address: contracts.market, abi: marketAbi, functionName: "buy", args: [ctx.id, ask] });
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
      await write({ address: contracts.market, abi: marketAbi, functionName: "bid", args: [ctx.id, amount!, expiry!] });
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
      await write({
        address: contracts.market,
        abi: marketAbi,
        functionName: "bidWithPermit",
        args: [ctx.id, amount!, expiry!, permit],
      });
    } else {
      if (!(await ensureAllowance(ctx.currency, contracts.market, extra))) return;
      await write({ address: contracts.market, abi: marketAbi, functionName: "bid", args: [ctx.id, amount!, expiry!] });
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
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void write({
                address: contracts!.market,
                abi: marketAbi,
                functionName: "cancelBid",
                args: [ctx.id, address!],
              })
            }
          >
            Cancel the bid
          </button>
        )}
      </div>
    </form>
  );
}

function PrivateOfferForm({ ctx }: { ctx: ClaimContext }) {
  const config = useConfig();
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
      const floor = await readContract(config, {
        address: contracts.market,
        abi: marketAbi,
        functionName: "minOfferNonce",
        args: [address],
        chainId,
      });
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
      const domain = marketDomain(chainId, contracts.market) as {
        name: string;
        version: string;
        chainId: bigint;
        verifyingContract: Address;
      };
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

// ---------------------------------------------------------------- debtor, disputes, withdrawals

export function DebtorActions({ ctx }: { ctx: ClaimContext }) {
  const { contracts } = useDeployment();
  const { write, ensureAllowance, busy } = useWrite();
  if (!PAYABLE_STATES.includes(ctx.state) || ctx.outstanding === 0n) return null;
  async function pay() {
    if (contracts === undefined) return;
    if (!(await ensureAllowance(ctx.currency, contracts.claims, ctx.outstanding))) return;
    // payInFull pays whatever is left when the transaction runs, at most what this page shows: a payment someone
    // made meanwhile lowers it instead of failing it.
    await write({
      address: contracts.claims,
      abi: claimsAbi,
      functionName: "payInFull",
      args: [[ctx.id], ctx.outstanding],
    });
  }
  return (
    <div className="card">
      <h3>Pay</h3>
      <p>
        You owe {ctx.amount(ctx.outstanding)} on this claim. The payment goes to its holder of record. You approve
        exactly this amount, then pay what is still owed when the payment runs, never more.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void pay()}>
        Pay {ctx.amount(ctx.outstanding)}
      </button>
    </div>
  );
}

/**
 * The debtor or the holder disputes the claim with an evidence file, hashed (keccak256) in the browser and never
 * uploaded; while the claim is Disputed, it reads who is deciding and what happens to payments meanwhile.
 */
export function DisputeAction({ ctx }: { ctx: ClaimContext }) {
  const { contracts } = useDeployment();
  const { write, busy } = useWrite();
  const [evidence, setEvidence] = useState<{ name: string; hash: Hex }>();
  if (ctx.state === "Disputed")
    return (
      <div className="card">
        <h3>Dispute</h3>
        <p>
          This claim is disputed. The operator&apos;s arbiter decides: upheld (the claim stands), diluted (a lower face
          value) or voided. Until then it cannot be sold, and payments are held, not paid out. Send your evidence file
          to the operator: it is checked against the hash recorded on chain.
        </p>
      </div>
    );
  if (!DISPUTABLE_STATES.includes(ctx.state)) return null;
  return (
    <div className="card">
      <h3>Dispute</h3>
      <p className="muted small">
        A dispute freezes the claim (no sale, payments held) until the operator resolves it. Your evidence file is
        hashed in your browser; only its hash goes on chain, the file is never uploaded.
      </p>
      <label htmlFor="dispute-file">Evidence file</label>
      <input
        id="dispute-file"
        type="file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          setEvidence(undefined);
          if (file)
            void file.arrayBuffer().then((b) => setEvidence({ name: file.name, hash: keccak256(new Uint8Array(b)) }));
        }}
      />
      {evidence && (
        <p className="small">
          {evidence.name} is ready: the dispute records its hash, which identifies this exact file. Keep the file to
          send to the operator.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy || evidence === undefined}
          onClick={() =>
            void write({
              address: contracts!.claims,
              abi: claimsAbi,
              functionName: "dispute",
              args: [ctx.id, evidence!.hash],
            })
          }
        >
          Open a dispute
        </button>
      </div>
    </div>
  );
}

/** After a claim is voided, whoever paid during the dispute takes that money back (`reclaimHeldPayment`). */
export function HeldPaymentReclaim({ ctx }: { ctx: ClaimContext }) {
  const { address } = useConnection();
  const { chainId, contracts } = useDeployment();
  const { write, busy } = useWrite();
  const { data: held } = useReadContract({
    address: contracts?.claims,
    abi: claimsAbi,
    functionName: "heldPaymentOf",
    args: [ctx.id, address!],
    chainId,
    query: { enabled: address !== undefined && contracts !== undefined && ctx.state === "Voided" },
  });
  if (ctx.state !== "Voided" || held === undefined || held === 0n) return null;
  return (
    <div className="card">
      <h3>Take back your payment</h3>
      <p>
        The claim was voided after a dispute. You paid {ctx.amount(held)} while it was disputed: it was held, and is
        yours to take back.
      </p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() =>
          void write({
            address: contracts!.claims,
            abi: claimsAbi,
            functionName: "reclaimHeldPayment",
            args: [ctx.id, address!],
          })
        }
      >
        Take back {ctx.amount(held)}
      </button>
    </div>
  );
}

/**
 * What the claim contract (payments), the market (refunds, outbid bids), the sealed-bid auction house (deposits back,
 * forfeits) and the guarantee escrow (guarantee payouts, premiums, collateral back, recoveries) owe the connected
 * account.
 */
export function Withdrawals({ ctx }: { ctx: ClaimContext }) {
  const { address } = useConnection();
  const { chainId, contracts } = useDeployment();
  const { write, busy } = useWrite();
  const { data } = useReadContracts({
    contracts: [
      {
        address: contracts?.claims,
        abi: claimsAbi,
        functionName: "owed",
        args: [address!, ctx.currency],
        chainId,
      },
      {
        address: contracts?.market,
        abi: marketAbi,
        functionName: "credited",
        args: [address!, ctx.currency],
        chainId,
      },
      {
        address: contracts?.escrow,
        abi: escrowAbi,
        functionName: "credited",
        args: [address!, ctx.currency],
        chainId,
      },
      {
        address: contracts?.auction,
        abi: auctionAbi,
        functionName: "credited",
        args: [address!, ctx.currency],
        chainId,
      },
    ],
    query: { enabled: address !== undefined && contracts !== undefined },
  });
  const owed = data?.[0]?.status === "success" ? (data[0].result as bigint) : 0n;
  const credited = data?.[1]?.status === "success" ? (data[1].result as bigint) : 0n;
  const escrowed = data?.[2]?.status === "success" ? (data[2].result as bigint) : 0n;
  const auctioned = data?.[3]?.status === "success" ? (data[3].result as bigint) : 0n;
  if (owed === 0n && credited === 0n && escrowed === 0n && auctioned === 0n) return null;
  return (
    <div className="card">
      <h3>Withdraw</h3>
      {owed > 0n && (
        <p>
          Payments received for you: {ctx.amount(owed)}.{" "}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void write({
                address: contracts!.claims,
                abi: claimsAbi,
                functionName: "withdraw",
                args: [ctx.currency, address!],
              })
            }
          >
            Withdraw payments
          </button>
        </p>
      )}
      {credited > 0n && (
        <p>
          Refunds from the market: {ctx.amount(credited)}.{" "}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void write({
                address: contracts!.market,
                abi: marketAbi,
                functionName: "withdraw",
                args: [ctx.currency, address!],
              })
            }
          >
            Withdraw refunds
          </button>
        </p>
      )}
      {auctioned > 0n && (
        <p>
          From sealed-bid auctions: {ctx.amount(auctioned)}.{" "}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void write({
                address: contracts!.auction,
                abi: auctionAbi,
                functionName: "withdraw",
                args: [ctx.currency, address!],
              })
            }
          >
            Withdraw from the auctions
          </button>
        </p>
      )}
      {escrowed > 0n && (
        <p>
          From the guarantee escrow: {ctx.amount(escrowed)}.{" "}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void write({
                address: contracts!.escrow,
                abi: escrowAbi,
                functionName: "withdraw",
                args: [ctx.currency, address!],
              })
            }
          >
            Withdraw from the escrow
          </button>
        </p>
      )}
      <p className="muted small">These are all your {ctx.token.symbol} balances there, from every claim.</p>
    </div>
  );
}
