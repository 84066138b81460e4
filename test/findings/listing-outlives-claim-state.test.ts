/**
 * Finding: a listing outlived the claim state it was priced on. A listing stored no claim nonce, so after a partial
 * payment or an arbiter's dilution it stayed buyable at its old ask: a buyer who saw 10,000 outstanding and paid
 * 9,800 got a claim that owed less (the debtor's payment, or the dilution, took the buyer's discount). A listing now
 * records the claim's nonce when it is set or re-priced, and `buy` refuses it with ClaimMarketStaleListing once the
 * nonce moved; `updateListing` re-prices it at the new state.
 */
import { expect } from "chai";
import { id as hashOf } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "../fixtures/market.js";
import { USD } from "../fixtures/system.js";
import { expectMarketRevertUnchanged } from "../helpers/marketState.js";
import { DAY, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

const FACE = 10_000n * USD;
const ASK = 9_800n * USD;
const feeOf = (price: bigint) => (price * 25n) / 10_000n;

/** The SME lists a fresh 10,000 claim at 9,800; returns its id and the nonce the listing was priced on. */
async function listed(s: MarketSystem): Promise<{ id: bigint; listedNonce: bigint }> {
  const id = await s.issueAccepted();
  await s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + 7n * DAY);
  const listedNonce = await s.claimLens.claimNonce(id);
  expect((await s.market.listing(id)).claimNonce).to.equal(listedNonce);
  return { id, listedNonce };
}

/** `buy` at the old ask must revert with ClaimMarketStaleListing, move nothing, and leave the claim with the SME. */
async function expectStaleBuyRefused(s: MarketSystem, id: bigint, listedNonce: bigint): Promise<void> {
  const current = await s.claimLens.claimNonce(id);
  expect(current).to.not.equal(listedNonce);
  await expectMarketRevertUnchanged(
    s,
    () => s.market.connect(s.bank).buy(id, ASK),
    "ClaimMarketStaleListing",
    [id, listedNonce, current],
    { ids: [id] },
  );
  expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
  const view = await s.market.listing(id);
  expect(view.seller).to.equal(s.sme.address);
  expect(view.claimNonce).to.equal(listedNonce); // the nonce it was priced on, not the claim's new one
}

describe("Finding: a listing fills only at the claim state it was priced on", () => {
  it("a partial payment between list and buy: buy reverts and nothing moves", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { id, listedNonce } = await listed(s);
    await s.claims.connect(s.debtor).pay(id, 150n * USD); // 9,850 left: the 9,800 ask now earns 50, not 200
    await expectStaleBuyRefused(s, id, listedNonce);
  });

  it("an arbiter's dilution between list and buy: buy reverts and nothing moves", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { id, listedNonce } = await listed(s);
    await s.claims.connect(s.debtor).dispute(id, hashOf("short delivery"));
    await s.claims.connect(s.operator).resolve(id, Outcome.Diluted, 9_850n * USD);
    expect(await s.claimLens.outstanding(id)).to.equal(9_850n * USD);
    await expectStaleBuyRefused(s, id, listedNonce);
  });

  it("only the seller may withdraw a listing a payment made stale: anyone can move the nonce", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { id } = await listed(s);
    await s.claims.connect(s.debtor).pay(id, 1n);
    await expectMarketRevertUnchanged(
      s,
      () => s.market.connect(s.stranger).delist(id),
      "ClaimMarketNotHolder",
      [id, s.stranger.address, s.sme.address],
      { ids: [id] },
    );
    await expect(s.market.connect(s.sme).delist(id)).to.emit(s.market, "Delisted").withArgs(id, s.sme.address);
  });

  it("after updateListing the buy goes through at the new state", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { id, listedNonce } = await listed(s);
    await s.claims.connect(s.debtor).pay(id, 150n * USD);
    const newAsk = 9_650n * USD; // priced on the 9,850 left
    await s.market.connect(s.sme).updateListing(id, newAsk, 0n, (await s.now()) + 7n * DAY);
    const current = await s.claimLens.claimNonce(id);
    expect(current).to.not.equal(listedNonce);
    expect((await s.market.listing(id)).claimNonce).to.equal(current);
    await expect(s.market.connect(s.bank).buy(id, newAsk)).to.changeTokenBalances(
      ethers,
      s.usdc,
      [s.bank, s.sme, s.market],
      [-newAsk, newAsk - feeOf(newAsk), feeOf(newAsk)],
    );
    expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
    expect(await s.claimLens.outstanding(id)).to.equal(FACE - 150n * USD);
  });
});
