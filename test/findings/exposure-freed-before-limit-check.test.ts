/**
 * Finding: a claim coming back to the standing offer it was first sold to was refused for exposure it no longer
 * needed.
 *
 * A sale to a standing offer records the claim's outstanding amount as exposure on that offer. When the claim is
 * sold again through the market, the settlement frees that record before the buyer takes the claim ("The sale
 * frees the seller's own exposure first (in _settle), then the buyer takes this one"). But `sellToOffer` checked
 * the offer's available exposure before the settlement ran. So when the claim left the offer's factor by a plain
 * transfer and its new holder sold it back to the same offer, the check still counted the old record: an offer at
 * its limit refused with ClaimMarketExposureExceeded a sale after which its exposure would be exactly what it was
 * (the interface promises "up to `exposureLimit` of outstanding face value at a time"). Anyone could work around
 * it by calling releaseExposure first, but the holder's sale failed for no reason.
 *
 * Fix: when the claim's recorded exposure is on the offer it is sold to, `sellToOffer` counts the amount the
 * settlement is about to free as available.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { USD } from "../fixtures/system.js";
import { DAY, SECONDS_PER_DAY } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;

const FACE = 10_000n * USD;

/** The factor's offer with room for exactly one 10,000 USD claim, which it bought and moved to the bank. */
async function claimBackWithTheBank() {
  const s = await deployMarketSystem(connection);
  const usdc = await s.usdc.getAddress();
  await s.market
    .connect(s.factor)
    .postStandingOffer(s.debtor.address, usdc, 1_000, 90 * SECONDS_PER_DAY, FACE, (await s.now()) + 30n * DAY);
  const id = await s.issueAccepted();
  await s.market.connect(s.sme).sellToOffer(id, 0n, 0n);
  await s.claims.connect(s.factor).transferFrom(s.factor.address, s.bank.address, id);
  return { s, id };
}

describe("finding: exposure the sale itself frees counts as available", () => {
  describe("when a claim returns to the offer it was sold to", () => {
    it("sells it back to the offer at its limit, freeing the old record and taking the new one", async () => {
      const { s, id } = await networkHelpers.loadFixture(claimBackWithTheBank);
      expect((await s.market.standingOffer(0n)).exposureUsed).to.equal(FACE);
      const tx = s.market.connect(s.bank).sellToOffer(id, 0n, 0n);
      await expect(tx).to.emit(s.market, "ExposureReleased").withArgs(0n, id, FACE);
      await expect(tx).to.emit(s.market, "ClaimSold");
      expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
      expect((await s.market.standingOffer(0n)).exposureUsed).to.equal(FACE);
    });

    it("takes the smaller exposure of a claim partly paid in between", async () => {
      const { s, id } = await networkHelpers.loadFixture(claimBackWithTheBank);
      await s.claims.connect(s.debtor).pay(id, 2_500n * USD);
      await s.market.connect(s.bank).sellToOffer(id, 0n, 0n);
      expect((await s.market.standingOffer(0n)).exposureUsed).to.equal(7_500n * USD);
    });
  });

  describe("when another claim would pass the limit", () => {
    it("still refuses it with ClaimMarketExposureExceeded: only the claim's own record is counted", async () => {
      const { s } = await networkHelpers.loadFixture(claimBackWithTheBank);
      const other = await s.issueAccepted();
      await expect(s.market.connect(s.sme).sellToOffer(other, 0n, 0n))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketExposureExceeded")
        .withArgs(0n, FACE, 0n);
    });

    it("still refuses a claim whose record is on another offer", async () => {
      const { s, id } = await networkHelpers.loadFixture(claimBackWithTheBank);
      const usdc = await s.usdc.getAddress();
      await s.market
        .connect(s.factor)
        .postStandingOffer(s.debtor.address, usdc, 1_000, 90 * SECONDS_PER_DAY, FACE - 1n, (await s.now()) + DAY);
      await expect(s.market.connect(s.bank).sellToOffer(id, 1n, 0n))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketExposureExceeded")
        .withArgs(1n, FACE, FACE - 1n);
    });
  });
});
