/**
 * Finding: `withdraw` and `reclaimHeldPayment` accepted the claim contract itself as the recipient. The tokens
 * stayed in the contract as a surplus that nobody's ledger owned: lost to the withdrawer. Both now refuse it with
 * `ClaimInvalidRecipient`, and nothing moves.
 *
 * Finding: `outstanding` of a Voided claim still reported face value minus amount paid, although a voided claim
 * is owed by nobody. It now reports zero.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "../fixtures/system.js";
import { evidence } from "../helpers/lifecycle.js";
import { ClaimState as State, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("finding: money sent to the claim contract, outstanding of a voided claim", () => {
  it("withdraw to the claim contract reverts ClaimInvalidRecipient and moves nothing", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    await s.claims.connect(s.debtor).pay(id, 400n * USD);
    const currency = await s.usdc.getAddress();
    const self = await s.claims.getAddress();
    const balance = await s.usdc.balanceOf(self);

    await expect(s.claims.connect(s.sme).withdraw(currency, self))
      .to.be.revertedWithCustomError(s.claims, "ClaimInvalidRecipient")
      .withArgs(self);
    expect(await s.claims.owed(s.sme.address, currency)).to.equal(400n * USD);
    expect(await s.usdc.balanceOf(self)).to.equal(balance);
  });

  it("reclaimHeldPayment to the claim contract reverts ClaimInvalidRecipient and moves nothing", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    await s.claims.connect(s.debtor).dispute(id, evidence("goods never arrived"));
    await s.claims.connect(s.debtor).pay(id, 700n * USD);
    await s.claims.connect(s.operator).resolve(id, Outcome.Voided, 10_000n * USD);
    const self = await s.claims.getAddress();

    await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, self))
      .to.be.revertedWithCustomError(s.claims, "ClaimInvalidRecipient")
      .withArgs(self);
    expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(700n * USD);
    await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address)).to.changeTokenBalances(
      ethers,
      s.usdc,
      [s.debtor, s.claims],
      [700n * USD, -700n * USD],
    );
  });

  it("a Voided claim has nothing outstanding; a disputed one still shows its face value minus paid", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
    await s.claims.connect(s.debtor).dispute(id, evidence("wrong goods"));
    expect(await s.claimLens.outstanding(id)).to.equal(9_000n * USD);
    await s.claims.connect(s.operator).resolve(id, Outcome.Voided, 10_000n * USD);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Voided);
    expect(await s.claimLens.outstanding(id)).to.equal(0n);
  });
});
