/**
 * MarketLens: one call returns a page of listed claims with what the market page shows. Every field is checked
 * against the direct reads it stands for (claim, outstanding, listing, bidders and bidOf, isGuaranteed), with bids
 * live, expired, killed by a payment and beyond the bidder limit, with filters and pagination. Bids are read only for
 * a listing without an ask (offers only): a listing with an ask says 0 and 0 even with a live bid.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deployEscrowSystem, type EscrowSystem } from "./fixtures/escrow.js";
import { DAY, Role, USD } from "./fixtures/system.js";

const connection = await network.create();
const { networkHelpers } = connection;

const ALL = [ZeroAddress, ZeroAddress] as const;

/** A struct as ethers returns it (a Result), as a plain object with its nested structs, to compare deeply. */
const plain = (struct: object): unknown => (struct as { toObject(deep: boolean): unknown }).toObject(true);

/** A market with four listings: bids live, expired and stale, one guaranteed claim, one claim on the second debtor. */
async function busyMarket() {
  const s = await deployEscrowSystem(connection);
  const { market, usdc, sme, factor, bank, guarantor, debtor, claims } = s;
  // A third bidder: the guarantor is verified as a factor too.
  await s.registry.connect(s.operator).verify(guarantor.address, Role.Factor, (await s.now()) + 365n * DAY);
  const listFor = async (id: bigint, ask: bigint) =>
    market.connect(sme).list(id, ask, 1_000n * USD, (await s.now()) + 30n * DAY);

  const plain = await s.issueAccepted();
  await listFor(plain, 9_500n * USD);
  await market.connect(bank).bid(plain, 9_000n * USD, (await s.now()) + 10n * DAY); // live, under an ask
  const withBids = await s.issueAccepted();
  await listFor(withBids, 0n);
  await market.connect(factor).bid(withBids, 9_100n * USD, (await s.now()) + 10n * DAY);
  await market.connect(bank).bid(withBids, 9_200n * USD, (await s.now()) + 10n * DAY);
  await market.connect(guarantor).bid(withBids, 9_300n * USD, (await s.now()) + DAY);
  // A live bid below the best one, placed after it.
  await s.registry.connect(s.operator).verify(s.stranger.address, Role.Factor, (await s.now()) + 365n * DAY);
  await usdc.mint(s.stranger.address, 10_000n * USD);
  await usdc.connect(s.stranger).approve(await market.getAddress(), 10_000n * USD);
  await market.connect(s.stranger).bid(withBids, 9_150n * USD, (await s.now()) + 10n * DAY);
  const staleBids = await s.issueAccepted();
  await listFor(staleBids, 0n); // offers only: its bids are read
  await market.connect(factor).bid(staleBids, 9_000n * USD, (await s.now()) + 10n * DAY);
  await claims.connect(debtor).pay(staleBids, 1n * USD); // a payment moves the claim's nonce: the bid is stale
  const guaranteed = await s.guaranteedClaim();
  await listFor(guaranteed.claimId, 9_600n * USD);
  const otherDebtor = await s.issueAccepted({ debtor: s.debtor2.address });
  await listFor(otherDebtor, 9_700n * USD);
  await networkHelpers.time.increase(2n * DAY); // the guarantor's 1-day bid on withBids expires
  return { s, ids: { plain, withBids, staleBids, guaranteed: guaranteed.claimId, otherDebtor }, usdc };
}

/** What the lens should say about `id`, from the direct reads (bids only for a listing without an ask). */
async function expected(s: EscrowSystem, id: bigint, maxBidders: bigint) {
  const offersOnly = (await s.market.listing(id)).askPrice === 0n;
  const [bidders] = offersOnly ? await s.market.bidders(id, 0n, maxBidders) : [[]];
  let best = 0n;
  let live = 0n;
  for (const bidder of bidders) {
    const [bid, isLive] = await s.market.bidOf(id, bidder);
    if (!isLive) continue;
    live++;
    if (bid.amount > best) best = bid.amount;
  }
  return {
    claimId: id,
    claim: plain(await s.claims.claim(id)),
    outstanding: await s.claims.outstanding(id),
    listing: plain(await s.market.listing(id)),
    bestLiveBid: best,
    liveBids: live,
    guaranteed: await s.escrow.isGuaranteed(id),
  };
}

describe("MarketLens", function () {
  it("returns nothing on an empty market", async function () {
    const s = await deployEscrowSystem(connection);
    const [page, total] = await s.lens.listedClaims(...ALL, 0n, 50n, 20n);
    expect(page).to.have.length(0);
    expect(total).to.equal(0n);
  });

  it("says what the direct reads say, listing by listing", async function () {
    const { s, ids } = await networkHelpers.loadFixture(busyMarket);
    const [page, total] = await s.lens.listedClaims(...ALL, 0n, 50n, 20n);
    const [listed] = await s.market.listings(...ALL, 0n, 50n);
    expect(total).to.equal(5n);
    expect(page.map((row) => row.claimId)).to.deep.equal(listed);
    for (const row of page) {
      expect(plain(row), `claim ${row.claimId}`).to.deep.equal(await expected(s, row.claimId, 20n));
    }
    const byId = new Map(page.map((row) => [row.claimId, row]));
    // The cases the market page depends on, spelled out.
    expect(byId.get(ids.withBids)!.bestLiveBid).to.equal(9_200n * USD); // the 9,300 bid expired
    expect(byId.get(ids.withBids)!.liveBids).to.equal(3n); // 9,100, 9,200 and 9,150
    expect(byId.get(ids.staleBids)!.liveBids).to.equal(0n); // killed by the payment
    expect(byId.get(ids.staleBids)!.outstanding).to.equal(byId.get(ids.staleBids)!.claim.faceValue - 1n * USD);
    expect((await s.market.bidOf(ids.plain, s.bank.address))[1]).to.equal(true); // a live bid under the ask…
    expect(byId.get(ids.plain)!.bestLiveBid).to.equal(0n); // …is not read: the listing is priced at its ask
    expect(byId.get(ids.plain)!.liveBids).to.equal(0n);
    expect(byId.get(ids.guaranteed)!.guaranteed).to.equal(true);
    expect(byId.get(ids.plain)!.guaranteed).to.equal(false);
  });

  it("filters by debtor and by currency as the market's listings view does", async function () {
    const { s, ids, usdc } = await networkHelpers.loadFixture(busyMarket);
    const [onDebtor2, total2] = await s.lens.listedClaims(s.debtor2.address, ZeroAddress, 0n, 50n, 20n);
    expect(total2).to.equal(1n);
    expect(onDebtor2.map((row) => row.claimId)).to.deep.equal([ids.otherDebtor]);
    const [inUsdc, totalUsdc] = await s.lens.listedClaims(ZeroAddress, await usdc.getAddress(), 0n, 50n, 20n);
    expect(totalUsdc).to.equal(5n);
    expect(inUsdc).to.have.length(5);
    const [inOther, totalOther] = await s.lens.listedClaims(ZeroAddress, s.stranger.address, 0n, 50n, 20n);
    expect(totalOther).to.equal(0n);
    expect(inOther).to.have.length(0);
  });

  it("pages like the listings view: offset, limit, and past the end", async function () {
    const { s } = await networkHelpers.loadFixture(busyMarket);
    const [listed] = await s.market.listings(...ALL, 0n, 50n);
    const [first, total] = await s.lens.listedClaims(...ALL, 0n, 2n, 20n);
    const [second] = await s.lens.listedClaims(...ALL, 2n, 2n, 20n);
    const [third] = await s.lens.listedClaims(...ALL, 4n, 2n, 20n);
    const [beyond, totalBeyond] = await s.lens.listedClaims(...ALL, 9n, 2n, 20n);
    expect(total).to.equal(5n);
    expect([...first, ...second, ...third].map((row) => row.claimId)).to.deep.equal(listed);
    expect(beyond).to.have.length(0);
    expect(totalBeyond).to.equal(5n);
  });

  it("reads at most maxBidders bidders per claim", async function () {
    const { s, ids } = await networkHelpers.loadFixture(busyMarket);
    const [page] = await s.lens.listedClaims(...ALL, 0n, 50n, 1n);
    const row = page.find((r) => r.claimId === ids.withBids)!;
    expect(plain(row)).to.deep.equal(await expected(s, ids.withBids, 1n));
    expect(row.liveBids).to.equal(1n);
  });
});
