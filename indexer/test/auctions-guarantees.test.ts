import type { GUARANTEE_STATUSES } from "@openfactor/sdk";
import { describe, expect, it } from "vitest";

import { activityEvent, auction, claim, guarantee, ledgerBalance, sealedBid } from "../ponder.schema.ts";
import { bidCommitted, bidRevealed } from "../src/reduce/auction.ts";
import { eventsNamed, replay } from "./recorded.ts";

const memory = await replay();
const lower = (a: unknown) => (a as string).toLowerCase();

describe("sealed-bid auctions", () => {
  it("one row per AuctionOpened, still bidding", () => {
    for (const e of eventsNamed("AuctionOpened")) {
      expect(memory.row(auction, e.args.auctionId as bigint)).toMatchObject({
        claimId: e.args.claimId,
        seller: lower(e.args.seller),
        phase: "Bidding",
      });
    }
  });

  it("a sealed bid holds its commitment and deposit, never an amount, until revealed", () => {
    const bids = memory.rows(sealedBid);
    expect(bids.length).toBe(eventsNamed("BidCommitted").length);
    for (const b of bids) expect(b.amount).toBeNull();
    for (const e of eventsNamed("BidCommitted")) {
      expect(Object.keys(memory.row(activityEvent, e.at.id)!.args as object).sort()).toEqual([
        "auctionId",
        "bidder",
        "commitment",
        "deposit",
      ]);
    }
  });

  it("a commitment withdrawn during bidding holds no deposit", () => {
    const [withdrawn] = eventsNamed("CommitmentWithdrawn");
    const row = memory.row(sealedBid, `${withdrawn!.args.auctionId}:${lower(withdrawn!.args.bidder)}`)!;
    expect(row).toMatchObject({ status: "Withdrawn", deposit: 0n, amount: null });
  });

  it("the reveal sets the amount and cuts the deposit to it", () => {
    const e = eventsNamed("BidCommitted")[0]!;
    const committed = bidCommitted(e.args as never, e.at);
    const revealed = bidRevealed(
      committed,
      { auctionId: e.args.auctionId, bidder: e.args.bidder, amount: 7n } as never,
      e.at,
    );
    expect(revealed).toMatchObject({ amount: 7n, deposit: 7n, status: "Revealed", commitment: committed.commitment });
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

  it("the escrow owes nothing to a guarantor that withdrew its offer's cover", () => {
    const [withdrawn] = eventsNamed("Withdrawn", "GuaranteeEscrow");
    const id = `GuaranteeEscrow:${lower(withdrawn!.args.account)}:${lower(withdrawn!.args.currency)}`;
    const row = memory.row(ledgerBalance, id)!;
    expect(row.credited - row.withdrawn).toBe(0n);
  });
});
