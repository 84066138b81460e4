/**
 * Finding: closing a stale auction unlocked the claim under a newer auction of the same claim. An auction whose
 * claim the auction house no longer locks (the operator stopped trusting it, the holder unlocked the orphaned claim)
 * stays on record until someone closes it. Once the auction house was trusted again and the holder opened a new
 * auction of the same claim, the stale one read as live again (same claim nonce, claim locked by this contract) and,
 * its pick window long over, anyone could close it: `close` then erased the new auction's running entry and unlocked
 * its claim, voiding the new auction under its bidders. `close` now releases the claim only when the closed auction
 * is the claim's running auction.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { USD } from "../fixtures/system.js";
import { changeAgentTrust } from "../helpers/agents.js";
import {
  approveBidders,
  commitBid,
  expectAuctionSolvent,
  openAuction,
  revealBid,
  toPicking,
  toRevealing,
} from "../helpers/auction.js";
import { AuctionPhase } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = async () => {
  const s = await deployMarketSystem(connection);
  await approveBidders(s);
  return s;
};

describe("Finding: closing a stale auction unlocks the claim of a newer auction", () => {
  it("a stranger closing the stale auction leaves the newer auction running and able to sell", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const auctionAddress = await s.auction.getAddress();
    const { claimId, auctionId: stale } = await openAuction(s);
    await commitBid(s, stale, s.bank, 9_000n * USD);
    await changeAgentTrust(s, auctionAddress, false);
    await s.claims.connect(s.sme).unlock(claimId);
    expect(await s.auction.phaseOf(stale)).to.equal(AuctionPhase.Void);
    await changeAgentTrust(s, auctionAddress, true);

    const { auctionId: fresh } = await openAuction(s, claimId);
    expect(await s.auction.runningAuction(claimId)).to.deep.equal([true, fresh]);
    const bid = await commitBid(s, fresh, s.factor, 9_500n * USD);

    // The stale auction, left unclosed, is over: anyone may close it and its bidders take their bids back.
    await expect(s.auction.connect(s.stranger).close(stale))
      .to.emit(s.auction, "AuctionClosed")
      .withArgs(stale, s.stranger.address);
    await s.auction.connect(s.bank).reclaimBid(stale);

    // The newer auction keeps its lock, its running entry and its phase.
    expect(await s.claims.lockedBy(claimId), "the newer auction's lock").to.equal(auctionAddress);
    expect(await s.auction.runningAuction(claimId)).to.deep.equal([true, fresh]);
    expect(await s.auction.phaseOf(fresh)).to.equal(AuctionPhase.Bidding);
    await toRevealing(s, fresh);
    await revealBid(s, fresh, bid);
    await toPicking(s, fresh);
    await s.auction.connect(s.sme).acceptBid(fresh, s.factor.address, 0n);
    expect(await s.claims.ownerOf(claimId)).to.equal(s.factor.address);
    await expectAuctionSolvent(s);
  });
});
