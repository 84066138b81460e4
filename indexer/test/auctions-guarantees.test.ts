import type { GUARANTEE_STATUSES } from "@openfactor/sdk";
import { describe, expect, it } from "vitest";

import { activityEvent, auction, claim, guarantee, ledgerBalance, sealedBid } from "../ponder.schema.ts";
import { eventsNamed, recorded, replay } from "./recorded.ts";

const memory = await replay();
const lower = (a: unknown) => (a as string).toLowerCase();

describe("sealed-bid auctions", () => {
  it("one row per AuctionOpened, Bidding until sold or closed", () => {
    const ended = new Set(
      [...eventsNamed("AuctionSold"), ...eventsNamed("AuctionClosed")].map((e) => e.args.auctionId),
    );
    for (const e of eventsNamed("AuctionOpened")) {
      expect(memory.row(auction, e.args.auctionId as bigint)).toMatchObject({
        claimId: e.args.claimId,
        seller: lower(e.args.seller),
      });
      if (!ended.has(e.args.auctionId)) expect(memory.row(auction, e.args.auctionId as bigint)!.phase).toBe("Bidding");
    }
  });

  it("a sealed bid holds its commitment and deposit, never an amount, until revealed", async () => {
    const reveals = eventsNamed("BidRevealed");
    expect(reveals.length).toBeGreaterThan(0);
    for (const reveal of reveals) {
      const before = await replay(recorded.slice(0, recorded.indexOf(reveal)));
      const id = `${reveal.args.auctionId}:${lower(reveal.args.bidder)}`;
      expect(before.row(sealedBid, id)).toMatchObject({ status: "Committed", amount: null });
      expect(memory.row(sealedBid, id)!.amount).toBe(reveal.args.amount);
    }
    const revealed = new Set(reveals.map((e) => `${e.args.auctionId}:${lower(e.args.bidder)}`));
    for (const b of memory.rows(sealedBid).filter((row) => !revealed.has(row.id))) expect(b.amount).toBeNull();
    for (const e of eventsNamed("BidCommitted")) {
      expect(Object.keys(memory.row(activityEvent, e.at.id)!.args as object).sort()).toEqual([
        "auctionId",
        "bidder",
        "commitment",
        "deposit",
      ]);
    }
  });

  it("a sold auction names its buyer and price; its winning bid Won, the other reclaimed", () => {
    const [sold] = eventsNamed("AuctionSold");
    expect(memory.row(auction, sold!.args.auctionId as bigint)).toMatchObject({
      phase: "Sold",
      buyer: lower(sold!.args.buyer),
      price: sold!.args.price,
      fee: sold!.args.fee,
    });
    expect(memory.row(sealedBid, `${sold!.args.auctionId}:${lower(sold!.args.buyer)}`)!.status).toBe("Won");
    const [reclaimed] = eventsNamed("BidReclaimed");
    expect(memory.row(sealedBid, `${reclaimed!.args.auctionId}:${lower(reclaimed!.args.bidder)}`)).toMatchObject({
      status: "Reclaimed",
      refund: reclaimed!.args.refund,
      forfeit: reclaimed!.args.forfeit,
    });
  });

  it("a closed auction is Closed, by whom", () => {
    const [closed] = eventsNamed("AuctionClosed");
    expect(memory.row(auction, closed!.args.auctionId as bigint)).toMatchObject({
      phase: "Closed",
      closedBy: lower(closed!.args.closedBy),
    });
  });

  it("a commitment withdrawn during bidding holds no deposit", () => {
    const [withdrawn] = eventsNamed("CommitmentWithdrawn");
    const row = memory.row(sealedBid, `${withdrawn!.args.auctionId}:${lower(withdrawn!.args.bidder)}`)!;
    expect(row).toMatchObject({ status: "Withdrawn", deposit: 0n, amount: null });
  });
});

describe("guarantees", () => {
  it("one row per GuaranteeOffered, each in the status its events led to", () => {
    const offered = eventsNamed("GuaranteeOffered");
    expect(memory.rows(guarantee)).toHaveLength(offered.length);
    const last = new Map<bigint, string>();
    const statusOf: Record<string, (typeof GUARANTEE_STATUSES)[number]> = {
      GuaranteeOffered: "Offered",
      GuaranteeOfferWithdrawn: "Withdrawn",
      GuaranteeActivated: "Active",
      GuaranteeReleased: "Released",
      GuaranteeCalled: "Called",
    };
    for (const name of Object.keys(statusOf)) {
      for (const e of eventsNamed(name))
        last.set(e.args.guaranteeId as bigint, `${e.at.blockNumber}:${e.at.logIndex}:${name}`);
    }
    for (const [id, key] of last) {
      expect(memory.row(guarantee, id)!.status).toBe(statusOf[key.split(":")[2]!]);
    }
  });

  it("an activated guarantee follows its claim; a called one records the payout and the subrogation", () => {
    const [activated] = eventsNamed("GuaranteeActivated");
    expect(memory.row(claim, activated!.args.claimId as bigint)!.guaranteeId).toBe(activated!.args.guaranteeId);
    const [called] = eventsNamed("GuaranteeCalled");
    const [subrogated] = eventsNamed("Subrogated");
    expect(memory.row(guarantee, called!.args.guaranteeId as bigint)).toMatchObject({
      paid: called!.args.paid,
      returned: called!.args.returned,
      fullCover: called!.args.fullCover,
      custody: subrogated!.args.custody,
    });
  });

  it("a released guarantee records the cover credited back", () => {
    const [released] = eventsNamed("GuaranteeReleased");
    expect(memory.row(guarantee, released!.args.guaranteeId as bigint)).toMatchObject({
      status: "Released",
      releasedAmount: released!.args.amount,
    });
  });

  it("the escrow owes nothing to a guarantor that withdrew its offer's cover", () => {
    const [withdrawn] = eventsNamed("Withdrawn", "GuaranteeEscrow");
    const id = `GuaranteeEscrow:${lower(withdrawn!.args.account)}:${lower(withdrawn!.args.currency)}`;
    const row = memory.row(ledgerBalance, id)!;
    expect(row.credited - row.withdrawn).toBe(0n);
  });
});
