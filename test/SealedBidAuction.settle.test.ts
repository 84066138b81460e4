/**
 * SealedBidAuction: the seller's pick (acceptBid), reclaiming bids once the auction is over, the forfeit of
 * unrevealed bids, and withdrawing credits. Every value move is asserted as deltas and followed by the solvency
 * check.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
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
  type Bid,
} from "./helpers/auction.js";
import {
  AUCTION_LIMITS,
  AuctionPhase,
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  Role,
  splitFee,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const FACE = 10_000n * USD;

/** An auction of a fresh claim with two sealed bids: the factor's 9,200 (revealed) and the bank's 9,500. */
interface Scene {
  s: MarketSystem;
  claimId: bigint;
  auctionId: bigint;
  factorBid: Bid;
  bankBid: Bid;
  currency: string;
  treasury: string;
}

const base = async () => {
  const s = await deployMarketSystem(connection);
  await approveBidders(s);
  return s;
};

async function scene(): Promise<Scene> {
  const s = await networkHelpers.loadFixture(base);
  const { claimId, auctionId } = await openAuction(s);
  const factorBid = await commitBid(s, auctionId, s.factor, 9_200n * USD, FACE);
  const bankBid = await commitBid(s, auctionId, s.bank, 9_500n * USD, FACE);
  await toRevealing(s, auctionId);
  await revealBid(s, auctionId, factorBid);
  return {
    s,
    claimId,
    auctionId,
    factorBid,
    bankBid,
    currency: await s.usdc.getAddress(),
    treasury: (await s.registry.currentRules()).treasury,
  };
}

/** Balances and credits of the accounts a settlement touches. */
async function ledger(sc: Scene) {
  const { s, currency } = sc;
  const accounts = [await s.auction.getAddress(), s.sme.address, s.factor.address, s.bank.address, sc.treasury];
  return {
    balances: await Promise.all(accounts.map((a) => s.usdc.balanceOf(a))),
    credits: await Promise.all(accounts.map((a) => s.auction.credited(a, currency))),
  };
}

const delta = (after: bigint[], before: bigint[]) => after.map((a, i) => a - before[i]);

describe("SealedBidAuction: acceptBid", () => {
  it("sells to a revealed bid: fee kept for the treasury, net sent to the seller, claim to the winner", async () => {
    const sc = await scene();
    const { s, claimId, auctionId } = sc;
    await toPicking(s, auctionId);
    const price = 9_200n * USD;
    const fee = splitFee(price, RULES.saleFeeBps).fee;
    const before = await ledger(sc);
    await expect(s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, price))
      .to.emit(s.auction, "AuctionSold")
      .withArgs(auctionId, claimId, s.sme.address, s.factor.address, price, fee)
      .and.to.emit(s.claims, "ClaimStateChanged")
      .withArgs(claimId, State.Accepted, State.Financed);
    const after = await ledger(sc);
    // auction, sme, factor, bank, treasury
    expect(delta(after.balances, before.balances)).to.deep.equal([-(price - fee), price - fee, 0n, 0n, 0n]);
    // The fee is on nobody's ledger: it stays as surplus above the liabilities, for the treasury to collect.
    expect(delta(after.credits, before.credits)).to.deep.equal([0n, 0n, 0n, 0n, 0n]);
    expect(await s.auction.feesAccrued(sc.currency)).to.equal(fee);
    expect(await s.claims.ownerOf(claimId)).to.equal(s.factor.address);
    expect(await s.claims.lockedBy(claimId)).to.equal(ethers.ZeroAddress);
    expect(await s.auction.phaseOf(auctionId)).to.equal(AuctionPhase.Sold);
    const a = await s.auction.auction(auctionId);
    expect(a.sold).to.equal(true);
    expect(a.closedAt).to.equal(await s.now());
    expect(await s.auction.runningAuction(claimId)).to.deep.equal([false, 0n]);
    expect(await s.auction.sealedBid(auctionId, s.factor.address)).to.deep.equal([ethers.ZeroHash, 0n, 0n]);
    await expectAuctionSolvent(s);
  });

  it("sells at the last second of the pick window with a zero fee when the rules charge none", async () => {
    const sc = await scene();
    const { s, auctionId } = sc;
    await s.registry.connect(s.operator).setMarketRules({ ...RULES, saleFeeBps: 0, treasury: sc.treasury });
    const { revealEnds } = await s.auction.auction(auctionId);
    await networkHelpers.time.setNextBlockTimestamp(revealEnds + 2n * DAY);
    const before = await ledger(sc);
    await expect(s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n))
      .to.emit(s.auction, "AuctionSold")
      .withArgs(auctionId, sc.claimId, s.sme.address, s.factor.address, 9_200n * USD, 0n)
      .and.not.to.emit(s.auction, "Credited");
    const after = await ledger(sc);
    expect(delta(after.balances, before.balances)).to.deep.equal([-9_200n * USD, 9_200n * USD, 0n, 0n, 0n]);
    await expectAuctionSolvent(s);
  });

  it("refuses while the registry is paused (AuctionPaused)", async () => {
    const { s, auctionId } = await scene();
    await toPicking(s, auctionId);
    await mine(s);
    await s.registry.connect(s.operator).pause();
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
      "AuctionPaused",
      [],
    );
  });

  it("refuses anyone but the seller (AuctionNotSeller)", async () => {
    const { s, auctionId } = await scene();
    await toPicking(s, auctionId);
    await mine(s);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.factor).acceptBid(auctionId, s.factor.address, 0n),
      "AuctionNotSeller",
      [s.factor.address, s.sme.address],
    );
  });

  it("refuses before the pick window (AuctionWrongPhase: Revealing)", async () => {
    const { s, auctionId } = await scene();
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
      "AuctionWrongPhase",
      [auctionId, AuctionPhase.Revealing, AuctionPhase.Picking],
    );
  });

  it("refuses after the pick window ran out (AuctionWrongPhase: Closed)", async () => {
    const { s, auctionId } = await scene();
    await toPickEnd(s, auctionId);
    await mine(s);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
      "AuctionWrongPhase",
      [auctionId, AuctionPhase.Closed, AuctionPhase.Picking],
    );
  });

  it("refuses a second sale (AuctionWrongPhase: Sold)", async () => {
    const { s, auctionId } = await scene();
    await toPicking(s, auctionId);
    await s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
      "AuctionWrongPhase",
      [auctionId, AuctionPhase.Sold, AuctionPhase.Picking],
    );
  });

  it("refuses an unrevealed bid or no bid at all (AuctionBidNotRevealed)", async () => {
    const { s, auctionId } = await scene();
    await toPicking(s, auctionId);
    await mine(s);
    for (const bidder of [s.bank.address, s.stranger.address]) {
      await expectAuctionRevert(
        s,
        () => s.auction.connect(s.sme).acceptBid(auctionId, bidder, 0n),
        "AuctionBidNotRevealed",
        [auctionId, bidder],
      );
    }
  });

  it("refuses a bid below the seller's minimum (AuctionPriceBelowMinimum)", async () => {
    const { s, auctionId } = await scene();
    await toPicking(s, auctionId);
    await mine(s);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 9_200n * USD + 1n),
      "AuctionPriceBelowMinimum",
      [auctionId, 9_200n * USD, 9_200n * USD + 1n],
    );
  });

  it("refuses a winner no longer verified (AuctionNotVerified)", async () => {
    const { s, auctionId } = await scene();
    await s.registry.connect(s.operator).revoke(s.factor.address, Role.Factor);
    await toPicking(s, auctionId);
    await mine(s);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n),
      "AuctionNotVerified",
      [s.factor.address, Role.Factor],
    );
  });
});

describe("SealedBidAuction: reclaimBid and the forfeit of unrevealed bids", () => {
  it("refuses while the auction runs (AuctionWrongPhase)", async () => {
    const { s, auctionId } = await scene();
    await expectAuctionRevert(s, () => s.auction.connect(s.bank).reclaimBid(auctionId), "AuctionWrongPhase", [
      auctionId,
      AuctionPhase.Revealing,
      AuctionPhase.Closed,
    ]);
  });

  it("refuses a bidder without a bid (AuctionNoBid)", async () => {
    const { s, auctionId } = await scene();
    await s.auction.connect(s.sme).close(auctionId);
    await expectAuctionRevert(s, () => s.auction.connect(s.stranger).reclaimBid(auctionId), "AuctionNoBid", [
      auctionId,
      s.stranger.address,
    ]);
  });

  it("after a sale: an unrevealed bid forfeits 1 % to the seller, the rest is credited back", async () => {
    const sc = await scene();
    const { s, auctionId } = sc;
    await toPicking(s, auctionId);
    await s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n);
    const forfeit = splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee;
    expect(await s.auction.reclaimable(auctionId, s.bank.address)).to.deep.equal([FACE - forfeit, forfeit]);
    const before = await ledger(sc);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.bank.address, FACE - forfeit, forfeit)
      .and.to.emit(s.auction, "Credited")
      .withArgs(s.bank.address, sc.currency, FACE - forfeit)
      .and.to.emit(s.auction, "Credited")
      .withArgs(s.sme.address, sc.currency, forfeit);
    const after = await ledger(sc);
    expect(after.balances).to.deep.equal(before.balances);
    // auction, sme, factor, bank, treasury
    expect(delta(after.credits, before.credits)).to.deep.equal([0n, forfeit, 0n, FACE - forfeit, 0n]);
    expect(await s.auction.sealedBid(auctionId, s.bank.address)).to.deep.equal([ethers.ZeroHash, 0n, 0n]);
    await expectAuctionSolvent(s);
    await expectAuctionRevert(s, () => s.auction.connect(s.bank).reclaimBid(auctionId), "AuctionNoBid", [
      auctionId,
      s.bank.address,
    ]);
  });

  it("a revealed bid never forfeits: returned in full once the pick window ran out unclosed", async () => {
    const sc = await scene();
    const { s, auctionId } = sc;
    await toPickEnd(s, auctionId);
    await mine(s);
    expect(await s.auction.reclaimable(auctionId, s.factor.address)).to.deep.equal([9_200n * USD, 0n]);
    await expect(s.auction.connect(s.factor).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.factor.address, 9_200n * USD, 0n);
    // The unrevealed bid of the same auction forfeits: its reveal window ran its course.
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

  it("closed by the seller during the reveal window: no forfeit, every bid returned in full", async () => {
    const sc = await scene();
    const { s, auctionId } = sc;
    const { revealEnds } = await s.auction.auction(auctionId);
    await networkHelpers.time.setNextBlockTimestamp(revealEnds);
    await s.auction.connect(s.sme).close(auctionId);
    expect(await s.auction.reclaimable(auctionId, s.bank.address)).to.deep.equal([FACE, 0n]);
    const before = await ledger(sc);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.bank.address, FACE, 0n);
    const after = await ledger(sc);
    expect(delta(after.credits, before.credits)).to.deep.equal([0n, 0n, 0n, FACE, 0n]);
    await expectAuctionSolvent(s);
  });

  it("closed by the seller during bidding: no forfeit", async () => {
    const s = await networkHelpers.loadFixture(base);
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.bank, 9_000n * USD, FACE);
    await s.auction.connect(s.sme).close(auctionId);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.bank.address, FACE, 0n);
    await expectAuctionSolvent(s);
  });

  it("closed by the seller in the pick window (the reveal window ran its course): the unrevealed bid forfeits", async () => {
    const sc = await scene();
    const { s, auctionId } = sc;
    await toPicking(s, auctionId);
    await s.auction.connect(s.sme).close(auctionId);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(
        auctionId,
        s.bank.address,
        FACE - splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
        splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
      );
    await expect(s.auction.connect(s.factor).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.factor.address, 9_200n * USD, 0n);
    await expectAuctionSolvent(s);
  });

  it("rounds the forfeit down: a 99-unit deposit forfeits nothing, a 100-unit one forfeits 1", async () => {
    const s = await networkHelpers.loadFixture(base);
    const { auctionId } = await openAuction(s, await s.issueAccepted({ faceValue: 9_999n }));
    await commitBid(s, auctionId, s.factor, 99n);
    await commitBid(s, auctionId, s.bank, 100n);
    await toPickEnd(s, auctionId);
    await mine(s);
    expect(await s.auction.reclaimable(auctionId, s.factor.address)).to.deep.equal([99n, 0n]);
    expect(await s.auction.reclaimable(auctionId, s.bank.address)).to.deep.equal([99n, 1n]);
    await expect(s.auction.connect(s.factor).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.factor.address, 99n, 0n);
    await s.auction.connect(s.bank).reclaimBid(auctionId);
    expect(await s.auction.credited(s.sme.address, await s.usdc.getAddress())).to.equal(1n);
    await expectAuctionSolvent(s);
  });
});

describe("SealedBidAuction: withdraw", () => {
  it("sends every credit (refunds, forfeits) to the address its owner names; the treasury collects the fee", async () => {
    const sc = await scene();
    const { s, auctionId, currency } = sc;
    await toPicking(s, auctionId);
    await s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n);
    await s.auction.connect(s.bank).reclaimBid(auctionId);
    const treasury = await ethers.getImpersonatedSigner(sc.treasury);
    await networkHelpers.setBalance(sc.treasury, 10n ** 18n);
    for (const [who, to, amount] of [
      [s.factor, s.factor.address, FACE - 9_200n * USD],
      [s.bank, s.stranger.address, FACE - splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee],
      [s.sme, s.sme.address, splitFee(FACE, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee],
    ] as const) {
      const before = [await s.usdc.balanceOf(await s.auction.getAddress()), await s.usdc.balanceOf(to)];
      expect(await s.auction.connect(who).withdraw.staticCall(currency, to)).to.equal(amount);
      await expect(s.auction.connect(who).withdraw(currency, to))
        .to.emit(s.auction, "Withdrawn")
        .withArgs(who.address, currency, to, amount);
      const after = [await s.usdc.balanceOf(await s.auction.getAddress()), await s.usdc.balanceOf(to)];
      expect(delta(after, before)).to.deep.equal([-amount, amount]);
      expect(await s.auction.credited(who.address, currency)).to.equal(0n);
      await expectAuctionSolvent(s);
    }
    expect(await s.auction.totalLiabilities(currency)).to.equal(0n);
    const fee = splitFee(9_200n * USD, RULES.saleFeeBps).fee;
    await expect(s.auction.connect(treasury).withdrawFees(currency, s.operator.address))
      .to.emit(s.auction, "FeesWithdrawn")
      .withArgs(sc.treasury, currency, s.operator.address, fee);
    expect(await s.usdc.balanceOf(await s.auction.getAddress())).to.equal(0n);
    await expectAuctionSolvent(s);
  });

  it("refuses an account with no credit (AuctionNothingToWithdraw)", async () => {
    const { s, currency } = await scene();
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.bank).withdraw(currency, s.bank.address),
      "AuctionNothingToWithdraw",
      [s.bank.address, currency],
    );
  });

  it("refuses the zero address and the auction itself (AuctionInvalidRecipient)", async () => {
    const { s, currency } = await scene();
    const self = await s.auction.getAddress();
    for (const to of [ethers.ZeroAddress, self]) {
      await expectAuctionRevert(
        s,
        () => s.auction.connect(s.factor).withdraw(currency, to),
        "AuctionInvalidRecipient",
        [to],
      );
    }
  });
});

describe("SealedBidAuction: withdrawFees", () => {
  /** A scene after a sale, with the fee kept and the treasury able to sign. */
  async function sold() {
    const sc = await scene();
    await toPicking(sc.s, sc.auctionId);
    await sc.s.auction.connect(sc.s.sme).acceptBid(sc.auctionId, sc.s.factor.address, 0n);
    await networkHelpers.setBalance(sc.treasury, 10n ** 18n);
    const treasury = await ethers.getImpersonatedSigner(sc.treasury);
    return { ...sc, treasury, fee: splitFee(9_200n * USD, RULES.saleFeeBps).fee };
  }

  it("sends the fees to the address the current treasury names, and nothing owed to bidders", async () => {
    const { s, currency, treasury, fee } = await sold();
    const liabilities = await s.auction.totalLiabilities(currency);
    const auction = await s.auction.getAddress();
    const before = [await s.usdc.balanceOf(auction), await s.usdc.balanceOf(s.stranger.address)];
    expect(await s.auction.connect(treasury).withdrawFees.staticCall(currency, s.stranger.address)).to.equal(fee);
    await expect(s.auction.connect(treasury).withdrawFees(currency, s.stranger.address))
      .to.emit(s.auction, "FeesWithdrawn")
      .withArgs(treasury.address, currency, s.stranger.address, fee);
    const after = [await s.usdc.balanceOf(auction), await s.usdc.balanceOf(s.stranger.address)];
    expect(delta(after, before)).to.deep.equal([-fee, fee]);
    expect(await s.auction.totalLiabilities(currency)).to.equal(liabilities);
    expect(await s.auction.feesAccrued(currency)).to.equal(0n);
    await expectAuctionSolvent(s);
  });

  it("collects tokens sent to the contract outside any function too", async () => {
    const { s, currency, treasury, fee } = await sold();
    await s.usdc.mint(await s.auction.getAddress(), 7n);
    expect(await s.auction.feesAccrued(currency)).to.equal(fee + 7n);
    await expect(s.auction.connect(treasury).withdrawFees(currency, treasury.address))
      .to.emit(s.auction, "FeesWithdrawn")
      .withArgs(treasury.address, currency, treasury.address, fee + 7n);
  });

  it("belongs to whoever is the treasury when collected: a new treasury collects, the old one is refused", async () => {
    const { s, currency, treasury, fee } = await sold();
    await s.registry.connect(s.operator).setMarketRules({ ...RULES, treasury: s.stranger.address });
    await expectAuctionRevert(
      s,
      () => s.auction.connect(treasury).withdrawFees(currency, treasury.address),
      "AuctionNotTreasury",
      [treasury.address, s.stranger.address],
    );
    await expect(s.auction.connect(s.stranger).withdrawFees(currency, s.stranger.address))
      .to.emit(s.auction, "FeesWithdrawn")
      .withArgs(s.stranger.address, currency, s.stranger.address, fee);
  });

  it("refuses anyone but the treasury, a zero or self recipient, and nothing due", async () => {
    const { s, currency, treasury } = await sold();
    for (const who of [s.sme, s.factor, s.bank]) {
      await expectAuctionRevert(
        s,
        () => s.auction.connect(who).withdrawFees(currency, who.address),
        "AuctionNotTreasury",
        [who.address, treasury.address],
      );
    }
    for (const to of [ethers.ZeroAddress, await s.auction.getAddress()]) {
      await expectAuctionRevert(
        s,
        () => s.auction.connect(treasury).withdrawFees(currency, to),
        "AuctionInvalidRecipient",
        [to],
      );
    }
    await s.auction.connect(treasury).withdrawFees(currency, treasury.address);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(treasury).withdrawFees(currency, treasury.address),
      "AuctionNoFeesDue",
      [currency],
    );
  });

  it("works while the registry is paused", async () => {
    const { s, currency, treasury, fee } = await sold();
    await s.registry.connect(s.operator).pause();
    await expect(s.auction.connect(treasury).withdrawFees(currency, treasury.address))
      .to.emit(s.auction, "FeesWithdrawn")
      .withArgs(treasury.address, currency, treasury.address, fee);
  });
});
