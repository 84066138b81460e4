import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { MaxUint256, ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  DisputeOutcome as Outcome,
  HOUR,
  priceForYield,
  Role,
  SaleKind,
  SECONDS_PER_DAY,
  splitFee,
} from "@openfactor/sdk";
import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { expectMarketRevertUnchanged, type MarketWatch } from "./helpers/marketState.js";
import { EVIDENCE, reachState } from "./helpers/states.js";
import { FeeOnTransferToken__factory, MockStablecoin__factory } from "../types/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** The fixture's standing offer: the factor buys claims on `debtor` in USDC at 10 % a year. */
const OFFER = {
  yieldBps: 1_000,
  maxTenor: 90 * SECONDS_PER_DAY,
  exposureLimit: 25_000n * USD,
  /** Seconds from the fixture's start to the offer's expiry: beyond the claims' due dates. */
  lifetime: 180n * DAY,
} as const;

/** The claim the fixture issues: 10,000 USD from `sme` on `debtor`, due in 60 days. */
const FACE = 10_000n * USD;

async function standingFixture() {
  const s = await deployMarketSystem(connection);
  const usdc = await s.usdc.getAddress();
  const expiry = (await s.now()) + OFFER.lifetime;
  await s.market
    .connect(s.factor)
    .postStandingOffer(s.debtor.address, usdc, OFFER.yieldBps, OFFER.maxTenor, OFFER.exposureLimit, expiry);
  const id = await s.issueAccepted();
  return { s, usdc, expiry, offerId: 0n, id };
}

/** What a refused sale of `id` to `offerId` must leave untouched. */
const saleWatch = (s: MarketSystem, ids: bigint[], offerIds: bigint[] = [0n]): MarketWatch => ({
  ids: ids,
  offerIds,
  accounts: [s.operator, s.sme, s.factor, s.bank, s.guarantor, s.stranger],
});

/** The market's quote for `id` at timestamp `at`, read in a block mined at `at` and then rolled back. */
async function quoteAt(s: MarketSystem, id: bigint, offerId: bigint, at: bigint): Promise<bigint> {
  const before = await networkHelpers.takeSnapshot();
  await time.increaseTo(at);
  const price = await s.market.quote(id, offerId);
  await before.restore();
  return price;
}

/** The fixture's claim sold to the fixture's offer: the factor holds it with 10,000 USD of exposure. */
async function soldToFactor() {
  const f = await networkHelpers.loadFixture(standingFixture);
  await f.s.market.connect(f.s.sme).sellToOffer(f.id, f.offerId, 0n);
  return f;
}

describe("ClaimMarket: standing rate offers", () => {
  describe("postStandingOffer", () => {
    describe("when a verified factor posts valid terms", () => {
      it("stores the offer under the next id, lists it under the debtor and emits StandingOfferPosted", async () => {
        const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
        const expiry = (await s.now()) + 10n * DAY;
        const post = () =>
          s.market
            .connect(s.bank)
            .postStandingOffer(s.debtor.address, usdc, 250, 30 * SECONDS_PER_DAY, 7n * USD, expiry);
        expect(
          await s.market
            .connect(s.bank)
            .postStandingOffer.staticCall(s.debtor.address, usdc, 250, 30 * SECONDS_PER_DAY, 7n * USD, expiry),
        ).to.equal(1n);
        await expect(post())
          .to.emit(s.market, "StandingOfferPosted")
          .withArgs(1n, s.bank.address, s.debtor.address, usdc, 250, 30 * SECONDS_PER_DAY, 7n * USD, expiry);
        const o = await s.market.standingOffer(1n);
        const { factor, maxTenor, debtor, yieldBps, active, currency, exposureLimit, exposureUsed } = o;
        expect({
          factor,
          expiry: o.expiry,
          maxTenor,
          debtor,
          yieldBps,
          active,
          currency,
          exposureLimit,
          exposureUsed,
        }).to.deep.equal({
          factor: s.bank.address,
          expiry,
          maxTenor: BigInt(30 * SECONDS_PER_DAY),
          debtor: s.debtor.address,
          yieldBps: 250n,
          active: true,
          currency: usdc,
          exposureLimit: 7n * USD,
          exposureUsed: 0n,
        });
        const [ids, total] = await s.market.standingOffersOf(s.debtor.address, 0n, 10n);
        expect([...ids]).to.deep.equal([0n, 1n]);
        expect(total).to.equal(2n);
      });

      it("takes the edges of every term: yield 1 and 10,000 bps, tenor and limit of 1, expiry one second ahead", async () => {
        const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
        for (const yieldBps of [1, 10_000]) {
          await s.market
            .connect(s.factor)
            .postStandingOffer(s.debtor2.address, usdc, yieldBps, 1, 1n, (await s.now()) + DAY);
        }
        const next = (await s.now()) + 1n;
        await time.setNextBlockTimestamp(next);
        await expect(s.market.connect(s.factor).postStandingOffer(s.debtor2.address, usdc, 1, 1, 1n, next + 1n))
          .to.emit(s.market, "StandingOfferPosted")
          .withArgs(3n, s.factor.address, s.debtor2.address, usdc, 1, 1, 1n, next + 1n);
        expect((await s.market.standingOffer(2n)).yieldBps).to.equal(10_000n);
      });

      it("lets one factor post several offers on one debtor, on any debtor address (verified or not)", async () => {
        const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
        const expiry = (await s.now()) + DAY;
        await s.market.connect(s.factor).postStandingOffer(s.debtor.address, usdc, 500, 86_400, USD, expiry);
        await s.market.connect(s.factor).postStandingOffer(s.stranger.address, usdc, 500, 86_400, USD, expiry);
        expect((await s.market.standingOffersOf(s.debtor.address, 0n, 10n)).total).to.equal(2n);
        expect((await s.market.standingOffersOf(s.stranger.address, 0n, 10n))[0]).to.deep.equal([2n]);
      });
    });

    describe("when the caller is not a verified factor", () => {
      it("refuses the originator, the debtor, a guarantor and a stranger with ClaimMarketNotVerified", async () => {
        const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
        const expiry = (await s.now()) + DAY;
        for (const who of [s.sme, s.debtor2, s.guarantor, s.stranger, s.operator]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(who).postStandingOffer(s.debtor.address, usdc, 500, 86_400, USD, expiry),
            "ClaimMarketNotVerified",
            [who.address, Role.Factor],
            { offerIds: [0n] },
          );
        }
        expect((await s.market.standingOffersOf(s.debtor.address, 0n, 10n)).total).to.equal(1n);
      });

      it("refuses a factor whose verification expired, was revoked or is suspended", async () => {
        const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
        const expiry = (await s.now()) + 400n * DAY;
        const post = (who: HardhatEthersSigner) =>
          s.market.connect(who).postStandingOffer(s.debtor.address, usdc, 500, 86_400, USD, expiry);
        await s.registry.revoke(s.bank.address, Role.Factor);
        await expectMarketRevertUnchanged(s, () => post(s.bank), "ClaimMarketNotVerified", [
          s.bank.address,
          Role.Factor,
        ]);
        await s.registry.setSuspended(s.factor.address, true);
        await expectMarketRevertUnchanged(s, () => post(s.factor), "ClaimMarketNotVerified", [
          s.factor.address,
          Role.Factor,
        ]);
        await s.registry.setSuspended(s.factor.address, false);
        await time.increase(366n * DAY);
        await expectMarketRevertUnchanged(s, () => post(s.factor), "ClaimMarketNotVerified", [
          s.factor.address,
          Role.Factor,
        ]);
      });
    });

    describe("when a term is out of range", () => {
      const cases: [string, (debtor: string, factor: string) => [string, number, number, bigint]][] = [
        ["a yield of 0", (debtor) => [debtor, 0, OFFER.maxTenor, USD]],
        ["a yield of 10,001 bps", (debtor) => [debtor, 10_001, OFFER.maxTenor, USD]],
        ["a yield of 2^32 - 1 bps", (debtor) => [debtor, 2 ** 32 - 1, OFFER.maxTenor, USD]],
        ["a max tenor of 0", (debtor) => [debtor, 500, 0, USD]],
        ["an exposure limit of 0", (debtor) => [debtor, 500, OFFER.maxTenor, 0n]],
        ["the zero address as debtor", () => [ZeroAddress, 500, OFFER.maxTenor, USD]],
        ["the factor itself as debtor", (_, factor) => [factor, 500, OFFER.maxTenor, USD]],
      ];
      for (const [title, terms] of cases) {
        it(`refuses ${title} with ClaimMarketInvalidOffer`, async () => {
          const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
          const [debtor, yieldBps, maxTenor, limit] = terms(s.debtor.address, s.factor.address);
          const expiry = (await s.now()) + DAY;
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.factor).postStandingOffer(debtor, usdc, yieldBps, maxTenor, limit, expiry),
            "ClaimMarketInvalidOffer",
            [],
            { offerIds: [0n] },
          );
          await expect(s.market.standingOffer(1n)).to.be.revertedWithCustomError(s.market, "ClaimMarketUnknownOffer");
        });
      }
    });

    describe("when the currency is not allowlisted", () => {
      it("refuses it with ClaimMarketCurrencyNotAllowed: a token never allowed, one disallowed, and zero", async () => {
        const { s } = await networkHelpers.loadFixture(standingFixture);
        const other = await new MockStablecoin__factory(s.operator).deploy("Euro Coin", "EURC", 6);
        const disallowed = await new MockStablecoin__factory(s.operator).deploy("Old Coin", "OLD", 6);
        await s.registry.setCurrencyAllowed(await disallowed.getAddress(), true);
        await s.registry.setCurrencyAllowed(await disallowed.getAddress(), false);
        const expiry = (await s.now()) + DAY;
        for (const currency of [await other.getAddress(), await disallowed.getAddress(), ZeroAddress]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.factor).postStandingOffer(s.debtor.address, currency, 500, 86_400, USD, expiry),
            "ClaimMarketCurrencyNotAllowed",
            [currency],
          );
        }
      });
    });

    describe("when the expiry is not in the future", () => {
      for (const [label, offset] of [
        ["now", 0n],
        ["a second ago", -1n],
        ["zero", null],
      ] as const) {
        it(`refuses an expiry of ${label} with ClaimMarketDeadlineNotInFuture`, async () => {
          const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
          const at = (await s.now()) + 10n;
          const expiry = offset === null ? 0n : at + offset;
          await time.setNextBlockTimestamp(at);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.factor).postStandingOffer(s.debtor.address, usdc, 500, 86_400, USD, expiry),
            "ClaimMarketDeadlineNotInFuture",
            [expiry, at],
          );
        });
      }
    });

    describe("when the registry is paused", () => {
      it("refuses to post with ClaimMarketPaused, and posts again once unpaused", async () => {
        const { s, usdc } = await networkHelpers.loadFixture(standingFixture);
        await s.registry.pause();
        const expiry = (await s.now()) + DAY;
        const post = () =>
          s.market.connect(s.factor).postStandingOffer(s.debtor.address, usdc, 500, 86_400, USD, expiry);
        await expectMarketRevertUnchanged(s, post, "ClaimMarketPaused", []);
        await s.registry.unpause();
        await expect(post()).to.emit(s.market, "StandingOfferPosted");
      });
    });
  });

  describe("standingOffersOf and standingOffer", () => {
    async function manyOffers() {
      const f = await networkHelpers.loadFixture(standingFixture);
      const { s, usdc } = f;
      const expiry = (await s.now()) + DAY;
      // Ids 1..4 on debtor (0 is the fixture's), 5 and 6 on debtor2, interleaved.
      const on = [s.debtor, s.debtor2, s.debtor, s.debtor2, s.debtor, s.debtor];
      for (const debtor of on) {
        await s.market.connect(s.bank).postStandingOffer(debtor.address, usdc, 700, 86_400, USD, expiry);
      }
      return f;
    }

    const pages: [bigint, bigint, bigint[]][] = [
      [0n, 2n, [0n, 1n]],
      [2n, 2n, [3n, 5n]],
      [4n, 2n, [6n]],
      [4n, 100n, [6n]],
      [5n, 1n, []],
      [50n, 1n, []],
      [0n, 0n, []],
      [0n, MaxUint256, [0n, 1n, 3n, 5n, 6n]],
      [MaxUint256, MaxUint256, []],
    ];
    for (const [offset, limit, expected] of pages) {
      it(`pages a debtor's offers, oldest first: offset ${offset}, limit ${limit}`, async () => {
        const { s } = await manyOffers();
        const [ids, total] = await s.market.standingOffersOf(s.debtor.address, offset, limit);
        expect([...ids]).to.deep.equal(expected);
        expect(total).to.equal(5n);
      });
    }

    it("keeps each debtor's list apart, keeps cancelled offers listed, and is empty for an unknown debtor", async () => {
      const { s } = await manyOffers();
      await s.market.connect(s.bank).cancelStandingOffer(2n);
      const [ids, total] = await s.market.standingOffersOf(s.debtor2.address, 0n, 10n);
      expect([...ids]).to.deep.equal([2n, 4n]);
      expect(total).to.equal(2n);
      expect((await s.market.standingOffer(2n)).active).to.equal(false);
      const [none, zero] = await s.market.standingOffersOf(s.stranger.address, 0n, 10n);
      expect([...none]).to.deep.equal([]);
      expect(zero).to.equal(0n);
    });

    it("refuses an unknown offer id with ClaimMarketUnknownOffer", async () => {
      const { s } = await manyOffers();
      await expect(s.market.standingOffer(7n))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketUnknownOffer")
        .withArgs(7n);
      await expect(s.market.standingOffer(MaxUint256))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketUnknownOffer")
        .withArgs(MaxUint256);
    });
  });

  describe("cancelStandingOffer", () => {
    describe("when its factor cancels it", () => {
      it("deactivates it, emits StandingOfferCancelled, and the offer no longer quotes or buys", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        await expect(s.market.connect(s.factor).cancelStandingOffer(offerId))
          .to.emit(s.market, "StandingOfferCancelled")
          .withArgs(offerId);
        expect((await s.market.standingOffer(offerId)).active).to.equal(false);
        await expect(s.market.quote(id, offerId))
          .to.be.revertedWithCustomError(s.market, "ClaimMarketOfferNotActive")
          .withArgs(offerId);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
          "ClaimMarketOfferNotActive",
          [offerId],
          saleWatch(s, [id]),
        );
      });

      it("refuses a second cancellation with ClaimMarketOfferNotActive", async () => {
        const { s, offerId } = await networkHelpers.loadFixture(standingFixture);
        await s.market.connect(s.factor).cancelStandingOffer(offerId);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).cancelStandingOffer(offerId),
          "ClaimMarketOfferNotActive",
          [offerId],
          { offerIds: [offerId] },
        );
      });

      it("cancels an expired offer, and cancels while the registry is paused", async () => {
        const { s, offerId, expiry } = await networkHelpers.loadFixture(standingFixture);
        await time.increaseTo(expiry + 1n);
        await s.registry.pause();
        await expect(s.market.connect(s.factor).cancelStandingOffer(offerId))
          .to.emit(s.market, "StandingOfferCancelled")
          .withArgs(offerId);
      });

      it("keeps the exposure it holds until released", async () => {
        const { s, offerId, id } = await soldToFactor();
        await s.market.connect(s.factor).cancelStandingOffer(offerId);
        expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(FACE);
        await s.claims.connect(s.debtor).pay(id, FACE);
        await expect(s.market.connect(s.stranger).releaseExposure(id))
          .to.emit(s.market, "ExposureReleased")
          .withArgs(offerId, id, FACE);
        expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(0n);
      });
    });

    describe("when anyone else tries", () => {
      it("refuses the debtor, another factor, the operator and a stranger with ClaimMarketNotOfferFactor", async () => {
        const { s, offerId } = await networkHelpers.loadFixture(standingFixture);
        for (const who of [s.debtor, s.bank, s.operator, s.stranger]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(who).cancelStandingOffer(offerId),
            "ClaimMarketNotOfferFactor",
            [offerId, who.address],
            { offerIds: [offerId] },
          );
        }
      });

      it("refuses an unknown offer with ClaimMarketUnknownOffer", async () => {
        const { s } = await networkHelpers.loadFixture(standingFixture);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).cancelStandingOffer(1n),
          "ClaimMarketUnknownOffer",
          [1n],
        );
      });
    });
  });

  describe("sellToOffer", () => {
    describe("when the holder sells a matching claim", () => {
      it("swaps atomically: price from the factor, fee kept for the treasury, net to the seller, claim to the factor", async () => {
        const { s, usdc, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        const at = (await s.now()) + 100n;
        const { dueDate } = await s.claimLens.claim(id);
        const price = priceForYield(FACE, OFFER.yieldBps, dueDate - at);
        const { fee, net } = splitFee(price, RULES.saleFeeBps);
        expect(fee).to.be.greaterThan(0n);
        const liabilities = await s.market.totalLiabilities(usdc);
        await time.setNextBlockTimestamp(at);
        const tx = s.market.connect(s.sme).sellToOffer(id, offerId, price);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.sme, s.market, s.operator, s.bank],
          [-price, net, fee, 0n, 0n],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, price, fee, SaleKind.StandingOffer);
        await expect(tx).not.to.emit(s.market, "Credited");
        await expect(tx).to.not.emit(s.market, "ExposureReleased");
        expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        expect(await s.market.credited(s.operator.address, usdc)).to.equal(0n);
        expect(await s.market.feesAccrued(usdc)).to.equal(fee);
        expect(await s.market.totalLiabilities(usdc)).to.equal(liabilities);
        expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(FACE);
      });

      it("pays exactly what quote() showed for that second", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        const at = (await s.now()) + HOUR;
        const quoted = await quoteAt(s, id, offerId, at);
        await time.setNextBlockTimestamp(at);
        await expect(s.market.connect(s.sme).sellToOffer(id, offerId, quoted))
          .to.emit(s.market, "ClaimSold")
          .withArgs(
            id,
            s.sme.address,
            s.factor.address,
            quoted,
            splitFee(quoted, RULES.saleFeeBps).fee,
            SaleKind.StandingOffer,
          );
      });

      it("prices a partly paid claim on what it still owes, and takes that much exposure", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        await s.claims.connect(s.debtor).pay(id, 4_000n * USD);
        const at = (await s.now()) + 10n;
        const { dueDate } = await s.claimLens.claim(id);
        const price = priceForYield(6_000n * USD, OFFER.yieldBps, dueDate - at);
        await time.setNextBlockTimestamp(at);
        await expect(s.market.connect(s.sme).sellToOffer(id, offerId, price))
          .to.emit(s.market, "ClaimSold")
          .withArgs(
            id,
            s.sme.address,
            s.factor.address,
            price,
            splitFee(price, RULES.saleFeeBps).fee,
            SaleKind.StandingOffer,
          );
        expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(6_000n * USD);
      });

      it("resells a Financed claim: a factor holding one sells it to a bank's offer", async () => {
        const { s, usdc, id } = await soldToFactor();
        await s.market
          .connect(s.bank)
          .postStandingOffer(s.debtor.address, usdc, 800, OFFER.maxTenor, FACE, (await s.now()) + DAY);
        await s.market.connect(s.factor).sellToOffer(id, 1n, 0n);
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        expect((await s.market.standingOffer(1n)).exposureUsed).to.equal(FACE);
      });
    });

    describe("when the caller is not the holder (A1)", () => {
      it("refuses the buyer itself, the debtor, another factor and a stranger with ClaimMarketNotHolder", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        for (const who of [s.factor, s.debtor, s.bank, s.stranger, s.operator]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(who).sellToOffer(id, offerId, 0n),
            "ClaimMarketNotHolder",
            [id, who.address, s.sme.address],
            saleWatch(s, [id]),
          );
        }
      });

      it("refuses the factor selling a claim it holds to its own offer with ClaimMarketSelfTrade", async () => {
        const { s, offerId, id } = await soldToFactor();
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).sellToOffer(id, offerId, 0n),
          "ClaimMarketSelfTrade",
          [s.factor.address],
          saleWatch(s, [id]),
        );
      });
    });

    describe("when the claim does not match the offer", () => {
      it("refuses a claim on another debtor with ClaimMarketOfferMismatch", async () => {
        const { s, offerId } = await networkHelpers.loadFixture(standingFixture);
        const other = await s.issueAccepted({ debtor: s.debtor2.address });
        await expect(s.market.quote(other, offerId))
          .to.be.revertedWithCustomError(s.market, "ClaimMarketOfferMismatch")
          .withArgs(offerId, other);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(other, offerId, 0n),
          "ClaimMarketOfferMismatch",
          [offerId, other],
          saleWatch(s, [other]),
        );
      });

      it("refuses a claim in another currency with ClaimMarketOfferMismatch", async () => {
        const { s, offerId } = await networkHelpers.loadFixture(standingFixture);
        const dai = await new MockStablecoin__factory(s.operator).deploy("Dai Stablecoin", "DAI", 18);
        await s.registry.setCurrencyAllowed(await dai.getAddress(), true);
        const other = await s.issueAccepted({ currency: await dai.getAddress(), faceValue: 10n ** 22n });
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(other, offerId, 0n),
          "ClaimMarketOfferMismatch",
          [offerId, other],
          saleWatch(s, [other]),
        );
      });

      it("refuses an unknown offer with ClaimMarketUnknownOffer", async () => {
        const { s, id } = await networkHelpers.loadFixture(standingFixture);
        for (const offerId of [1n, MaxUint256]) {
          await expect(s.market.quote(id, offerId))
            .to.be.revertedWithCustomError(s.market, "ClaimMarketUnknownOffer")
            .withArgs(offerId);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
            "ClaimMarketUnknownOffer",
            [offerId],
            saleWatch(s, [id]),
          );
        }
      });
    });

    describe("when the remaining tenor is outside the offer's", () => {
      /** Timestamps relative to the claim's due date, with whether the sale goes through. */
      const edges: [string, (due: bigint) => bigint, boolean][] = [
        ["maxTenor + 1 before the due date", (due) => due - BigInt(OFFER.maxTenor) - 1n, false],
        ["exactly maxTenor before the due date", (due) => due - BigInt(OFFER.maxTenor), true],
        ["one second before the due date", (due) => due - 1n, true],
        ["at the due date", (due) => due, false],
        ["after the due date (not yet poked Overdue)", (due) => due + 1n, false],
      ];
      for (const [label, when, ok] of edges) {
        it(`${ok ? "sells" : "refuses with ClaimMarketTenorNotAccepted"} ${label}`, async () => {
          const { s, offerId } = await networkHelpers.loadFixture(standingFixture);
          const id = await s.issueAccepted({ dueDate: (await s.now()) + 120n * DAY });
          const { dueDate } = await s.claimLens.claim(id);
          const at = when(dueDate);
          const remaining = dueDate > at ? dueDate - at : 0n;
          await time.setNextBlockTimestamp(at);
          if (ok) {
            await expect(s.market.connect(s.sme).sellToOffer(id, offerId, 1n))
              .to.emit(s.market, "ClaimSold")
              .withArgs(
                id,
                s.sme.address,
                s.factor.address,
                priceForYield(FACE, OFFER.yieldBps, remaining),
                (v: bigint) => v > 0n,
                SaleKind.StandingOffer,
              );
          } else {
            await expectMarketRevertUnchanged(
              s,
              () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
              "ClaimMarketTenorNotAccepted",
              [offerId, remaining, OFFER.maxTenor],
              saleWatch(s, [id]),
            );
            // The refused sale was never mined: mine the block at `at` for the view.
            await networkHelpers.mine();
            expect(await s.now()).to.equal(at);
            await expect(s.market.quote(id, offerId))
              .to.be.revertedWithCustomError(s.market, "ClaimMarketTenorNotAccepted")
              .withArgs(offerId, remaining, OFFER.maxTenor);
          }
        });
      }
    });

    describe("when the claim is not sellable", () => {
      for (const state of [State.Issued, State.Overdue, State.Disputed, State.Settled, State.Voided] as const) {
        it(`refuses a claim in state ${state} with ClaimMarketClaimNotSellable`, async () => {
          const { s, offerId } = await networkHelpers.loadFixture(standingFixture);
          const id = await reachState(s, state);
          await expect(s.market.quote(id, offerId))
            .to.be.revertedWithCustomError(s.market, "ClaimMarketClaimNotSellable")
            .withArgs(id, state);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
            "ClaimMarketClaimNotSellable",
            [id, state],
            saleWatch(s, [id]),
          );
        });
      }
    });

    describe("when the offer is no longer active", () => {
      it("sells at its expiry second and refuses one second later with ClaimMarketOfferNotActive", async () => {
        const { s, usdc, id } = await networkHelpers.loadFixture(standingFixture);
        const expiry = (await s.now()) + 100n;
        await s.market.connect(s.bank).postStandingOffer(s.debtor.address, usdc, 500, OFFER.maxTenor, FACE, expiry);
        const second = await s.issueAccepted();
        await time.setNextBlockTimestamp(expiry);
        await s.market.connect(s.sme).sellToOffer(id, 1n, 0n);
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        await time.setNextBlockTimestamp(expiry + 1n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(second, 1n, 0n),
          "ClaimMarketOfferNotActive",
          [1n],
          saleWatch(s, [second], [1n]),
        );
      });
    });

    describe("when the price moved below the seller's minimum (R1)", () => {
      it("refuses with ClaimMarketPriceBelowMinimum carrying the price and the minimum", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        const at = (await s.now()) + 50n;
        const quoted = await quoteAt(s, id, offerId, at);
        await time.setNextBlockTimestamp(at);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(id, offerId, quoted + 1n),
          "ClaimMarketPriceBelowMinimum",
          [id, quoted, quoted + 1n],
          saleWatch(s, [id]),
        );
      });

      it("refuses a minimum the offer never reaches, such as the face value", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        await expect(s.market.connect(s.sme).sellToOffer(id, offerId, FACE)).to.be.revertedWithCustomError(
          s.market,
          "ClaimMarketPriceBelowMinimum",
        );
      });
    });

    describe("exposure", () => {
      it("grows by each claim's outstanding amount up to the limit, then refuses with ClaimMarketExposureExceeded", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        const second = await s.issueAccepted();
        const exact = await s.issueAccepted({ faceValue: 5_000n * USD });
        const over = await s.issueAccepted({ faceValue: 1n });
        await s.market.connect(s.sme).sellToOffer(id, offerId, 0n);
        await s.market.connect(s.sme).sellToOffer(second, offerId, 0n);
        expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(20_000n * USD);
        const big = await s.issueAccepted();
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(big, offerId, 0n),
          "ClaimMarketExposureExceeded",
          [offerId, FACE, 5_000n * USD],
          saleWatch(s, [big]),
        );
        await s.market.connect(s.sme).sellToOffer(exact, offerId, 0n);
        expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(OFFER.exposureLimit);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(over, offerId, 0n),
          "ClaimMarketExposureExceeded",
          [offerId, 1n, 0n],
          saleWatch(s, [over]),
        );
      });

      describe("when the factor resells the claim through the market", () => {
        const resales: [string, (f: Awaited<ReturnType<typeof soldToFactor>>) => Promise<unknown>][] = [
          [
            "at its listing's ask price",
            async ({ s, id }) => {
              await s.market.connect(s.factor).list(id, 9_950n * USD, 0n, (await s.now()) + DAY);
              return s.market.connect(s.bank).buy(id, 9_950n * USD);
            },
          ],
          [
            "to an escrowed bid",
            async ({ s, id }) => {
              await s.market.connect(s.bank).bid(id, 9_950n * USD, (await s.now()) + DAY);
              return s.market.connect(s.factor).acceptBid(id, s.bank.address, 9_950n * USD);
            },
          ],
          [
            "to a signed offer",
            async ({ s, id }) => {
              const offer = await s.offerFor(id, 9_950n * USD, s.bank);
              return s.market.connect(s.factor).acceptSignedOffer(offer, await s.signOffer(s.bank, offer));
            },
          ],
          [
            // The dispute returns the claim to Financed, never to Accepted: the sale still reads the exposure record.
            "to an escrowed bid, after a dispute upheld",
            async ({ s, id }) => {
              await s.claims.connect(s.debtor).dispute(id, EVIDENCE);
              await s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
              expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
              await s.market.connect(s.bank).bid(id, 9_950n * USD, (await s.now()) + DAY);
              return s.market.connect(s.factor).acceptBid(id, s.bank.address, 9_950n * USD);
            },
          ],
          [
            "to another factor's standing offer",
            async ({ s, usdc, id }) => {
              await s.market
                .connect(s.bank)
                .postStandingOffer(s.debtor.address, usdc, 900, OFFER.maxTenor, FACE, (await s.now()) + DAY);
              return s.market.connect(s.factor).sellToOffer(id, 1n, 0n);
            },
          ],
        ];
        for (const [how, resell] of resales) {
          it(`frees the exposure in the same sale, ${how}`, async () => {
            const f = await soldToFactor();
            const { s, offerId, id } = f;
            const tx = resell(f);
            await expect(tx).to.emit(s.market, "ExposureReleased").withArgs(offerId, id, FACE);
            expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
            expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(0n);
            await expectMarketRevertUnchanged(
              s,
              () => s.market.connect(s.stranger).releaseExposure(id),
              "ClaimMarketExposureNotReleasable",
              [id],
              saleWatch(s, [id]),
            );
          });
        }
      });
    });
  });

  describe("releaseExposure", () => {
    describe("when the claim's exposure is over", () => {
      const endings: [string, (s: MarketSystem, id: bigint) => Promise<unknown>][] = [
        ["Settled (paid in full)", (s, id) => s.claims.connect(s.debtor).pay(id, FACE)],
        [
          "Voided by the arbiter",
          async (s, id) => {
            await s.claims.connect(s.debtor).dispute(id, EVIDENCE);
            return s.claims.connect(s.operator).resolve(id, Outcome.Voided, FACE);
          },
        ],
        [
          "moved from the factor by a plain transfer",
          (s, id) => s.claims.connect(s.factor).transferFrom(s.factor.address, s.bank.address, id),
        ],
      ];
      for (const [how, end] of endings) {
        it(`lets anyone free it once the claim is ${how}, exactly once`, async () => {
          const { s, offerId, id } = await soldToFactor();
          await end(s, id);
          await expect(s.market.connect(s.stranger).releaseExposure(id))
            .to.emit(s.market, "ExposureReleased")
            .withArgs(offerId, id, FACE);
          expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(0n);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.debtor).releaseExposure(id),
            "ClaimMarketExposureNotReleasable",
            [id],
            saleWatch(s, [id]),
          );
        });
      }

      it("frees what the sale recorded, even after later part payments", async () => {
        const { s, offerId, id } = await soldToFactor();
        await s.claims.connect(s.debtor).pay(id, 3_000n * USD);
        await s.claims.connect(s.debtor).pay(id, 7_000n * USD);
        await expect(s.market.connect(s.stranger).releaseExposure(id))
          .to.emit(s.market, "ExposureReleased")
          .withArgs(offerId, id, FACE);
      });

      it("makes room for a new sale to the offer", async () => {
        const { s, offerId, id } = await soldToFactor();
        const a = await s.issueAccepted();
        await s.market.connect(s.sme).sellToOffer(a, offerId, 0n);
        const b = await s.issueAccepted();
        await expect(s.market.connect(s.sme).sellToOffer(b, offerId, 0n)).to.be.revertedWithCustomError(
          s.market,
          "ClaimMarketExposureExceeded",
        );
        await s.claims.connect(s.debtor).pay(id, FACE);
        await s.market.connect(s.stranger).releaseExposure(id);
        await s.market.connect(s.sme).sellToOffer(b, offerId, 0n);
        expect((await s.market.standingOffer(offerId)).exposureUsed).to.equal(20_000n * USD);
      });

      it("frees exposure while the registry is paused", async () => {
        const { s, offerId, id } = await soldToFactor();
        await s.claims.connect(s.debtor).pay(id, FACE);
        await s.registry.pause();
        await expect(s.market.connect(s.stranger).releaseExposure(id))
          .to.emit(s.market, "ExposureReleased")
          .withArgs(offerId, id, FACE);
      });
    });

    describe("when the exposure is still in use or there is none", () => {
      it("refuses while the factor holds the claim unsettled: Financed, Overdue, Defaulted, Disputed", async () => {
        const { s, id } = await soldToFactor();
        const refuse = () =>
          expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.stranger).releaseExposure(id),
            "ClaimMarketExposureNotReleasable",
            [id],
            saleWatch(s, [id]),
          );
        await refuse();
        await s.claims.connect(s.factor).dispute(id, EVIDENCE);
        await refuse();
        await s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
        const { dueDate } = await s.claimLens.claim(id);
        await time.increaseTo(dueDate + 1n);
        await s.claims.poke(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Overdue);
        await refuse();
        await time.increaseTo(dueDate + BigInt(RULES.defaultGrace) + 1n);
        await s.claims.poke(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
        await refuse();
      });

      it("refuses a claim never sold to an offer, and an unknown claim id", async () => {
        const { s, id } = await networkHelpers.loadFixture(standingFixture);
        for (const claimId of [id, 999n]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.stranger).releaseExposure(claimId),
            "ClaimMarketExposureNotReleasable",
            [claimId],
          );
        }
      });
    });
  });

  describe("whose money moves (F1)", () => {
    it("never takes from a bystander with a standing allowance, whatever claim and offer ids are passed", async () => {
      const { s, usdc, offerId, id } = await networkHelpers.loadFixture(standingFixture);
      // The bank and the guarantor approved the market for everything, and the bank has an offer on debtor2 only.
      await s.market
        .connect(s.bank)
        .postStandingOffer(s.debtor2.address, usdc, 9_000, OFFER.maxTenor, 10n ** 30n, (await s.now()) + DAY);
      expect(await s.usdc.allowance(s.bank.address, await s.market.getAddress())).to.equal(MaxUint256);
      const bank = await s.usdc.balanceOf(s.bank.address);
      const guarantor = await s.usdc.balanceOf(s.guarantor.address);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).sellToOffer(id, 1n, 0n),
        "ClaimMarketOfferMismatch",
        [1n, id],
        saleWatch(s, [id], [0n, 1n]),
      );
      for (const unknown of [2n, 1_000n, MaxUint256]) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(id, unknown, 0n),
          "ClaimMarketUnknownOffer",
          [unknown],
          saleWatch(s, [id], [0n, 1n]),
        );
      }
      await expect(s.market.connect(s.sme).sellToOffer(id, offerId, 0n)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.bank, s.guarantor],
        [0n, 0n],
      );
      expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
      expect(await s.usdc.balanceOf(s.bank.address)).to.equal(bank);
      expect(await s.usdc.balanceOf(s.guarantor.address)).to.equal(guarantor);
    });

    describe("when the factor has withdrawn its allowance", () => {
      it("reverts with the token's ERC20InsufficientAllowance and moves nothing", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        const marketAddress = await s.market.getAddress();
        await s.usdc.connect(s.factor).approve(marketAddress, 0n);
        const at = (await s.now()) + 10n;
        const quoted = await quoteAt(s, id, offerId, at);
        await time.setNextBlockTimestamp(at);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
          "ERC20InsufficientAllowance",
          [marketAddress, 0n, quoted],
          saleWatch(s, [id]),
          s.usdc,
        );
      });
    });

    describe("when the factor's balance is short", () => {
      it("reverts with the token's ERC20InsufficientBalance and moves nothing", async () => {
        const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
        await s.usdc.connect(s.factor).transfer(s.stranger.address, await s.usdc.balanceOf(s.factor.address));
        const at = (await s.now()) + 10n;
        const quoted = await quoteAt(s, id, offerId, at);
        await time.setNextBlockTimestamp(at);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
          "ERC20InsufficientBalance",
          [s.factor.address, 0n, quoted],
          saleWatch(s, [id]),
          s.usdc,
        );
      });
    });
  });

  describe("when the currency delivers less than asked (T1)", () => {
    it("reverts the sale with ClaimMarketTransferAmountMismatch and moves nothing", async () => {
      const { s } = await networkHelpers.loadFixture(standingFixture);
      const fot = await new FeeOnTransferToken__factory(s.operator).deploy();
      const currency = await fot.getAddress();
      await s.registry.setCurrencyAllowed(currency, true);
      await fot.mint(s.bank.address, 10n ** 24n);
      await fot.connect(s.bank).approve(await s.market.getAddress(), MaxUint256);
      await s.market
        .connect(s.bank)
        .postStandingOffer(s.debtor.address, currency, 1_000, OFFER.maxTenor, 10n ** 24n, (await s.now()) + DAY);
      const id = await s.issueAccepted({ currency, faceValue: 10n ** 22n });
      const at = (await s.now()) + 10n;
      const price = await quoteAt(s, id, 1n, at);
      const received = price - (price + 99n) / 100n;
      await time.setNextBlockTimestamp(at);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).sellToOffer(id, 1n, 0n),
        "ClaimMarketTransferAmountMismatch",
        [currency, price, received],
        { ...saleWatch(s, [id], [1n]), tokens: [fot] },
      );
    });
  });

  describe("the treasury's fees", () => {
    it("are collected by the treasury to any address but zero and the market, once", async () => {
      const { s, usdc, offerId, id } = await networkHelpers.loadFixture(standingFixture);
      await s.market.connect(s.sme).sellToOffer(id, offerId, 0n);
      const fee = await s.market.feesAccrued(usdc);
      expect(fee).to.be.greaterThan(0n);
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      for (const to of [ZeroAddress, await s.market.getAddress()]) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.operator).withdrawFees(usdc, to),
          "ClaimMarketInvalidRecipient",
          [to],
        );
      }
      const tx = s.market.connect(s.operator).withdrawFees(usdc, s.stranger.address);
      await expect(tx).to.emit(s.market, "FeesWithdrawn").withArgs(s.operator.address, usdc, s.stranger.address, fee);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.market, s.stranger, s.operator], [-fee, fee, 0n]);
      expect(await s.market.feesAccrued(usdc)).to.equal(0n);
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.operator).withdrawFees(usdc, s.operator.address),
        "ClaimMarketNoFeesDue",
        [usdc],
      );
    });
  });

  describe("when the registry is paused", () => {
    it("stops sales to offers and leaves quotes, cancellation and release working", async () => {
      const { s, offerId, id } = await networkHelpers.loadFixture(standingFixture);
      const sold = await s.issueAccepted();
      await s.market.connect(s.sme).sellToOffer(sold, offerId, 0n);
      await s.claims.connect(s.debtor).pay(sold, FACE);
      await s.registry.pause();
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
        "ClaimMarketPaused",
        [],
        saleWatch(s, [id]),
      );
      expect(await s.market.quote(id, offerId)).to.be.greaterThan(0n);
      await s.market.connect(s.stranger).releaseExposure(sold);
      await s.market.connect(s.factor).cancelStandingOffer(offerId);
      await s.registry.unpause();
      await expect(s.market.connect(s.sme).sellToOffer(id, offerId, 0n))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketOfferNotActive")
        .withArgs(offerId);
    });
  });

  describe("when the factor's verification lapses between posting and the sale", () => {
    for (const [how, lapse] of [
      [
        "expires",
        async (s: MarketSystem) =>
          time.increaseTo((await s.registry.verification(s.factor.address, Role.Factor))[0] + 1n),
      ],
      ["is revoked", (s: MarketSystem) => s.registry.revoke(s.factor.address, Role.Factor)],
      ["is suspended", (s: MarketSystem) => s.registry.setSuspended(s.factor.address, true)],
    ] as const) {
      it(`refuses the sale with ClaimMarketNotVerified when it ${how}`, async () => {
        const { s, offerId } = await networkHelpers.loadFixture(standingFixture);
        await s.registry.verify(s.factor.address, Role.Factor, (await s.now()) + 20n * DAY);
        const id = await s.issueAccepted();
        await lapse(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).sellToOffer(id, offerId, 0n),
          "ClaimMarketNotVerified",
          [s.factor.address, Role.Factor],
          saleWatch(s, [id]),
        );
      });
    }
  });
});
