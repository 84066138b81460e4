/**
 * Finding (fixed): a guarantee activated or released left every order priced before it live.
 *
 * An escrowed bid, a signed offer and a listing are each priced on a state of the claim, guarantee included, and
 * are valid only at the claim nonce they were made at. Activating or releasing a guarantee moved neither the claim
 * nor its state, so its nonce stayed put: a guarantor holding the claim it covers could release the cover, and the
 * next buyer paid a guaranteed price (9,900 of 10,000) for a claim no longer guaranteed; likewise a bid made on an
 * unguaranteed claim could still be accepted once the holder had bought cover.
 *
 * Fix: `activate` and `release` call the claim contract's `voidOrders`, which moves the nonce (ClaimOrdersVoided).
 * A call already voids them: it moves the claim (see GuaranteeEscrow.call.test.ts).
 *
 * The listing case needs the market to refuse a listing made at another claim nonce: until it does, `buy` fills it.
 */
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { deployEscrowSystem, FACE, type EscrowSystem } from "../fixtures/escrow.js";
import { USD } from "../fixtures/system.js";
import { expectMarketRevertUnchanged } from "../helpers/marketState.js";
import { DAY, GuaranteeStatus as Status } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

/** A guaranteed price: 9,900 for 10,000 fully covered. */
const PRICE = 9_900n * USD;

/**
 * A claim fully covered by the bank (factor and guarantor), which then buys it: the guarantor holds what it
 * guarantees.
 */
async function guarantorHolds(s: EscrowSystem) {
  const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ guarantor: s.bank, cover: FACE });
  await s.sell(id, s.bank);
  expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
  expect(await s.escrow.isGuaranteed(id)).to.equal(true);
  return { id, gid };
}

/** The bank, guarantor and holder, releases `gid`; returns the claim's nonce before and the transaction. */
async function release(s: EscrowSystem, id: bigint, gid: bigint) {
  const nonce = await s.claimLens.claimNonce(id);
  const tx = await s.escrow.connect(s.bank).release(gid);
  expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Released));
  expect(await s.escrow.isGuaranteed(id)).to.equal(false);
  return { nonce, tx };
}

/** The sme, the holder, activates `gid`; returns the claim's nonce before and the transaction. */
async function activate(s: EscrowSystem, id: bigint, gid: bigint) {
  const nonce = await s.claimLens.claimNonce(id);
  const tx = await s.escrow.connect(s.sme).activate(gid);
  expect(await s.escrow.isGuaranteed(id)).to.equal(true);
  return { nonce, tx };
}

/**
 * The guarantee step `tx` moved the claim's nonce by one and said so (ClaimOrdersVoided from the escrow), with an
 * ERC-4906 MetadataUpdate for the claim's changed "Guarantee" attribute.
 */
async function expectVoided(s: EscrowSystem, id: bigint, step: { nonce: bigint; tx: ContractTransactionResponse }) {
  await expect(step.tx)
    .to.emit(s.claims, "ClaimOrdersVoided")
    .withArgs(id, s.escrowAddress, step.nonce + 1n);
  await expect(step.tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
  expect(await s.claimLens.claimNonce(id)).to.equal(step.nonce + 1n);
}

describe("Finding: a guarantee activated or released voids the orders priced before it", () => {
  describe("the guarantor holds the claim it covers and releases the cover", () => {
    it("an escrowed bid made before the release can no longer be accepted (ClaimMarketBidNotLive)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await guarantorHolds(s);
      await s.market.connect(s.factor).bid(id, PRICE, (await s.now()) + DAY);
      const step = await release(s, id, gid);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.bank).acceptBid(id, s.factor.address, PRICE),
        "ClaimMarketBidNotLive",
        [id, s.factor.address],
        { ids: [id] },
      );
      await expectVoided(s, id, step);
      expect((await s.market.bidOf(id, s.factor.address))[1]).to.equal(false);
      // The bidder may price the unguaranteed claim afresh: a new bid, at the new nonce, fills.
      const fresh = 9_000n * USD;
      await s.market.connect(s.factor).bid(id, fresh, (await s.now()) + DAY);
      const net = fresh - (fresh * 25n) / 10_000n;
      await expect(s.market.connect(s.bank).acceptBid(id, s.factor.address, fresh)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.bank, s.factor, s.market],
        [net, 0n, -net],
      );
      expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    });

    it("a signed offer made before the release can no longer be accepted (ClaimMarketStaleOffer)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await guarantorHolds(s);
      const offer = await s.offerFor(id, PRICE, s.factor);
      const signature = await s.signOffer(s.factor, offer);
      const step = await release(s, id, gid);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.bank).acceptSignedOffer(offer, signature),
        "ClaimMarketStaleOffer",
        [id, offer.claimNonce, offer.claimNonce + 1n],
        { ids: [id] },
      );
      await expectVoided(s, id, step);
      expect(await s.market.offerNonceUsed(s.factor.address, offer.offerNonce)).to.equal(false);
    });

    it("a listing made before the release can no longer be bought", async () => {
      // Relies on the market refusing, in `buy`, a listing made at another claim nonce than the current one.
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await guarantorHolds(s);
      await s.market.connect(s.bank).list(id, PRICE, 0n, (await s.now()) + DAY);
      const step = await release(s, id, gid);
      const before = await Promise.all([s.bank, s.factor].map((a) => s.usdc.balanceOf(a.address)));
      await expect(s.market.connect(s.factor).buy(id, PRICE)).to.revert(ethers);
      expect(await Promise.all([s.bank, s.factor].map((a) => s.usdc.balanceOf(a.address)))).to.deep.equal(before);
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
      await expectVoided(s, id, step);
    });
  });

  describe("the holder activates cover after orders were made on the unguaranteed claim", () => {
    it("an escrowed bid made before the activation can no longer be accepted (ClaimMarketBidNotLive)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id, { cover: FACE });
      await s.market.connect(s.factor).bid(id, PRICE, (await s.now()) + DAY);
      const step = await activate(s, id, gid);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptBid(id, s.factor.address, PRICE),
        "ClaimMarketBidNotLive",
        [id, s.factor.address],
        { ids: [id] },
      );
      await expectVoided(s, id, step);
    });

    it("a signed offer made before the activation can no longer be accepted (ClaimMarketStaleOffer)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id, { cover: FACE });
      const offer = await s.offerFor(id, PRICE, s.factor);
      const signature = await s.signOffer(s.factor, offer);
      const step = await activate(s, id, gid);
      await expectMarketRevertUnchanged(
        s,
        () => s.market.connect(s.sme).acceptSignedOffer(offer, signature),
        "ClaimMarketStaleOffer",
        [id, offer.claimNonce, offer.claimNonce + 1n],
        { ids: [id] },
      );
      await expectVoided(s, id, step);
    });
  });
});
