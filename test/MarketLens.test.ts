/**
 * MarketLens: one call returns the listed claims of a claim-id window with what the market page shows, and how many
 * claims exist. Every field is checked against the direct reads it stands for (claim, outstanding, listing, bidOf of
 * the bidders the caller names that are verified factors, isGuaranteed), with bids live, expired, killed by a
 * payment, of bidders no longer verified as factors and of bidders the caller did not name; with filters and
 * windows. Bids are read only for a listing without an ask (offers only): a listing with an ask says 0 and 0 even
 * with a live bid. A listing priced on an older claim nonce says it needs re-pricing.
 */
import { expect } from "chai";
import { MaxUint256, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deployEscrowSystem, type EscrowSystem } from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { expectWindowEdges } from "./helpers/scan.js";
import { DAY, Role } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;

const ALL = [ZeroAddress, ZeroAddress] as const;

/** Every registry participant: the bidders the tests name, so that the lens's own verification check is what filters. */
async function everyone(s: EscrowSystem): Promise<string[]> {
  return (await s.registry.participants(0n, await s.registry.participantCount())).map((p) => p.account);
}

/** A struct as ethers returns it (a Result), as a plain object with its nested structs, to compare deeply. */
const plain = (struct: object): unknown => (struct as { toObject(deep: boolean): unknown }).toObject(true);

/**
 * A market with five listings among seven claims: bids live, expired and stale, one guaranteed claim, one claim on
 * the second debtor; an unlisted claim with a live bid in between, and an unlisted last claim.
 */
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
  const unlisted = await s.issueAccepted();
  await market.connect(factor).bid(unlisted, 9_000n * USD, (await s.now()) + 10n * DAY); // bids need no listing
  const guaranteed = await s.guaranteedClaim();
  await listFor(guaranteed.claimId, 9_600n * USD);
  const otherDebtor = await s.issueAccepted({ debtor: s.debtor2.address });
  await listFor(otherDebtor, 9_700n * USD);
  const last = await s.issueAccepted();
  await networkHelpers.time.increase(2n * DAY); // the guarantor's 1-day bid on withBids expires
  const listed = [plain, withBids, staleBids, guaranteed.claimId, otherDebtor];
  return {
    s,
    ids: { plain, withBids, staleBids, unlisted, guaranteed: guaranteed.claimId, otherDebtor, last },
    listed,
    usdc,
  };
}

/** The registry's participants verified as factors now: the only accounts whose bids a seller can accept. */
async function verifiedFactors(s: EscrowSystem): Promise<string[]> {
  const participants = await s.registry.participants(0n, await s.registry.participantCount());
  const verified = await Promise.all(participants.map((p) => s.registry.isVerified(p.account, Role.Factor)));
  return participants.filter((_, i) => verified[i]).map((p) => p.account);
}

/** What the lens should say about `id` with `named` bidders, from the direct reads (bids only without an ask). */
async function expected(s: EscrowSystem, id: bigint, named?: string[]) {
  const offersOnly = (await s.market.listing(id)).askPrice === 0n;
  const verified = await verifiedFactors(s);
  const bidders = offersOnly ? (named ?? verified).filter((b) => verified.includes(b)) : [];
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
    claim: plain(await s.claimLens.claim(id)),
    outstanding: await s.claimLens.outstanding(id),
    listing: plain(await s.market.listing(id)),
    repriceNeeded: (await s.market.listing(id)).claimNonce !== (await s.claimLens.claim(id)).nonce,
    bestLiveBid: best,
    liveBids: live,
    guaranteed: await s.escrow.isGuaranteed(id),
  };
}

/** The lens's row for `id` over every claim id. */
async function rowOf(s: EscrowSystem, id: bigint) {
  const [page] = await s.lens.listedClaims(...ALL, 0n, MaxUint256, await everyone(s));
  const row = page.find((r) => r.claimId === id);
  if (row === undefined) throw new Error(`claim ${id} is not in the lens's page`);
  return row;
}

describe("MarketLens", function () {
  it("returns nothing on an empty market, and claim count 0", async function () {
    const s = await deployEscrowSystem(connection);
    const [page, claimCount] = await s.lens.listedClaims(...ALL, 0n, MaxUint256, await everyone(s));
    expect(page).to.have.length(0);
    expect(claimCount).to.equal(0n);
  });

  it("says what the direct reads say, listing by listing, and returns the claim count", async function () {
    const { s, ids, listed } = await networkHelpers.loadFixture(busyMarket);
    const [page, claimCount] = await s.lens.listedClaims(...ALL, 0n, 50n, await everyone(s));
    expect(claimCount).to.equal(7n);
    expect(claimCount).to.equal(await s.claims.claimCount());
    expect(page.map((row) => row.claimId)).to.deep.equal(listed);
    expect(await s.lens.listings(...ALL, 0n, 50n)).to.deep.equal(listed);
    for (const row of page) {
      expect(plain(row), `claim ${row.claimId}`).to.deep.equal(await expected(s, row.claimId));
    }
    const byId = new Map(page.map((row) => [row.claimId, row]));
    // The cases the market page depends on, spelled out.
    expect(byId.get(ids.withBids)!.bestLiveBid).to.equal(9_200n * USD); // the 9,300 bid expired
    expect(byId.get(ids.withBids)!.liveBids).to.equal(3n); // 9,100, 9,200 and 9,150
    expect(byId.get(ids.staleBids)!.liveBids).to.equal(0n); // killed by the payment
    expect(byId.get(ids.staleBids)!.outstanding).to.equal(byId.get(ids.staleBids)!.claim.faceValue - 1n * USD);
    expect(byId.has(ids.unlisted)).to.equal(false); // a live bid does not make a claim listed
    expect(byId.get(ids.guaranteed)!.guaranteed).to.equal(true);
    expect(byId.get(ids.plain)!.guaranteed).to.equal(false);
  });

  it("reads no bids for listings with an ask, even with a live bid", async function () {
    const { s, ids } = await networkHelpers.loadFixture(busyMarket);
    expect((await s.market.bidOf(ids.plain, s.bank.address))[1]).to.equal(true); // a live bid under the ask…
    const row = await rowOf(s, ids.plain);
    expect([row.bestLiveBid, row.liveBids]).to.deep.equal([0n, 0n]); // …is not read: the listing is priced at its ask
    for (const id of [ids.guaranteed, ids.otherDebtor]) {
      const other = await rowOf(s, id);
      expect(other.listing.askPrice).to.be.greaterThan(0n);
      expect([other.bestLiveBid, other.liveBids]).to.deep.equal([0n, 0n]);
    }
  });

  it("counts only the bids of the bidders the caller names that are verified factors now", async function () {
    const { s, ids } = await networkHelpers.loadFixture(busyMarket);
    const bidsWith = async (bidders: string[]) => {
      const [page] = await s.lens.listedClaims(...ALL, 0n, MaxUint256, bidders);
      const row = page.find((r) => r.claimId === ids.withBids)!;
      expect(plain(row)).to.deep.equal(await expected(s, ids.withBids, bidders));
      return [row.bestLiveBid, row.liveBids];
    };
    expect(await bidsWith([s.factor.address, s.bank.address])).to.deep.equal([9_200n * USD, 2n]);
    expect(await bidsWith([s.factor.address, s.stranger.address])).to.deep.equal([9_150n * USD, 2n]);
    expect(await bidsWith([s.debtor.address, s.sme.address])).to.deep.equal([0n, 0n]); // verified, not as factors
    expect(await bidsWith([])).to.deep.equal([0n, 0n]);
  });

  it("says a listing priced on an older claim nonce needs re-pricing, until its seller re-prices it", async function () {
    const { s, ids } = await networkHelpers.loadFixture(busyMarket);
    expect((await rowOf(s, ids.plain)).repriceNeeded).to.equal(false);
    const stale = await rowOf(s, ids.staleBids); // paid after it was listed
    expect(stale.repriceNeeded).to.equal(true);
    expect(stale.listing.claimNonce).to.be.lessThan(stale.claim.nonce);
    await s.market.connect(s.sme).updateListing(ids.staleBids, 9_000n * USD, 0n, (await s.now()) + DAY);
    const repriced = await rowOf(s, ids.staleBids);
    expect(repriced.repriceNeeded).to.equal(false);
    expect(repriced.listing.claimNonce).to.equal(repriced.claim.nonce);
  });

  it("counts only the live bids of factors verified now: a revoked or suspended bidder's bid stops counting", async function () {
    const { s, ids } = await networkHelpers.loadFixture(busyMarket);
    const operator = s.registry.connect(s.operator);
    const bids = async () => {
      const row = await rowOf(s, ids.withBids);
      expect(plain(row)).to.deep.equal(await expected(s, ids.withBids));
      return [row.bestLiveBid, row.liveBids];
    };
    expect(await bids()).to.deep.equal([9_200n * USD, 3n]);

    await operator.revoke(s.stranger.address, Role.Factor);
    expect((await s.market.bidOf(ids.withBids, s.stranger.address))[1], "the market still calls it live").to.equal(
      true,
    );
    expect(await bids(), "the stranger's 9,150 is revoked").to.deep.equal([9_200n * USD, 2n]);

    await operator.setSuspended(s.bank.address, true);
    expect(await bids(), "the bank's best bid, 9,200, is suspended").to.deep.equal([9_100n * USD, 1n]);
    await operator.setSuspended(s.bank.address, false);
    expect(await bids(), "the bank restored").to.deep.equal([9_200n * USD, 2n]);

    // No verified factor left: no offers-only listing has a live bid.
    for (const account of [s.factor.address, s.bank.address, s.guarantor.address]) {
      await operator.revoke(account, Role.Factor);
    }
    expect(await verifiedFactors(s)).to.deep.equal([]);
    const [page] = await s.lens.listedClaims(...ALL, 0n, MaxUint256, await everyone(s));
    for (const row of page) expect([row.bestLiveBid, row.liveBids], `claim ${row.claimId}`).to.deep.equal([0n, 0n]);
    expect(page).to.have.length(5);
  });

  it("filters by debtor and by currency as the lens's listings view does", async function () {
    const { s, ids, usdc, listed } = await networkHelpers.loadFixture(busyMarket);
    const idsOf = async (debtor: string, currency: string) => {
      const [page, claimCount] = await s.lens.listedClaims(debtor, currency, 0n, 50n, await everyone(s));
      expect(claimCount).to.equal(7n);
      const claimIds = page.map((row) => row.claimId);
      expect(claimIds).to.deep.equal(await s.lens.listings(debtor, currency, 0n, 50n));
      return claimIds;
    };
    const currency = await usdc.getAddress();
    expect(await idsOf(s.debtor2.address, ZeroAddress)).to.deep.equal([ids.otherDebtor]);
    expect(await idsOf(s.debtor.address, ZeroAddress)).to.deep.equal(listed.filter((id) => id !== ids.otherDebtor));
    expect(await idsOf(ZeroAddress, currency)).to.deep.equal(listed);
    expect(await idsOf(s.debtor2.address, currency)).to.deep.equal([ids.otherDebtor]);
    expect(await idsOf(ZeroAddress, s.stranger.address)).to.deep.equal([]);
    expect(await idsOf(s.stranger.address, ZeroAddress)).to.deep.equal([]);
  });

  it("windows like the listings view: fromId 0 reads as 1, past the last id or count 0 empty, the largest count, windows laid end to end", async function () {
    const { s, listed } = await networkHelpers.loadFixture(busyMarket);
    const view = async (fromId: bigint, count: bigint) => {
      const [page, claimCount] = await s.lens.listedClaims(...ALL, fromId, count, await everyone(s));
      expect(claimCount, `claim count with fromId ${fromId}, count ${count}`).to.equal(7n);
      return page.map((row) => row.claimId);
    };
    await expectWindowEdges(view, listed, 7n);
    // Rows read in windows are the rows read at once.
    const [whole] = await s.lens.listedClaims(...ALL, 0n, MaxUint256, await everyone(s));
    const pieces = [];
    for (let fromId = 1n; fromId <= 7n; fromId += 3n)
      pieces.push(...(await s.lens.listedClaims(...ALL, fromId, 3n, await everyone(s)))[0]);
    expect(pieces.map(plain)).to.deep.equal(whole.map(plain));
  });
});
