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
import { Table, type Column } from "../../../components/Table";

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
  // Only revealed bids carry an amount (`rankBids`): the rest are listed after them, without a price.
  const priced = (b: SealedBidView) => b.amount > 0n;
  const rate = (b: SealedBidView) => (priced(b) ? rates(ctx.outstanding, b.amount, days) : undefined);
  const columns: Column<SealedBidView>[] = [
    { header: "Bidder", cell: (b) => name(b.bidder) },
    {
      header: "Price",
      number: true,
      cellClass: (b) => (priced(b) ? undefined : "muted"),
      cell: (b) => (priced(b) ? ctx.amount(b.amount) : "not revealed"),
    },
    { header: "Discount", number: true, cell: (b) => formatRate(rate(b)?.discount) },
    { header: "Yield", number: true, cell: (b) => formatRate(rate(b)?.yield) },
    {
      header: "Action",
      cell: (b) =>
        priced(b) ? (
          <button
            type="button"
            disabled={busy}
            aria-label={`Accept ${name(b.bidder)}'s sealed bid of ${ctx.amount(b.amount)}`}
            onClick={() => void write((c) => acceptAuctionBid(c, auction.id, b.bidder, b.amount))}
          >
            Accept
          </button>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <Table
      label="Revealed bids"
      caption="Revealed bids, best first. Accept one to sell the claim at its price."
      columns={columns}
      rows={[...revealed, ...unrevealed]}
      rowKey={(b) => b.bidder}
    />
  );
}

/** A rate as a percentage, "—" when there is none. */
const formatRate = (rate: number | undefined) => (rate === undefined ? "—" : formatYield(rate));
