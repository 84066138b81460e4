/**
 * The market's sale fees: a sale keeps the fee in the market as surplus above its liabilities (on nobody's credit),
 * and only the registry's current treasury collects that surplus, with withdrawFees, to an address it names.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { expectMarketRevertUnchanged, expectMarketSolvent } from "./helpers/marketState.js";
import { DAY, DEFAULT_MARKET_RULES as RULES, SaleKind } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

const ASK = 9_800n * USD;
/** The fixture's sale fee is 25 bps, rounded down. */
const feeOf = (price: bigint): bigint => (price * 25n) / 10_000n;
const FEE = feeOf(ASK);

/** Issues an Accepted claim from the SME, lists it at ASK and has the factor buy it; returns the claim id. */
async function sold(s: MarketSystem, buyer = s.factor): Promise<bigint> {
  const id = await s.issueAccepted();
  await s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + 7n * DAY);
  await s.market.connect(buyer).buy(id, ASK);
  return id;
}

describe("ClaimMarket fees", () => {
  describe("when a claim is sold", () => {
    it("the fee stays in the market as feesAccrued: no credit, no liability, no Credited event", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      const id = await s.issueAccepted();
      await s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + 7n * DAY);
      const tx = s.market.connect(s.factor).buy(id, ASK);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.factor, s.sme, s.market, s.operator],
        [-ASK, ASK - FEE, FEE, 0n],
      );
      await expect(tx)
        .to.emit(s.market, "ClaimSold")
        .withArgs(id, s.sme.address, s.factor.address, ASK, FEE, SaleKind.Listing);
      await expect(tx).not.to.emit(s.market, "Credited");
      expect(await s.market.credited(s.operator.address, usdc)).to.equal(0n);
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      expect(await s.market.feesAccrued(usdc)).to.equal(FEE);
    });
  });

  describe("withdrawFees", () => {
    it("sends every fee kept to the address the treasury names, emits FeesWithdrawn, and leaves nothing due", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      await sold(s);
      await sold(s, s.bank);
      expect(await s.market.feesAccrued(usdc)).to.equal(2n * FEE);

      const tx = s.market.connect(s.operator).withdrawFees(usdc, s.stranger.address);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.operator, s.stranger],
        [-2n * FEE, 0n, 2n * FEE],
      );
      await expect(tx)
        .to.emit(s.market, "FeesWithdrawn")
        .withArgs(s.operator.address, usdc, s.stranger.address, 2n * FEE);
      expect(await s.market.feesAccrued(usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(await s.market.getAddress())).to.equal(0n);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.operator).withdrawFees(usdc, s.operator.address),
        "ClaimMarketNoFeesDue",
        [usdc],
      );
    });

    it("refuses any caller but the registry's current treasury with ClaimMarketNotTreasury", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      await sold(s);
      for (const caller of [s.stranger, s.sme, s.factor]) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(caller).withdrawFees(usdc, caller.address),
          "ClaimMarketNotTreasury",
          [caller.address, s.operator.address],
        );
      }
    });

    it("after the operator names a new treasury, the new one collects what accrued before; the old one is refused", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      await sold(s);
      await s.registry.connect(s.operator).setMarketRules({ ...RULES, treasury: s.guarantor.address });
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.operator).withdrawFees(usdc, s.operator.address),
        "ClaimMarketNotTreasury",
        [s.operator.address, s.guarantor.address],
      );
      await expect(s.market.connect(s.guarantor).withdrawFees(usdc, s.guarantor.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.guarantor, s.operator],
        [-FEE, FEE, 0n],
      );
    });

    it("never to the zero address or the market itself (ClaimMarketInvalidRecipient)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      await sold(s);
      for (const to of [ZeroAddress, await s.market.getAddress()]) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.operator).withdrawFees(usdc, to),
          "ClaimMarketInvalidRecipient",
          [to],
        );
      }
    });

    it("with no sale and no donation, nothing is due (ClaimMarketNoFeesDue)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      expect(await s.market.feesAccrued(usdc)).to.equal(0n);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.operator).withdrawFees(usdc, s.operator.address),
        "ClaimMarketNoFeesDue",
        [usdc],
      );
    });

    it("tokens sent to the market outside any function are collectable fees", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      const donation = 123n * USD;
      await s.usdc.connect(s.stranger).transfer(await s.market.getAddress(), donation);
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      expect(await s.market.feesAccrued(usdc)).to.equal(donation);
      await sold(s);
      await expect(s.market.connect(s.operator).withdrawFees(usdc, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.operator],
        [-(donation + FEE), donation + FEE],
      );
    });

    it("never touches escrowed bids or credits: liabilities unchanged, bids still accepted, refunds still paid", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      const expiry = (await s.now()) + DAY;
      const id = await s.issueAccepted();
      const bid = 9_500n * USD;
      const kept = 8_000n * USD;
      const refund = 1_000n * USD;
      await s.market.connect(s.bank).bid(id, bid, expiry);
      await s.market.connect(s.factor).bid(id, kept + refund, expiry);
      await s.market.connect(s.factor).bid(id, kept, expiry); // lowered: the cut becomes a credit
      await sold(s);
      const liabilities = await expectMarketSolvent(s, s.usdc, [id]);
      expect(liabilities).to.equal(bid + kept + refund);

      await expect(s.market.connect(s.operator).withdrawFees(usdc, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.operator],
        [-FEE, FEE],
      );
      expect(await s.market.totalLiabilities(usdc)).to.equal(liabilities);
      expect(await s.usdc.balanceOf(await s.market.getAddress())).to.equal(liabilities);
      expect(await s.market.credited(s.factor.address, usdc)).to.equal(refund);

      await expect(s.market.connect(s.factor).withdraw(usdc, s.factor.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.factor],
        [-refund, refund],
      );
      await expect(s.market.connect(s.sme).acceptBid(id, s.bank.address, bid)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.sme],
        [-(bid - feeOf(bid)), bid - feeOf(bid)],
      );
      await expect(s.market.connect(s.factor).cancelBid(id, s.factor.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.factor],
        [-kept, kept],
      );
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      expect(await s.market.feesAccrued(usdc)).to.equal(feeOf(bid));
    });

    it("still works while the registry is paused", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      await sold(s);
      await s.registry.connect(s.operator).pause();
      await expect(s.market.connect(s.operator).withdrawFees(usdc, s.operator.address))
        .to.emit(s.market, "FeesWithdrawn")
        .withArgs(s.operator.address, usdc, s.operator.address, FEE);
    });
  });
});
