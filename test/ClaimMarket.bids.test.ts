import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { Signature, Wallet, ZeroAddress, type HDNodeWallet, type Signer } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { cast, expectMarketRevertUnchanged, expectMarketSolvent } from "./helpers/marketState.js";
import { expectWindowEdges } from "./helpers/scan.js";
import { CLAIM_STATES, EVIDENCE, reachState } from "./helpers/states.js";
import { FeeOnTransferToken__factory, HostileReceiver__factory, type HostileReceiver } from "../types/index.js";
import type { PermitStruct } from "../types/ClaimMarket.js";
import { ClaimState as State, DAY, SaleKind } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => deployMarketSystem(connection);

const FACE = 10_000n * USD;
/** The 1 % floor on a fresh 10,000 USD claim. */
const FLOOR = FACE / 100n;
const BID = 9_500n * USD;
const feeOf = (price: bigint) => (price * 25n) / 10_000n;
const FACTOR_ROLE = 2;
const HostileMode = { Accept: 0, Revert: 1, WrongValue: 2, BurnGas: 3, Reenter: 4 } as const;

/** The block timestamp the next transaction will get, pinned so that errors carrying `now` can be matched. */
async function pinNext(s: MarketSystem, offset = 10n): Promise<bigint> {
  const next = (await s.now()) + offset;
  await time.setNextBlockTimestamp(next);
  return next;
}

/** A day from now: a bid expiry that stays in the future for the whole test unless time is moved. */
async function inADay(s: MarketSystem): Promise<bigint> {
  return (await s.now()) + DAY;
}

/** Makes `account` a verified factor with `amount` USDC approved to the market. */
async function onboardFactor(s: MarketSystem, account: HardhatEthersSigner, amount = FACE) {
  await s.registry.connect(s.operator).verify(account.address, FACTOR_ROLE, (await s.now()) + 365n * DAY);
  await s.usdc.mint(account.address, amount);
  await s.usdc.connect(account).approve(await s.market.getAddress(), ethers.MaxUint256);
}

/**
 * The accounts among `accounts` (the fixture's cast by default) with an escrowed bid on `id`, in the order given.
 * The market keeps no list of a claim's bidders: a caller asks `bidOf` for each account it knows.
 */
async function withBids(s: MarketSystem, id: bigint, accounts: string[] = cast(s)): Promise<string[]> {
  const amounts = await Promise.all(accounts.map(async (account) => (await s.market.bidOf(id, account))[0].amount));
  return accounts.filter((_, i) => amounts[i] !== 0n);
}

/** An EIP-2612 permit of `value` from `owner` to the market, signed with ethers. */
async function signPermit(s: MarketSystem, owner: Signer, value: bigint, deadline: bigint): Promise<PermitStruct> {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = { name: await s.usdc.name(), version: "1", chainId, verifyingContract: await s.usdc.getAddress() };
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const ownerAddress = await owner.getAddress();
  const message = {
    owner: ownerAddress,
    spender: await s.market.getAddress(),
    value,
    nonce: await s.usdc.nonces(ownerAddress),
    deadline,
  };
  const signature = Signature.from(await owner.signTypedData(domain, types, message));
  return { value, deadline, v: signature.v, r: signature.r, s: signature.s };
}

describe("ClaimMarket: escrowed bids (bid, bidWithPermit, cancelBid, acceptBid)", () => {
  describe("bid", () => {
    describe("when a verified factor places a bid", () => {
      it("escrows the amount in the market and records the bid at the claim's nonce", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inADay(s);
        const nonce = await s.claimLens.claimNonce(id);
        const tx = s.market.connect(s.factor).bid(id, BID, expiry);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.market, s.sme], [-BID, BID, 0n]);
        await expect(tx).to.emit(s.market, "BidPlaced").withArgs(id, s.factor.address, BID, expiry);
        await expect(tx).not.to.emit(s.market, "Credited");

        const [b, live] = await s.market.bidOf(id, s.factor.address);
        expect([b.amount, b.expiry, b.claimNonce, live]).to.deep.equal([BID, expiry, nonce, true]);
        // The bid keeps its claim's currency id, which cancelBid pays back in.
        expect(b.currencyId).to.equal((await s.claims.claimForSale(id)).currencyId);
        expect(await s.claims.currencyAt(b.currencyId)).to.equal(await s.usdc.getAddress());
        expect(await withBids(s, id)).to.deep.equal([s.factor.address]);
        expect(await s.lens.bidsOf(s.factor.address, 0n, 10n)).to.deep.equal([id]);
        expect(await s.market.totalLiabilities(s.usdc)).to.equal(BID);
        expect(await s.market.credited(s.factor.address, s.usdc)).to.equal(0n);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("raising pulls only the difference and keeps one entry per bidder", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, 9_000n * USD, await inADay(s));
        const expiry = (await s.now()) + 2n * DAY;
        const tx = s.market.connect(s.factor).bid(id, BID, expiry);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.market], [-500n * USD, 500n * USD]);
        await expect(tx).to.emit(s.market, "BidPlaced").withArgs(id, s.factor.address, BID, expiry);
        expect((await s.market.bidOf(id, s.factor.address))[0].amount).to.equal(BID);
        expect(await withBids(s, id)).to.deep.equal([s.factor.address]);
        expect(await s.lens.bidsOf(s.factor.address, 0n, 10n)).to.deep.equal([id]);
        expect(await s.market.totalLiabilities(s.usdc)).to.equal(BID);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("lowering credits the difference to the bidder's refund ledger, which withdraw pays out", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const usdc = await s.usdc.getAddress();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        const expiry = await inADay(s);
        const tx = s.market.connect(s.factor).bid(id, 9_000n * USD, expiry);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.market], [0n, 0n]);
        await expect(tx)
          .to.emit(s.market, "BidPlaced")
          .withArgs(id, s.factor.address, 9_000n * USD, expiry);
        await expect(tx)
          .to.emit(s.market, "Credited")
          .withArgs(s.factor.address, usdc, 500n * USD);
        expect(await s.market.credited(s.factor.address, usdc)).to.equal(500n * USD);
        expect(await s.market.totalLiabilities(usdc)).to.equal(BID); // 9,000 escrowed + 500 credited
        await expectMarketSolvent(s, s.usdc, [id]);

        const w = s.market.connect(s.factor).withdraw(usdc, s.factor.address);
        await expect(w).to.changeTokenBalances(ethers, s.usdc, [s.market, s.factor], [-500n * USD, 500n * USD]);
        await expect(w)
          .to.emit(s.market, "Withdrawn")
          .withArgs(s.factor.address, usdc, s.factor.address, 500n * USD);
        expect(await s.market.totalLiabilities(usdc)).to.equal(9_000n * USD);
        expect((await s.market.bidOf(id, s.factor.address))[0].amount).to.equal(9_000n * USD);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("re-bidding the same amount only moves the expiry: no money moves", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        const expiry = (await s.now()) + 3n * DAY;
        const tx = s.market.connect(s.factor).bid(id, BID, expiry);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.market], [0n, 0n]);
        await expect(tx).to.emit(s.market, "BidPlaced").withArgs(id, s.factor.address, BID, expiry);
        await expect(tx).not.to.emit(s.market, "Credited");
        expect((await s.market.bidOf(id, s.factor.address))[0].expiry).to.equal(expiry);
      });

      it("re-placing after a cancel escrows afresh; the cancelled escrow was paid back, nothing stays credited", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        await s.market.connect(s.factor).cancelBid(id, s.factor.address);
        const expiry = await inADay(s);
        const tx = s.market.connect(s.factor).bid(id, 9_000n * USD, expiry);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.market], [-9_000n * USD, 9_000n * USD]);
        await expect(tx)
          .to.emit(s.market, "BidPlaced")
          .withArgs(id, s.factor.address, 9_000n * USD, expiry);
        expect(await withBids(s, id)).to.deep.equal([s.factor.address]);
        expect(await s.lens.bidsOf(s.factor.address, 0n, 10n)).to.deep.equal([id]);
        expect(await s.market.credited(s.factor.address, s.usdc)).to.equal(0n);
        expect(await s.market.totalLiabilities(s.usdc)).to.equal(9_000n * USD);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("a stale bid re-placed takes the claim's new nonce and is live again", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, 9_000n * USD, await inADay(s));
        await s.claims.connect(s.debtor).pay(id, 100n * USD);
        expect((await s.market.bidOf(id, s.factor.address))[1]).to.equal(false);
        await expect(s.market.connect(s.factor).bid(id, 9_000n * USD, await inADay(s))).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.market],
          [0n, 0n],
        );
        const [b, live] = await s.market.bidOf(id, s.factor.address);
        expect(b.claimNonce).to.equal(await s.claimLens.claimNonce(id));
        expect(live).to.equal(true);
      });

      it("several factors bid on one claim; each has its own bid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, 9_000n * USD, await inADay(s));
        await s.market.connect(s.bank).bid(id, BID, await inADay(s));
        expect(await withBids(s, id)).to.deep.equal([s.factor.address, s.bank.address]);
        expect((await s.market.bidOf(id, s.factor.address))[0].amount).to.equal(9_000n * USD);
        expect((await s.market.bidOf(id, s.bank.address))[0].amount).to.equal(BID);
        expect(await s.market.totalLiabilities(s.usdc)).to.equal(9_000n * USD + BID);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("on a Financed claim the bank bids against the factor holding it", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await reachState(s, State.Financed);
        const expiry = await inADay(s);
        await expect(s.market.connect(s.bank).bid(id, BID, expiry))
          .to.emit(s.market, "BidPlaced")
          .withArgs(id, s.bank.address, BID, expiry);
      });
    });

    describe("the minimum bid", () => {
      it("is 1 % of the outstanding: one unit less is refused with ClaimMarketBidBelowMinimum, the floor is fine", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, FLOOR - 1n, expiry),
          "ClaimMarketBidBelowMinimum",
          [id, FLOOR - 1n, FLOOR],
          { ids: [id] },
        );
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, 0n, expiry),
          "ClaimMarketBidBelowMinimum",
          [id, 0n, FLOOR],
          { ids: [id] },
        );
        await expect(s.market.connect(s.factor).bid(id, FLOOR, expiry))
          .to.emit(s.market, "BidPlaced")
          .withArgs(id, s.factor.address, FLOOR, expiry);
      });

      it("follows the outstanding after a partial payment", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 5_000n * USD);
        const floor = (FACE - 5_000n * USD) / 100n;
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, floor - 1n, expiry),
          "ClaimMarketBidBelowMinimum",
          [id, floor - 1n, floor],
          { ids: [id] },
        );
        await expect(s.market.connect(s.factor).bid(id, floor, expiry)).to.emit(s.market, "BidPlaced");
      });

      it("is the listing's minBid when that is higher", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const minBid = 8_000n * USD;
        await s.market.connect(s.sme).list(id, 0n, minBid, (await s.now()) + 7n * DAY);
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, minBid - 1n, expiry),
          "ClaimMarketBidBelowMinimum",
          [id, minBid - 1n, minBid],
          { ids: [id] },
        );
        await expect(s.market.connect(s.factor).bid(id, minBid, expiry)).to.emit(s.market, "BidPlaced");
        // Once delisted, only the 1 % floor applies.
        await s.market.connect(s.sme).delist(id);
        await expect(s.market.connect(s.bank).bid(id, FLOOR, expiry)).to.emit(s.market, "BidPlaced");
      });

      it("stays the 1 % floor when the listing's minBid is lower", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.sme).list(id, 0n, 1n, (await s.now()) + 7n * DAY);
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, FLOOR - 1n, expiry),
          "ClaimMarketBidBelowMinimum",
          [id, FLOOR - 1n, FLOOR],
          { ids: [id] },
        );
      });

      it("is one unit on a claim owing less than 100 units (the floor never rounds to zero)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted({ faceValue: 99n });
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, 0n, expiry),
          "ClaimMarketBidBelowMinimum",
          [id, 0n, 1n],
          { ids: [id] },
        );
        await expect(s.market.connect(s.factor).bid(id, 1n, expiry))
          .to.emit(s.market, "BidPlaced")
          .withArgs(id, s.factor.address, 1n, expiry);
      });
    });

    describe("when the bid is refused", () => {
      it("above the outstanding, also after a partial payment: ClaimMarketPriceAboveOutstanding", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, FACE + 1n, expiry),
          "ClaimMarketPriceAboveOutstanding",
          [id, FACE + 1n, FACE],
          { ids: [id] },
        );
        await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, BID, expiry),
          "ClaimMarketPriceAboveOutstanding",
          [id, BID, FACE - 1_000n * USD],
          { ids: [id] },
        );
        await expect(s.market.connect(s.factor).bid(id, FACE - 1_000n * USD, expiry)).to.emit(s.market, "BidPlaced");
      });

      for (const [label, delta] of [
        ["now", 0n],
        ["a second ago", -1n],
      ] as const) {
        it(`with an expiry of ${label}: ClaimMarketDeadlineNotInFuture(expiry, now)`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await s.issueAccepted();
          const next = await pinNext(s);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.factor).bid(id, BID, next + delta),
            "ClaimMarketDeadlineNotInFuture",
            [next + delta, next],
            { ids: [id] },
          );
        });
      }

      for (const who of ["stranger", "debtor", "guarantor", "sme2"] as const) {
        it(`from an account that is not a verified factor (the ${who}): ClaimMarketNotVerified(account, 2)`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await s.issueAccepted();
          const caller: HardhatEthersSigner = s[who];
          await s.usdc.mint(caller.address, FACE);
          await s.usdc.connect(caller).approve(await s.market.getAddress(), ethers.MaxUint256);
          const expiry = await inADay(s);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(caller).bid(id, BID, expiry),
            "ClaimMarketNotVerified",
            [caller.address, FACTOR_ROLE],
            { ids: [id] },
          );
        });
      }

      it("from a factor suspended by the operator: ClaimMarketNotVerified", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.registry.connect(s.operator).setSuspended(s.factor.address, true);
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, BID, expiry),
          "ClaimMarketNotVerified",
          [s.factor.address, FACTOR_ROLE],
          { ids: [id] },
        );
      });

      it("from the holder, on its own claim: ClaimMarketSelfTrade", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await reachState(s, State.Financed); // held by the factor
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, BID, expiry),
          "ClaimMarketSelfTrade",
          [s.factor.address],
          { ids: [id] },
        );
      });

      for (const [name, state] of CLAIM_STATES) {
        if (state === State.Accepted || state === State.Financed) continue;
        it(`on a claim that is ${name}: ClaimMarketClaimNotSellable(id, ${state})`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          const expiry = await inADay(s);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.bank).bid(id, 1_000n * USD, expiry),
            "ClaimMarketClaimNotSellable",
            [id, state],
            { ids: [id] },
          );
        });
      }

      it("on an unknown claim: the claim contract's ClaimNotFound", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.market.connect(s.factor).bid(77n, BID, await inADay(s)))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotFound")
          .withArgs(77n);
      });

      it("on a listed claim after the listing's deadline (auction end): ClaimMarketListingEnded; at the deadline second it is accepted", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const deadline = (await s.now()) + DAY;
        await s.market.connect(s.sme).list(id, 0n, 0n, deadline);
        const expiry = deadline + DAY;
        await time.setNextBlockTimestamp(deadline);
        await expect(s.market.connect(s.factor).bid(id, BID, expiry))
          .to.emit(s.market, "BidPlaced")
          .withArgs(id, s.factor.address, BID, expiry);
        await time.setNextBlockTimestamp(deadline + 1n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.bank).bid(id, BID, expiry),
          "ClaimMarketListingEnded",
          [id, deadline, deadline + 1n],
          { ids: [id] },
        );
        // Raising an existing bid after the end is refused too.
        await time.setNextBlockTimestamp(deadline + 2n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, BID + 1n, expiry),
          "ClaimMarketListingEnded",
          [id, deadline, deadline + 2n],
          { ids: [id] },
        );
      });

      it("while the registry is paused: ClaimMarketPaused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.registry.connect(s.operator).pause();
        const expiry = await inADay(s);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(id, BID, expiry),
          "ClaimMarketPaused",
          [],
          { ids: [id] },
        );
      });

      it("in a currency that delivers less than asked (fee-on-transfer), even nothing: ClaimMarketTransferAmountMismatch", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const fot = await new FeeOnTransferToken__factory(s.operator).deploy();
        const currency = await fot.getAddress();
        await s.registry.connect(s.operator).setCurrencyAllowed(currency, true);
        await fot.mint(s.factor.address, 10n ** 24n);
        await fot.connect(s.factor).approve(await s.market.getAddress(), ethers.MaxUint256);
        const big = await s.issueAccepted({ currency, faceValue: 10_000n * 10n ** 18n });
        const tiny = await s.issueAccepted({ currency, faceValue: 99n }); // minimum bid: one unit
        const expiry = await inADay(s);
        const amount = 9_000n * 10n ** 18n;
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(big, amount, expiry),
          "ClaimMarketTransferAmountMismatch",
          [currency, amount, amount - amount / 100n],
          { ids: [big], tokens: [fot] },
        );
        // The 1 % fee on one unit rounds up to the whole unit: the market receives nothing at all.
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).bid(tiny, 1n, expiry),
          "ClaimMarketTransferAmountMismatch",
          [currency, 1n, 0n],
          { ids: [tiny], tokens: [fot] },
        );
      });

      it("without allowance: the token's own error, nothing escrowed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.usdc.connect(s.bank).approve(await s.market.getAddress(), 0n);
        await expect(s.market.connect(s.bank).bid(id, BID, await inADay(s)))
          .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
          .withArgs(await s.market.getAddress(), 0n, BID);
        expect(await withBids(s, id)).to.deep.equal([]);
        expect(await s.lens.bidsOf(s.bank.address, 0n, 10n)).to.deep.equal([]);
      });
    });

    describe("R3: a bid is always the caller's own", () => {
      it("bid takes no bidder: the sender's funds are escrowed, a victim with a standing allowance loses nothing", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        // The bank approved the market for everything it holds (fixture); the factor bids.
        const tx = s.market.connect(s.factor).bid(id, BID, await inADay(s));
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.bank, s.market], [-BID, 0n, BID]);
        expect((await s.market.bidOf(id, s.bank.address))[0].amount).to.equal(0n);
        expect(await withBids(s, id)).to.deep.equal([s.factor.address]);
        expect(await s.lens.bidsOf(s.bank.address, 0n, 10n)).to.deep.equal([]);
      });

      it("nobody else can cancel or change another's bid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        for (const caller of [s.bank, s.stranger, s.sme, s.operator]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(caller).cancelBid(id, caller.address),
            "ClaimMarketNoBid",
            [id, caller.address],
            { ids: [id] },
          );
        }
        // The bank's own bid at a lower amount is the bank's: the factor's bid is untouched.
        await s.market.connect(s.bank).bid(id, FLOOR, await inADay(s));
        expect((await s.market.bidOf(id, s.factor.address))[0].amount).to.equal(BID);
      });

      it("bidWithPermit with someone else's permit cannot pull the permit's signer's funds", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await onboardFactor(s, s.stranger);
        await s.usdc.connect(s.stranger).approve(await s.market.getAddress(), 0n);
        await s.usdc.connect(s.bank).approve(await s.market.getAddress(), 0n);
        const permit = await signPermit(s, s.bank, BID, (await s.now()) + DAY);
        const bankBefore = await s.usdc.balanceOf(s.bank.address);
        await expect(s.market.connect(s.stranger).bidWithPermit(id, BID, await inADay(s), permit))
          .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
          .withArgs(await s.market.getAddress(), 0n, BID);
        expect(await s.usdc.balanceOf(s.bank.address)).to.equal(bankBefore);
        expect(await s.usdc.allowance(s.bank.address, await s.market.getAddress())).to.equal(0n);
      });
    });
  });

  describe("bidWithPermit", () => {
    it("a factor with no allowance bids in one transaction; the permit's allowance is used up", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const market = await s.market.getAddress();
      await s.usdc.connect(s.bank).approve(market, 0n);
      const permit = await signPermit(s, s.bank, BID, (await s.now()) + DAY);
      const expiry = await inADay(s);
      const tx = s.market.connect(s.bank).bidWithPermit(id, BID, expiry, permit);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.bank, s.market], [-BID, BID]);
      await expect(tx).to.emit(s.market, "BidPlaced").withArgs(id, s.bank.address, BID, expiry);
      await expect(tx).to.emit(s.usdc, "Approval").withArgs(s.bank.address, market, BID);
      expect(await s.usdc.allowance(s.bank.address, market)).to.equal(0n);
      expect(await s.usdc.nonces(s.bank.address)).to.equal(1n);
    });

    it("R2: someone submitted the permit first; the bid still goes through on the allowance it left", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const market = await s.market.getAddress();
      await s.usdc.connect(s.bank).approve(market, 0n);
      const permit = await signPermit(s, s.bank, BID, (await s.now()) + DAY);
      // Front-run: a stranger copies the permit from the mempool and submits it to the token.
      await s.usdc
        .connect(s.stranger)
        .permit(s.bank.address, market, permit.value, permit.deadline, permit.v, permit.r, permit.s);
      expect(await s.usdc.allowance(s.bank.address, market)).to.equal(BID);
      const expiry = await inADay(s);
      const tx = s.market.connect(s.bank).bidWithPermit(id, BID, expiry, permit);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.bank, s.market], [-BID, BID]);
      await expect(tx).to.emit(s.market, "BidPlaced").withArgs(id, s.bank.address, BID, expiry);
      expect(await s.usdc.allowance(s.bank.address, market)).to.equal(0n);
    });

    it("an invalid permit is ignored: with an allowance the bid goes through, without one the token refuses", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const market = await s.market.getAddress();
      const expired = await signPermit(s, s.bank, BID, (await s.now()) - 1n);
      // The fixture's standing approval is there: the bad permit does not matter.
      await expect(s.market.connect(s.bank).bidWithPermit(id, BID, await inADay(s), expired)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.bank, s.market],
        [-BID, BID],
      );
      await s.usdc.connect(s.factor).approve(market, 0n);
      const garbage: PermitStruct = {
        value: BID,
        deadline: ethers.MaxUint256,
        v: 27,
        r: ethers.ZeroHash,
        s: ethers.ZeroHash,
      };
      await expect(s.market.connect(s.factor).bidWithPermit(id, BID, await inADay(s), garbage))
        .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
        .withArgs(market, 0n, BID);
    });

    it("raising with a permit for the difference only", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const market = await s.market.getAddress();
      await s.market.connect(s.bank).bid(id, 9_000n * USD, await inADay(s));
      await s.usdc.connect(s.bank).approve(market, 0n);
      const permit = await signPermit(s, s.bank, 500n * USD, (await s.now()) + DAY);
      await expect(s.market.connect(s.bank).bidWithPermit(id, BID, await inADay(s), permit)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.bank, s.market],
        [-500n * USD, 500n * USD],
      );
    });

    it("is refused like bid: paused, unverified, below the minimum", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const permit = await signPermit(s, s.stranger, BID, (await s.now()) + DAY);
      const expiry = await inADay(s);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.stranger).bidWithPermit(id, BID, expiry, permit),
        "ClaimMarketNotVerified",
        [s.stranger.address, FACTOR_ROLE],
        { ids: [id] },
      );
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.bank).bidWithPermit(id, 1n, expiry, permit),
        "ClaimMarketBidBelowMinimum",
        [id, 1n, FLOOR],
        { ids: [id] },
      );
      await s.registry.connect(s.operator).pause();
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.bank).bidWithPermit(id, BID, expiry, permit),
        "ClaimMarketPaused",
        [],
        { ids: [id] },
      );
    });
  });

  describe("cancelBid", () => {
    it("pays the escrow straight to the bidder: BidCancelled, no credit, liabilities down by the bid", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const usdc = await s.usdc.getAddress();
      await s.market.connect(s.factor).bid(id, BID, await inADay(s));
      expect(await s.market.totalLiabilities(usdc)).to.equal(BID);
      const tx = s.market.connect(s.factor).cancelBid(id, s.factor.address);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.market], [BID, -BID]);
      await expect(tx).to.emit(s.market, "BidCancelled").withArgs(id, s.factor.address, s.factor.address, BID);
      await expect(tx).not.to.emit(s.market, "Credited");

      const [b, live] = await s.market.bidOf(id, s.factor.address);
      expect([b.amount, b.expiry, b.claimNonce, live]).to.deep.equal([0n, 0n, 0n, false]);
      expect(await withBids(s, id)).to.deep.equal([]);
      expect(await s.lens.bidsOf(s.factor.address, 0n, 10n)).to.deep.equal([]);
      expect(await s.market.credited(s.factor.address, usdc)).to.equal(0n);
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(await s.market.getAddress())).to.equal(0n);
      await expectMarketSolvent(s, s.usdc, [id]);

      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.factor).cancelBid(id, s.factor.address),
        "ClaimMarketNoBid",
        [id, s.factor.address],
        { ids: [id] },
      );
    });

    it("pays another address the bidder names; never the zero address or the market itself", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const market = await s.market.getAddress();
      await s.market.connect(s.factor).bid(id, BID, await inADay(s));
      for (const to of [ZeroAddress, market]) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).cancelBid(id, to),
          "ClaimMarketInvalidRecipient",
          [to],
          { ids: [id] },
        );
      }
      const tx = s.market.connect(s.factor).cancelBid(id, s.stranger.address);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.stranger, s.market], [0n, BID, -BID]);
      await expect(tx).to.emit(s.market, "BidCancelled").withArgs(id, s.factor.address, s.stranger.address, BID);
      expect(await s.market.totalLiabilities(await s.usdc.getAddress())).to.equal(0n);
    });

    it("works while paused, after the bid expired and after the claim was settled", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const expiry = await inADay(s);
      await s.market.connect(s.factor).bid(id, BID, expiry);
      await s.market.connect(s.bank).bid(id, 9_000n * USD, expiry);
      await time.increaseTo(expiry + 1n);
      await s.registry.connect(s.operator).pause();
      const first = s.market.connect(s.factor).cancelBid(id, s.factor.address);
      await expect(first).to.emit(s.market, "BidCancelled").withArgs(id, s.factor.address, s.factor.address, BID);
      await expect(first).to.changeTokenBalances(ethers, s.usdc, [s.factor, s.market], [BID, -BID]);
      await s.registry.connect(s.operator).unpause();
      await s.claims.connect(s.debtor).pay(id, FACE);
      await s.registry.connect(s.operator).pause();
      const second = s.market.connect(s.bank).cancelBid(id, s.bank.address);
      await expect(second)
        .to.emit(s.market, "BidCancelled")
        .withArgs(id, s.bank.address, s.bank.address, 9_000n * USD);
      await expect(second).to.changeTokenBalances(ethers, s.usdc, [s.bank, s.market], [9_000n * USD, -9_000n * USD]);
      expect(await s.market.totalLiabilities(await s.usdc.getAddress())).to.equal(0n);
    });

    it("with no bid (never placed, or an unknown claim): ClaimMarketNoBid", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      for (const claimId of [id, 404n]) {
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.factor).cancelBid(claimId, s.factor.address),
          "ClaimMarketNoBid",
          [claimId, s.factor.address],
          { ids: [id] },
        );
      }
    });
  });

  describe("acceptBid", () => {
    describe("when the holder accepts a live bid", () => {
      it("sells at the bid: net to the seller, fee kept for the treasury, claim to the bidder (Accepted -> Financed)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const usdc = await s.usdc.getAddress();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        const fee = feeOf(BID);
        const tx = s.market.connect(s.sme).acceptBid(id, s.factor.address, BID);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.factor, s.sme, s.market, s.operator],
          [0n, BID - fee, -(BID - fee), 0n],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, BID, fee, SaleKind.Bid);
        await expect(tx).not.to.emit(s.market, "Credited");
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Financed);
        expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        expect((await s.market.bidOf(id, s.factor.address))[0].amount).to.equal(0n);
        expect(await withBids(s, id)).to.deep.equal([]);
        expect(await s.lens.bidsOf(s.factor.address, 0n, 10n)).to.deep.equal([]);
        expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
        expect(await s.market.credited(s.operator.address, usdc)).to.equal(0n);
        expect(await s.market.feesAccrued(usdc)).to.equal(fee);
        await expectMarketSolvent(s, s.usdc, [id]);
      });

      it("a resale by the factor to the bank's bid stays Financed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await reachState(s, State.Financed);
        await s.market.connect(s.bank).bid(id, BID, await inADay(s));
        const tx = s.market.connect(s.factor).acceptBid(id, s.bank.address, 0n);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.bank, s.factor, s.market],
          [0n, BID - feeOf(BID), -(BID - feeOf(BID))],
        );
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.factor.address, s.bank.address, BID, feeOf(BID), SaleKind.Bid);
        await expect(tx).not.to.emit(s.claims, "ClaimStateChanged");
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
      });

      it("at the bid's expiry second itself", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inADay(s);
        await s.market.connect(s.factor).bid(id, BID, expiry);
        await time.setNextBlockTimestamp(expiry);
        await expect(s.market.connect(s.sme).acceptBid(id, s.factor.address, BID)).to.emit(s.market, "ClaimSold");
      });

      it("on a listed claim at the listing's deadline second (auction end): the listing goes, the claim is unlocked", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const deadline = (await s.now()) + DAY;
        await s.market.connect(s.sme).list(id, 0n, 0n, deadline);
        await s.market.connect(s.factor).bid(id, BID, deadline + DAY);
        await time.setNextBlockTimestamp(deadline);
        const tx = s.market.connect(s.sme).acceptBid(id, s.factor.address, BID);
        await expect(tx)
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.factor.address, BID, feeOf(BID), SaleKind.Bid);
        await expect(tx).to.emit(s.claims, "Unlocked").withArgs(id);
        expect((await s.market.listing(id)).seller).to.equal(ZeroAddress);
        expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 10n)).to.deep.equal([]);
        expect(await s.claims.locked(id)).to.equal(false);
      });

      it("on a listed claim before its deadline at a bid under the ask (the seller may take an offer any time)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.sme).list(id, 9_900n * USD, 0n, (await s.now()) + 7n * DAY);
        await s.market.connect(s.bank).bid(id, BID, await inADay(s));
        await expect(s.market.connect(s.sme).acceptBid(id, s.bank.address, BID))
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, s.bank.address, BID, feeOf(BID), SaleKind.Bid);
      });

      it("to a bidder contract whose ERC-721 hook reverts: the claim is moved without the hook (H2)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { hostile, address } = await hostileBidder(s);
        const id = await s.issueAccepted();
        await hostileCall(s, hostile, s.market.interface.encodeFunctionData("bid", [id, BID, await inADay(s)]));
        await hostile.connect(s.stranger).setMode(HostileMode.Revert);
        await expect(s.market.connect(s.sme).acceptBid(id, address, BID))
          .to.emit(s.market, "ClaimSold")
          .withArgs(id, s.sme.address, address, BID, feeOf(BID), SaleKind.Bid);
        expect(await s.claims.ownerOf(id)).to.equal(address);
      });
    });

    describe("when the sale is refused", () => {
      it("by anyone but the holder (the bidder, a stranger, the debtor): ClaimMarketNotHolder", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        for (const caller of [s.factor, s.stranger, s.debtor, s.operator]) {
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(caller).acceptBid(id, s.factor.address, 0n),
            "ClaimMarketNotHolder",
            [id, caller.address, s.sme.address],
            { ids: [id] },
          );
        }
      });

      it("for a bidder with no bid: ClaimMarketNoBid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptBid(id, s.bank.address, 0n),
          "ClaimMarketNoBid",
          [id, s.bank.address],
          { ids: [id] },
        );
      });

      it("R1: the bidder lowered its bid after the seller looked: ClaimMarketPriceBelowMinimum(id, bid, minPrice)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        const seen = (await s.market.bidOf(id, s.factor.address))[0].amount;
        await s.market.connect(s.factor).bid(id, FLOOR, await inADay(s));
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptBid(id, s.factor.address, seen),
          "ClaimMarketPriceBelowMinimum",
          [id, FLOOR, seen],
          { ids: [id] },
        );
      });

      it("R1: the lowering front-runs the acceptance in the same block: the acceptance fails, the claim stays", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        const expiry = await inADay(s);
        await connection.provider.request({ method: "evm_setAutomine", params: [false] });
        try {
          const accept = await s.market.connect(s.sme).acceptBid(id, s.factor.address, BID, {
            gasLimit: 600_000n,
            maxPriorityFeePerGas: 1n,
            maxFeePerGas: 10n ** 11n,
          });
          const lower = await s.market
            .connect(s.factor)
            .bid(id, FLOOR, expiry, { gasLimit: 300_000n, maxPriorityFeePerGas: 10n ** 10n, maxFeePerGas: 10n ** 11n });
          await networkHelpers.mine();
          const lowered = await ethers.provider.getTransactionReceipt(lower.hash);
          const accepted = await ethers.provider.getTransactionReceipt(accept.hash);
          expect(lowered?.status).to.equal(1);
          expect(accepted?.status).to.equal(0);
          expect(accepted?.blockNumber).to.equal(lowered?.blockNumber);
        } finally {
          await connection.provider.request({ method: "evm_setAutomine", params: [true] });
        }
        await expect(s.market.connect(s.sme).acceptBid.staticCall(id, s.factor.address, BID))
          .to.be.revertedWithCustomError(s.market, "ClaimMarketPriceBelowMinimum")
          .withArgs(id, FLOOR, BID);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      });

      it("for an expired bid: ClaimMarketBidNotLive", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inADay(s);
        await s.market.connect(s.factor).bid(id, BID, expiry);
        await time.increaseTo(expiry + 1n);
        expect((await s.market.bidOf(id, s.factor.address))[1]).to.equal(false);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptBid(id, s.factor.address, 0n),
          "ClaimMarketBidNotLive",
          [id, s.factor.address],
          { ids: [id] },
        );
      });

      for (const [how, change] of [
        ["paid in part", (s: MarketSystem, id: bigint) => s.claims.connect(s.debtor).pay(id, 1n)],
        [
          "transferred",
          (s: MarketSystem, id: bigint) => s.claims.connect(s.sme).transferFrom(s.sme.address, s.sme2.address, id),
        ],
      ] as const) {
        it(`for a stale bid (the claim was ${how} after it): ClaimMarketBidNotLive; the bidder cancels and gets every wei back`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await s.issueAccepted();
          const before = await s.usdc.balanceOf(s.factor.address);
          await s.market.connect(s.factor).bid(id, BID, await inADay(s));
          await change(s, id);
          expect((await s.market.bidOf(id, s.factor.address))[1]).to.equal(false);
          const holder = await ethers.getSigner(await s.claims.ownerOf(id));
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(holder).acceptBid(id, s.factor.address, 0n),
            "ClaimMarketBidNotLive",
            [id, s.factor.address],
            { ids: [id] },
          );
          await expect(s.market.connect(s.factor).cancelBid(id, s.factor.address)).to.changeTokenBalances(
            ethers,
            s.usdc,
            [s.market, s.factor],
            [-BID, BID],
          );
          expect(await s.usdc.balanceOf(s.factor.address)).to.equal(before);
          expect(await s.market.totalLiabilities(s.usdc)).to.equal(0n);
        });
      }

      it("on a listed claim after the listing's deadline: ClaimMarketListingEnded; delisted, the bid can be taken", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const deadline = (await s.now()) + DAY;
        await s.market.connect(s.sme).list(id, 0n, 0n, deadline);
        await s.market.connect(s.factor).bid(id, BID, deadline + 2n * DAY);
        await time.setNextBlockTimestamp(deadline + 1n);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptBid(id, s.factor.address, BID),
          "ClaimMarketListingEnded",
          [id, deadline, deadline + 1n],
          { ids: [id] },
        );
        await s.market.connect(s.sme).delist(id);
        await expect(s.market.connect(s.sme).acceptBid(id, s.factor.address, BID)).to.emit(s.market, "ClaimSold");
      });

      it("once the claim is Disputed: ClaimMarketClaimNotSellable", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        await s.claims.connect(s.debtor).dispute(id, EVIDENCE);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptBid(id, s.factor.address, 0n),
          "ClaimMarketClaimNotSellable",
          [id, State.Disputed],
          { ids: [id] },
        );
      });

      it("when the bidder is no longer a verified factor: ClaimMarketNotVerified(bidder, 2)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        await s.registry.connect(s.operator).revoke(s.factor.address, FACTOR_ROLE);
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptBid(id, s.factor.address, 0n),
          "ClaimMarketNotVerified",
          [s.factor.address, FACTOR_ROLE],
          { ids: [id] },
        );
      });

      it("while the registry is paused: ClaimMarketPaused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.market.connect(s.factor).bid(id, BID, await inADay(s));
        await s.registry.connect(s.operator).pause();
        await expectMarketRevertUnchanged(
          s,
          () => s.market.connect(s.sme).acceptBid(id, s.factor.address, 0n),
          "ClaimMarketPaused",
          [],
          { ids: [id] },
        );
      });
    });

    describe("when the auction is over: the losing bidders", () => {
      it("have dead bids, cannot be accepted by the new holder, and get every wei back by cancelling", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await onboardFactor(s, s.stranger, 20_000n * USD);
        const id = await s.issueAccepted();
        const usdc = await s.usdc.getAddress();
        const bidders = [s.factor, s.bank, s.stranger];
        const start = await Promise.all(bidders.map((b) => s.usdc.balanceOf(b.address)));
        const expiry = (await s.now()) + 3n * DAY;
        await s.market.connect(s.factor).bid(id, 9_000n * USD, expiry);
        await s.market.connect(s.bank).bid(id, BID, expiry);
        await s.market.connect(s.stranger).bid(id, 9_200n * USD, expiry);
        await s.market.connect(s.stranger).bid(id, 9_300n * USD, expiry); // raised
        await expectMarketSolvent(s, s.usdc, [id]);

        await s.market.connect(s.sme).acceptBid(id, s.bank.address, BID);
        await expectMarketSolvent(s, s.usdc, [id]);
        for (const loser of [s.factor, s.stranger]) {
          expect((await s.market.bidOf(id, loser.address))[1]).to.equal(false);
          await expectMarketRevertUnchanged(
            s,
            () => s.market.connect(s.bank).acceptBid(id, loser.address, 0n),
            "ClaimMarketBidNotLive",
            [id, loser.address],
            { ids: [id] },
          );
        }
        // Dead bids stay escrowed, and bidsOf still names them, until their bidders cancel.
        expect(await withBids(s, id)).to.deep.equal([s.factor.address, s.stranger.address]);
        expect(await s.lens.bidsOf(s.stranger.address, 0n, 10n)).to.deep.equal([id]);

        for (const loser of [s.factor, s.stranger]) {
          await s.market.connect(loser).cancelBid(id, loser.address);
          await expectMarketSolvent(s, s.usdc, [id]);
        }
        expect(await s.usdc.balanceOf(s.factor.address)).to.equal(start[0]);
        expect(await s.usdc.balanceOf(s.stranger.address)).to.equal(start[2]);
        expect(await s.usdc.balanceOf(s.bank.address)).to.equal(start[1] - BID);
        expect(await withBids(s, id)).to.deep.equal([]);

        // M3: once the treasury collects the fee, the market holds nothing and owes nothing.
        await s.market.connect(s.operator).withdrawFees(usdc, s.operator.address);
        expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
        expect(await s.usdc.balanceOf(await s.market.getAddress())).to.equal(0n);
      });
    });
  });

  describe("H2: a bidder contract whose token hooks revert", () => {
    for (const [label, mode] of [
      ["Revert", HostileMode.Revert],
      ["WrongValue", HostileMode.WrongValue],
      ["BurnGas", HostileMode.BurnGas],
    ] as const) {
      it(`in ${label} mode cannot block another bidder's cancel, nor the sale to another bidder`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { hostile, address } = await hostileBidder(s);
        const id = await s.issueAccepted();
        const expiry = await inADay(s);
        await hostileCall(s, hostile, s.market.interface.encodeFunctionData("bid", [id, 9_900n * USD, expiry]));
        await hostile.connect(s.stranger).setMode(mode);
        await s.market.connect(s.factor).bid(id, 9_000n * USD, expiry);
        await s.market.connect(s.bank).bid(id, BID, expiry);

        await expect(s.market.connect(s.factor).cancelBid(id, s.factor.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.market, s.factor],
          [-9_000n * USD, 9_000n * USD],
        );
        // The seller prefers the bank's lower bid: the hostile bidder's higher one does not get in the way.
        await expect(s.market.connect(s.sme).acceptBid(id, s.bank.address, BID)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.sme, s.market, hostile],
          [BID - feeOf(BID), -(BID - feeOf(BID)), 0n],
        );
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        await expectMarketSolvent(s, s.usdc, [id], [...cast(s), address]);

        // The hostile contract still gets its own money back when it cancels.
        const cancel = s.market.interface.encodeFunctionData("cancelBid", [id, address]);
        await expect(hostileCall(s, hostile, cancel)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.market, hostile],
          [-9_900n * USD, 9_900n * USD],
        );
        await expectMarketSolvent(s, s.usdc, [id], [...cast(s), address]);
      });
    }
  });

  describe("D1: accepting a bid costs the same gas whatever the number of other bids", () => {
    it("with 1 and with 1,000 other bids on the claim", async function () {
      this.timeout(180_000);
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const expiry = (await s.now()) + 30n * DAY;
      await s.market.connect(s.factor).bid(id, BID, expiry);
      const crowd = await crowdOfBidders(s, 1_000);
      await bidAll(s, id, crowd.slice(0, 1), expiry);

      const accept = async () => {
        const tx = await s.market.connect(s.sme).acceptBid(id, s.factor.address, BID);
        const receipt = await tx.wait();
        expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
        return receipt!.gasUsed;
      };

      const base = await networkHelpers.takeSnapshot();
      const withOne = await accept();
      await base.restore();

      await bidAll(s, id, crowd.slice(1), expiry);
      const others = crowd.map((w) => w.address);
      const everyone = [s.factor.address, ...others];
      expect(await withBids(s, id, everyone)).to.have.length(1_001);
      await expectMarketSolvent(s, s.usdc, [id], [...cast(s), ...others]);
      const withThousand = await accept();

      const diff = withThousand > withOne ? withThousand - withOne : withOne - withThousand;
      expect(diff, `acceptBid gas: ${withOne} with 1 other bid, ${withThousand} with 1,000`).to.be.lte(300n);
      // The other bids are still there, dead now, each refundable.
      expect(await withBids(s, id, everyone)).to.deep.equal(others);
      const [dead, live] = await s.market.bidOf(id, crowd[0].address);
      expect([dead.amount, live]).to.deep.equal([FLOOR, false]);
      expect(await s.lens.bidsOf(crowd[0].address, 0n, 10n)).to.deep.equal([id]);
      await expectMarketSolvent(s, s.usdc, [id], [...cast(s), ...others]);
    });
  });

  describe("views: bidsOf() and bidOf()", () => {
    /**
     * Seven claims; the factor bids on 1, 3, 4 and 6, the bank on 2 and 3 (claim 7 has no bid). Claim 4 is then paid
     * in part (the factor's bid on it is stale) and time passes beyond the bank's expiry on 3.
     */
    async function bidBook(s: MarketSystem) {
      const ids: bigint[] = [];
      for (let i = 0; i < 7; i++) ids.push(await s.issueAccepted());
      const expiry = (await s.now()) + 2n * DAY;
      for (const id of [1n, 3n, 4n, 6n]) await s.market.connect(s.factor).bid(id, 9_000n * USD + id, expiry);
      await s.market.connect(s.bank).bid(2n, BID, expiry);
      await s.market.connect(s.bank).bid(3n, BID, (await s.now()) + DAY);
      await s.claims.connect(s.debtor).pay(4n, 1n);
      await time.increase(DAY + 1n);
      expect((await s.market.bidOf(4n, s.factor.address))[1], "stale").to.equal(false);
      expect((await s.market.bidOf(3n, s.bank.address))[1], "expired").to.equal(false);
      return ids;
    }

    it("bidsOf() names the claims a bidder has an escrowed bid on, live or not, in id order", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await bidBook(s);
      expect(await s.lens.bidsOf(s.factor.address, 0n, 100n)).to.deep.equal([1n, 3n, 4n, 6n]);
      expect(await s.lens.bidsOf(s.bank.address, 0n, 100n)).to.deep.equal([2n, 3n]);
      expect(await s.lens.bidsOf(s.factor.address, 2n, 3n)).to.deep.equal([3n, 4n]);
      expect(await s.lens.bidsOf(s.bank.address, 4n, 100n)).to.deep.equal([]);
      expect(await s.lens.bidsOf(s.stranger.address, 0n, 100n)).to.deep.equal([]);
      expect(await s.lens.bidsOf(ZeroAddress, 0n, 100n)).to.deep.equal([]);
    });

    for (const who of ["factor", "bank"] as const) {
      it(`bidsOf() of the ${who}: fromId 0 reads as 1, windows past the last id or of count 0 are empty, the largest count does not overflow, windows laid end to end give the full answer`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await bidBook(s);
        const bidder = s[who].address;
        const view = async (fromId: bigint, count: bigint) => [...(await s.lens.bidsOf(bidder, fromId, count))];
        const expected = who === "factor" ? [1n, 3n, 4n, 6n] : [2n, 3n];
        await expectWindowEdges(view, expected, await s.claims.claimCount());
      });
    }

    it("bidsOf(): a cancelled bid and an accepted one disappear; a lowered or re-placed one stays", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await bidBook(s);
      const of = async (bidder: HardhatEthersSigner) => [...(await s.lens.bidsOf(bidder.address, 0n, 100n))];
      await s.market.connect(s.factor).cancelBid(3n, s.factor.address);
      expect(await of(s.factor)).to.deep.equal([1n, 4n, 6n]);
      expect(await of(s.bank)).to.deep.equal([2n, 3n]);
      await s.market.connect(s.sme).acceptBid(2n, s.bank.address, 0n);
      expect(await of(s.bank)).to.deep.equal([3n]);
      await s.market.connect(s.factor).bid(4n, FLOOR, await inADay(s)); // the stale bid re-placed, lowered
      expect(await of(s.factor)).to.deep.equal([1n, 4n, 6n]);
      await s.market.connect(s.sme).acceptBid(6n, s.factor.address, 0n);
      expect(await of(s.factor)).to.deep.equal([1n, 4n]);
      await s.market.connect(s.bank).cancelBid(3n, s.bank.address);
      await s.market.connect(s.factor).cancelBid(1n, s.factor.address);
      await s.market.connect(s.factor).cancelBid(4n, s.factor.address);
      expect(await of(s.factor)).to.deep.equal([]);
      expect(await of(s.bank)).to.deep.equal([]);
      for (let id = 1n; id <= 7n; id++) expect(await withBids(s, id), `claim ${id}`).to.deep.equal([]);
    });

    it("bidsOf() is empty before any claim exists, whatever the window", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      expect(await s.lens.bidsOf(s.factor.address, 0n, ethers.MaxUint256)).to.deep.equal([]);
      expect(await s.lens.bidsOf(s.factor.address, 1n, 1n)).to.deep.equal([]);
    });

    it("bidOf() says whether a bid can be accepted now: none, live, expired, stale", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const other = await s.issueAccepted();
      const none = await s.market.bidOf(id, s.factor.address);
      expect([none[0].amount, none[1]]).to.deep.equal([0n, false]);
      const expiry = (await s.now()) + DAY;
      await s.market.connect(s.factor).bid(id, BID, expiry);
      await s.market.connect(s.bank).bid(other, BID, expiry + DAY);
      expect((await s.market.bidOf(id, s.factor.address))[1]).to.equal(true);
      await time.setNextBlockTimestamp(expiry);
      await networkHelpers.mine();
      expect((await s.market.bidOf(id, s.factor.address))[1]).to.equal(true); // the expiry second is included
      await networkHelpers.mine();
      expect((await s.market.bidOf(id, s.factor.address))[1]).to.equal(false);
      expect((await s.market.bidOf(other, s.bank.address))[1]).to.equal(true);
      await s.claims.connect(s.debtor).pay(other, 1n);
      const [stale, live] = await s.market.bidOf(other, s.bank.address);
      expect([stale.amount, live]).to.deep.equal([BID, false]);
    });
  });

  describe("I1: the market's liabilities are its escrowed bids plus its credits, and its balance covers them", () => {
    it("after every step of a busy auction", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await onboardFactor(s, s.stranger, 50_000n * USD);
      const a = await s.issueAccepted();
      const b = await s.issueAccepted({ debtor: s.debtor2.address });
      const ids = [a, b];
      const usdc = await s.usdc.getAddress();
      const expiry = (await s.now()) + 5n * DAY;
      const check = () => expectMarketSolvent(s, s.usdc, ids);
      const steps: [string, () => Promise<unknown>][] = [
        ["factor bids on a", () => s.market.connect(s.factor).bid(a, 9_000n * USD, expiry)],
        ["bank bids on a", () => s.market.connect(s.bank).bid(a, 9_100n * USD, expiry)],
        ["stranger bids on b", () => s.market.connect(s.stranger).bid(b, 8_000n * USD, expiry)],
        ["factor raises on a", () => s.market.connect(s.factor).bid(a, 9_400n * USD, expiry)],
        ["bank lowers on a", () => s.market.connect(s.bank).bid(a, 8_500n * USD, expiry)],
        ["factor bids on b", () => s.market.connect(s.factor).bid(b, 8_100n * USD, expiry)],
        ["bank withdraws its refund", () => s.market.connect(s.bank).withdraw(usdc, s.bank.address)],
        ["sme lists b", () => s.market.connect(s.sme).list(b, 9_950n * USD, 0n, expiry)],
        ["sme accepts factor on a", () => s.market.connect(s.sme).acceptBid(a, s.factor.address, 0n)],
        ["bank lowers its dead bid on a", () => s.market.connect(s.bank).bid(a, 8_000n * USD, expiry)],
        ["bank cancels its dead bid on a", () => s.market.connect(s.bank).cancelBid(a, s.bank.address)],
        ["bank buys b", () => s.market.connect(s.bank).buy(b, 9_950n * USD)],
        ["stranger lowers on b", () => s.market.connect(s.stranger).bid(b, 7_000n * USD, expiry)],
        ["stranger cancels on b", () => s.market.connect(s.stranger).cancelBid(b, s.stranger.address)],
        ["factor bids on b again", () => s.market.connect(s.factor).bid(b, 9_000n * USD, expiry)],
        ["bank accepts factor on b", () => s.market.connect(s.bank).acceptBid(b, s.factor.address, 0n)],
        ["bank bids on a, now the factor's", () => s.market.connect(s.bank).bid(a, 9_700n * USD, expiry)],
        ["factor accepts bank on a", () => s.market.connect(s.factor).acceptBid(a, s.bank.address, 0n)],
        ["stranger withdraws", () => s.market.connect(s.stranger).withdraw(usdc, s.stranger.address)],
        ["bank withdraws", () => s.market.connect(s.bank).withdraw(usdc, s.bank.address)],
        ["treasury collects the fees", () => s.market.connect(s.operator).withdrawFees(usdc, s.operator.address)],
      ];
      for (const [step, run] of steps) {
        await run();
        try {
          await check();
        } catch (error) {
          throw new Error(`after "${step}": ${(error as Error).message}`);
        }
      }
      expect(await s.market.totalLiabilities(usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(await s.market.getAddress())).to.equal(0n);
    });
  });
});

/** A HostileReceiver bidder driven by the stranger: a verified factor with 20,000 USDC approved to the market. */
async function hostileBidder(s: MarketSystem): Promise<{ hostile: HostileReceiver; address: string }> {
  const hostile = await new HostileReceiver__factory(s.stranger).deploy(s.stranger.address);
  const address = await hostile.getAddress();
  await s.registry.connect(s.operator).verify(address, FACTOR_ROLE, (await s.now()) + 365n * DAY);
  await s.usdc.mint(address, 20_000n * USD);
  const approve = s.usdc.interface.encodeFunctionData("approve", [await s.market.getAddress(), ethers.MaxUint256]);
  await hostile.connect(s.stranger).execute(await s.usdc.getAddress(), approve);
  return { hostile, address };
}

/** The hostile bidder's owner makes it call the market (or the token, for `approve`). */
async function hostileCall(s: MarketSystem, hostile: HostileReceiver, data: string) {
  return hostile.connect(s.stranger).execute(await s.market.getAddress(), data);
}

/**
 * `n` fresh bidders (random wallets): ETH for gas, 200 USDC each approved to the market, verified as factors
 * (in batches).
 */
async function crowdOfBidders(s: MarketSystem, n: number): Promise<HDNodeWallet[]> {
  const wallets = Array.from({ length: n }, () => Wallet.createRandom().connect(ethers.provider));
  const expiry = (await s.now()) + 365n * DAY;
  for (let i = 0; i < n; i += 100) {
    const batch = wallets.slice(i, i + 100).map((w) => w.address);
    await s.registry.connect(s.operator).verifyBatch(
      batch,
      batch.map(() => FACTOR_ROLE),
      batch.map(() => expiry),
    );
  }
  const market = await s.market.getAddress();
  for (const w of wallets) {
    await networkHelpers.setBalance(w.address, 10n ** 18n);
    await s.usdc.mint(w.address, 200n * USD, { gasLimit: 100_000n });
    await s.usdc.connect(w).approve(market, ethers.MaxUint256, { gasLimit: 100_000n });
  }
  return wallets;
}

/** Each wallet bids FLOOR + its index on `id`. */
async function bidAll(s: MarketSystem, id: bigint, wallets: HDNodeWallet[], expiry: bigint) {
  for (const [i, w] of wallets.entries()) {
    await s.market.connect(w).bid(id, FLOOR + BigInt(i), expiry, { gasLimit: 300_000n });
  }
}
