"use client";
/**
 * A claim's sealed-bid auction: phase and countdowns, how many factors hold a sealed bid (never an amount before its
 * reveal), and what the connected party may do: the seller picks a revealed bid or closes the auction, a factor
 * commits, reveals and reclaims (SealedBid.tsx), anyone closes a void or expired auction.
 */
import { useConnection } from "wagmi";

import { acceptAuctionBid, AUCTION_LIMITS, closeAuction, daysToMaturity } from "@openfactor/sdk";
import { PHASE_WORDS, phaseEnd, rankBids, timeLeft } from "../../../lib/domain/auction";
import {
  useCommittedBidders,
  useSealedBids,
  type AuctionView,
  type SealedBidView,
} from "../../../lib/data/auction-reads";
import { formatDateTime, formatYield } from "../../../lib/domain/format";
import { useChainNow, useNamer } from "../../../lib/data/hooks";
import { rates } from "../../../lib/domain/market";
import { useRoles } from "../../../lib/data/roles";
import { useWrite } from "../../../lib/data/tx";
import type { ClaimContext } from "./context";
import { BidderBox } from "./SealedBid";

/**
 * The claim's auctions worth showing: the latest one, and any earlier one in which the connected account still has
 * a deposit to reclaim.
 */
export function SealedAuctions({ ctx, auctions }: { ctx: ClaimContext; auctions: readonly AuctionView[] }) {
  const latest = auctions.at(-1);
  if (latest === undefined) return null;
  return (
    <section aria-labelledby="sealed-auction-title">
      <h2 id="sealed-auction-title">Sealed-bid auction</h2>
      {auctions.map((a) => (
        <AuctionPanel key={a.id.toString()} ctx={ctx} auction={a} latest={a === latest} />
      ))}
    </section>
  );
}

function AuctionPanel({ ctx, auction, latest }: { ctx: ClaimContext; auction: AuctionView; latest: boolean }) {
  const { address } = useConnection();
  const now = useChainNow();
  const name = useNamer();
  const roles = useRoles();
  const bidders = useCommittedBidders(auction.id);
  const bids = useSealedBids(auction.id, bidders ?? []);
  const me = address?.toLowerCase();
  const isSeller = me !== undefined && auction.seller.toLowerCase() === me;
  const mine = bids.find((b) => b.bidder.toLowerCase() === me);
  // An earlier auction is shown only to a bidder with a deposit still in it.
  if (!latest && (mine === undefined || mine.deposit === 0n)) return null;
  const end = phaseEnd(auction, auction.phase);
  const left = timeLeft(end, now);
  const pickEnds = auction.revealEnds + BigInt(AUCTION_LIMITS.PICK_WINDOW);
  const expired = auction.phase === "Closed" && auction.closedAt === 0n;

  return (
    <div className="card" aria-label={`Sealed-bid auction #${auction.id}`} role="group">
      <dl className="facts">
        <dt>Auction phase</dt>
        <dd>
          {PHASE_WORDS[auction.phase]}
          {left !== undefined && ` (${left})`}
        </dd>
        <dt>Seller</dt>
        <dd>
          {name(auction.seller)}
          {isSeller ? " (you)" : ""}
        </dd>
        <dt>Bidding closes</dt>
        <dd>{formatDateTime(auction.biddingEnds)}</dd>
        <dt>Reveals close</dt>
        <dd>{formatDateTime(auction.revealEnds)}</dd>
        <dt>Seller picks until</dt>
        <dd>{formatDateTime(pickEnds)}</dd>
        <dt>Sealed bids</dt>
        <dd>{bidders === undefined ? "…" : bidders.length}</dd>
      </dl>
      {auction.phase === "Bidding" && (
        <p className="muted small">
          Prices are sealed until their reveal: nobody, the seller included, can read one before. Only the number of
          bids is public.
        </p>
      )}
      {auction.phase === "Void" && (
        <p role="status" className="notice">
          The claim changed during the auction (a payment, a dispute, a guarantee or the operator): no bid can be
          accepted. Anyone may close the auction; every deposit then comes back.
        </p>
      )}
      {isSeller && <SellerBox ctx={ctx} auction={auction} bids={bids} />}
      {!isSeller && (auction.phase === "Void" || expired) && (
        <CloseButton auction={auction} label="Close the auction" />
      )}
      {!isSeller && roles.has.Factor && me !== undefined && (
        // Keyed by account: a form's state (a reveal code just shown) never carries over to another account.
        <BidderBox key={address} ctx={ctx} auction={auction} mine={mine} me={address!} />
      )}
    </div>
  );
}

function CloseButton({ auction, label }: { auction: AuctionView; label: string }) {
  const { write, busy } = useWrite();
  return (
    <div className="actions">
      <button type="button" disabled={busy} onClick={() => void write((c) => closeAuction(c, auction.id))}>
        {label}
      </button>
    </div>
  );
}

/** The seller: the revealed bids best first once reveals close, and closing or cancelling the auction. */
function SellerBox({ ctx, auction, bids }: { ctx: ClaimContext; auction: AuctionView; bids: SealedBidView[] }) {
  const running = ["Bidding", "Revealing", "Picking", "Void"].includes(auction.phase);
  const expired = auction.phase === "Closed" && auction.closedAt === 0n;
  return (
    <>
      {auction.phase === "Picking" && <PickTable ctx={ctx} auction={auction} bids={bids} />}
      {auction.phase === "Revealing" && (
        <p className="muted small">The factors are revealing their prices. You pick one once the reveals close.</p>
      )}
      {(running || expired) && (
        <CloseButton
          auction={auction}
          label={auction.phase === "Picking" || expired ? "Close the auction unsold" : "Cancel the auction"}
        />
      )}
    </>
  );
}

function PickTable({ ctx, auction, bids }: { ctx: ClaimContext; auction: AuctionView; bids: SealedBidView[] }) {
  const now = useChainNow();
  const name = useNamer();
  const { write, busy } = useWrite();
  const { revealed, unrevealed } = rankBids(bids);
  const days = now === undefined ? 0 : daysToMaturity(ctx.dueDate, now);
  if (revealed.length === 0 && unrevealed.length === 0) return <p className="muted">Nobody bid in this auction.</p>;
  return (
    <div className="table-wrap" role="region" aria-label="Revealed bids" tabIndex={0}>
      <table className="card-table">
        <caption className="muted small">Revealed bids, best first. Accept one to sell the claim at its price.</caption>
        <thead>
          <tr>
            <th scope="col">Bidder</th>
            <th scope="col" className="number">
              Price
            </th>
            <th scope="col" className="number">
              Discount
            </th>
            <th scope="col" className="number">
              Yield
            </th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {revealed.map((b) => {
            const r = rates(ctx.outstanding, b.amount, days);
            return (
              <tr key={b.bidder}>
                <td data-label="Bidder">{name(b.bidder)}</td>
                <td className="number" data-label="Price">
                  {ctx.amount(b.amount)}
                </td>
                <td className="number" data-label="Discount">
                  {r ? formatYield(r.discount) : "—"}
                </td>
                <td className="number" data-label="Yield">
                  {r ? formatYield(r.yield) : "—"}
                </td>
                <td data-label="Action">
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Accept ${name(b.bidder)}'s sealed bid of ${ctx.amount(b.amount)}`}
                    onClick={() => void write((c) => acceptAuctionBid(c, auction.id, b.bidder, b.amount))}
                  >
                    Accept
                  </button>
                </td>
              </tr>
            );
          })}
          {unrevealed.map((b) => (
            <tr key={b.bidder}>
              <td data-label="Bidder">{name(b.bidder)}</td>
              <td className="number muted" data-label="Price">
                not revealed
              </td>
              <td className="number" data-label="Discount">
                —
              </td>
              <td className="number" data-label="Yield">
                —
              </td>
              <td data-label="Action">—</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
