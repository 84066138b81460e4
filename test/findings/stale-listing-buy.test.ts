/**
 * Finding: `buy` sold a stale listing, paying the seller of record and taking the claim from its new holder.
 *
 * A listing locks its claim in the claim contract. If the operator stops trusting the market (an incident), the
 * claim contract lets each holder unlock its orphaned claims, so a listed claim can then move: say the SME sells it
 * off-market to another factor. Once the market is trusted again, its listing is stale (the interface lets anyone
 * clear it), but `buy` did not look: it pulled the ask from the buyer, paid the net to the listing's seller (the
 * SME, paid a second time) and moved the claim, unlocked now, out of the new holder's hands without its consent.
 * A fuzz property (contracts/test/ClaimMarket.fuzz.t.sol: a purchase pays the holder of record) found it.
 *
 * Fix: `buy` refuses a listing whose claim the market no longer holds locked, or whose seller no longer holds it,
 * with `ClaimMarketNotListed` (the same staleness `delist` recognises). Anyone clears it; the holder lists afresh.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { DAY, USD } from "../fixtures/system.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

describe("finding: buy sold a stale listing", () => {
  it("refuses it, leaves the new holder's claim alone, and a fresh listing sells normally", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, market, usdc, sme, factor, bank, operator } = s;
    const marketAddress = await market.getAddress();
    const id = await s.issueAccepted();
    const ask = 9_800n * USD;
    await market.connect(sme).list(id, ask, 0n, (await s.now()) + 7n * DAY);

    // The incident: the market is distrusted, the SME unlocks its orphaned claim and sells it to the bank
    // off-market; then the market is trusted again.
    await claims.connect(operator).setAgent(marketAddress, false);
    await claims.connect(sme).unlock(id);
    await claims.connect(sme).transferFrom(sme.address, bank.address, id);
    await claims.connect(operator).setAgent(marketAddress, true);

    await expect(market.connect(factor).buy(id, ask))
      .to.be.revertedWithCustomError(market, "ClaimMarketNotListed")
      .withArgs(id);
    expect(await claims.ownerOf(id)).to.equal(bank.address);

    await market.connect(factor).delist(id); // anyone clears a stale listing
    await market.connect(bank).list(id, ask, 0n, (await s.now()) + 7n * DAY);
    const [, net] = await market.feeFor(ask);
    await expect(market.connect(factor).buy(id, ask)).to.changeTokenBalances(
      connection.ethers,
      usdc,
      [factor, bank, sme],
      [-ask, net, 0n],
    );
    expect(await claims.ownerOf(id)).to.equal(factor.address);
  });
});
