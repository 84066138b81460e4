/**
 * SealedBidAuction: committing, replacing, withdrawing and revealing sealed bids. Every value move is asserted as
 * balance and credit deltas and followed by the solvency check; every refusal reverts with its exact custom error
 * and moves nothing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import {
  approveBidders,
  commitBid,
  commitmentIn,
  expectAuctionRevert,
  expectAuctionSolvent,
  mine,
  newSalt,
  openAuction,
  revealBid,
  toPicking,
  toRevealing,
} from "./helpers/auction.js";
import { FeeOnTransferToken__factory } from "../types/index.js";
import { AuctionPhase, DAY, Role } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const scene = async () => {
  const s = await deployMarketSystem(connection);
  await approveBidders(s);
  return s;
};
const load = () => networkHelpers.loadFixture(scene);
const FACE = 10_000n * USD;

/** The USDC balances of the auction and `account`, and `account`'s credit. */
async function money(s: MarketSystem, account: string) {
  const currency = await s.usdc.getAddress();
  return {
    auction: await s.usdc.balanceOf(await s.auction.getAddress()),
    account: await s.usdc.balanceOf(account),
    credit: await s.auction.credited(account, currency),
  };
}

describe("SealedBidAuction: commitBid", () => {
  it("commits a sealed bid: the deposit is pulled, the commitment recorded, the amount nowhere", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const salt = newSalt();
    const commitment = await commitmentIn(s, auctionId, s.factor.address, 9_500n * USD, salt);
    expect(await s.auction.commitmentOf(auctionId, s.factor.address, 9_500n * USD, salt)).to.equal(commitment);
    const before = await money(s, s.factor.address);
    await expect(s.auction.connect(s.factor).commitBid(auctionId, commitment, FACE))
      .to.emit(s.auction, "BidCommitted")
      .withArgs(auctionId, s.factor.address, commitment, FACE);
    const after = await money(s, s.factor.address);
    expect(after.auction - before.auction).to.equal(FACE);
    expect(before.account - after.account).to.equal(FACE);
    expect(after.credit).to.equal(0n);
    expect(await s.auction.sealedBid(auctionId, s.factor.address)).to.deep.equal([commitment, FACE, 0n]);
    expect(await s.auction.totalLiabilities(await s.usdc.getAddress())).to.equal(FACE);
    await expectAuctionSolvent(s);
  });

  it("replaces a commitment with a higher deposit: only the difference is pulled", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.factor, 5_000n * USD);
    const before = await money(s, s.factor.address);
    const bid = await commitBid(s, auctionId, s.factor, 8_000n * USD, 9_000n * USD);
    const after = await money(s, s.factor.address);
    expect(after.auction - before.auction).to.equal(4_000n * USD);
    expect(before.account - after.account).to.equal(4_000n * USD);
    expect(await s.auction.sealedBid(auctionId, s.factor.address)).to.deep.equal([bid.commitment, 9_000n * USD, 0n]);
    await expectAuctionSolvent(s);
  });

  it("replaces a commitment with a lower deposit: the difference is credited, nothing pulled", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.factor, 9_000n * USD);
    const before = await money(s, s.factor.address);
    const salt = newSalt();
    const commitment = await commitmentIn(s, auctionId, s.factor.address, 3_000n * USD, salt);
    await expect(s.auction.connect(s.factor).commitBid(auctionId, commitment, 3_000n * USD))
      .to.emit(s.auction, "BidCommitted")
      .withArgs(auctionId, s.factor.address, commitment, 3_000n * USD)
      .and.to.emit(s.auction, "Credited")
      .withArgs(s.factor.address, await s.usdc.getAddress(), 6_000n * USD);
    const after = await money(s, s.factor.address);
    expect(after.auction).to.equal(before.auction);
    expect(after.account).to.equal(before.account);
    expect(after.credit - before.credit).to.equal(6_000n * USD);
    await expectAuctionSolvent(s);
  });

  it("replaces a commitment with the same deposit: nothing moves, the new commitment counts", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const old = await commitBid(s, auctionId, s.factor, 9_000n * USD);
    const before = await money(s, s.factor.address);
    const bid = await commitBid(s, auctionId, s.factor, 8_000n * USD, 9_000n * USD);
    expect(await money(s, s.factor.address)).to.deep.equal(before);
    await toRevealing(s, auctionId);
    await expectAuctionRevert(s, () => revealBid(s, auctionId, old), "AuctionRevealMismatch", [
      auctionId,
      s.factor.address,
    ]);
    await revealBid(s, auctionId, bid);
    await expectAuctionSolvent(s);
  });

  it("accepts the deposit bounds: 1 % of what the claim owes and all of it", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.factor, FACE / 100n);
    await commitBid(s, auctionId, s.bank, FACE);
    await expectAuctionSolvent(s);
  });

  it("refuses while the registry is paused (AuctionPaused)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await s.registry.connect(s.operator).pause();
    await expectAuctionRevert(s, () => commitBid(s, auctionId, s.factor, FACE), "AuctionPaused", []);
  });

  it("refuses after bidding closed (AuctionWrongPhase)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await toRevealing(s, auctionId);
    await mine(s);
    await expectAuctionRevert(s, () => commitBid(s, auctionId, s.factor, FACE), "AuctionWrongPhase", [
      auctionId,
      AuctionPhase.Revealing,
      AuctionPhase.Bidding,
    ]);
  });

  it("refuses the seller (AuctionSelfTrade)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await s.registry.connect(s.operator).verify(s.sme.address, Role.Factor, (await s.now()) + 365n * DAY);
    await expectAuctionRevert(s, () => commitBid(s, auctionId, s.sme, FACE), "AuctionSelfTrade", [s.sme.address]);
  });

  it("refuses a bidder that is not a verified factor (AuctionNotVerified)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await expectAuctionRevert(s, () => commitBid(s, auctionId, s.stranger, FACE), "AuctionNotVerified", [
      s.stranger.address,
      Role.Factor,
    ]);
  });

  it("refuses a zero commitment (AuctionEmptyCommitment)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.factor).commitBid(auctionId, ethers.ZeroHash, FACE),
      "AuctionEmptyCommitment",
      [],
    );
  });

  for (const [label, deposit] of [
    ["below 1 % of what the claim owes", FACE / 100n - 1n],
    ["above what the claim owes", FACE + 1n],
  ] as const) {
    it(`refuses a deposit ${label} (AuctionDepositOutOfRange)`, async () => {
      const s = await load();
      const { auctionId } = await openAuction(s);
      await expectAuctionRevert(s, () => commitBid(s, auctionId, s.factor, deposit), "AuctionDepositOutOfRange", [
        deposit,
        FACE / 100n,
        FACE,
      ]);
    });
  }

  it("floors the minimum deposit at 1 unit on a tiny claim (AuctionDepositOutOfRange)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s, await s.issueAccepted({ faceValue: 99n }));
    await expectAuctionRevert(s, () => commitBid(s, auctionId, s.factor, 0n), "AuctionDepositOutOfRange", [
      0n,
      1n,
      99n,
    ]);
    await commitBid(s, auctionId, s.factor, 1n);
    await expectAuctionSolvent(s);
  });

  it("refuses a fee-on-transfer currency (AuctionTransferAmountMismatch)", async () => {
    const s = await load();
    const fot = await new FeeOnTransferToken__factory(s.operator).deploy();
    const currency = await fot.getAddress();
    await s.registry.connect(s.operator).setCurrencyAllowed(currency, true);
    const face = 10_000n * 10n ** 18n;
    const { auctionId } = await openAuction(s, await s.issueAccepted({ currency, faceValue: face }));
    await fot.mint(s.factor.address, face);
    await fot.connect(s.factor).approve(await s.auction.getAddress(), ethers.MaxUint256);
    const commitment = await commitmentIn(s, auctionId, s.factor.address, face, newSalt());
    const before = [await fot.balanceOf(s.factor.address), await fot.balanceOf(await s.auction.getAddress())];
    await expectAuctionRevert(
      s,
      () => s.auction.connect(s.factor).commitBid(auctionId, commitment, face),
      "AuctionTransferAmountMismatch",
      [currency, face, face - face / 100n],
    );
    expect([await fot.balanceOf(s.factor.address), await fot.balanceOf(await s.auction.getAddress())]).to.deep.equal(
      before,
    );
    expect(await s.auction.totalLiabilities(currency)).to.equal(0n);
  });
});

describe("SealedBidAuction: withdrawCommitment", () => {
  it("withdraws a commitment during bidding: the whole deposit is credited, the bid erased", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.factor, 7_000n * USD, 9_000n * USD);
    const before = await money(s, s.factor.address);
    await expect(s.auction.connect(s.factor).withdrawCommitment(auctionId))
      .to.emit(s.auction, "CommitmentWithdrawn")
      .withArgs(auctionId, s.factor.address, 9_000n * USD)
      .and.to.emit(s.auction, "Credited")
      .withArgs(s.factor.address, await s.usdc.getAddress(), 9_000n * USD);
    const after = await money(s, s.factor.address);
    expect(after.auction).to.equal(before.auction);
    expect(after.credit - before.credit).to.equal(9_000n * USD);
    expect(await s.auction.sealedBid(auctionId, s.factor.address)).to.deep.equal([ethers.ZeroHash, 0n, 0n]);
    await expectAuctionSolvent(s);
    // The withdrawn bidder may commit again.
    await commitBid(s, auctionId, s.factor, 6_000n * USD);
    await expectAuctionSolvent(s);
  });

  it("works while the registry is paused", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.factor, 9_000n * USD);
    await s.registry.connect(s.operator).pause();
    await s.auction.connect(s.factor).withdrawCommitment(auctionId);
    expect(await s.auction.credited(s.factor.address, await s.usdc.getAddress())).to.equal(9_000n * USD);
    await expectAuctionSolvent(s);
  });

  it("refuses without a commitment (AuctionNoBid)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await expectAuctionRevert(s, () => s.auction.connect(s.bank).withdrawCommitment(auctionId), "AuctionNoBid", [
      auctionId,
      s.bank.address,
    ]);
  });

  it("refuses after bidding closed (AuctionWrongPhase)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.factor, 9_000n * USD);
    await toRevealing(s, auctionId);
    await mine(s);
    await expectAuctionRevert(s, () => s.auction.connect(s.factor).withdrawCommitment(auctionId), "AuctionWrongPhase", [
      auctionId,
      AuctionPhase.Revealing,
      AuctionPhase.Bidding,
    ]);
  });
});

describe("SealedBidAuction: revealBid", () => {
  it("reveals a bid: the amount is recorded, the deposit above it credited back", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const bid = await commitBid(s, auctionId, s.factor, 9_200n * USD, FACE);
    await toRevealing(s, auctionId);
    const before = await money(s, s.factor.address);
    await expect(revealBid(s, auctionId, bid))
      .to.emit(s.auction, "BidRevealed")
      .withArgs(auctionId, s.factor.address, 9_200n * USD)
      .and.to.emit(s.auction, "Credited")
      .withArgs(s.factor.address, await s.usdc.getAddress(), 800n * USD);
    const after = await money(s, s.factor.address);
    expect(after.auction).to.equal(before.auction);
    expect(after.account).to.equal(before.account);
    expect(after.credit - before.credit).to.equal(800n * USD);
    expect(await s.auction.sealedBid(auctionId, s.factor.address)).to.deep.equal([
      bid.commitment,
      9_200n * USD,
      9_200n * USD,
    ]);
    await expectAuctionSolvent(s);
  });

  it("reveals a bid equal to its deposit: nothing is credited", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const bid = await commitBid(s, auctionId, s.factor, 9_200n * USD);
    await toRevealing(s, auctionId);
    await expect(revealBid(s, auctionId, bid)).not.to.emit(s.auction, "Credited");
    expect(await s.auction.credited(s.factor.address, await s.usdc.getAddress())).to.equal(0n);
    await expectAuctionSolvent(s);
  });

  it("reveals at the last second of the reveal window, not one after (AuctionWrongPhase)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const a = await commitBid(s, auctionId, s.factor, 9_000n * USD);
    const b = await commitBid(s, auctionId, s.bank, 9_100n * USD);
    const { revealEnds } = await s.auction.auction(auctionId);
    await networkHelpers.time.setNextBlockTimestamp(revealEnds);
    await revealBid(s, auctionId, a);
    await networkHelpers.time.setNextBlockTimestamp(revealEnds + 1n);
    await expect(revealBid(s, auctionId, b))
      .to.be.revertedWithCustomError(s.auction, "AuctionWrongPhase")
      .withArgs(auctionId, AuctionPhase.Picking, AuctionPhase.Revealing);
  });

  it("refuses during bidding (AuctionWrongPhase)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const bid = await commitBid(s, auctionId, s.factor, 9_000n * USD);
    await expectAuctionRevert(s, () => revealBid(s, auctionId, bid), "AuctionWrongPhase", [
      auctionId,
      AuctionPhase.Bidding,
      AuctionPhase.Revealing,
    ]);
  });

  it("refuses once the auction was closed (AuctionWrongPhase)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const bid = await commitBid(s, auctionId, s.factor, 9_000n * USD);
    await toRevealing(s, auctionId);
    await s.auction.connect(s.sme).close(auctionId);
    await expectAuctionRevert(s, () => revealBid(s, auctionId, bid), "AuctionWrongPhase", [
      auctionId,
      AuctionPhase.Closed,
      AuctionPhase.Revealing,
    ]);
  });

  it("refuses a bidder without a commitment (AuctionNoBid)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    await toRevealing(s, auctionId);
    await expectAuctionRevert(s, () => s.auction.connect(s.bank).revealBid(auctionId, 1n, newSalt()), "AuctionNoBid", [
      auctionId,
      s.bank.address,
    ]);
  });

  it("refuses a second reveal (AuctionAlreadyRevealed)", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const bid = await commitBid(s, auctionId, s.factor, 9_000n * USD, FACE);
    await toRevealing(s, auctionId);
    await revealBid(s, auctionId, bid);
    await expectAuctionRevert(s, () => revealBid(s, auctionId, bid), "AuctionAlreadyRevealed", [
      auctionId,
      s.factor.address,
    ]);
  });

  describe("a reveal that does not match the commitment (AuctionRevealMismatch)", () => {
    it("wrong amount or wrong salt", async () => {
      const s = await load();
      const { auctionId } = await openAuction(s);
      const bid = await commitBid(s, auctionId, s.factor, 9_000n * USD, FACE);
      await toRevealing(s, auctionId);
      for (const wrong of [
        { ...bid, amount: bid.amount + 1n },
        { ...bid, amount: bid.amount - 1n },
        { ...bid, salt: newSalt() },
      ]) {
        await expectAuctionRevert(s, () => revealBid(s, auctionId, wrong), "AuctionRevealMismatch", [
          auctionId,
          s.factor.address,
        ]);
      }
    });

    it("another bidder's commitment copied: the copier cannot reveal it with the victim's amount and salt", async () => {
      const s = await load();
      const { auctionId } = await openAuction(s);
      const victim = await commitBid(s, auctionId, s.factor, 9_000n * USD, FACE);
      // The bank reads the factor's commitment from the chain and commits the same hash.
      await s.auction.connect(s.bank).commitBid(auctionId, victim.commitment, FACE);
      await toRevealing(s, auctionId);
      // Even once the factor revealed (so the bank learns amount and salt), the copy does not open.
      await revealBid(s, auctionId, victim);
      await expectAuctionRevert(
        s,
        () => s.auction.connect(s.bank).revealBid(auctionId, victim.amount, victim.salt),
        "AuctionRevealMismatch",
        [auctionId, s.bank.address],
      );
      await expectAuctionSolvent(s);
    });

    it("a commitment made for another auction id does not open in this one", async () => {
      const s = await load();
      const { auctionId: first } = await openAuction(s);
      const { auctionId: second } = await openAuction(s);
      const salt = newSalt();
      const forFirst = await commitmentIn(s, first, s.factor.address, 9_000n * USD, salt);
      await s.auction.connect(s.factor).commitBid(second, forFirst, FACE);
      await toRevealing(s, second);
      await expectAuctionRevert(
        s,
        () => s.auction.connect(s.factor).revealBid(second, 9_000n * USD, salt),
        "AuctionRevealMismatch",
        [second, s.factor.address],
      );
    });
  });

  describe("a matching reveal of an amount the deposit cannot pay (AuctionAmountOutOfRange)", () => {
    it("an amount above the deposit", async () => {
      const s = await load();
      const { auctionId } = await openAuction(s);
      const bid = await commitBid(s, auctionId, s.factor, 9_000n * USD, 5_000n * USD);
      await toRevealing(s, auctionId);
      await expectAuctionRevert(s, () => revealBid(s, auctionId, bid), "AuctionAmountOutOfRange", [
        9_000n * USD,
        5_000n * USD,
      ]);
    });

    it("a zero amount", async () => {
      const s = await load();
      const { auctionId } = await openAuction(s);
      const bid = await commitBid(s, auctionId, s.factor, 0n, 5_000n * USD);
      await toRevealing(s, auctionId);
      await expectAuctionRevert(s, () => revealBid(s, auctionId, bid), "AuctionAmountOutOfRange", [0n, 5_000n * USD]);
    });
  });

  it("the picking seller sees only revealed amounts", async () => {
    const s = await load();
    const { auctionId } = await openAuction(s);
    const revealed = await commitBid(s, auctionId, s.factor, 9_000n * USD, FACE);
    await commitBid(s, auctionId, s.bank, 9_500n * USD, FACE);
    await toRevealing(s, auctionId);
    await revealBid(s, auctionId, revealed);
    await toPicking(s, auctionId);
    await mine(s);
    expect((await s.auction.sealedBid(auctionId, s.factor.address)).amount).to.equal(9_000n * USD);
    expect((await s.auction.sealedBid(auctionId, s.bank.address)).amount).to.equal(0n);
    await expectAuctionSolvent(s);
  });
});
