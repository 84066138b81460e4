import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { changeAgentTrust, deployAgent } from "./helpers/agents.js";
import { expectWindowEdges } from "./helpers/scan.js";
import { expectMarketRevertUnchanged, expectMarketSolvent } from "./helpers/marketState.js";
import { CLAIM_STATES, reachState } from "./helpers/states.js";
import { ClaimMarket__factory, FeeOnTransferToken__factory, MockStablecoin__factory } from "../types/index.js";
import { ClaimState as State, DAY, DEFAULT_MARKET_RULES as RULES, SaleKind, splitFee } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => deployMarketSystem(connection);

const FACE = 10_000n * USD;
const ASK = 9_800n * USD;
/** The registry's default sale fee, 25 bps, on ASK. */
const FEE = splitFee(ASK, RULES.saleFeeBps).fee;
const NET = ASK - FEE;
const FACTOR_ROLE = 2;

interface Listed {
  id: bigint;
  deadline: bigint;
}

/** Issues an Accepted claim from the SME and lists it at `ask` (ASK by default) for a week. */
async function listed(s: MarketSystem, ask = ASK, minBid = 0n): Promise<Listed> {
  const id = await s.issueAccepted();
  const deadline = (await s.now()) + 7n * DAY;
  await s.market.connect(s.sme).list(id, ask, minBid, deadline);
  return { id, deadline };
}

/** Publishes new market rules with `saleFeeBps` (the treasury stays the operator). */
async function setFee(s: MarketSystem, saleFeeBps: number) {
  await s.registry.connect(s.operator).setMarketRules({ ...RULES, saleFeeBps, treasury: s.operator.address });
}

/** The block timestamp the next transaction will get, pinned so that errors carrying `now` can be matched. */
async function pinNext(s: MarketSystem, offset = 10n): Promise<bigint> {
  const next = (await s.now()) + offset;
  await time.setNextBlockTimestamp(next);
  return next;
}

describe("ClaimMarket: listings (list, updateListing, delist, buy)", () => {
  describe("deployment", () => {
    it("refuses a zero claim contract (ClaimMarketInvalidRecipient) and reads the registry from the claim contract", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const factory = new ClaimMarket__factory(s.operator);
      await expect(factory.deploy(ZeroAddress))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketInvalidRecipient")
        .withArgs(ZeroAddress);
      const other = await factory.deploy(await s.claims.getAddress());
      await s.registry.connect(s.operator).pause();
      await expect(other.list(1n, 0n, 0n, 0n)).to.be.revertedWithCustomError(other, "ClaimMarketPaused");
    });
  });

  describe("list", () => {
    describe("when the holder lists an Accepted claim", () => {
      it("stores the listing, emits Listed, locks the claim for the market (ERC-5192) and keeps its nonce", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const nonce = await s.claimLens.claimNonce(id);
        const deadline = (await s.now()) + 7n * DAY;
        const tx = s.market.connect(s.sme).list(id, ASK, 500n * USD, deadline);
        await expect(tx)
          .to.emit(s.market, "Listed")
          .withArgs(id, s.sme.address, ASK, 500n * USD, deadline);
        await expect(tx).to.emit(s.claims, "Locked").withArgs(id);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.market], [0n, 0n]);

        const entry = await s.market.listing(id);
        expect(entry.seller).to.equal(s.sme.address);
        expect(entry.askPrice).to.equal(ASK);
        expect(entry.minBid).to.equal(500n * USD);
        expect(entry.deadline).to.equal(deadline);
        expect(await s.claims.locked(id)).to.equal(true);
        expect(await s.claims.lockedBy(id)).to.equal(await s.market.getAddress());
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 10n)).to.deep.equal([id]);
      });

      it("the holder can no longer transfer the claim itself (ClaimIsLocked), nor can it be listed twice", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        const marketAddress = await s.market.getAddress();
        expect(await s.claimLens.canTransfer(s.sme.address, s.factor.address, id)).to.equal(false);
        await expect(s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id))
          .to.be.revertedWithCustomError(s.claims, "ClaimIsLocked")
          .withArgs(id, marketAddress);
        await expect(
          s.claims.connect(s.sme)["safeTransferFrom(address,address,uint256)"](s.sme.address, s.factor.address, id),
        )
          .to.be.revertedWithCustomError(s.claims, "ClaimIsLocked")
          .withArgs(id, marketAddress);
        await expectMarketRevertUnchanged(
          s,
          async () => s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + DAY),
          "ClaimMarketAlreadyListed",
          [id],
          { ids: [id] },
        );
      });

      it("accepts an offers-only listing (ask 0) and an ask equal to the outstanding amount", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const offersOnly = await listed(s, 0n, 100n * USD);
        expect((await s.market.listing(offersOnly.id)).askPrice).to.equal(0n);
        const atFace = await listed(s, FACE);
        expect((await s.market.listing(atFace.id)).askPrice).to.equal(FACE);
      });

      it("a deadline one second ahead is in the future", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const next = await pinNext(s);
        await expect(s.market.connect(s.sme).list(id, ASK, 0n, next + 1n))
          .to.emit(s.market, "Listed")
          .withArgs(id, s.sme.address, ASK, 0n, next + 1n);
      });
    });

    describe("when the holder lists a Financed claim", () => {
      it("the factor holding it lists it for resale", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await reachState(s, State.Financed);
        const deadline = (await s.now()) + DAY;
        await expect(s.market.connect(s.factor).list(id, 9_900n * USD, 0n, deadline))
          .to.emit(s.market, "Listed")
          .withArgs(id, s.factor.address, 9_900n * USD, 0n, deadline);
        expect(await s.claims.lockedBy(id)).to.equal(await s.market.getAddress());
      });
    });

    describe("when the caller is not the holder", () => {
      for (const who of ["stranger", "factor", "debtor"] as const) {
        it(`the ${who} is refused with ClaimMarketNotHolder`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await s.issueAccepted();
          const caller: HardhatEthersSigner = s[who];
          const deadline = (await s.now()) + DAY;
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(caller).list(id, ASK, 0n, deadline),
            "ClaimMarketNotHolder",
            [id, caller.address, s.sme.address],
            { ids: [id] },
          );
        });
      }
    });

    describe("when the claim is neither Accepted nor Financed", () => {
      for (const [name, state] of CLAIM_STATES) {
        if (state === State.Accepted || state === State.Financed) continue;
        it(`${name}: the holder is refused with ClaimMarketClaimNotSellable(id, ${state})`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          const holder = await ethers.getSigner(await s.claims.ownerOf(id));
          const deadline = (await s.now()) + DAY;
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(holder).list(id, 1n, 0n, deadline),
            "ClaimMarketClaimNotSellable",
            [id, state],
            { ids: [id] },
          );
        });
      }
    });

    describe("when the deadline is not in the future", () => {
      for (const [label, delta] of [
        ["now", 0n],
        ["a second ago", -1n],
      ] as const) {
        it(`a deadline of ${label} is refused with ClaimMarketDeadlineNotInFuture(deadline, now)`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await s.issueAccepted();
          const next = await pinNext(s);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).list(id, ASK, 0n, next + delta),
            "ClaimMarketDeadlineNotInFuture",
            [next + delta, next],
            { ids: [id] },
          );
        });
      }

      it("a deadline past 2^32 - 1 (what a listing stores) is refused with ClaimMarketDeadlineTooFar; 2^32 - 1 lists", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const last = 2n ** 32n - 1n;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).list(id, ASK, 0n, last + 1n),
          "ClaimMarketDeadlineTooFar",
          [last + 1n, last],
          { ids: [id] },
        );
        await s.market.connect(s.sme).list(id, ASK, 0n, last);
        expect((await s.market.listing(id)).deadline).to.equal(last);
      });
    });

    describe("when a price is above what a listing stores (2^96 - 1)", () => {
      const MAX = 2n ** 96n - 1n;

      it("a minimum bid of 2^96 is refused with ClaimMarketPriceTooLarge; 2^96 - 1 lists", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const deadline = (await s.now()) + DAY;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).list(id, ASK, MAX + 1n, deadline),
          "ClaimMarketPriceTooLarge",
          [MAX + 1n, MAX],
          { ids: [id] },
        );
        await s.market.connect(s.sme).list(id, ASK, MAX, deadline);
        expect((await s.market.listing(id)).minBid).to.equal(MAX);
      });

      it("a minimum bid of 2^96 is refused with ClaimMarketPriceTooLarge; an ask always fits (face values are below 2^96)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted({ faceValue: MAX });
        const deadline = (await s.now()) + DAY;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).list(id, MAX, MAX + 1n, deadline),
          "ClaimMarketPriceTooLarge",
          [MAX + 1n, MAX],
          { ids: [id] },
        );
        await s.market.connect(s.sme).list(id, MAX, MAX, deadline);
        const listed = await s.market.listing(id);
        expect([listed.askPrice, listed.minBid]).to.deep.equal([MAX, MAX]);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, MAX, MAX + 1n, deadline),
          "ClaimMarketPriceTooLarge",
          [MAX + 1n, MAX],
          { ids: [id] },
        );
      });
    });

    describe("when the ask is above what the claim still owes", () => {
      it("an ask of face value + 1 is refused with ClaimMarketPriceAboveOutstanding", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const deadline = (await s.now()) + DAY;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).list(id, FACE + 1n, 0n, deadline),
          "ClaimMarketPriceAboveOutstanding",
          [id, FACE + 1n, FACE],
          { ids: [id] },
        );
      });

      it("after a partial payment the face value is too much, the new outstanding is fine", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 2_500n * USD);
        const outstanding = FACE - 2_500n * USD;
        const deadline = (await s.now()) + DAY;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).list(id, FACE, 0n, deadline),
          "ClaimMarketPriceAboveOutstanding",
          [id, FACE, outstanding],
          { ids: [id] },
        );
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).list(id, outstanding + 1n, 0n, deadline),
          "ClaimMarketPriceAboveOutstanding",
          [id, outstanding + 1n, outstanding],
          { ids: [id] },
        );
        await expect(s.market.connect(s.sme).list(id, outstanding, 0n, deadline))
          .to.emit(s.market, "Listed")
          .withArgs(id, s.sme.address, outstanding, 0n, deadline);
      });
    });

    describe("when another agent holds the claim's lock", () => {
      it("the claim contract refuses the market's lock (ClaimIsLocked) and nothing is listed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const other = await deployAgent(s); // before the first claim, so it is trusted at once
        const id = await s.issueAccepted();
        await other.lock(id);
        await expect(s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + DAY))
          .to.be.revertedWithCustomError(s.claims, "ClaimIsLocked")
          .withArgs(id, other.address);
        expect((await s.market.listing(id)).seller).to.equal(ZeroAddress);
      });
    });
  });

  describe("updateListing", () => {
    describe("when the seller changes its terms", () => {
      it("stores them, emits ListingUpdated, keeps the lock and the claim's nonce", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        const nonce = await s.claimLens.claimNonce(id);
        const deadline = (await s.now()) + 3n * DAY;
        await expect(s.market.connect(s.sme).updateListing(id, 9_700n * USD, 1_000n * USD, deadline))
          .to.emit(s.market, "ListingUpdated")
          .withArgs(id, 9_700n * USD, 1_000n * USD, deadline);
        const entry = await s.market.listing(id);
        expect([entry.seller, entry.askPrice, entry.minBid, entry.deadline]).to.deep.equal([
          s.sme.address,
          9_700n * USD,
          1_000n * USD,
          deadline,
        ]);
        expect(await s.claims.lockedBy(id)).to.equal(await s.market.getAddress());
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce);
      });

      it("may turn the listing offers-only (ask 0), which then cannot be bought", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        await s.market.connect(s.sme).updateListing(id, 0n, 0n, deadline);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, ASK),
          "ClaimMarketOffersOnly",
          [id],
          { ids: [id] },
        );
      });
    });

    describe("when the call is refused", () => {
      it("by anyone but the seller: ClaimMarketNotHolder(id, caller, seller)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).updateListing(id, 1n, 0n, deadline),
          "ClaimMarketNotHolder",
          [id, s.factor.address, s.sme.address],
          { ids: [id] },
        );
      });

      it("for a claim that is not listed: ClaimMarketNotListed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const deadline = (await s.now()) + DAY;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, ASK, 0n, deadline),
          "ClaimMarketNotListed",
          [id],
          { ids: [id] },
        );
      });

      it("with a deadline that is not in the future: ClaimMarketDeadlineNotInFuture", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        const next = await pinNext(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, ASK, 0n, next),
          "ClaimMarketDeadlineNotInFuture",
          [next, next],
          { ids: [id] },
        );
      });

      it("with a deadline past 2^32 - 1: ClaimMarketDeadlineTooFar", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, ASK, 0n, 2n ** 32n),
          "ClaimMarketDeadlineTooFar",
          [2n ** 32n, 2n ** 32n - 1n],
          { ids: [id] },
        );
      });

      it("with an ask above the outstanding, also after a partial payment: ClaimMarketPriceAboveOutstanding", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, FACE + 1n, 0n, deadline),
          "ClaimMarketPriceAboveOutstanding",
          [id, FACE + 1n, FACE],
          { ids: [id] },
        );
        await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, ASK, 0n, deadline),
          "ClaimMarketPriceAboveOutstanding",
          [id, ASK, FACE - 1_000n * USD],
          { ids: [id] },
        );
      });

      it("once the listed claim is Disputed: ClaimMarketClaimNotSellable", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        await s.claims.connect(s.debtor).dispute(id, ethers.id("short delivery"));
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, ASK, 0n, deadline),
          "ClaimMarketClaimNotSellable",
          [id, State.Disputed],
          { ids: [id] },
        );
      });
    });
  });

  describe("delist", () => {
    describe("when the seller delists", () => {
      it("clears the listing, emits Delisted, unlocks the claim (ERC-5192) and keeps its nonce", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        const nonce = await s.claimLens.claimNonce(id);
        const tx = s.market.connect(s.sme).delist(id);
        await expect(tx).to.emit(s.market, "Delisted").withArgs(id, s.sme.address);
        await expect(tx).to.emit(s.claims, "Unlocked").withArgs(id);
        const entry = await s.market.listing(id);
        expect([entry.seller, entry.askPrice, entry.minBid, entry.deadline]).to.deep.equal([ZeroAddress, 0n, 0n, 0n]);
        expect(await s.claims.locked(id)).to.equal(false);
        expect(await s.claims.lockedBy(id)).to.equal(ZeroAddress);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 10n)).to.deep.equal([]);
        // The holder may transfer it again, and list it again.
        expect(await s.claimLens.canTransfer(s.sme.address, s.factor.address, id)).to.equal(true);
        await s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + DAY);
        expect((await s.market.listing(id)).seller).to.equal(s.sme.address);
      });

      it("works while the registry is paused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.registry.connect(s.operator).pause();
        await expect(s.market.connect(s.sme).delist(id)).to.emit(s.market, "Delisted").withArgs(id, s.sme.address);
        expect(await s.claims.locked(id)).to.equal(false);
      });

      it("works after the deadline, and for a claim settled while listed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        await time.increaseTo(deadline + 1n);
        await s.claims.connect(s.debtor).pay(id, FACE);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
        await expect(s.market.connect(s.sme).delist(id)).to.emit(s.market, "Delisted").withArgs(id, s.sme.address);
        expect(await s.claims.locked(id)).to.equal(false);
      });

      it("works after the operator stopped trusting the market (the market still holds the lock and releases it)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await changeAgentTrust(s, await s.market.getAddress(), false);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.stranger).delist(id),
          "ClaimMarketNotHolder",
          [id, s.stranger.address, s.sme.address],
          { ids: [id] },
        );
        const tx = s.market.connect(s.sme).delist(id);
        await expect(tx).to.emit(s.market, "Delisted").withArgs(id, s.sme.address);
        await expect(tx).to.emit(s.claims, "Unlocked").withArgs(id);
      });
    });

    describe("when anyone but the seller delists a live listing", () => {
      for (const who of ["stranger", "factor", "debtor", "operator"] as const) {
        it(`the ${who} is refused with ClaimMarketNotHolder`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const { id } = await listed(s);
          const caller: HardhatEthersSigner = s[who];
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(caller).delist(id),
            "ClaimMarketNotHolder",
            [id, caller.address, s.sme.address],
            { ids: [id] },
          );
        });
      }
    });

    describe("when the claim is not listed", () => {
      it("reverts with ClaimMarketNotListed, also for an unknown id", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        for (const claimId of [id, 999n]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.sme).delist(claimId),
            "ClaimMarketNotListed",
            [claimId],
            { ids: [id] },
          );
        }
      });
    });

    describe("when the listing is stale (the market lost its lock)", () => {
      /** Lists, distrusts the market, and lets the holder unlock the orphaned claim. */
      async function orphaned(s: MarketSystem): Promise<Listed> {
        const l = await listed(s);
        await changeAgentTrust(s, await s.market.getAddress(), false);
        await expect(s.claims.connect(s.sme).unlock(l.id)).to.emit(s.claims, "Unlocked").withArgs(l.id);
        expect(await s.claims.lockedBy(l.id)).to.equal(ZeroAddress);
        return l;
      }

      it("is no listing: listing() and listings() do not name it", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await orphaned(s);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 10n)).to.deep.equal([]);
        const view = await s.market.listing(id);
        expect([view.seller, view.deadline, view.claimNonce, view.askPrice, view.minBid]).to.deep.equal([
          ZeroAddress,
          0n,
          0n,
          0n,
          0n,
        ]);
      });

      it("cannot be re-priced: updateListing is refused with ClaimMarketNotListed, even by the holder", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await orphaned(s);
        const deadline = (await s.now()) + DAY;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).updateListing(id, ASK - 1n, 0n, deadline),
          "ClaimMarketNotListed",
          [id],
          { ids: [id] },
        );
      });

      it("a stranger clears what is left of it: Delisted with the holder, no unlock attempted", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await orphaned(s);
        const tx = s.market.connect(s.stranger).delist(id);
        await expect(tx).to.emit(s.market, "Delisted").withArgs(id, s.sme.address);
        await expect(tx).not.to.emit(s.claims, "Unlocked");
        expect((await s.market.listing(id)).seller).to.equal(ZeroAddress);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 10n)).to.deep.equal([]);
      });

      it("after the claim moved to another holder, that holder lists it afresh: the new terms replace the old", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await orphaned(s);
        await s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id);
        await changeAgentTrust(s, await s.market.getAddress(), true);
        const deadline = (await s.now()) + DAY;
        const newAsk = ASK - 100n * USD;
        await expect(s.market.connect(s.factor).list(id, newAsk, 1n, deadline))
          .to.emit(s.market, "Listed")
          .withArgs(id, s.factor.address, newAsk, 1n, deadline);
        const view = await s.market.listing(id);
        expect([view.seller, view.deadline, view.claimNonce, view.askPrice, view.minBid]).to.deep.equal([
          s.factor.address,
          deadline,
          await s.claimLens.claimNonce(id),
          newAsk,
          1n,
        ]);
        expect(await s.claims.lockedBy(id)).to.equal(await s.market.getAddress());
      });
    });
  });

  describe("buy", () => {
    describe("when a verified factor buys at the ask", () => {
      it("pays the ask: net to the seller, fee kept for the treasury, claim to the buyer (Accepted -> Financed)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        const nonce = await s.claimLens.claimNonce(id);
        const [fee, net] = await s.market.feeFor(ASK);
        expect([fee, net]).to.deep.equal([FEE, NET]);
        expect(fee + net).to.equal(ASK);

        const tx = s.market.connect(s.factor).buy(id, ASK);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.sme, s.market, s.operator, s.claims],
          [-ASK, NET, FEE, 0n, 0n],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, ASK, FEE, SaleKind.Listing);
        await expect(tx).not.to.emit(s.market, "Credited");
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Financed);
        await expect(tx).to.emit(s.claims, "Unlocked").withArgs(id);
        await expect(tx).to.emit(s.claims, "Transfer").withArgs(s.sme.address, s.factor.address, id);

        expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        expect(await s.claims.locked(id)).to.equal(false);
        expect(await s.claimLens.claimNonce(id)).to.be.greaterThan(nonce);
        expect((await s.market.listing(id)).seller).to.equal(ZeroAddress);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 10n)).to.deep.equal([]);
        expect(await s.market.credited(s.operator.address, s.usdc)).to.equal(0n);
        expect(await s.market.totalLiabilities(s.usdc)).to.equal(0n);
        expect(await s.market.feesAccrued(s.usdc)).to.equal(FEE);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("takes only the ask when maxPrice is higher", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await expect(s.market.connect(s.factor).buy(id, FACE)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.sme, s.market],
          [-ASK, NET, FEE],
        );
      });

      it("a resale by the factor to the bank stays Financed, and the fee is charged again", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.market.connect(s.factor).buy(id, ASK);
        const resale = 9_850n * USD;
        const resaleFee = splitFee(resale, RULES.saleFeeBps).fee;
        await s.market.connect(s.factor).list(id, resale, 0n, (await s.now()) + DAY);
        const tx = s.market.connect(s.bank).buy(id, resale);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.bank, s.factor, s.market, s.sme],
          [-resale, resale - resaleFee, resaleFee, 0n],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.factor.address, s.bank.address, resale, resaleFee, SaleKind.Listing);
        await expect(tx).not.to.emit(s.claims, "ClaimStateChanged");
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        expect(await s.market.feesAccrued(s.usdc)).to.equal(FEE + resaleFee);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("the fee rounds down and fee + net == price for an odd price", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const price = 3_999_999n; // 25 bps of it is 9,999.9975 units
        const { id } = await listed(s, price);
        const [fee, net] = await s.market.feeFor(price);
        expect(fee).to.equal(9_999n);
        expect(fee + net).to.equal(price);
        const tx = s.market.connect(s.factor).buy(id, price);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.sme, s.market], [-price, net, fee]);
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, price, fee, SaleKind.Listing);
      });

      it("at the deadline second itself", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        await time.setNextBlockTimestamp(deadline);
        await expect(s.market.connect(s.factor).buy(id, ASK))
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, ASK, FEE, SaleKind.Listing);
      });

      it("bids placed before the listing stay live while it is listed (listing does not move the nonce)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.bank).bid(id, 9_000n * USD, (await s.now()) + 3n * DAY);
        const nonce = await s.claimLens.claimNonce(id);
        await s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + DAY);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce);
        const [bid, live] = await s.market.bidOf(id, s.bank.address);
        expect(bid.claimNonce).to.equal(nonce);
        expect(live).to.equal(true);
        await expect(s.market.connect(s.sme).acceptBid(id, s.bank.address, 9_000n * USD))
          .to.emit(s.market, "ClaimSold")
          .withArgs(
            id,
            s.sme.address,
            s.bank.address,
            9_000n * USD,
            splitFee(9_000n * USD, RULES.saleFeeBps).fee,
            SaleKind.Bid,
          );
        expect((await s.market.listing(id)).seller).to.equal(ZeroAddress);
        expect(await s.claims.locked(id)).to.equal(false);
      });
    });

    describe("when the debtor buys a claim on itself (A5)", () => {
      it("is allowed once it is also a verified factor: an early payment, the claim is Financed and held by its debtor", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.registry.connect(s.operator).verify(s.debtor.address, FACTOR_ROLE, (await s.now()) + 365n * DAY);
        await s.usdc.connect(s.debtor).approve(await s.market.getAddress(), ethers.MaxUint256);
        await expect(s.market.connect(s.debtor).buy(id, ASK)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.debtor, s.sme, s.market],
          [-ASK, NET, FEE],
        );
        expect(await s.claims.ownerOf(id)).to.equal(s.debtor.address);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
      });
    });

    describe("when the sale fee differs", () => {
      it("a zero-fee market: the seller gets the whole price, the market keeps nothing", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await setFee(s, 0);
        expect(await s.market.feeFor(ASK)).to.deep.equal([0n, ASK]);
        const tx = s.market.connect(s.factor).buy(id, ASK);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.sme, s.market, s.operator],
          [-ASK, ASK, 0n, 0n],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, ASK, 0n, SaleKind.Listing);
        await expect(tx).not.to.emit(s.market, "Credited");
        expect(await s.market.feesAccrued(s.usdc)).to.equal(0n);
        expect(await s.market.totalLiabilities(s.usdc)).to.equal(0n);
      });

      it("a 100 bps market (the registry's cap): 1 % kept for the treasury", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await setFee(s, 100);
        const { id } = await listed(s);
        const fee = ASK / 100n;
        const tx = s.market.connect(s.factor).buy(id, ASK);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.sme, s.market, s.operator],
          [-ASK, ASK - fee, fee, 0n],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, ASK, fee, SaleKind.Listing);
        expect(await s.market.feesAccrued(s.usdc)).to.equal(fee);
      });

      it("the rules in force at the sale apply, not those at the listing", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s); // listed under 25 bps
        await setFee(s, 100);
        const fee = ASK / 100n;
        expect(await s.market.feeFor(ASK)).to.deep.equal([fee, ASK - fee]);
        await expect(s.market.connect(s.factor).buy(id, ASK))
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, ASK, fee, SaleKind.Listing);
      });

      it("a new treasury in the rules collects the fees, the old one is refused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.registry
          .connect(s.operator)
          .setMarketRules({ ...RULES, saleFeeBps: 25, treasury: s.guarantor.address });
        await expect(s.market.connect(s.factor).buy(id, ASK)).not.to.emit(s.market, "Credited");
        const usdc = await s.usdc.getAddress();
        await expect(s.market.connect(s.operator).withdrawFees(usdc, s.operator.address))
          .to.be.revertedWithCustomError(s.market, "ClaimMarketNotTreasury")
          .withArgs(s.operator.address, s.guarantor.address);
        await expect(s.market.connect(s.guarantor).withdrawFees(usdc, s.guarantor.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.market, s.guarantor],
          [-FEE, FEE],
        );
      });
    });

    describe("when the treasury collects its fees", () => {
      it("market.withdrawFees pays the treasury to any address, once", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await listed(s);
        await s.market.connect(s.factor).buy(a.id, ASK);
        const b = await listed(s);
        await s.market.connect(s.bank).buy(b.id, ASK);
        const usdc = await s.usdc.getAddress();
        expect(await s.market.feesAccrued(usdc)).to.equal(2n * FEE);

        const tx = s.market.connect(s.operator).withdrawFees(usdc, s.operator.address);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.market, s.operator], [-2n * FEE, 2n * FEE]);
        await expect(tx)
          .to.emit(s.market, "FeesWithdrawn")
          .withArgs(s.operator.address, usdc, s.operator.address, 2n * FEE);
        expect(await s.market.feesAccrued(usdc)).to.equal(0n);
        expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
        expect(await s.usdc.balanceOf(await s.market.getAddress())).to.equal(0n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.operator).withdrawFees(usdc, s.operator.address),
          "ClaimMarketNoFeesDue",
          [usdc],
        );
      });

      it("to another address; never to zero or to the market itself", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.market.connect(s.factor).buy(id, ASK);
        const usdc = await s.usdc.getAddress();
        const marketAddress = await s.market.getAddress();
        for (const to of [ZeroAddress, marketAddress]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.operator).withdrawFees(usdc, to),
            "ClaimMarketInvalidRecipient",
            [to],
          );
        }
        const tx = s.market.connect(s.operator).withdrawFees(usdc, s.stranger.address);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.market, s.operator, s.stranger], [-FEE, 0n, FEE]);
        await expect(tx).to.emit(s.market, "FeesWithdrawn").withArgs(s.operator.address, usdc, s.stranger.address, FEE);
      });

      it("a bidder's refund goes to another address; never to zero or to the market itself", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        const bid = ASK / 2n;
        await s.market.connect(s.factor).bid(id, bid, (await s.now()) + DAY);
        await s.market.connect(s.factor).bid(id, bid / 2n, (await s.now()) + DAY); // the cut is credited
        const usdc = await s.usdc.getAddress();
        const marketAddress = await s.market.getAddress();
        for (const to of [ZeroAddress, marketAddress]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.factor).withdraw(usdc, to),
            "ClaimMarketInvalidRecipient",
            [to],
          );
        }
        const tx = s.market.connect(s.factor).withdraw(usdc, s.stranger.address);
        const cut = bid - bid / 2n;
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.market, s.factor, s.stranger], [-cut, 0n, cut]);
        await expect(tx).to.emit(s.market, "Withdrawn").withArgs(s.factor.address, usdc, s.stranger.address, cut);
      });

      it("a stranger has nothing to withdraw", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const usdc = await s.usdc.getAddress();
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.stranger).withdraw(usdc, s.stranger.address),
          "ClaimMarketNothingToWithdraw",
          [s.stranger.address, usdc],
        );
      });
    });

    describe("when the price moved (R1)", () => {
      it("the seller raised the ask after the buyer looked: ClaimMarketPriceAboveMaximum(id, ask, maxPrice)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        const seen = (await s.market.listing(id)).askPrice;
        await s.market.connect(s.sme).updateListing(id, 9_990n * USD, 0n, deadline);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, seen),
          "ClaimMarketPriceAboveMaximum",
          [id, 9_990n * USD, seen],
          { ids: [id] },
        );
      });

      it("the seller's update front-runs the buy in the same block: the buy fails, the buyer pays nothing", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        const factorBefore = await s.usdc.balanceOf(s.factor.address);
        await connection.provider.request({ method: "evm_setAutomine", params: [false] });
        try {
          const buy = await s.market
            .connect(s.factor)
            .buy(id, ASK, { gasLimit: 600_000n, maxPriorityFeePerGas: 1n, maxFeePerGas: 10n ** 11n });
          const raise = await s.market.connect(s.sme).updateListing(id, 9_990n * USD, 0n, deadline, {
            gasLimit: 200_000n,
            maxPriorityFeePerGas: 10n ** 10n,
            maxFeePerGas: 10n ** 11n,
          });
          await networkHelpers.mine();
          const raised = await ethers.provider.getTransactionReceipt(raise.hash);
          const bought = await ethers.provider.getTransactionReceipt(buy.hash);
          expect(raised?.status).to.equal(1);
          expect(bought?.status).to.equal(0);
          expect(bought?.blockNumber).to.equal(raised?.blockNumber);
          expect(bought?.index).to.be.greaterThan(raised?.index ?? 0);
        } finally {
          await connection.provider.request({ method: "evm_setAutomine", params: [true] });
        }
        await expect(s.market.connect(s.factor).buy.staticCall(id, ASK))
          .to.be.revertedWithCustomError(s.market, "ClaimMarketPriceAboveMaximum")
          .withArgs(id, 9_990n * USD, ASK);
        expect(await s.usdc.balanceOf(s.factor.address)).to.equal(factorBefore);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      });
    });

    describe("when the sale is refused", () => {
      it("after the deadline: ClaimMarketListingEnded(id, deadline, now)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        await time.setNextBlockTimestamp(deadline + 1n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, ASK),
          "ClaimMarketListingEnded",
          [id, deadline, deadline + 1n],
          { ids: [id] },
        );
      });

      it("an offers-only listing: ClaimMarketOffersOnly", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s, 0n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, FACE),
          "ClaimMarketOffersOnly",
          [id],
          { ids: [id] },
        );
      });

      it("a claim that is not listed: ClaimMarketNotListed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, FACE),
          "ClaimMarketNotListed",
          [id],
          { ids: [id] },
        );
        const { id: delisted } = await listed(s);
        await s.market.connect(s.sme).delist(delisted);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(delisted, FACE),
          "ClaimMarketNotListed",
          [delisted],
          { ids: [delisted] },
        );
      });

      for (const who of ["stranger", "debtor", "guarantor"] as const) {
        it(`a buyer that is not a verified factor (the ${who}): ClaimMarketNotVerified(buyer, 2)`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const { id } = await listed(s);
          const buyer: HardhatEthersSigner = s[who];
          await s.usdc.mint(buyer.address, FACE);
          await s.usdc.connect(buyer).approve(await s.market.getAddress(), ethers.MaxUint256);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(buyer).buy(id, ASK),
            "ClaimMarketNotVerified",
            [buyer.address, FACTOR_ROLE],
            { ids: [id] },
          );
        });
      }

      it("a factor whose verification was revoked, or expired: ClaimMarketNotVerified", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.registry.connect(s.operator).revoke(s.factor.address, FACTOR_ROLE);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, ASK),
          "ClaimMarketNotVerified",
          [s.factor.address, FACTOR_ROLE],
          { ids: [id] },
        );
        const expiry = (await s.now()) + 100n;
        await s.registry.connect(s.operator).verify(s.bank.address, FACTOR_ROLE, expiry);
        await time.increaseTo(expiry);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.bank).buy(id, ASK),
          "ClaimMarketNotVerified",
          [s.bank.address, FACTOR_ROLE],
          { ids: [id] },
        );
      });

      it("a seller no longer verified: the claim contract's transfer rules refuse (ClaimTransferNotAllowed)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.registry.connect(s.operator).setSuspended(s.sme.address, true);
        await expect(s.market.connect(s.factor).buy(id, ASK))
          .to.be.revertedWithCustomError(s.claims, "ClaimTransferNotAllowed")
          .withArgs(id, s.sme.address, s.factor.address);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
        expect(await s.claims.lockedBy(id)).to.equal(await s.market.getAddress());
      });

      it("the seller buying its own listing: ClaimMarketSelfTrade", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await reachState(s, State.Financed); // held by the factor, who is also a verified buyer
        await s.market.connect(s.factor).list(id, ASK, 0n, (await s.now()) + DAY);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, ASK),
          "ClaimMarketSelfTrade",
          [s.factor.address],
          { ids: [id] },
        );
      });

      it("an ask set before a partial payment: ClaimMarketStaleListing (the claim's nonce moved), until the seller re-prices it", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, deadline } = await listed(s);
        const listedNonce = await s.claimLens.claimNonce(id);
        await s.claims.connect(s.debtor).pay(id, 500n * USD);
        const outstanding = FACE - 500n * USD;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, ASK),
          "ClaimMarketStaleListing",
          [id, listedNonce, await s.claimLens.claimNonce(id)],
          { ids: [id] },
        );
        await s.market.connect(s.sme).updateListing(id, outstanding, 0n, deadline);
        await expect(s.market.connect(s.factor).buy(id, outstanding)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.sme, s.market],
          [-outstanding, outstanding - (outstanding * 25n) / 10_000n, (outstanding * 25n) / 10_000n],
        );
      });

      for (const [name, state, make] of [
        [
          "Disputed",
          State.Disputed,
          (s: MarketSystem, id: bigint) => s.claims.connect(s.debtor).dispute(id, ethers.id("x")),
        ],
        ["Settled", State.Settled, (s: MarketSystem, id: bigint) => s.claims.connect(s.debtor).pay(id, FACE)],
      ] as const) {
        it(`a listed claim that became ${name}: ClaimMarketClaimNotSellable`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const { id } = await listed(s);
          await make(s, id);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.factor).buy(id, ASK),
            "ClaimMarketClaimNotSellable",
            [id, state],
            { ids: [id] },
          );
        });
      }

      it("a listed claim poked Overdue (its deadline outlived the due date): ClaimMarketClaimNotSellable", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const { dueDate } = await s.claimLens.claim(id);
        await s.market.connect(s.sme).list(id, ASK, 0n, dueDate + 10n * DAY);
        await time.increaseTo(dueDate + 1n);
        await s.claims.connect(s.stranger).poke(id);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, ASK),
          "ClaimMarketClaimNotSellable",
          [id, State.Overdue],
          { ids: [id] },
        );
      });

      it("the buyer has not approved the market: the token's own error, nothing moves", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.usdc.connect(s.bank).approve(await s.market.getAddress(), 0n);
        await expect(s.market.connect(s.bank).buy(id, ASK))
          .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
          .withArgs(await s.market.getAddress(), 0n, ASK);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      });

      it("a currency that delivers less than asked (fee-on-transfer): ClaimMarketTransferAmountMismatch", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const fot = await new FeeOnTransferToken__factory(s.operator).deploy();
        const currency = await fot.getAddress();
        await s.registry.connect(s.operator).setCurrencyAllowed(currency, true);
        const face = 10_000n * 10n ** 18n;
        const ask = 9_000n * 10n ** 18n;
        const id = await s.issueAccepted({ currency, faceValue: face });
        await s.market.connect(s.sme).list(id, ask, 0n, (await s.now()) + DAY);
        await fot.mint(s.factor.address, face);
        await fot.connect(s.factor).approve(await s.market.getAddress(), ethers.MaxUint256);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).buy(id, ask),
          "ClaimMarketTransferAmountMismatch",
          [currency, ask, ask - ask / 100n],
          { ids: [id], tokens: [fot] },
        );
      });

      it("while the registry is paused: ClaimMarketPaused (and again after unpause the sale goes through)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await listed(s);
        await s.registry.connect(s.operator).pause();
        await expectMarketRevertUnchanged(s, () => s.market.connect(s.factor).buy(id, ASK), "ClaimMarketPaused", [], {
          ids: [id],
        });
        await s.registry.connect(s.operator).unpause();
        await expect(s.market.connect(s.factor).buy(id, ASK)).to.emit(s.market, "ClaimSold");
      });
    });
  });

  describe("when the registry is paused", () => {
    it("list and updateListing revert with ClaimMarketPaused; delist still works", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, deadline } = await listed(s);
      const other = await s.issueAccepted();
      await s.registry.connect(s.operator).pause();
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).list(other, ASK, 0n, deadline),
        "ClaimMarketPaused",
        [],
        { ids: [id, other] },
      );
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).updateListing(id, 9_000n * USD, 0n, deadline),
        "ClaimMarketPaused",
        [],
        { ids: [id, other] },
      );
      await expect(s.market.connect(s.sme).delist(id)).to.emit(s.market, "Delisted").withArgs(id, s.sme.address);
    });
  });

  describe("views", () => {
    it("listing() of a claim never listed, or unknown, is all zero", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      for (const claimId of [id, 12_345n]) {
        const entry = await s.market.listing(claimId);
        expect([entry.seller, entry.deadline, entry.askPrice, entry.minBid]).to.deep.equal([ZeroAddress, 0n, 0n, 0n]);
      }
    });

    describe("listings(debtor, currency, fromId, count): listed claims scanned by claim-id window", () => {
      interface Shelf {
        s: MarketSystem;
        eur: string;
        usdc: string;
        /** c1 (debtor, USDC), c2 (debtor2, USDC), c3 (debtor, EUR), c4 (debtor2, EUR), c5 (debtor, USDC). */
        ids: bigint[];
        /** Claims in between that are not listed: ids 3 (debtor, USDC) and 7 (debtor2, EUR), the last one. */
        unlisted: bigint[];
      }

      async function shelf(): Promise<Shelf> {
        const s = await networkHelpers.loadFixture(fixture);
        const eurc = await new MockStablecoin__factory(s.operator).deploy("Euro Coin", "EURC", 6);
        const eur = await eurc.getAddress();
        await s.registry.connect(s.operator).setCurrencyAllowed(eur, true);
        const usdc = await s.usdc.getAddress();
        const c1 = await s.issueAccepted();
        const c2 = await s.issueAccepted({ debtor: s.debtor2.address });
        const first = await s.issueAccepted();
        const c3 = await s.issueAccepted({ currency: eur });
        const c4 = await s.issueAccepted({ debtor: s.debtor2.address, currency: eur });
        const c5 = await s.issueAccepted();
        const last = await s.issueAccepted({ debtor: s.debtor2.address, currency: eur });
        const ids = [c1, c2, c3, c4, c5];
        const deadline = (await s.now()) + 7n * DAY;
        for (const id of ids) await s.market.connect(s.sme).list(id, 1_000n * USD, 0n, deadline);
        return { s, eur, usdc, ids, unlisted: [first, last] };
      }

      it("names every listed claim in id order, and no unlisted one", async () => {
        const { s, ids, unlisted } = await shelf();
        expect(ids).to.deep.equal([1n, 2n, 4n, 5n, 6n]);
        expect(unlisted).to.deep.equal([3n, 7n]);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 100n)).to.deep.equal(ids);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 2n, 2n)).to.deep.equal([2n]);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 3n, 1n)).to.deep.equal([]);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 7n, 1n)).to.deep.equal([]);
      });

      it("filters by debtor, by currency, and by both", async () => {
        const { s, ids, eur, usdc } = await shelf();
        const [c1, c2, c3, c4, c5] = ids;
        const l = async (debtor: string, currency: string, fromId = 0n, count = 100n) => [
          ...(await s.lens.listings(debtor, currency, fromId, count)),
        ];
        expect(await l(s.debtor.address, ZeroAddress)).to.deep.equal([c1, c3, c5]);
        expect(await l(s.debtor.address, ZeroAddress, 2n, 3n)).to.deep.equal([c3]);
        expect(await l(s.debtor2.address, ZeroAddress)).to.deep.equal([c2, c4]);
        expect(await l(ZeroAddress, eur)).to.deep.equal([c3, c4]);
        expect(await l(ZeroAddress, usdc)).to.deep.equal([c1, c2, c5]);
        expect(await l(ZeroAddress, usdc, 2n, 4n)).to.deep.equal([c2]);
        expect(await l(s.debtor2.address, usdc)).to.deep.equal([c2]);
        expect(await l(s.debtor.address, eur)).to.deep.equal([c3]);
        expect(await l(s.debtor2.address, eur)).to.deep.equal([c4]);
        expect(await l(s.stranger.address, ZeroAddress)).to.deep.equal([]);
        expect(await l(ZeroAddress, s.stranger.address)).to.deep.equal([]);
        expect(await l(s.debtor.address, s.stranger.address)).to.deep.equal([]);
      });

      for (const filter of ["no filter", "the debtor", "the currency", "the debtor and the currency"] as const) {
        it(`with ${filter}: fromId 0 reads as 1, windows past the last id or of count 0 are empty, the largest count does not overflow, windows laid end to end give the full answer`, async () => {
          const { s, ids, eur } = await shelf();
          const [c1, , c3, c4, c5] = ids;
          const [debtor, currency, expected] = {
            "no filter": [ZeroAddress, ZeroAddress, ids],
            "the debtor": [s.debtor.address, ZeroAddress, [c1, c3, c5]],
            "the currency": [ZeroAddress, eur, [c3, c4]],
            "the debtor and the currency": [s.debtor2.address, eur, [c4]],
          }[filter] as [string, string, bigint[]];
          const view = async (fromId: bigint, count: bigint) => [
            ...(await s.lens.listings(debtor, currency, fromId, count)),
          ];
          await expectWindowEdges(view, expected, await s.claims.claimCount());
        });
      }

      it("a delisted or sold claim disappears; the others keep their id order; a relisted one comes back in place", async () => {
        const { s, ids, eur } = await shelf();
        const [c1, c2, c3, c4, c5] = ids;
        const all = async (debtor = ZeroAddress, currency = ZeroAddress) => [
          ...(await s.lens.listings(debtor, currency, 0n, 100n)),
        ];
        await s.market.connect(s.sme).delist(c1);
        expect(await all()).to.deep.equal([c2, c3, c4, c5]);
        expect(await all(s.debtor.address)).to.deep.equal([c3, c5]);
        await s.market.connect(s.factor).buy(c2, 1_000n * USD);
        expect(await all()).to.deep.equal([c3, c4, c5]);
        await s.market.connect(s.sme).delist(c4);
        expect(await all(ZeroAddress, eur)).to.deep.equal([c3]);
        await s.market.connect(s.factor).buy(c5, 1_000n * USD);
        expect(await all()).to.deep.equal([c3]);
        expect(await all(ZeroAddress, await s.usdc.getAddress())).to.deep.equal([]);
        await s.market.connect(s.sme).list(c1, 1_000n * USD, 0n, (await s.now()) + DAY);
        expect(await all()).to.deep.equal([c1, c3]);
        await s.market.connect(s.sme).delist(c3);
        await s.market.connect(s.sme).delist(c1);
        expect(await all()).to.deep.equal([]);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, ethers.MaxUint256)).to.deep.equal([]);
      });

      it("is empty before any claim exists, whatever the window", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, ethers.MaxUint256)).to.deep.equal([]);
        expect(await s.lens.listings(s.debtor.address, ZeroAddress, 1n, 1n)).to.deep.equal([]);
      });
    });
  });
});
