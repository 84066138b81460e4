/**
 * Threats of docs/SECURITY.md against ClaimMarket that the per-feature market tests do not cover: odd
 * currencies (T3, T5, T6), a former holder (A4), approvals left behind (F3), the last wei after many operations (M3)
 * and donations (D2).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { network } from "hardhat";

import {
  BlocklistToken__factory,
  FalseReturnToken__factory,
  MockStablecoin__factory,
  NoReturnToken__factory,
} from "../types/index.js";
import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import type { BalanceToken } from "./helpers/ledger.js";
import { cast, expectMarketRevertUnchanged, expectMarketSolvent, marketSnapshot } from "./helpers/marketState.js";
import {
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  SaleKind,
  SECONDS_PER_DAY,
  splitFee,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

const E18 = 10n ** 18n;
/** The default 25 bps sale fee, rounded down. */

/** The slice of a mock token these tests drive. */
interface MintableToken extends BalanceToken {
  mint(to: string, amount: bigint): Promise<unknown>;
}

/**
 * Allowlists `token` and gives the factor and the bank `amount` each, approved to the market once (from zero, so
 * approve-race tokens accept it) through `approve`.
 */
async function onboard(
  s: MarketSystem,
  token: MintableToken,
  amount: bigint,
  approve: (buyer: HardhatEthersSigner, spender: string) => Promise<unknown>,
): Promise<string> {
  const currency = await token.getAddress();
  await s.registry.connect(s.operator).setCurrencyAllowed(currency, true);
  for (const buyer of [s.factor, s.bank]) {
    await token.mint(buyer.address, amount);
    await approve(buyer, await s.market.getAddress());
  }
  return currency;
}

async function inADay(s: MarketSystem): Promise<bigint> {
  return (await s.now()) + DAY;
}

describe("ClaimMarket: odd currencies, former holders, the last wei and donations", () => {
  describe("T3: a USDT-style currency that returns nothing", () => {
    it("a sale, a lowered bid, an accepted bid and a cancelled bid go through; refunds and fees are withdrawn to zero", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const nrt = await new NoReturnToken__factory(s.operator).deploy();
      const currency = await onboard(s, nrt, 1_000_000n * USD, (buyer, spender) =>
        nrt.connect(buyer).approve(spender, ethers.MaxUint256),
      );
      const id = await s.issueAccepted({ currency });
      const other = await s.issueAccepted({ currency, originator: s.sme2.address });
      const ids = [id, other];

      // A listing sold at its ask.
      const ask = 9_800n * USD;
      await s.market.connect(s.sme).list(id, ask, 0n, await inADay(s));
      const sale = s.market.connect(s.factor).buy(id, ask);
      await expect(sale).to.changeTokenBalances(
        ethers,
        nrt,
        [s.factor, s.sme, s.market],
        [-ask, ask - splitFee(ask, RULES.saleFeeBps).fee, splitFee(ask, RULES.saleFeeBps).fee],
      );
      await expect(sale)
        .to.emit(s.market, "ClaimSold")
        .withArgs(id, s.sme.address, s.factor.address, ask, splitFee(ask, RULES.saleFeeBps).fee, SaleKind.Listing);
      expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);

      // A bid, lowered (refund credited), then accepted by the factor holding the claim.
      await expect(s.market.connect(s.bank).bid(id, 9_900n * USD, await inADay(s))).to.changeTokenBalances(
        ethers,
        nrt,
        [s.bank, s.market],
        [-9_900n * USD, 9_900n * USD],
      );
      await expect(s.market.connect(s.bank).bid(id, 9_850n * USD, await inADay(s))).to.changeTokenBalances(
        ethers,
        nrt,
        [s.bank, s.market],
        [0n, 0n],
      );
      expect(await s.market.credited(s.bank.address, currency)).to.equal(50n * USD);
      await expect(s.market.connect(s.factor).acceptBid(id, s.bank.address, 9_850n * USD)).to.changeTokenBalances(
        ethers,
        nrt,
        [s.factor, s.market],
        [
          9_850n * USD - splitFee(9_850n * USD, RULES.saleFeeBps).fee,
          -(9_850n * USD - splitFee(9_850n * USD, RULES.saleFeeBps).fee),
        ],
      );
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);

      // A bid on another claim, cancelled: the escrow comes back through the token's no-return transfer.
      await s.market.connect(s.factor).bid(other, 9_000n * USD, await inADay(s));
      await expect(s.market.connect(s.factor).cancelBid(other, s.factor.address)).to.changeTokenBalances(
        ethers,
        nrt,
        [s.market, s.factor],
        [-9_000n * USD, 9_000n * USD],
      );
      expect(await expectMarketSolvent(s, nrt, ids)).to.equal(50n * USD);
      expect(await s.market.feesAccrued(currency)).to.equal(
        splitFee(ask, RULES.saleFeeBps).fee + splitFee(9_850n * USD, RULES.saleFeeBps).fee,
      );

      // Everyone withdraws through the token's no-return transfer; the market ends at zero.
      await expect(s.market.connect(s.bank).withdraw(currency, s.bank.address)).to.changeTokenBalances(
        ethers,
        nrt,
        [s.market, s.bank],
        [-50n * USD, 50n * USD],
      );
      const fees = splitFee(ask, RULES.saleFeeBps).fee + splitFee(9_850n * USD, RULES.saleFeeBps).fee;
      await expect(s.market.connect(s.operator).withdrawFees(currency, s.operator.address)).to.changeTokenBalances(
        ethers,
        nrt,
        [s.market, s.operator],
        [-fees, fees],
      );
      expect(await nrt.balanceOf(await s.market.getAddress())).to.equal(0n);
      expect(await s.market.totalLiabilities(currency)).to.equal(0n);
    });

    it("the token's own revert (no allowance) bubbles up from a bid and nothing moves", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const nrt = await new NoReturnToken__factory(s.operator).deploy();
      const currency = await onboard(s, nrt, 1_000_000n * USD, async () => undefined);
      const id = await s.issueAccepted({ currency });
      const before = [await nrt.balanceOf(s.factor.address), await nrt.balanceOf(await s.market.getAddress())];
      await expect(s.market.connect(s.factor).bid(id, 9_000n * USD, await inADay(s)))
        .to.be.revertedWithCustomError(nrt, "NoReturnTokenInsufficientAllowance")
        .withArgs(s.factor.address, await s.market.getAddress(), 0n, 9_000n * USD);
      expect([await nrt.balanceOf(s.factor.address), await nrt.balanceOf(await s.market.getAddress())]).to.deep.equal(
        before,
      );
      expect((await s.market.bidOf(id, s.factor.address))[0].amount).to.equal(0n);
      expect(await s.market.totalLiabilities(currency)).to.equal(0n);
    });

    it("a token that returns false on a failed pull: the bid and the buy revert with SafeERC20FailedOperation", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const frt = await new FalseReturnToken__factory(s.operator).deploy();
      const currency = await onboard(s, frt, 1_000_000n * USD, async () => undefined); // no allowance
      const id = await s.issueAccepted({ currency });
      await s.market.connect(s.sme).list(id, 9_800n * USD, 0n, await inADay(s));
      const watch = { ids: [id], tokens: [frt] };
      const expiry = await inADay(s);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.factor).bid(id, 9_000n * USD, expiry),
        "SafeERC20FailedOperation",
        [currency],
        watch,
      );
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.factor).buy(id, 9_800n * USD),
        "SafeERC20FailedOperation",
        [currency],
        watch,
      );
      // With an allowance the same token trades as any other.
      await frt.connect(s.factor).approve(await s.market.getAddress(), ethers.MaxUint256);
      await s.market.connect(s.factor).buy(id, 9_800n * USD);
      expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    });
  });

  describe("T5: an 18-decimal currency", () => {
    it("works end to end: list and buy, bid and accept, standing offer, signed offer, part payment, withdraw to zero", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const dai = await new MockStablecoin__factory(s.operator).deploy("Dai Stablecoin", "DAI", 18);
      const currency = await onboard(s, dai, 1_000_000n * E18, (buyer, spender) =>
        dai.connect(buyer).approve(spender, ethers.MaxUint256),
      );
      const face = 10_000n * E18;
      const id = await s.issueAccepted({ currency, faceValue: face });
      let fees = 0n;

      // Listing -> buy at an odd 18-decimal price: fee + net == price, to the wei.
      const ask = 9_876_543_210_987_654_321_001n;
      await s.market.connect(s.sme).list(id, ask, 0n, await inADay(s));
      await expect(s.market.connect(s.factor).buy(id, ask)).to.changeTokenBalances(
        ethers,
        dai,
        [s.factor, s.sme, s.market],
        [-ask, ask - splitFee(ask, RULES.saleFeeBps).fee, splitFee(ask, RULES.saleFeeBps).fee],
      );
      fees += splitFee(ask, RULES.saleFeeBps).fee;
      expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);

      // The debtor pays part of the claim to the factor; the outstanding is what later prices use.
      await dai.mint(s.debtor.address, face);
      await dai.connect(s.debtor).approve(await s.claims.getAddress(), ethers.MaxUint256);
      await s.claims.connect(s.debtor).pay(id, 1_000n * E18);
      const outstanding = face - 1_000n * E18;

      // Bid -> accept: the minimum bid is 1 % of the 18-decimal outstanding.
      await expect(s.market.connect(s.bank).bid(id, outstanding / 100n - 1n, await inADay(s)))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketBidBelowMinimum")
        .withArgs(id, outstanding / 100n - 1n, outstanding / 100n);
      const bidAmount = 8_900n * E18 + 1n;
      await s.market.connect(s.bank).bid(id, bidAmount, await inADay(s));
      await expect(s.market.connect(s.factor).acceptBid(id, s.bank.address, bidAmount)).to.changeTokenBalances(
        ethers,
        dai,
        [s.factor, s.market],
        [
          bidAmount - splitFee(bidAmount, RULES.saleFeeBps).fee,
          -(bidAmount - splitFee(bidAmount, RULES.saleFeeBps).fee),
        ],
      );
      fees += splitFee(bidAmount, RULES.saleFeeBps).fee;

      // Standing offer: the quote is computed on 18-decimal base units and is what the sale pays.
      await s.market
        .connect(s.factor)
        .postStandingOffer(
          s.debtor.address,
          currency,
          1_000,
          90 * SECONDS_PER_DAY,
          outstanding,
          (await s.now()) + 30n * DAY,
        );
      const quoted = await s.market.quote(id, 0n);
      expect(quoted).to.be.lessThan(outstanding);
      expect(quoted).to.be.greaterThan((outstanding * 97n) / 100n);
      const factorBefore = await dai.balanceOf(s.factor.address);
      const bankBefore = await dai.balanceOf(s.bank.address);
      await s.market.connect(s.bank).sellToOffer(id, 0n, quoted - quoted / 1_000n);
      const sold = factorBefore - (await dai.balanceOf(s.factor.address));
      expect(sold).to.be.gte(quoted - quoted / 1_000n);
      expect((await dai.balanceOf(s.bank.address)) - bankBefore).to.equal(sold - splitFee(sold, RULES.saleFeeBps).fee);
      fees += splitFee(sold, RULES.saleFeeBps).fee;
      expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);

      // Signed offer in the 18-decimal currency.
      const offer = { ...(await s.offerFor(id, outstanding - 1n, s.bank)), currency };
      await expect(
        s.market.connect(s.factor).acceptSignedOffer(offer, await s.signOffer(s.bank, offer)),
      ).to.changeTokenBalances(
        ethers,
        dai,
        [s.bank, s.factor, s.market],
        [
          -offer.price,
          offer.price - splitFee(offer.price, RULES.saleFeeBps).fee,
          splitFee(offer.price, RULES.saleFeeBps).fee,
        ],
      );
      fees += splitFee(offer.price, RULES.saleFeeBps).fee;
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);

      // The market owes nothing; the treasury collects the fees to the last wei and the market holds nothing.
      expect(await expectMarketSolvent(s, dai, [id])).to.equal(0n);
      expect(await s.market.feesAccrued(currency)).to.equal(fees);
      await expect(s.market.connect(s.operator).withdrawFees(currency, s.operator.address)).to.changeTokenBalances(
        ethers,
        dai,
        [s.market, s.operator],
        [-fees, fees],
      );
      expect(await dai.balanceOf(await s.market.getAddress())).to.equal(0n);
      expect(await s.market.totalLiabilities(currency)).to.equal(0n);
    });
  });

  describe("T6: a USDC-style currency that blocklists accounts", () => {
    async function blocklisted() {
      const s = await networkHelpers.loadFixture(fixture);
      const busd = await new BlocklistToken__factory(s.operator).deploy();
      const currency = await onboard(s, busd, 1_000_000n * USD, (buyer, spender) =>
        busd.connect(buyer).approve(spender, ethers.MaxUint256),
      );
      return { s, busd, currency };
    }

    it("the treasury is blocklisted: sales still succeed, the fee stays in the market, and it collects to another address", async () => {
      const { s, busd, currency } = await blocklisted();
      const treasury = s.operator; // the fixture's treasury
      await busd.connect(s.operator).setBlocklisted(treasury.address, true);
      const id = await s.issueAccepted({ currency });
      const ask = 9_800n * USD;
      await s.market.connect(s.sme).list(id, ask, 0n, await inADay(s));
      await expect(s.market.connect(s.factor).buy(id, ask)).not.to.emit(s.market, "Credited");
      await s.market.connect(s.bank).bid(id, 9_900n * USD, await inADay(s));
      await s.market.connect(s.factor).acceptBid(id, s.bank.address, 9_900n * USD);
      const fees = splitFee(ask, RULES.saleFeeBps).fee + splitFee(9_900n * USD, RULES.saleFeeBps).fee;
      expect(await s.market.credited(treasury.address, currency)).to.equal(0n);
      expect(await s.market.feesAccrued(currency)).to.equal(fees);
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);

      await expect(s.market.connect(treasury).withdrawFees(currency, treasury.address))
        .to.be.revertedWithCustomError(busd, "BlocklistTokenAccountBlocked")
        .withArgs(treasury.address);
      expect(await s.market.feesAccrued(currency)).to.equal(fees);
      const collect = s.market.connect(treasury).withdrawFees(currency, s.stranger.address);
      await expect(collect).to.changeTokenBalances(ethers, busd, [s.market, s.stranger], [-fees, fees]);
      await expect(collect)
        .to.emit(s.market, "FeesWithdrawn")
        .withArgs(treasury.address, currency, s.stranger.address, fees);
      expect(await busd.balanceOf(await s.market.getAddress())).to.equal(0n);
      expect(await s.market.totalLiabilities(currency)).to.equal(0n);
    });

    it("a bidder blocklisted after bidding cancels to another address (to itself it fails, the bid stays); its escrow can still be sold to", async () => {
      const { s, busd, currency } = await blocklisted();
      const id = await s.issueAccepted({ currency });
      const other = await s.issueAccepted({ currency, originator: s.sme2.address });
      await s.market.connect(s.bank).bid(id, 9_000n * USD, await inADay(s));
      await s.market.connect(s.bank).bid(other, 9_500n * USD, await inADay(s));
      await busd.connect(s.operator).setBlocklisted(s.bank.address, true);

      // Its cancel to itself fails on the token's refusal and leaves the bid in place: nothing is lost.
      const watch = { ids: [id, other], tokens: [busd] };
      const before = await marketSnapshot(s, watch);
      await expect(s.market.connect(s.bank).cancelBid(id, s.bank.address))
        .to.be.revertedWithCustomError(busd, "BlocklistTokenAccountBlocked")
        .withArgs(s.bank.address);
      expect(await marketSnapshot(s, watch)).to.deep.equal(before);
      expect((await s.market.bidOf(id, s.bank.address))[0].amount).to.equal(9_000n * USD);
      // Cancelled to a clean address, the escrow is paid there.
      const cancel = s.market.connect(s.bank).cancelBid(id, s.guarantor.address);
      await expect(cancel).to.changeTokenBalances(
        ethers,
        busd,
        [s.market, s.bank, s.guarantor],
        [-9_000n * USD, 0n, 9_000n * USD],
      );
      await expect(cancel)
        .to.emit(s.market, "BidCancelled")
        .withArgs(id, s.bank.address, s.guarantor.address, 9_000n * USD);

      // Its other, escrowed bid is money already in the market: the holder of that claim still sells to it.
      await expect(s.market.connect(s.sme2).acceptBid(other, s.bank.address, 9_500n * USD)).to.changeTokenBalances(
        ethers,
        busd,
        [s.sme2, s.market],
        [
          9_500n * USD - splitFee(9_500n * USD, RULES.saleFeeBps).fee,
          -(9_500n * USD - splitFee(9_500n * USD, RULES.saleFeeBps).fee),
        ],
      );
      expect(await s.claims.ownerOf(other)).to.equal(s.bank.address);
      expect(await expectMarketSolvent(s, busd, [id, other])).to.equal(0n);
      expect(await s.market.feesAccrued(currency)).to.equal(splitFee(9_500n * USD, RULES.saleFeeBps).fee);
    });

    it("a blocklisted seller cannot sell (the token refuses its net), and only its own sale fails", async () => {
      const { s, busd, currency } = await blocklisted();
      const id = await s.issueAccepted({ currency });
      const other = await s.issueAccepted({ currency, originator: s.sme2.address });
      const ask = 9_800n * USD;
      await s.market.connect(s.sme).list(id, ask, 0n, await inADay(s));
      await s.market.connect(s.sme2).list(other, ask, 0n, await inADay(s));
      await s.market.connect(s.bank).bid(id, 9_700n * USD, await inADay(s));
      await busd.connect(s.operator).setBlocklisted(s.sme.address, true);

      const before = await busd.balanceOf(s.factor.address);
      await expect(s.market.connect(s.factor).buy(id, ask))
        .to.be.revertedWithCustomError(busd, "BlocklistTokenAccountBlocked")
        .withArgs(s.sme.address);
      await expect(s.market.connect(s.sme).acceptBid(id, s.bank.address, 9_700n * USD))
        .to.be.revertedWithCustomError(busd, "BlocklistTokenAccountBlocked")
        .withArgs(s.sme.address);
      expect(await busd.balanceOf(s.factor.address)).to.equal(before);
      expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      expect((await s.market.listing(id)).seller).to.equal(s.sme.address);
      expect((await s.market.bidOf(id, s.bank.address))[1]).to.equal(true);

      // Another holder's sale in the same currency goes through.
      await expect(s.market.connect(s.factor).buy(other, ask)).to.changeTokenBalances(
        ethers,
        busd,
        [s.factor, s.sme2, s.market],
        [-ask, ask - splitFee(ask, RULES.saleFeeBps).fee, splitFee(ask, RULES.saleFeeBps).fee],
      );
      // The blocked seller can still delist, and the bank still gets its escrow back.
      await s.market.connect(s.sme).delist(id);
      await expect(s.market.connect(s.bank).cancelBid(id, s.bank.address)).to.changeTokenBalances(
        ethers,
        busd,
        [s.market, s.bank],
        [-9_700n * USD, 9_700n * USD],
      );
      expect(await expectMarketSolvent(s, busd, [id, other])).to.equal(0n);
      expect(await s.market.feesAccrued(currency)).to.equal(splitFee(ask, RULES.saleFeeBps).fee);
    });
  });

  describe("A4: a former holder after its claim was sold", () => {
    it("cannot accept bids, sell to offers, fill signed offers, list, update or delist: ClaimMarketNotHolder naming the holder", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const ask = 9_800n * USD;
      await s.market.connect(s.sme).list(id, ask, 0n, await inADay(s));
      await s.market.connect(s.factor).buy(id, ask);
      // The new holder lists it, the bank bids, a standing offer and a signed offer wait.
      await s.market.connect(s.factor).list(id, 9_950n * USD, 0n, await inADay(s));
      await s.market.connect(s.bank).bid(id, 9_900n * USD, await inADay(s));
      await s.market
        .connect(s.bank)
        .postStandingOffer(
          s.debtor.address,
          await s.usdc.getAddress(),
          1_000,
          90 * SECONDS_PER_DAY,
          100_000n * USD,
          (await s.now()) + 30n * DAY,
        );
      const offer = await s.offerFor(id, 9_900n * USD, s.bank);
      const signature = await s.signOffer(s.bank, offer);
      const watch = { ids: [id] };
      const args = [id, s.sme.address, s.factor.address];
      const later = await inADay(s);

      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptBid(id, s.bank.address, 0n),
        "ClaimMarketNotHolder",
        args,
        watch,
      );
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).sellToOffer(id, 0n, 0n),
        "ClaimMarketNotHolder",
        args,
        watch,
      );
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
        "ClaimMarketNotHolder",
        args,
        watch,
      );
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).updateListing(id, 1n, 0n, later),
        "ClaimMarketNotHolder",
        args,
        watch,
      );
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).delist(id),
        "ClaimMarketNotHolder",
        args,
        watch,
      );
      // Delisted by its holder, the claim still cannot be listed by its former holder.
      await s.market.connect(s.factor).delist(id);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).list(id, 1n, 0n, later),
        "ClaimMarketNotHolder",
        args,
        watch,
      );
      expect(await s.market.offerNonceUsed(s.bank.address, 0n)).to.equal(false);

      // The holder of record does each of these.
      await s.market.connect(s.factor).acceptSignedOffer(offer, signature);
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
    });
  });

  describe("F3: no standing approval or lock after a flow", () => {
    it("a listing bought, a bid accepted, a signed offer filled, a standing offer sold to and a delisting leave no ERC-721 approval and no lock", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const market = await s.market.getAddress();
      const id = await s.issueAccepted();
      const expectClean = async (step: string) => {
        expect(await s.claims.getApproved(id), `${step}: approved`).to.equal(ethers.ZeroAddress);
        expect(await s.claims.lockedBy(id), `${step}: lock`).to.equal(ethers.ZeroAddress);
        for (const holder of [s.sme, s.factor, s.bank]) {
          expect(await s.claims.isApprovedForAll(holder.address, market), `${step}: operator`).to.equal(false);
        }
      };
      await s.market.connect(s.sme).list(id, 9_800n * USD, 0n, await inADay(s));
      await s.market.connect(s.sme).delist(id);
      await expectClean("delisted");
      await s.market.connect(s.sme).list(id, 9_800n * USD, 0n, await inADay(s));
      await s.market.connect(s.factor).buy(id, 9_800n * USD);
      await expectClean("bought");
      await s.market.connect(s.bank).bid(id, 9_850n * USD, await inADay(s));
      await s.market.connect(s.factor).acceptBid(id, s.bank.address, 9_850n * USD);
      await expectClean("bid accepted");
      const offer = await s.offerFor(id, 9_900n * USD, s.factor);
      await s.market.connect(s.bank).acceptSignedOffer(offer, await s.signOffer(s.factor, offer));
      await expectClean("signed offer filled");
      await s.market
        .connect(s.bank)
        .postStandingOffer(
          s.debtor.address,
          await s.usdc.getAddress(),
          1_000,
          90 * SECONDS_PER_DAY,
          100_000n * USD,
          (await s.now()) + 30n * DAY,
        );
      await s.market.connect(s.factor).sellToOffer(id, 0n, 1n);
      await expectClean("sold to a standing offer");
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
    });
  });

  describe("M3: after many market operations", () => {
    it("every party withdraws its last wei and the market's balance is exactly 0", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      const market = await s.market.getAddress();
      const ids = [
        await s.issueAccepted({ faceValue: 10_007n * USD + 3n }),
        await s.issueAccepted({ originator: s.sme2.address, faceValue: 4_321n * USD + 17n }),
        await s.issueAccepted({ debtor: s.debtor2.address, faceValue: 777n * USD + 1n }),
      ];
      const expiry = (await s.now()) + 20n * DAY;
      const [a, b, c] = ids;

      // Odd-sized bids, raised, lowered, re-placed and cancelled by both factors on every claim.
      const amounts = [1_234_567_891n, 3_999_999_999n, 7_777_777_777n];
      for (const [i, id] of ids.entries()) {
        const outstanding = (await s.claimLens.claim(id)).faceValue;
        const start = outstanding / 100n + BigInt(i) + 1n;
        await s.market.connect(s.factor).bid(id, start, expiry);
        await s.market.connect(s.bank).bid(id, start + 13n, expiry);
        await s.market.connect(s.factor).bid(id, (outstanding * 9n) / 10n - 7n, expiry); // raise
        await s.market.connect(s.bank).bid(id, amounts[i] % outstanding, expiry); // raise
        await s.market.connect(s.bank).bid(id, (amounts[i] % outstanding) - 333n, expiry); // lower
        await s.market.connect(s.factor).bid(id, (outstanding * 9n) / 10n - 1_001n, expiry); // lower
      }
      await expectMarketSolvent(s, s.usdc, ids);

      // Sales of every kind at odd prices: a bid taken, a listing bought, a signed offer, a standing offer.
      await s.market.connect(s.sme).acceptBid(a, s.factor.address, 0n);
      await s.market.connect(s.sme2).list(b, 4_000n * USD + 999n, 0n, expiry);
      await s.market.connect(s.factor).cancelBid(b, s.factor.address);
      await s.market.connect(s.factor).buy(b, 4_000n * USD + 999n);
      const offer = await s.offerFor(c, 700n * USD + 77n, s.factor, 5n);
      await s.market.connect(s.sme).acceptSignedOffer(offer, await s.signOffer(s.factor, offer));
      await s.market
        .connect(s.bank)
        .postStandingOffer(s.debtor.address, usdc, 777, 90 * SECONDS_PER_DAY, 100_000n * USD, expiry);
      await s.market.connect(s.factor).sellToOffer(a, 0n, 1n); // factor resells a to the bank's offer
      // Part payments move the nonces; stale bids are re-placed, then lowered and cancelled.
      await s.claims.connect(s.debtor).pay(b, 1_111n * USD + 1n);
      await s.market.connect(s.bank).bid(b, 2_000n * USD + 3n, expiry);
      await s.market.connect(s.bank).bid(b, 1_999n * USD + 2n, expiry);
      await s.market.connect(s.factor).acceptBid(b, s.bank.address, 0n);
      await s.market.connect(s.bank).bid(c, 600n * USD + 5n, expiry);
      await s.market.connect(s.factor).acceptBid(c, s.bank.address, 0n);
      for (const id of ids) {
        for (const bidder of [s.factor, s.bank]) {
          const { amount } = (await s.market.bidOf(id, bidder.address))[0];
          if (amount === 0n) continue;
          await expect(s.market.connect(bidder).cancelBid(id, bidder.address)).to.changeTokenBalances(
            ethers,
            s.usdc,
            [s.market, bidder],
            [-amount, amount],
          );
        }
      }
      expect(await s.claims.ownerOf(a)).to.equal(s.bank.address);
      expect(await s.claims.ownerOf(b)).to.equal(s.bank.address);
      expect(await s.claims.ownerOf(c)).to.equal(s.bank.address);

      // Nothing is escrowed any more: everything the market owes is a credit, and each is withdrawn exactly; the
      // rest of its balance is the fees, which the treasury collects to the last wei.
      const liabilities = await expectMarketSolvent(s, s.usdc, ids);
      const fees = await s.market.feesAccrued(usdc);
      expect(fees).to.be.greaterThan(0n);
      expect(await s.usdc.balanceOf(market)).to.equal(liabilities + fees);
      await expect(s.market.connect(s.operator).withdrawFees(usdc, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.operator],
        [-fees, fees],
      );
      let paid = 0n;
      for (const account of [s.factor, s.bank]) {
        const owed = await s.market.credited(account.address, usdc);
        expect(owed, `${account.address} is owed something`).to.be.greaterThan(0n);
        await expect(s.market.connect(account).withdraw(usdc, account.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.market, account],
          [-owed, owed],
        );
        paid += owed;
        expect(await s.market.credited(account.address, usdc)).to.equal(0n);
      }
      expect(paid).to.equal(liabilities);
      for (const account of cast(s)) expect(await s.market.credited(account, usdc)).to.equal(0n);
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(market)).to.equal(0n);
    });
  });

  describe("D2: tokens donated straight to the market", () => {
    it("change no credit or liability, stay exact for sales and withdrawals, and are collected as fees", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const usdc = await s.usdc.getAddress();
      const market = await s.market.getAddress();
      const id = await s.issueAccepted();
      await s.market.connect(s.bank).bid(id, 9_000n * USD, await inADay(s));
      await s.market.connect(s.factor).bid(id, 9_100n * USD, await inADay(s));
      const credits = async () =>
        Promise.all([s.factor, s.bank, s.operator, s.sme, s.stranger].map((a) => s.market.credited(a.address, usdc)));
      const creditsBefore = await credits();
      const liabilitiesBefore = await s.market.totalLiabilities(usdc);

      const donation = 123_456_789n;
      await s.usdc.connect(s.debtor).transfer(market, donation);
      expect(await credits()).to.deep.equal(creditsBefore);
      expect(await s.market.totalLiabilities(usdc)).to.equal(liabilitiesBefore);
      expect(await s.usdc.balanceOf(market)).to.equal(liabilitiesBefore + donation);
      expect(await s.market.feesAccrued(usdc)).to.equal(donation);

      // A sale pulls and pays exactly, whatever the balance: the pull is checked by balance delta.
      const ask = 9_800n * USD;
      await s.market.connect(s.sme).list(id, ask, 0n, await inADay(s));
      await expect(s.market.connect(s.bank).buy(id, ask)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.bank, s.sme, s.market],
        [-ask, ask - splitFee(ask, RULES.saleFeeBps).fee, splitFee(ask, RULES.saleFeeBps).fee],
      );
      // A second donation mid-way, then the losing bids are cancelled: each bidder gets exactly its escrow back.
      await s.usdc.connect(s.debtor).transfer(market, 1n);
      for (const [account, owed] of [
        [s.bank, 9_000n * USD],
        [s.factor, 9_100n * USD],
      ] as const) {
        await expect(s.market.connect(account).cancelBid(id, account.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.market, account],
          [-owed, owed],
        );
      }
      // Nobody's credit holds the donations: the donor cannot withdraw them, and the market owes nothing.
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.debtor).withdraw(usdc, s.debtor.address),
        "ClaimMarketNothingToWithdraw",
        [s.debtor.address, usdc],
      );
      expect(await s.market.credited(s.operator.address, usdc)).to.equal(0n);
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(market)).to.equal(donation + 1n + splitFee(ask, RULES.saleFeeBps).fee);
      // They are surplus: the treasury collects them with the sale fee, and the market holds nothing.
      await expect(s.market.connect(s.operator).withdrawFees(usdc, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.operator],
        [-(donation + 1n + splitFee(ask, RULES.saleFeeBps).fee), donation + 1n + splitFee(ask, RULES.saleFeeBps).fee],
      );
      expect(await s.usdc.balanceOf(market)).to.equal(0n);
    });
  });
});
