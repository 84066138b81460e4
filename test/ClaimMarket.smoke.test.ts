import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { ClaimState as State, DAY, SECONDS_PER_DAY } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

describe("ClaimMarket: the four ways to trade, end to end", () => {
  it("listing -> buy, then a resale to the bank by an escrowed bid", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    const deadline = (await s.now()) + 7n * DAY;
    await s.market.connect(s.sme).list(id, 9_800n * USD, 0n, deadline);
    expect(await s.claims.lockedBy(id)).to.equal(await s.market.getAddress());
    const tx = s.market.connect(s.factor).buy(id, 9_800n * USD);
    await expect(tx).to.changeTokenBalances(
      connection.ethers,
      s.usdc,
      [s.factor, s.sme, s.market],
      [-9_800n * USD, 9_775_500_000n, 24_500_000n],
    );
    await expect(tx)
      .to.emit(s.market, "ClaimSold")
      .withArgs(id, s.sme.address, s.factor.address, 9_800n * USD, 24_500_000n, 0);
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);

    await s.market.connect(s.bank).bid(id, 9_850n * USD, (await s.now()) + DAY);
    await s.market.connect(s.factor).acceptBid(id, s.bank.address, 9_850n * USD);
    expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
    expect(await s.market.feesAccrued(await s.usdc.getAddress())).to.equal(24_500_000n + 24_625_000n);
  });

  it("standing offer and signed offer", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    const expiry = (await s.now()) + 30n * DAY;
    await s.market
      .connect(s.factor)
      .postStandingOffer(
        s.debtor.address,
        await s.usdc.getAddress(),
        1_000,
        90 * SECONDS_PER_DAY,
        100_000n * USD,
        expiry,
      );
    const price = await s.market.quote(id, 0n);
    expect(price).to.be.lessThan(10_000n * USD);
    await s.market.connect(s.sme).sellToOffer(id, 0n, price);
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    expect((await s.market.standingOffer(0n)).exposureUsed).to.equal(10_000n * USD);

    const offer = await s.offerFor(id, 9_900n * USD, s.bank);
    const signature = await s.signOffer(s.bank, offer);
    await s.market.connect(s.factor).acceptSignedOffer(offer, signature);
    expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
    expect((await s.market.standingOffer(0n)).exposureUsed).to.equal(0n);
  });
});
