"use client";
/**
 * How the holder sells: an open listing (ask price and bids anyone can see, the market's) or a sealed-bid auction
 * (bids hidden until their reveal, the auction house's). Each locks the claim, so the seller picks one.
 */
import { useState, type FormEvent, type ReactNode } from "react";

import {
  AUCTION_LIMITS,
  DEFAULT_BIDDING_DAYS,
  DEFAULT_REVEAL_DAYS,
  formatDuration,
  parseWindows,
} from "../../../lib/domain/auction";
import { useDeployment } from "../../../lib/data/hooks";
import { useWrite } from "../../../lib/data/tx";
import type { ClaimContext } from "./context";
import { Problems } from "../../../components/Problems";
import { openAuction } from "@openfactor/sdk";

type Mode = "open" | "sealed";

export function SellChoice({ ctx, openForm }: { ctx: ClaimContext; openForm: ReactNode }) {
  const [mode, setMode] = useState<Mode>("open");
  return (
    <>
      <fieldset className="card sale-choice">
        <legend>How to sell</legend>
        <label>
          <input type="radio" name="sale-mode" checked={mode === "open"} onChange={() => setMode("open")} /> Open
          auction / fixed price (bids visible)
        </label>
        <label>
          <input type="radio" name="sale-mode" checked={mode === "sealed"} onChange={() => setMode("sealed")} />{" "}
          Sealed-bid auction (bids hidden until reveal)
        </label>
      </fieldset>
      {mode === "open" ? openForm : <SealedAuctionForm ctx={ctx} />}
    </>
  );
}

function SealedAuctionForm({ ctx }: { ctx: ClaimContext }) {
  const { contracts } = useDeployment();
  const { write, busy } = useWrite();
  const [bidding, setBidding] = useState(DEFAULT_BIDDING_DAYS);
  const [reveal, setReveal] = useState(DEFAULT_REVEAL_DAYS);
  const [problems, setProblems] = useState<string[]>([]);
  const forfeit = `${AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS / 100} %`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined) return;
    const windows = parseWindows(bidding, reveal);
    setProblems(windows.problems);
    if (!("bidding" in windows)) return;
    await write((c) => openAuction(c, ctx.id, windows.bidding, windows.reveal));
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="sealed-title">
      <h3 id="sealed-title">Sealed-bid auction</h3>
      {ctx.listing && (
        <p role="status" className="notice">
          The claim is listed on the market: delist it first, since a claim is sold one way at a time.
        </p>
      )}
      <ul className="small">
        <li>
          <strong>Sealed:</strong> during the bidding window verified factors commit a sealed price with a deposit.
          Nobody, you included, can read a price: only how many factors bid.
        </li>
        <li>
          <strong>Reveal:</strong> once bidding closes, each factor reveals its price during the reveal window.
        </li>
        <li>
          <strong>Pick:</strong> after the reveals you have {formatDuration(AUCTION_LIMITS.PICK_WINDOW)} to accept any
          revealed price (the best is shown first) or to close the auction unsold. You may also cancel it at any time
          before.
        </li>
        <li>
          <strong>Forfeit:</strong> a factor that does not reveal loses {forfeit} of its deposit to you, for the time
          your claim stayed locked.
        </li>
      </ul>
      <label htmlFor="sealed-bidding">
        Bidding window (days)
        <span className="field-hint">
          From {formatDuration(AUCTION_LIMITS.MIN_BIDDING_WINDOW)} to{" "}
          {formatDuration(AUCTION_LIMITS.MAX_BIDDING_WINDOW)}; decimals allowed (0.5 is 12 hours).
        </span>
      </label>
      <input id="sealed-bidding" inputMode="decimal" value={bidding} onChange={(e) => setBidding(e.target.value)} />
      <label htmlFor="sealed-reveal">
        Reveal window (days)
        <span className="field-hint">
          From {formatDuration(AUCTION_LIMITS.MIN_REVEAL_WINDOW)} to {formatDuration(AUCTION_LIMITS.MAX_REVEAL_WINDOW)};
          a day gives every factor time to reveal.
        </span>
      </label>
      <input id="sealed-reveal" inputMode="decimal" value={reveal} onChange={(e) => setReveal(e.target.value)} />
      <Problems list={problems} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || ctx.listing !== undefined}>
          Open the sealed auction
        </button>
      </div>
    </form>
  );
}
