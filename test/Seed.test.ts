import { expect } from "chai";
import { network } from "hardhat";

import { deployLocal } from "../scripts/local-deployment.js";
import { ClaimState, SCENARIOS, seed, type ClaimStateName, type SeedReport } from "../scripts/seed/index.js";
import { State } from "./fixtures/system.js";

/** Extra claims for the test: enough to run every scenario again with other participants and dates. */
const EXTRA = 2 * SCENARIOS.length;

describe("demo seed (npm run seed) on an in-process chain", function () {
  let report: SeedReport;

  before(async function () {
    const connection = await network.create();
    const addresses = await deployLocal(connection);
    report = await seed(connection, addresses, { extraClaims: EXTRA });
  });

  it("leaves every scenario's claim in the scenario's state", function () {
    expect(report.claims.map((c) => c.scenario)).to.deep.equal(SCENARIOS.map((s) => s.name));
    for (const claim of report.claims) expect(claim.state, claim.scenario).to.equal(claim.expected);
  });

  it("has a claim in every lifecycle state", function () {
    const states = Object.keys(State).filter((name) => name !== "None") as ClaimStateName[];
    expect(Object.keys(ClaimState).filter((name) => name !== "None")).to.deep.equal(states);
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
});
