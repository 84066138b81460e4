/**
 * Finding: `buy` filled a stale listing. A listing whose claim the market no longer locks (the operator stopped
 * trusting the market, the holder unlocked the orphaned claim) stayed buyable once the market was trusted again.
 * If the claim had meanwhile moved to another holder, `buy` took it from that holder with `agentTransfer` and paid
 * the old seller: the new holder lost the claim without selling it. `delist` already called such a listing stale
 * (anyone may clear it); `buy` now refuses it with ClaimMarketNotListed.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "../fixtures/market.js";
import { USD } from "../fixtures/system.js";
import { changeAgentTrust } from "../helpers/agents.js";
import { expectMarketRevertUnchanged } from "../helpers/marketState.js";
import { DAY } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

const ASK = 9_800n * USD;

/** The SME lists a claim; the market is distrusted, the SME unlocks the orphan; the market is trusted again. */
async function staleListing(s: MarketSystem, moveTo?: string): Promise<bigint> {
  const id = await s.issueAccepted();
  await s.market.connect(s.sme).list(id, ASK, 0n, (await s.now()) + 7n * DAY);
  const market = await s.market.getAddress();
  await changeAgentTrust(s, market, false);
  await s.claims.connect(s.sme).unlock(id);
  if (moveTo !== undefined) await s.claims.connect(s.sme).transferFrom(s.sme.address, moveTo, id);
  await changeAgentTrust(s, market, true);
  // The market lost the lock: what is stored is no listing any more.
  expect((await s.market.listing(id)).seller).to.equal(ZeroAddress);
  expect(await s.lens.listings(ZeroAddress, ZeroAddress, 0n, 10n)).to.deep.equal([]);
  return id;
}

describe("Finding: buy refuses a stale listing", () => {
  it("a claim that moved to another holder cannot be bought from the old seller's listing", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await staleListing(s, s.factor.address); // the SME sold it off-market to the factor
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    await expectMarketRevertUnchanged(s, () => s.market.connect(s.bank).buy(id, ASK), "ClaimMarketNotListed", [id], {
      ids: [id],
    });
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
  });

  it("a listing whose claim the market no longer locks cannot be bought, even from its own seller", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await staleListing(s);
    expect(await s.claims.lockedBy(id)).to.equal(ZeroAddress);
    await expectMarketRevertUnchanged(s, () => s.market.connect(s.bank).buy(id, ASK), "ClaimMarketNotListed", [id], {
      ids: [id],
    });
  });

  it("once anyone clears the stale listing, the holder lists afresh and the sale goes through", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await staleListing(s, s.factor.address);
    await s.market.connect(s.stranger).delist(id);
    await s.market.connect(s.factor).list(id, ASK, 0n, (await s.now()) + DAY);
    const fee = (ASK * 25n) / 10_000n;
    await expect(s.market.connect(s.bank).buy(id, ASK)).to.changeTokenBalances(
      ethers,
      s.usdc,
      [s.bank, s.factor, s.sme, s.market],
      [-ASK, ASK - fee, 0n, fee],
    );
    expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
  });
});
