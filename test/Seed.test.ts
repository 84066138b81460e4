import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deployLocal } from "../scripts/local-deployment.js";
import { AuctionPhase, CAST, CLAIM_STATES } from "@openfactor/sdk";
import { SCENARIOS, seed, type SeedReport } from "../scripts/seed/index.js";
import {
  ClaimLens__factory,
  ClaimMarket__factory,
  GuaranteeEscrow__factory,
  MarketLens__factory,
  MockStablecoin__factory,
  ParticipantRegistry__factory,
  SealedBidAuction__factory,
  type ClaimLens,
  type ClaimMarket,
  type GuaranteeEscrow,
  type MarketLens,
  type MockStablecoin,
  type ParticipantRegistry,
  type SealedBidAuction,
} from "../types/index.js";

/** Extra claims for the test: enough to run every scenario again with other participants and dates. */
const EXTRA = 2 * SCENARIOS.length;

describe("demo seed (npm run seed) on an in-process chain", function () {
  let report: SeedReport;
  let market: ClaimMarket;
  let lens: MarketLens;
  let auctionHouse: SealedBidAuction;
  let claimLens: ClaimLens;
  let escrow: GuaranteeEscrow;
  let registry: ParticipantRegistry;
  let stablecoin: MockStablecoin;
  let accounts: string[];
  const idOf = (scenario: string) => {
    const claim = report.claims.find((c) => c.scenario === scenario);
    if (claim === undefined) throw new Error(`no scenario ${scenario}`);
    return claim.id;
  };

  before(async function () {
    const connection = await network.create();
    const addresses = await deployLocal(connection);
    report = await seed(connection, addresses, { extraClaims: EXTRA });
    market = ClaimMarket__factory.connect(addresses.market, connection.ethers.provider);
    lens = MarketLens__factory.connect(addresses.lens, connection.ethers.provider);
    auctionHouse = SealedBidAuction__factory.connect(addresses.auction, connection.ethers.provider);
    claimLens = ClaimLens__factory.connect(addresses.claimLens, connection.ethers.provider);
    escrow = GuaranteeEscrow__factory.connect(addresses.escrow, connection.ethers.provider);
    registry = ParticipantRegistry__factory.connect(addresses.registry, connection.ethers.provider);
    stablecoin = MockStablecoin__factory.connect(addresses.stablecoin, connection.ethers.provider);
    accounts = (await connection.provider.request({ method: "eth_accounts" })) as string[];
  });

  it("verifies the cast for their roles, and leaves the applicant funded but unverified", async function () {
    for (const member of CAST.filter((m) => m.key !== "operator")) {
      const account = accounts[member.account];
      expect(await registry.isVerifiedAny(account), member.key).to.equal(member.roles.length > 0);
      expect(await stablecoin.balanceOf(account), member.key).to.be.greaterThan(0n);
    }
    const applicant = CAST.find((m) => m.key === "applicant");
    expect(applicant?.roles).to.deep.equal([]);
  });

  it("leaves every scenario's claim in the scenario's state", function () {
    expect(report.claims.map((c) => c.scenario)).to.deep.equal(SCENARIOS.map((s) => s.name));
    for (const claim of report.claims) expect(claim.state, claim.scenario).to.equal(claim.expected);
  });

  it("has a claim in every lifecycle state", function () {
    const states = CLAIM_STATES.filter((name) => name !== "None");
    for (const state of states) expect(report.byState[state], state).to.be.greaterThan(0);
  });

  it("creates the extra claims across the scenarios", function () {
    const total = Object.values(report.byState).reduce((sum, n) => sum + n, 0);
    expect(total).to.equal(SCENARIOS.length + EXTRA);
    expect(report.byState.None).to.equal(0);
  });

  it("shows the market situations: a listing, live bids, a sale, a resale to the bank, a partial payment", function () {
    const byName = new Map(report.claims.map((c) => [c.scenario, c]));
    expect(byName.get("sold")?.holder).to.not.equal(byName.get("sold")?.originator);
    expect(byName.get("resold to the bank")?.holder).to.equal("First Harbor Bank");
    const partial = byName.get("paid in part");
    expect(partial?.paid).to.be.greaterThan(0n);
    expect(partial?.paid).to.be.lessThan(partial?.face ?? 0n);
    expect(report.standingOffers).to.equal(6);
  });

  it("leaves the listing and the auction open, with three live bids", async function () {
    expect((await market.listing(idOf("listed"))).seller).to.not.equal(ZeroAddress);
    const auction = idOf("with live bids");
    // Only verified participants can bid, so every bidder is among the registry's participants.
    const participants = await registry.participants(0n, await registry.participantCount());
    const bids = await Promise.all(participants.map(async (p) => market.bidOf(auction, p.account)));
    const bidders = participants.filter((_, i) => bids[i][0].amount !== 0n);
    expect(bidders).to.have.length(3);
    for (const bidder of bidders)
      expect((await market.bidOf(auction, bidder.account))[1], bidder.account).to.equal(true);
    for (const bidder of bidders) expect(await lens.bidsOf(bidder.account, auction, 1n)).to.deep.equal([auction]);
  });

  it("leaves a sealed-bid auction in its bidding phase with two sealed bids of full deposits", async function () {
    const claimId = idOf("in a sealed-bid auction");
    const [running, auctionId] = await auctionHouse.runningAuction(claimId);
    expect(running).to.equal(true);
    expect(await auctionHouse.phaseOf(auctionId)).to.equal(BigInt(AuctionPhase.Bidding));
    const events = await auctionHouse.queryFilter(auctionHouse.filters.BidCommitted(auctionId));
    const bidders = [...new Set(events.map((e) => e.args.bidder))];
    expect(bidders).to.have.length(2);
    const outstanding = await claimLens.outstanding(claimId);
    for (const bidder of bidders) {
      const bid = await auctionHouse.sealedBid(auctionId, bidder);
      expect(bid.deposit, bidder).to.equal(outstanding);
      expect(bid.amount, bidder).to.equal(0n); // sealed: nothing revealed
    }
  });

  it("shows the guarantees: an active one that follows the claim, and one called with the guarantor subrogated", async function () {
    const guaranteed = idOf("guaranteed");
    expect(await escrow.isGuaranteed(guaranteed)).to.equal(true);
    const active = await escrow.guarantee(await escrow.guaranteeOfClaim(guaranteed));
    expect(active.cover).to.be.greaterThan(0n);
    expect(active.premium).to.be.greaterThan(0n);

    const called = report.claims.find((c) => c.scenario === "guarantee called");
    const record = await escrow.guarantee(await escrow.guaranteeOfClaim(idOf("guarantee called")));
    expect(record.status).to.equal(5n); // Called
    expect(called?.holder).to.equal("Atlas Credit Insurance");
    expect(called?.paid).to.be.greaterThan(0n); // the debtor's late payment went to the guarantor
  });
});
