/**
 * Finding: a sale to a standing offer counted the claim's own, about-to-be-released exposure against the offer's
 * limit, and reverted although the sale would not pass the limit.
 *
 * A claim sold to a standing offer takes exposure on it (its outstanding face value). Any later sale of the claim
 * frees that exposure in the settlement, and so does `releaseExposure` once the claim has left the offer's factor.
 * When the claim left the factor without a sale (a plain transfer) and came back to the same offer before anyone
 * released it, `sellToOffer` compared the claim's exposure with `limit - used` computed before the settlement
 * freed the claim's old exposure: the claim was counted twice, and the sale reverted with
 * `ClaimMarketExposureExceeded` although after it the offer would hold exactly what it held before. The market's
 * handler-driven invariant campaign found it (post an offer, sell a claim to it, transfer the claim, sell it to the
 * same offer again: an unexpected revert).
 *
 * Fix: the exposure the claim already takes on the same offer counts as available, since the sale frees it first.
 * A sale that really passes the limit still reverts.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { DAY, USD } from "../fixtures/system.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

const FACE = 10_000n * USD;
const LIMIT = 15_000n * USD;

describe("finding: a standing offer's exposure check counted the claim's own exposure twice", () => {
  async function soldToOfferThenTransferred() {
    const s = await networkHelpers.loadFixture(fixture);
    const currency = await s.usdc.getAddress();
    await s.market
      .connect(s.factor)
      .postStandingOffer(s.debtor.address, currency, 1_000, 90 * 86400, LIMIT, (await s.now()) + 30n * DAY);
    const id = await s.issueAccepted();
    await s.market.connect(s.sme).sellToOffer(id, 0n, 0n);
    expect((await s.market.standingOffer(0n)).exposureUsed).to.equal(FACE);
    // The factor hands the claim to the bank outside the market; nobody releases the exposure.
    await s.claims.connect(s.factor).transferFrom(s.factor.address, s.bank.address, id);
    return { s, id };
  }

  it("sells the claim back to the same offer: the sale frees the old exposure before taking the new one", async () => {
    const { s, id } = await soldToOfferThenTransferred();
    const price = await s.market.quote(id, 0n);
    await expect(s.market.connect(s.bank).sellToOffer(id, 0n, price))
      .to.emit(s.market, "ExposureReleased")
      .withArgs(0n, id, FACE);
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    expect((await s.market.standingOffer(0n)).exposureUsed).to.equal(FACE);
  });

  it("still refuses a sale that really passes the limit", async () => {
    const { s } = await soldToOfferThenTransferred();
    const other = await s.issueAccepted();
    await expect(s.market.connect(s.sme).sellToOffer(other, 0n, 0n))
      .to.be.revertedWithCustomError(s.market, "ClaimMarketExposureExceeded")
      .withArgs(0n, FACE, LIMIT - FACE);
  });
});
