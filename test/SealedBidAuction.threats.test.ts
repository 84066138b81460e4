/**
 * SealedBidAuction under threat: a change of the claim under a running auction (payment, dispute, guarantee,
 * operator agent) makes it Void; a paused registry never traps a bidder; the operator distrusting the auction as an
 * agent strands nobody. Each case asserts the phase, the refusal of a sale, who may close, the forfeit rule and the
 * solvency of the auction.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployEscrowSystem, type EscrowSystem } from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { changeAgentTrust, deployAgent, type Agent } from "./helpers/agents.js";
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
  type Bid,
} from "./helpers/auction.js";
import { EVIDENCE } from "./helpers/states.js";
import { AUCTION_LIMITS, AuctionPhase, ClaimState as State, DAY, HOUR, splitFee } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const FACE = 10_000n * USD;

interface World {
  s: EscrowSystem;
  agent: Agent;
}

const base = async (): Promise<World> => {
  const s = await deployEscrowSystem(connection);
  const agent = await deployAgent(s);
  await approveBidders(s);
  return { s, agent };
};

interface Scene extends World {
  claimId: bigint;
  auctionId: bigint;
  /** The factor's bid of 9,200 on a full deposit; revealed when the scene is in its reveal window. */
  factorBid: Bid;
  /** The bank's bid of 9,500 on a full deposit; never revealed. */
  bankBid: Bid;
}

async function scene(): Promise<Scene> {
  const w = await networkHelpers.loadFixture(base);
  const { claimId, auctionId } = await openAuction(w.s);
  const factorBid = await commitBid(w.s, auctionId, w.s.factor, 9_200n * USD, FACE);
  const bankBid = await commitBid(w.s, auctionId, w.s.bank, 9_500n * USD, FACE);
  return { ...w, claimId, auctionId, factorBid, bankBid };
}

/** The changes of a claim that void every order priced on it, each made by who can make it. */
const CAUSES: [string, (sc: Scene) => Promise<unknown>][] = [
  ["a 1-unit payment", (sc) => sc.s.claims.connect(sc.s.debtor).pay(sc.claimId, 1n)],
  ["a dispute", (sc) => sc.s.claims.connect(sc.s.debtor).dispute(sc.claimId, EVIDENCE)],
  [
    "a guarantee activation",
    async (sc) => {
      const guaranteeId = await sc.s.offerOn(sc.claimId);
      await sc.s.escrow.connect(sc.s.sme).activate(guaranteeId);
    },
  ],
  ["an operator agent's voidOrders", (sc) => sc.agent.voidOrders(sc.claimId)],
];

describe("SealedBidAuction: a change of the claim voids the auction", () => {
  for (const [cause, change] of CAUSES) {
    describe(`after ${cause}`, () => {
      it("during bidding: Void, no commit, no sale; anyone closes it; closed after its reveal window, unrevealed bids forfeit", async () => {
        const sc = await scene();
        const { s, auctionId, claimId } = sc;
        await change(sc);
        expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Void);
        await expectAuctionRevert(s, () => commitBid(s, auctionId, s.factor, FACE / 2n), "AuctionWrongPhase", [
          auctionId,
          AuctionPhase.Void,
          AuctionPhase.Bidding,
        ]);
        await expectAuctionRevert(
          s,
          () => s.auction.connect(s.factor).withdrawCommitment(auctionId),
          "AuctionWrongPhase",
          [auctionId, AuctionPhase.Void, AuctionPhase.Bidding],
        );
        await toPicking(s, auctionId);
        await mine(s);
        expect(await s.auction.phaseOf(auctionId), "Void outlasts the clock").to.equal(AuctionPhase.Void);
        await expectAuctionRevert(
          s,
          () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
          "AuctionWrongPhase",
          [auctionId, AuctionPhase.Void, AuctionPhase.Picking],
        );
        await expect(s.auction.connect(s.stranger).close(auctionId))
          .to.emit(s.auction, "AuctionClosed")
          .withArgs(auctionId, s.stranger.address);
        expect(await s.claims.lockedBy(claimId)).to.equal(ethers.ZeroAddress);
        expect(await s.auction.runningAuction(claimId)).to.deep.equal([false, 0n]);
        // Closed after its reveal window: the unrevealed bids forfeit, as the rules say (nobody revealed here).
        await expect(s.auction.connect(s.factor).reclaimBid(auctionId))
          .to.emit(s.auction, "BidReclaimed")
          .withArgs(
            auctionId,
            s.factor.address,
            FACE - splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
            splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
          );
        await expectAuctionSolvent(s);
      });

      it("during the reveal window: reveals still work; closed before it ends, nobody forfeits", async () => {
        const sc = await scene();
        const { s, auctionId, claimId } = sc;
        await toRevealing(s, auctionId);
        await change(sc);
        expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Void);
        await revealBid(s, auctionId, sc.factorBid);
        await expect(s.auction.connect(s.stranger).close(auctionId))
          .to.emit(s.auction, "AuctionClosed")
          .withArgs(auctionId, s.stranger.address)
          .and.to.emit(s.claims, "Unlocked")
          .withArgs(claimId);
        expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Closed);
        expect(await s.auction.reclaimable(auctionId, s.bank.address)).to.deep.equal([FACE, 0n]);
        await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
          .to.emit(s.auction, "BidReclaimed")
          .withArgs(auctionId, s.bank.address, FACE, 0n);
        await expect(s.auction.connect(s.factor).reclaimBid(auctionId))
          .to.emit(s.auction, "BidReclaimed")
          .withArgs(auctionId, s.factor.address, 9_200n * USD, 0n);
        expect(await s.auction.credited(s.sme.address, await s.usdc.getAddress())).to.equal(0n);
        await expectAuctionSolvent(s);
      });

      it("in the pick window: a revealed bid cannot be accepted; the revealed bid returns in full", async () => {
        const sc = await scene();
        const { s, auctionId } = sc;
        await toRevealing(s, auctionId);
        await revealBid(s, auctionId, sc.factorBid);
        await toPicking(s, auctionId);
        await change(sc);
        await expectAuctionRevert(
          s,
          () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
          "AuctionWrongPhase",
          [auctionId, AuctionPhase.Void, AuctionPhase.Picking],
        );
        await s.auction.connect(s.stranger).close(auctionId);
        expect(await s.auction.reclaimable(auctionId, s.factor.address)).to.deep.equal([9_200n * USD, 0n]);
        expect(await s.auction.reclaimable(auctionId, s.bank.address)).to.deep.equal([
          FACE - splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
          splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
        ]);
        await s.auction.connect(s.factor).reclaimBid(auctionId);
        await s.auction.connect(s.bank).reclaimBid(auctionId);
        expect(await s.auction.credited(s.sme.address, await s.usdc.getAddress())).to.equal(
          splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
        );
        await expectAuctionSolvent(s);
      });
    });
  }

  it("a claim that settles in full under the auction: Void (no longer sellable)", async () => {
    const sc = await scene();
    const { s, auctionId, claimId } = sc;
    await s.claims.connect(s.debtor).pay(claimId, FACE);
    expect((await s.claimLens.claim(claimId)).state).to.equal(State.Settled);
    expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Void);
    await s.auction.connect(s.stranger).close(auctionId);
    await expectAuctionSolvent(s);
  });
});

describe("SealedBidAuction: a paused registry", () => {
  it("stops open, commit and accept, never reveal, close, reclaim or withdraw", async () => {
    const sc = await scene();
    const { s, auctionId } = sc;
    const other = await s.issueAccepted();
    await s.registry.connect(s.operator).pause();
    await expectAuctionRevert(s, () => s.auction.connect(s.sme).open(other, HOUR, HOUR), "AuctionPaused", []);
    await expectAuctionRevert(s, () => commitBid(s, auctionId, s.bank, FACE), "AuctionPaused", []);
    await toRevealing(s, auctionId);
    await revealBid(s, auctionId, sc.factorBid);
    await toPicking(s, auctionId);
    await mine(s);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
      "AuctionPaused",
      [],
    );
    await s.auction.connect(s.sme).close(auctionId);
    await s.auction.connect(s.factor).reclaimBid(auctionId);
    await s.auction.connect(s.bank).reclaimBid(auctionId);
    const currency = await s.usdc.getAddress();
    for (const who of [s.factor, s.bank, s.sme]) {
      const credit = await s.auction.credited(who.address, currency);
      const before = await s.usdc.balanceOf(who.address);
      await s.auction.connect(who).withdraw(currency, who.address);
      expect((await s.usdc.balanceOf(who.address)) - before).to.equal(credit);
    }
    expect(await s.auction.totalLiabilities(currency)).to.equal(0n);
    await expectAuctionSolvent(s);
  });
});

/** Renews every verification on record for a year (the cast's lapse during an agent change's wait). */
async function renewVerifications(s: EscrowSystem): Promise<void> {
  const expiresAt = (await s.now()) + 365n * DAY;
  for (const { account, expiries } of await s.registry.participants(0n, 1000n)) {
    for (const [role, expiry] of expiries.entries()) {
      if (expiry !== 0n) await s.registry.connect(s.operator).verify(account, role, expiresAt);
    }
  }
}

describe("SealedBidAuction: the operator distrusts the auction as an agent", () => {
  it("the holder unlocks the orphan; the auction is Void; anyone closes it; bids are reclaimable", async () => {
    const sc = await scene();
    const { s, auctionId, claimId } = sc;
    await toRevealing(s, auctionId);
    await revealBid(s, auctionId, sc.factorBid);
    const auctionAddress = await s.auction.getAddress();
    await changeAgentTrust(s, auctionAddress, false);
    expect(await s.registry.isAgent(auctionAddress)).to.equal(false);
    // Still locked to the auction: the pick window ran out long ago, so anyone could close it...
    expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Closed);
    // ...but the holder need not wait: it unlocks the orphan itself.
    await expect(s.claims.connect(s.sme).unlock(claimId)).to.emit(s.claims, "Unlocked").withArgs(claimId);
    expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Void);
    // A distrusted auction cannot lock a claim: no new auction opens.
    const fresh = await s.issueAccepted();
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).open(fresh, HOUR, HOUR),
      "ClaimNotAgent",
      [auctionAddress],
      s.claims,
    );
    await expect(s.auction.connect(s.stranger).close(auctionId))
      .to.emit(s.auction, "AuctionClosed")
      .withArgs(auctionId, s.stranger.address)
      .and.not.to.emit(s.claims, "Unlocked");
    await expect(s.auction.connect(s.factor).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.factor.address, 9_200n * USD, 0n);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(
        auctionId,
        s.bank.address,
        FACE - splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
        splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
      );
    await expectAuctionSolvent(s);
  });

  it("distrusted during bidding and unlocked by the holder: closed before the reveal window ends, no forfeit", async () => {
    const w = await networkHelpers.loadFixture(base);
    const { s } = w;
    const auctionAddress = await s.auction.getAddress();
    // Announce the distrust first, then open an auction that is still bidding when the change applies.
    await s.issueAccepted();
    await s.registry.connect(s.operator).setAgent(auctionAddress, false);
    const due = await s.registry.agentChangeDueAt(auctionAddress);
    await networkHelpers.time.increaseTo(due - 3n * DAY);
    await renewVerifications(s);
    const claimId = await s.issueAccepted();
    const { auctionId } = await openAuction(s, claimId, { biddingWindow: 7n * DAY });
    await commitBid(s, auctionId, s.bank, 9_500n * USD, FACE);
    await networkHelpers.time.increaseTo(due);
    await s.registry.connect(s.stranger).applyAgentChange(auctionAddress);
    await s.claims.connect(s.sme).unlock(claimId);
    expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Void);
    await s.auction.connect(s.stranger).close(auctionId);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.bank.address, FACE, 0n);
    await expectAuctionSolvent(s);
  });
});

describe("SealedBidAuction: the pick window runs out", () => {
  it("unclosed, it reads Closed; bids are reclaimable before anyone closes it; the claim stays locked until then", async () => {
    const sc = await scene();
    const { s, auctionId, claimId } = sc;
    await toRevealing(s, auctionId);
    await revealBid(s, auctionId, sc.factorBid);
    await toPickEnd(s, auctionId);
    await s.auction.connect(s.factor).reclaimBid(auctionId);
    expect(await s.claims.lockedBy(claimId)).to.equal(await s.auction.getAddress());
    await s.auction.connect(s.stranger).close(auctionId);
    expect(await s.claims.lockedBy(claimId)).to.equal(ethers.ZeroAddress);
    await s.auction.connect(s.bank).reclaimBid(auctionId);
    expect(await s.auction.credited(s.sme.address, await s.usdc.getAddress())).to.equal(
      splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
    );
    await expectAuctionSolvent(s);
  });
});
