/**
 * Finding: the debtor's EIP-712 acceptance covered every term but the claim's metadata URI, so an originator
 * could attach any link to a claim the debtor had signed for. The signature now carries `metadataHash`
 * (keccak256 of the URI's bytes), for issueAccepted and for acceptWithSignature alike.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem } from "../fixtures/system.js";
import { relayAcceptance } from "../helpers/signatures.js";
import { ClaimState as State, DAY } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

describe("finding: the acceptance signature binds the metadata URI", () => {
  it("issueAccepted takes a signature over the URI it is given", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const t = await s.terms();
    const deadline = (await s.now()) + DAY;
    const signature = await s.signAcceptance(s.debtor, t, deadline, undefined, URI);
    await s.claims.connect(s.sme).issueAccepted(t, URI, deadline, signature);
    const id = await s.claims.claimCount();
    expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
  });

  it("issueAccepted refuses a signature given for another URI (or for none), and issues nothing", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const t = await s.terms();
    const deadline = (await s.now()) + DAY;
    const forNoUri = await s.signAcceptance(s.debtor, t, deadline);
    const forOtherUri = await s.signAcceptance(s.debtor, t, deadline, undefined, "https://evil.example/claim");
    for (const signature of [forNoUri, forOtherUri]) {
      await expect(s.claims.connect(s.sme).issueAccepted(t, URI, deadline, signature))
        .to.be.revertedWithCustomError(s.claims, "ClaimInvalidSignature")
        .withArgs(s.debtor.address);
    }
    expect(await s.claims.claimCount()).to.equal(0n);
    expect(await s.claims.claimByCommitment(t.invoiceCommitment)).to.equal(0n);
  });

  it("acceptWithSignature checks the URI the claim was issued with", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const t = await s.terms();
    await s.claims.connect(s.sme).issue(t, URI);
    const id = await s.claims.claimCount();
    const deadline = (await s.now()) + DAY;
    const forNoUri = await s.signAcceptance(s.debtor, t, deadline);
    await expect(relayAcceptance(s.claims.connect(s.stranger), id, deadline, forNoUri))
      .to.be.revertedWithCustomError(s.claims, "ClaimInvalidSignature")
      .withArgs(s.debtor.address);
    const forUri = await s.signAcceptance(s.debtor, t, deadline, undefined, URI);
    await relayAcceptance(s.claims.connect(s.stranger), id, deadline, forUri);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
  });

  it("acceptanceDigest moves with the URI", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const t = await s.terms();
    const deadline = (await s.now()) + DAY;
    expect(await s.claimLens.acceptanceDigest(t, URI, deadline)).to.not.equal(
      await s.claimLens.acceptanceDigest(t, "", deadline),
    );
  });
});
