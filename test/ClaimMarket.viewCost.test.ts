/**
 * What the views that walk a list cost (the market's `standingOffersOf`, the lens's `listings`, `bidsOf` and
 * `listedClaims`): measured with estimateGas on a window of 200 claim ids, every one of them listed offers-only and
 * bid on by the two bidders the lens is told about (the worst case of each view), and on a page of 100 standing
 * offers. Each stays under the per-id bound its NatSpec states; and the cost of a window does not move when claims,
 * listings, bids, standing offers and participants are added outside it (after its last id, by a bidder the caller
 * did not name, on another debtor, past the page): no view costs more because of data outside the caller's window.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import hre, { network } from "hardhat";

import { deployEscrowSystem, type EscrowSystem } from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { addresses, bidder, listedWithBids, verifyFactors } from "./helpers/viewCost.js";
import { DAY, Role, SECONDS_PER_DAY } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;

const WINDOW = 200;
const OFFERS = 100;

/** The bounds the views' NatSpec states, in gas: a fixed part, and a part per id, offer, row or bidder. */
const FIXED = 30_000n;
const PER = {
  listings: 15_000n, // per id, no filter, every id listed (the market's listing, which reads the claim)
  listingsFiltered: 19_500n, // per listed id with a debtor or currency filter (the claim is read once more)
  bidsOf: 15_000n, // per id, every id bid on (the market's bid, and its claim's sale view for the liveness)
  standingOffersOf: 2_600n, // per offer in the page
  lensRow: 60_000n, // per listed claim in the lens's window
  lensBidder: 5_000n, // per bidder named, once, and again per offers-only row
};

/** The lens's stated bound for a window of `rows` ids, all listed offers-only, and `bidders` named bidders. */
const lensBound = (rows: bigint, bidders: bigint) =>
  FIXED + rows * (PER.listings + PER.lensRow) + bidders * PER.lensBidder + rows * bidders * PER.lensBidder;

async function market() {
  const s = await deployEscrowSystem(connection);
  const ids = await listedWithBids(s, WINDOW, [bidder(s, s.factor), bidder(s, s.bank)]);
  // One claim after the window, so that adding more later does not change where the window is cut.
  await s.claims.connect(s.debtor).issueByDebtor(await s.terms(), "");
  const expiry = (await s.now()) + 60n * DAY;
  const currency = await s.usdc.getAddress();
  for (let i = 0; i < OFFERS; i++) {
    await s.market
      .connect(s.factor)
      .postStandingOffer(s.debtor.address, currency, 800, 180 * SECONDS_PER_DAY, USD, expiry);
  }
  return { s, ids, currency };
}

/** Every view's cost on the window (ids 1 to `count`) and the first `offers` standing offers of the debtor. */
async function costs(s: EscrowSystem, currency: string, count = BigInt(WINDOW), offers = BigInt(OFFERS)) {
  return {
    listings: await s.lens.listings.estimateGas(ZeroAddress, ZeroAddress, 1n, count),
    listingsFiltered: await s.lens.listings.estimateGas(s.debtor.address, currency, 1n, count),
    bidsOf: await s.lens.bidsOf.estimateGas(s.factor.address, 1n, count),
    standingOffersOf: await s.market.standingOffersOf.estimateGas(s.debtor.address, 0n, offers),
    listedClaims: await s.lens.listedClaims.estimateGas(ZeroAddress, ZeroAddress, 1n, count, [
      s.factor.address,
      s.bank.address,
    ]),
  };
}

describe("ClaimMarket and MarketLens: what the list-walking views cost", function () {
  it("each view stays under its stated per-id bound on a window of 200 ids (100 offers) in the worst case", async function () {
    // Coverage instrumentation inflates the gas: the bounds only make sense on the real build.
    if (hre.globalOptions.coverage) this.skip();
    const { s, ids, currency } = await networkHelpers.loadFixture(market);
    expect(ids).to.have.length(WINDOW);
    const [page] = await s.lens.listedClaims(ZeroAddress, ZeroAddress, 1n, BigInt(WINDOW), [
      s.factor.address,
      s.bank.address,
    ]);
    expect(page.map((row) => row.liveBids)).to.deep.equal(ids.map(() => 2n)); // every row read both bids
    const gas = await costs(s, currency);
    const ids200 = BigInt(WINDOW);
    const bound = (view: string, measured: bigint, limit: bigint) =>
      expect(measured, `${view}: ${measured} gas`).to.be.lte(limit);
    bound("listings", gas.listings, FIXED + ids200 * PER.listings);
    bound("listings filtered", gas.listingsFiltered, FIXED + ids200 * PER.listingsFiltered);
    bound("bidsOf", gas.bidsOf, FIXED + ids200 * PER.bidsOf);
    bound("standingOffersOf", gas.standingOffersOf, FIXED + BigInt(OFFERS) * PER.standingOffersOf);
    bound("listedClaims, 2 bidders", gas.listedClaims, lensBound(ids200, 2n));
    // Ten more bidders named (verified factors without a bid: each still costs its bid's read) on 100 rows.
    const named = [s.factor.address, s.bank.address, ...addresses("named", 10)];
    await verifyFactors(s, named.slice(2));
    const twelve = await s.lens.listedClaims.estimateGas(ZeroAddress, ZeroAddress, 1n, 100n, named);
    bound("listedClaims, 12 bidders", twelve, lensBound(100n, 12n));
  });

  it("a window costs the same after claims, listings, bids, offers and participants are added outside it", async function () {
    const { s, currency } = await networkHelpers.loadFixture(market);
    const before = await costs(s, currency);

    // A bidder the caller does not name bids on every claim of the window.
    await s.registry.connect(s.operator).verify(s.guarantor.address, Role.Factor, (await s.now()) + 365n * DAY);
    for (let id = 1n; id <= BigInt(WINDOW); id++) await bidder(s, s.guarantor).bid(id);
    // Claims after the window, listed and bid on by everyone; 300 more verified factors in the registry.
    await listedWithBids(s, 20, [bidder(s, s.factor), bidder(s, s.bank), bidder(s, s.guarantor)]);
    await verifyFactors(s, addresses("outside", 300));
    // Standing offers past the page and on another debtor.
    const expiry = (await s.now()) + 60n * DAY;
    for (const debtor of [s.debtor.address, s.debtor2.address]) {
      for (let i = 0; i < 10; i++)
        await s.market.connect(s.bank).postStandingOffer(debtor, currency, 900, 90 * SECONDS_PER_DAY, USD, expiry);
    }
    expect(await s.claims.claimCount()).to.equal(BigInt(WINDOW + 21));

    expect(await costs(s, currency)).to.deep.equal(before);
  });
});
