import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "./fixtures/system.js";
import { ClaimState as State } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("smoke", () => {
  it("issues, accepts and settles a claim", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    await s.claims.connect(s.debtor).pay(id, 10_000n * USD);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
    expect(await s.claims.owed(s.sme.address, await s.usdc.getAddress())).to.equal(10_000n * USD);
    console.log(await s.claims.tokenURI(id));
  });
});
