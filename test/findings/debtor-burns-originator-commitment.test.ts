/**
 * Finding: a debtor could burn an originator's invoice commitment. `issueByDebtor` created the claim Accepted at
 * once, so a verified debtor that front-ran the originator's `issue` with the same invoice commitment and a face
 * value of 1 unit consumed the commitment for good (only an unaccepted claim frees it) and left the SME holding a
 * binding claim it never issued. A claim now binds once both parties confirmed it, whoever issues it: a claim the
 * debtor issues stays Issued until its originator accepts it, and the originator may reject it, which frees the
 * commitment for the originator's real claim.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem } from "../fixtures/system.js";
import { ClaimState as State } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("Finding: a debtor front-running the originator's issue with a 1-unit claim", () => {
  it("binds nobody: the originator rejects it, the commitment is free, and the real claim is issued with it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const real = await s.terms(); // the SME's invoice, about to be issued
    const fake = { ...real, faceValue: 1n };

    // The debtor front-runs with the same commitment and a face value of 1 unit.
    await s.claims.connect(s.debtor).issueByDebtor(fake, "");
    const fakeId = await s.claims.claimCount();
    const issued = await s.claimLens.claim(fakeId);
    expect(issued.state, "not binding without the originator").to.equal(State.Issued);
    expect(issued.issuedByDebtor).to.equal(true);
    expect(await s.claims.claimByCommitment(real.invoiceCommitment)).to.equal(fakeId);

    // The originator refuses it: Rejected, the commitment freed.
    await expect(s.claims.connect(s.sme).reject(fakeId))
      .to.emit(s.claims, "ClaimStateChanged")
      .withArgs(fakeId, State.Issued, State.Rejected);
    expect(await s.claims.claimByCommitment(real.invoiceCommitment)).to.equal(0n);

    // The originator issues its real claim on the same invoice, and the debtor accepts it.
    await s.claims.connect(s.sme).issue(real, "");
    const realId = await s.claims.claimCount();
    await s.claims.connect(s.debtor).accept(realId);
    const c = await s.claimLens.claim(realId);
    expect(c.state).to.equal(State.Accepted);
    expect(c.faceValue).to.equal(real.faceValue);
    expect(c.issuedByDebtor).to.equal(false);
    expect(await s.claims.claimByCommitment(real.invoiceCommitment)).to.equal(realId);
  });
});
