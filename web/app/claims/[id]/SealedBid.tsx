"use client";
/**
 * A factor in a sealed-bid auction: commit a sealed price (hashed in this browser, never sent to a node before its
 * reveal), keep the reveal code, reveal once bidding closes, reclaim the deposit once the auction ended. The amount
 * and salt are kept in this browser's storage and shown as a reveal code to save elsewhere.
 */
import { useState, type FormEvent } from "react";
import type { Address } from "viem";

import {
  commitSealedBid,
  daysToMaturity,
  priceForYield,
  reclaimSealedBid,
  revealSealedBid,
  withdrawSealedBid,
} from "@openfactor/sdk";
import { CopyButton } from "../../../components/RoleGate";
import {
  loadSecret,
  parseRevealCode,
  randomSalt,
  revealCode,
  saveSecret,
  sealedCommitment,
  type SealedBidKey,
  type SealedSecret,
} from "../../../lib/domain/auction";
import type { AuctionView, SealedBidView } from "../../../lib/data/auction-reads";
import { formatAmount, formatYield, parseAmount } from "../../../lib/domain/format";
import { useChainNow, useDeployment } from "../../../lib/data/hooks";
import { rates } from "../../../lib/domain/market";
import { useWrite } from "../../../lib/data/tx";
import type { ClaimContext } from "./context";
import { Problems } from "../../../components/Problems";
import { useContractRead } from "../../../lib/data/contracts";

/** The browser's storage, when there is one (never during server rendering). */
const browserStore = () => (typeof window === "undefined" ? undefined : window.localStorage);

export function BidderBox({
  ctx,
  auction,
  mine,
  me,
}: {
  ctx: ClaimContext;
  auction: AuctionView;
  mine?: SealedBidView;
  me: Address;
}) {
  const { chainId, contracts } = useDeployment();
  if (contracts === undefined) return null;
  const key: SealedBidKey = { chainId, auction: contracts.auction, auctionId: auction.id, bidder: me };
  const holding = mine !== undefined && mine.deposit > 0n;
  const store = browserStore();
  const secret = holding && store ? loadSecret(store, key, mine.commitment) : undefined;
  const ended = auction.phase === "Sold" || auction.phase === "Closed";
  return (
    <div className="sealed-bidder">
      <h3>Your sealed bid</h3>
      {holding && mine.amount > 0n && <p>You revealed your bid of {ctx.amount(mine.amount)}.</p>}
      {holding && mine.amount === 0n && (
        <p>
          {secret ? `Your sealed bid is ${ctx.amount(secret.amount)}` : "You hold a sealed bid"}, with a deposit of{" "}
          {ctx.amount(mine.deposit)}.
          {secret && auction.phase === "Bidding" && (
            <>
              {" "}
              Reveal code: <code className="reveal-code">{revealCode(auction.id, secret)}</code>{" "}
              <CopyButton text={revealCode(auction.id, secret)} label="Copy the reveal code" />
            </>
          )}
        </p>
      )}
      {!holding && !ended && auction.phase !== "Bidding" && <p className="muted">You did not bid in this auction.</p>}
      {auction.phase === "Bidding" && <CommitForm ctx={ctx} auction={auction} mine={mine} bidKey={key} />}
      {auction.phase === "Revealing" && holding && mine.amount === 0n && (
        <RevealForm ctx={ctx} auction={auction} mine={mine} bidKey={key} secret={secret} />
      )}
      {auction.phase === "Picking" && holding && mine.amount > 0n && (
        <p className="muted small">The seller may accept your bid until its pick window ends.</p>
      )}
      {ended && holding && <Reclaim ctx={ctx} auction={auction} me={me} />}
    </div>
  );
}

function CommitForm({
  ctx,
  auction,
  mine,
  bidKey,
}: {
  ctx: ClaimContext;
  auction: AuctionView;
  mine?: SealedBidView;
  bidKey: SealedBidKey;
}) {
  const now = useChainNow();
  const { write, ensureAllowance, busy } = useWrite();
  const fmt = (v: bigint) => formatAmount(v, ctx.token.decimals, { minFractionDigits: 0 });
  const [priceText, setPriceText] = useState("");
  const [yieldText, setYieldText] = useState("");
  const [depositText, setDepositText] = useState(fmt(ctx.outstanding));
  const [problems, setProblems] = useState<string[]>([]);
  const [code, setCode] = useState<string>();
  const replacing = mine !== undefined && mine.deposit > 0n;
  const days = now === undefined ? 0 : daysToMaturity(ctx.dueDate, now);
  const price = parseAmount(priceText, ctx.token.decimals);
  const r = rates(ctx.outstanding, price, days);
  const minDeposit = ctx.outstanding / 100n > 0n ? ctx.outstanding / 100n : 1n;

  function priceFromYield(text: string) {
    setYieldText(text);
    const percent = Number(text.replace(",", "."));
    if (now === undefined || !(percent > 0) || ctx.dueDate <= now) return;
    const p = priceForYield(ctx.outstanding, Math.round(percent * 100), ctx.dueDate - now);
    setPriceText(fmt(p));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const store = browserStore();
    if (store === undefined) return;
    const list: string[] = [];
    const deposit = parseAmount(depositText, ctx.token.decimals);
    if (price === undefined || price === 0n) list.push("Enter your price as an amount.");
    else if (price > ctx.outstanding)
      list.push(`A price cannot be above what the claim still owes (${ctx.amount(ctx.outstanding)}).`);
    if (deposit === undefined) list.push("Enter the deposit as an amount.");
    else if (deposit > ctx.outstanding) list.push("The deposit cannot be above what the claim still owes.");
    else if (deposit < minDeposit) list.push(`The deposit must be at least ${ctx.amount(minDeposit)}.`);
    else if (price !== undefined && deposit < price) list.push("The deposit must cover your price.");
    setProblems(list);
    if (list.length > 0) return;
    const secret: SealedSecret = { amount: price!, salt: randomSalt() };
    // Kept before the commitment is sent: the secret must never be lost while its commitment may be on chain.
    saveSecret(store, bidKey, secret);
    setCode(revealCode(auction.id, secret));
    const extra = deposit! - (mine?.deposit ?? 0n);
    if (extra > 0n && !(await ensureAllowance(ctx.currency, bidKey.auction, extra))) return;
    const result = await write((c) => commitSealedBid(c, auction.id, sealedCommitment(bidKey, secret), deposit!));
    if (result.ok) {
      setPriceText("");
      setYieldText("");
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="commit-title">
      <h4 id="commit-title">{replacing ? "Change your sealed bid" : "Place a sealed bid"}</h4>
      <p className="muted small">
        Your price is sealed in this browser: only its hash goes on chain, so nobody can read it, not even the seller,
        until you reveal it after bidding closes. If you do not reveal, you lose 1 % of your deposit.
      </p>
      <label htmlFor="sealed-price">Your price ({ctx.token.symbol})</label>
      <input id="sealed-price" inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} />
      <p className="small" aria-live="polite">
        {r ? `A discount of ${formatYield(r.discount)}, a yield of ${formatYield(r.yield)} a year.` : " "}
      </p>
      <label htmlFor="sealed-yield">
        Or the yield you want (% a year)
        <span className="field-hint">Sets the price for you.</span>
      </label>
      <input id="sealed-yield" inputMode="decimal" value={yieldText} onChange={(e) => priceFromYield(e.target.value)} />
      <label htmlFor="sealed-deposit">
        Deposit ({ctx.token.symbol})
        <span className="field-hint">
          Proposed: what the claim still owes. A full deposit tells nobody anything about your price; what is above your
          price comes back when you reveal.
        </span>
      </label>
      <input
        id="sealed-deposit"
        inputMode="decimal"
        value={depositText}
        onChange={(e) => setDepositText(e.target.value)}
      />
      <Problems list={problems} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || now === undefined}>
          {replacing ? "Replace the sealed bid" : "Seal and commit the bid"}
        </button>
        {replacing && (
          <button type="button" disabled={busy} onClick={() => void write((c) => withdrawSealedBid(c, auction.id))}>
            Withdraw the bid
          </button>
        )}
      </div>
      {code && (
        <>
          <label htmlFor="reveal-code-new">Your reveal code: save it, you need it to reveal from another browser</label>
          <input id="reveal-code-new" readOnly value={code} className="wide" onFocus={(e) => e.target.select()} />
          <div className="actions">
            <CopyButton text={code} label="Copy the reveal code" />
          </div>
        </>
      )}
    </form>
  );
}

function RevealForm({
  ctx,
  auction,
  mine,
  bidKey,
  secret,
}: {
  ctx: ClaimContext;
  auction: AuctionView;
  mine: SealedBidView;
  bidKey: SealedBidKey;
  secret?: SealedSecret;
}) {
  const { write, busy } = useWrite();
  const [pasted, setPasted] = useState("");
  const [problem, setProblem] = useState<string>();

  async function reveal(s: SealedSecret) {
    const store = browserStore();
    if (store !== undefined && secret === undefined) saveSecret(store, bidKey, s);
    await write((c) => revealSealedBid(c, auction.id, s.amount, s.salt));
  }

  function submitCode(event: FormEvent) {
    event.preventDefault();
    const s = parseRevealCode(pasted, auction.id);
    if (s === undefined) return setProblem("This is not a reveal code of this auction.");
    if (sealedCommitment(bidKey, s) !== mine.commitment)
      return setProblem("This reveal code does not match your sealed bid on chain.");
    setProblem(undefined);
    void reveal(s);
  }

  if (secret !== undefined)
    return (
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void reveal(secret)}>
          Reveal my bid of {ctx.amount(secret.amount)}
        </button>
      </div>
    );
  return (
    <form className="form" onSubmit={submitCode} noValidate aria-labelledby="reveal-title">
      <h4 id="reveal-title">Reveal your bid</h4>
      <p className="small">
        This browser does not have your bid&apos;s secret. Paste the reveal code you saved when you bid: it is checked
        against your sealed bid before anything is sent.
      </p>
      <label htmlFor="reveal-code">Reveal code</label>
      <input id="reveal-code" className="wide" value={pasted} onChange={(e) => setPasted(e.target.value)} />
      {problem && (
        <p role="alert" className="notice notice-error">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Reveal the bid
        </button>
      </div>
    </form>
  );
}

function Reclaim({ ctx, auction, me }: { ctx: ClaimContext; auction: AuctionView; me: Address }) {
  const { write, busy } = useWrite();
  const { data } = useContractRead("auction", "reclaimable", [auction.id, me]);
  if (data === undefined) return null;
  const [refund, forfeit] = data;
  return (
    <div>
      <p>
        The auction has ended. Reclaim your deposit: {ctx.amount(refund)} comes back to you
        {forfeit > 0n
          ? `, and ${ctx.amount(forfeit)} (1 % of the deposit) goes to the seller, since the bid was never revealed`
          : ""}
        . It is then yours to withdraw.
      </p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => void write((c) => reclaimSealedBid(c, auction.id))}
      >
        Reclaim the deposit
      </button>
    </div>
  );
}
