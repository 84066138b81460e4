/**
 * SealedBidAuction: opening and closing an auction, its record and the views that read it. Every refused call
 * reverts with its exact custom error and moves nothing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import {
  approveBidders,
  commitBid,
  expectAuctionRevert,
  expectAuctionSolvent,
  mine,
  openAuction,
  revealBid,
  toPickEnd,
  toPicking,
  toRevealing,
} from "./helpers/auction.js";
import { SealedBidAuction__factory } from "../types/index.js";
import { AUCTION_LIMITS, AuctionPhase, ClaimState as State, DAY, HOUR } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const scene = async () => {
  const s = await deployMarketSystem(connection);
  await approveBidders(s);
  return s;
};
const load = () => networkHelpers.loadFixture(scene);

describe("SealedBidAuction: deployment", () => {
  it("refuses a zero claim contract (AuctionInvalidRecipient)", async () => {
    const s = await load();
    const factory = new SealedBidAuction__factory(s.operator);
    await expect(factory.deploy(ethers.ZeroAddress))
      .to.be.revertedWithCustomError(factory, "AuctionInvalidRecipient")
      .withArgs(ethers.ZeroAddress);
  });
});

describe("SealedBidAuction: open", () => {
  it("opens an auction of an Accepted claim, locks it and records it", async () => {
    const s = await load();
    const id = await s.issueAccepted();
    const nonce = await s.claimLens.claimNonce(id);
    const t = (await s.now()) + 10n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await expect(s.auction.connect(s.sme).open(id, 2n * HOUR, 3n * HOUR))
      .to.emit(s.auction, "AuctionOpened")
      .withArgs(0n, id, s.sme.address, nonce, t + 2n * HOUR, t + 5n * HOUR)
      .and.to.emit(s.claims, "Locked")
      .withArgs(id);
    const a = await s.auction.auction(0n);
    expect(a.seller).to.equal(s.sme.address);
    expect(a.biddingEnds).to.equal(t + 2n * HOUR);
    expect(a.revealEnds).to.equal(t + 5n * HOUR);
    expect(a.claimId).to.equal(id);
    expect(a.currency).to.equal(await s.usdc.getAddress());
    expect(a.claimNonce).to.equal(nonce);
    expect(a.closedAt).to.equal(0n);
    expect(a.sold).to.equal(false);
    expect(await s.auction.auctionCount()).to.equal(1n);
    expect(await s.auction.runningAuction(id)).to.deep.equal([true, 0n]);
    expect(await s.auction.phaseOf(0n)).to.equal(AuctionPhase.Bidding);
    expect(await s.claims.lockedBy(id)).to.equal(await s.auction.getAddress());
    expect(await s.claimLens.claimNonce(id), "locking moves no nonce").to.equal(nonce);
  });

  it("opens an auction of a Financed claim (a resale), at the shortest and longest windows", async () => {
    const s = await load();
    const id = await s.issueAccepted();
    const { auctionId } = await openAuction(s, id, {
      biddingWindow: BigInt(AUCTION_LIMITS.MIN_BIDDING_WINDOW),
      revealWindow: BigInt(AUCTION_LIMITS.MIN_REVEAL_WINDOW),
    });
    const bid = await commitBid(s, auctionId, s.factor, 9_000n * USD);
    await toRevealing(s, auctionId);
    await revealBid(s, auctionId, bid);
    await toPicking(s, auctionId);
    await s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
    const t = (await s.now()) + 1n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await expect(
      s.auction
        .connect(s.factor)
        .open(id, BigInt(AUCTION_LIMITS.MAX_BIDDING_WINDOW), BigInt(AUCTION_LIMITS.MAX_REVEAL_WINDOW)),
    )
      .to.emit(s.auction, "AuctionOpened")
      .withArgs(
        1n,
        id,
        s.factor.address,
        await s.claimLens.claimNonce(id),
        t + BigInt(AUCTION_LIMITS.MAX_BIDDING_WINDOW),
        t + BigInt(AUCTION_LIMITS.MAX_BIDDING_WINDOW) + BigInt(AUCTION_LIMITS.MAX_REVEAL_WINDOW),
      );
    expect(await s.auction.runningAuction(id)).to.deep.equal([true, 1n]);
    expect(await s.auction.auctionCount()).to.equal(2n);
    await expectAuctionSolvent(s);
  });

  it("refuses while the registry is paused (AuctionPaused)", async () => {
    const s = await load();
    const id = await s.issueAccepted();
    await s.registry.connect(s.operator).pause();
    await expectAuctionRevert(s, () => s.auction.connect(s.sme).open(id, HOUR, HOUR), "AuctionPaused", []);
  });

  it("refuses a claim that is not Accepted or Financed (AuctionClaimNotSellable)", async () => {
    const s = await load();
    const id = await s.issue();
    await expectAuctionRevert(s, () => s.auction.connect(s.sme).open(id, HOUR, HOUR), "AuctionClaimNotSellable", [
      id,
      State.Issued,
    ]);
  });

  it("refuses a caller that does not hold the claim (AuctionNotSeller)", async () => {
    const s = await load();
    const id = await s.issueAccepted();
    await expectAuctionRevert(s, () => s.auction.connect(s.stranger).open(id, HOUR, HOUR), "AuctionNotSeller", [
      s.stranger.address,
      s.sme.address,
    ]);
  });

  for (const [label, bidding, reveal, bad, min, max] of [
    [
      "bidding window too short",
      BigInt(AUCTION_LIMITS.MIN_BIDDING_WINDOW) - 1n,
      HOUR,
      BigInt(AUCTION_LIMITS.MIN_BIDDING_WINDOW) - 1n,
      BigInt(AUCTION_LIMITS.MIN_BIDDING_WINDOW),
      BigInt(AUCTION_LIMITS.MAX_BIDDING_WINDOW),
    ],
    [
      "bidding window too long",
      BigInt(AUCTION_LIMITS.MAX_BIDDING_WINDOW) + 1n,
      HOUR,
      BigInt(AUCTION_LIMITS.MAX_BIDDING_WINDOW) + 1n,
      BigInt(AUCTION_LIMITS.MIN_BIDDING_WINDOW),
      BigInt(AUCTION_LIMITS.MAX_BIDDING_WINDOW),
    ],
    [
      "reveal window too short",
      HOUR,
      BigInt(AUCTION_LIMITS.MIN_REVEAL_WINDOW) - 1n,
      BigInt(AUCTION_LIMITS.MIN_REVEAL_WINDOW) - 1n,
      BigInt(AUCTION_LIMITS.MIN_REVEAL_WINDOW),
      BigInt(AUCTION_LIMITS.MAX_REVEAL_WINDOW),
    ],
    [
      "reveal window too long",
      HOUR,
      BigInt(AUCTION_LIMITS.MAX_REVEAL_WINDOW) + 1n,
      BigInt(AUCTION_LIMITS.MAX_REVEAL_WINDOW) + 1n,
      BigInt(AUCTION_LIMITS.MIN_REVEAL_WINDOW),
      BigInt(AUCTION_LIMITS.MAX_REVEAL_WINDOW),
    ],
  ] as const) {
    it(`refuses a ${label} (AuctionWindowOutOfRange)`, async () => {
      const s = await load();
      const id = await s.issueAccepted();
      await expectAuctionRevert(
        s,
        () => s.auction.connect(s.sme).open(id, bidding, reveal),
        "AuctionWindowOutOfRange",
        [bad, min, max],
      );
    });
  }

  it("refuses a claim listed on the market (ClaimIsLocked from the claim contract)", async () => {
    const s = await load();
    const id = await s.issueAccepted();
    await s.market.connect(s.sme).list(id, 9_800n * USD, 0n, (await s.now()) + DAY);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).open(id, HOUR, HOUR),
      "ClaimIsLocked",
      [id, await s.market.getAddress()],
      s.claims,
    );
  });

  it("refuses a claim already in a running auction (ClaimIsLocked)", async () => {
    const s = await load();
    const { claimId } = await openAuction(s);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).open(claimId, HOUR, HOUR),
      "ClaimIsLocked",
      [claimId, await s.auction.getAddress()],
      s.claims,
    );
  });
});

describe("SealedBidAuction: an auctioned claim cannot be sold elsewhere", () => {
  it("cannot be listed, sold to a market bid or to a signed offer while the auction locks it", async () => {
    const s = await load();
    const { claimId } = await openAuction(s);
    const auctionAddress = await s.auction.getAddress();
    const expiry = (await s.now()) + DAY;
    await expectAuctionRevert(
      s,
      () => s.market.connect(s.sme).list(claimId, 9_800n * USD, 0n, expiry),
      "ClaimIsLocked",
      [claimId, auctionAddress],
      s.claims,
    );
    await s.market.connect(s.bank).bid(claimId, 9_000n * USD, expiry);
    await expectAuctionRevert(
      s,
      () => s.market.connect(s.sme).acceptBid(claimId, s.bank.address, 0n),
      "ClaimIsLocked",
      [claimId, auctionAddress],
      s.claims,
    );
    const offer = await s.offerFor(claimId, 9_100n * USD, s.factor);
    const signature = await s.signOffer(s.factor, offer);
    await expectAuctionRevert(
      s,
      () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
      "ClaimIsLocked",
      [claimId, auctionAddress],
      s.claims,
    );
    await expectAuctionRevert(
      s,
      () => s.claims.connect(s.sme).transferFrom(s.sme.address, s.bank.address, claimId),
      "ClaimIsLocked",
      [claimId, auctionAddress],
      s.claims,
    );
  });
});

describe("SealedBidAuction: close", () => {
  it("the seller cancels during bidding: Closed, unlocked, no longer running", async () => {
    const s = await load();
    const { claimId, auctionId } = await openAuction(s);
    const t = (await s.now()) + 5n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await expect(s.auction.connect(s.sme).close(auctionId))
      .to.emit(s.auction, "AuctionClosed")
      .withArgs(auctionId, s.sme.address)
      .and.to.emit(s.claims, "Unlocked")
      .withArgs(claimId);
    expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Closed);
    expect((await s.auction.auction(auctionId)).closedAt).to.equal(t);
    expect(await s.auction.runningAuction(claimId)).to.deep.equal([false, 0n]);
    expect(await s.claims.lockedBy(claimId)).to.equal(s.connection.ethers.ZeroAddress);
    await expectAuctionRevert(s, () => s.auction.connect(s.sme).close(auctionId), "AuctionAlreadyEnded", [auctionId]);
  });

  for (const phase of ["Bidding", "Revealing", "Picking"] as const) {
    it(`a stranger cannot close a live auction in ${phase} (AuctionNotSeller)`, async () => {
      const s = await load();
      const { auctionId } = await openAuction(s);
      if (phase !== "Bidding") await toRevealing(s, auctionId);
      if (phase === "Picking") await toPicking(s, auctionId);
      await mine(s);
      expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase[phase]);
      await expectAuctionRevert(s, () => s.auction.connect(s.stranger).close(auctionId), "AuctionNotSeller", [
        s.stranger.address,
        s.sme.address,
      ]);
    });
  }

  it("anyone closes an auction whose pick window ran out", async () => {
    const s = await load();
    const { claimId, auctionId } = await openAuction(s);
    await toPickEnd(s, auctionId);
    await mine(s);
    expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Closed);
    expect(await s.auction.runningAuction(claimId)).to.deep.equal([true, auctionId]);
    await expect(s.auction.connect(s.stranger).close(auctionId))
      .to.emit(s.auction, "AuctionClosed")
      .withArgs(auctionId, s.stranger.address);
    expect(await s.claims.lockedBy(claimId)).to.equal(s.connection.ethers.ZeroAddress);
    expect(await s.auction.runningAuction(claimId)).to.deep.equal([false, 0n]);
  });

  it("a sold auction cannot be closed (AuctionAlreadyEnded)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const bid = await commitBid(s, auctionId, s.factor, 9_000n * USD);
    await toRevealing(s, auctionId);
    await revealBid(s, auctionId, bid);
    await toPicking(s, auctionId);
    await s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n);
    await expectAuctionRevert(s, () => s.auction.connect(s.sme).close(auctionId), "AuctionAlreadyEnded", [auctionId]);
  });
});

describe("SealedBidAuction: views", () => {
  it("phaseOf walks None, Bidding, Revealing, Picking, Closed at the exact seconds", async () => {
    const s = await load();
    expect(await s.auction.phaseOf(0n)).to.equal(AuctionPhase.None);
    const { auctionId } = await openAuction(s);
    const a = await s.auction.auction(auctionId);
    const { time } = networkHelpers;
    const phaseAt = async (t: bigint) => {
      await time.increaseTo(t);
      return s.auction.phaseOf(auctionId);
    };
    expect(await phaseAt(a.biddingEnds)).to.equal(AuctionPhase.Bidding);
    expect(await phaseAt(a.biddingEnds + 1n)).to.equal(AuctionPhase.Revealing);
    expect(await phaseAt(a.revealEnds)).to.equal(AuctionPhase.Revealing);
    expect(await phaseAt(a.revealEnds + 1n)).to.equal(AuctionPhase.Picking);
    expect(await phaseAt(a.revealEnds + BigInt(AUCTION_LIMITS.PICK_WINDOW))).to.equal(AuctionPhase.Picking);
    expect(await phaseAt(a.revealEnds + BigInt(AUCTION_LIMITS.PICK_WINDOW) + 1n)).to.equal(AuctionPhase.Closed);
  });

  it("auction, sealedBid and reclaimable of an unknown auction", async () => {
    const s = await load();
    await expect(s.auction.auction(0n)).to.be.revertedWithCustomError(s.auction, "AuctionUnknown").withArgs(0n);
    await expect(s.auction.reclaimable(0n, s.factor.address))
      .to.be.revertedWithCustomError(s.auction, "AuctionUnknown")
      .withArgs(0n);
    expect(await s.auction.sealedBid(0n, s.factor.address)).to.deep.equal([s.connection.ethers.ZeroHash, 0n, 0n]);
    expect(await s.auction.runningAuction(1n)).to.deep.equal([false, 0n]);
    expect(await s.auction.auctionCount()).to.equal(0n);
  });

  it("every action on an unknown auction reverts AuctionUnknown", async () => {
    const s = await load();
    await openAuction(s);
    const a = s.auction;
    const calls: [string, () => Promise<unknown>][] = [
      ["acceptBid", () => a.connect(s.sme).acceptBid(1n, s.factor.address, 0n)],
      ["close", () => a.connect(s.sme).close(1n)],
      ["commitBid", () => a.connect(s.factor).commitBid(1n, s.connection.ethers.ZeroHash, 1n)],
      ["withdrawCommitment", () => a.connect(s.factor).withdrawCommitment(1n)],
      ["revealBid", () => a.connect(s.factor).revealBid(1n, 1n, s.connection.ethers.ZeroHash)],
      ["reclaimBid", () => a.connect(s.factor).reclaimBid(1n)],
    ];
    for (const [, send] of calls) await expectAuctionRevert(s, send, "AuctionUnknown", [1n]);
  });
});
