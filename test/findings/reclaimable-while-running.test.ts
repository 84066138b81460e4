/**
 * Finding: `reclaimable` misquoted a running auction. The view promises what `reclaimBid` would credit if the
 * auction were over now, but for an auction not yet closed it always charged an unrevealed bid the 1 % forfeit,
 * although closing it now (before its reveal window ends) forfeits nothing: a bidder (or the dApp) reading it during
 * bidding or reveals was told it would lose money it would not lose. A running auction is now quoted as if it closed
 * at this second; once the reveal window has run its course the forfeit shows, as before.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { USD } from "../fixtures/system.js";
import {
  approveBidders,
  commitBid,
  expectAuctionSolvent,
  mine,
  openAuction,
  toPickEnd,
  toPicking,
  toRevealing,
} from "../helpers/auction.js";
import { AUCTION_LIMITS, splitFee } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = async () => {
  const s = await deployMarketSystem(connection);
  await approveBidders(s);
  return s;
};
const DEPOSIT = 10_000n * USD;

describe("Finding: reclaimable quotes a running auction as if it closed now", () => {
  it("during bidding and reveals: no forfeit, and closing then reclaiming credits exactly the quote", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.bank, 9_000n * USD, DEPOSIT);
    expect(await s.auction.reclaimable(auctionId, s.bank.address), "during bidding").to.deep.equal([DEPOSIT, 0n]);
    await toRevealing(s, auctionId);
    await mine(s);
    expect(await s.auction.reclaimable(auctionId, s.bank.address), "during reveals").to.deep.equal([DEPOSIT, 0n]);
    await s.auction.connect(s.sme).close(auctionId);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.bank.address, DEPOSIT, 0n);
    await expectAuctionSolvent(s);
  });

  it("once the reveal window ran its course: the forfeit shows, in the pick window and after it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { auctionId } = await openAuction(s);
    await commitBid(s, auctionId, s.bank, 9_000n * USD, DEPOSIT);
    const quote = [
      DEPOSIT - splitFee(DEPOSIT, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
      splitFee(DEPOSIT, AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS).fee,
    ];
    await toPicking(s, auctionId);
    await mine(s);
    expect(await s.auction.reclaimable(auctionId, s.bank.address), "in the pick window").to.deep.equal(quote);
    await toPickEnd(s, auctionId);
    await mine(s);
    expect(await s.auction.reclaimable(auctionId, s.bank.address), "after it").to.deep.equal(quote);
    await expect(s.auction.connect(s.bank).reclaimBid(auctionId))
      .to.emit(s.auction, "BidReclaimed")
      .withArgs(auctionId, s.bank.address, ...quote);
    await expectAuctionSolvent(s);
  });
});
