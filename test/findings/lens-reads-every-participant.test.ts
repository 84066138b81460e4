/**
 * Finding: MarketLens.listedClaims read the registry's whole participant list, and asked the market for the bid of
 * every verified factor on every offers-only listing, so its cost grew with the number of participants: at about
 * 307 participants one call passed the node's 16,777,216-gas eth_call cap and the market page failed to load. The
 * caller now names the bidders to look at (the dApp passes the verified factors it already reads), so the cost of a
 * call depends on its window and that list only: 400 more verified factors in the registry change nothing.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deployEscrowSystem } from "../fixtures/escrow.js";
import { addresses, bidder, listedWithBids, verifyFactors } from "../helpers/viewCost.js";

const connection = await network.create();
const { networkHelpers } = connection;

/** A market with ten offers-only listings, each bid on by the factor and the bank. */
async function market() {
  const s = await deployEscrowSystem(connection);
  const ids = await listedWithBids(s, 10, [bidder(s, s.factor), bidder(s, s.bank)]);
  await s.claims.connect(s.debtor).issueByDebtor(await s.terms(), ""); // an id after the window
  return { s, ids };
}

describe("Finding: the market lens's cost does not grow with the registry's participants", () => {
  it("a window of listings costs the same, and says the same, with 400 more verified factors", async () => {
    const { s, ids } = await networkHelpers.loadFixture(market);
    const bidders = [s.factor.address, s.bank.address];
    const read = () => s.lens.listedClaims(ZeroAddress, ZeroAddress, 1n, 10n, bidders);
    const gas = () => s.lens.listedClaims.estimateGas(ZeroAddress, ZeroAddress, 1n, 10n, bidders);
    const [rows] = await read();
    expect(rows.map((row) => [row.claimId, row.liveBids])).to.deep.equal(ids.map((id) => [id, 2n]));
    const before = await gas();

    const participants = await s.registry.participantCount();
    await verifyFactors(s, addresses("crowd", 400));
    expect(await s.registry.participantCount()).to.equal(participants + 400n);

    expect(await gas(), "gas with 400 more verified factors").to.equal(before);
    const [after] = await read();
    expect(after.map((row) => [row.claimId, row.liveBids, row.bestLiveBid])).to.deep.equal(
      rows.map((row) => [row.claimId, row.liveBids, row.bestLiveBid]),
    );
  });
});
