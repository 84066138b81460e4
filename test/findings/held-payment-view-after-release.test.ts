/**
 * Finding: heldPaymentOf reported payments that had already been released to the holder.
 *
 * Payments made while a claim is Disputed are recorded in `_held[claimId][disputeCount][payer]`. When the
 * arbiter upholds or dilutes the claim, the contract credits the claim's `heldAmount` to the holder but cannot
 * clear the per-payer entries (there is no list of payers); that is fine for `reclaimHeldPayment`, which only
 * runs in Voided, and the next dispute uses a fresh key. But the view `heldPaymentOf` read the same key in every
 * state, so after an upheld or diluted dispute it kept answering the released amount as "still held" (the
 * interface says: "What `payer` paid on `claimId` while it was Disputed and is still held"). A dApp showing the
 * debtor its held money, or a payer deciding whether to reclaim, would be misled.
 *
 * Fix: heldPaymentOf answers 0 unless the claim is Disputed (payments of the open dispute) or Voided (payments
 * its payers may reclaim).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "../fixtures/system.js";
import { evidence } from "../helpers/lifecycle.js";
import { ClaimState as State, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const FACE = 10_000n * USD;

describe("finding: heldPaymentOf after the held payments were released", () => {
  describe("when the dispute is upheld", () => {
    it("reports nothing held for the payers whose payments went to the holder", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      await s.claims.connect(s.debtor).dispute(id, evidence("finding"));
      await s.claims.connect(s.debtor).pay(id, 2_000n * USD);
      await s.claims.connect(s.stranger).pay(id, 7n);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(2_000n * USD);

      await s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
      expect((await s.claimLens.claim(id)).heldAmount).to.equal(0n);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(0n);
      expect(await s.claims.heldPaymentOf(id, s.stranger.address)).to.equal(0n);
    });
  });

  describe("when the dispute is diluted and the claim settles", () => {
    it("reports nothing held", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      await s.claims.connect(s.debtor).dispute(id, evidence("finding"));
      await s.claims.connect(s.debtor).pay(id, 4_000n * USD);
      await s.claims.connect(s.operator).resolve(id, Outcome.Diluted, 4_000n * USD);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(0n);
    });
  });

  describe("when the dispute is voided", () => {
    it("still reports what each payer may reclaim, until it does", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      await s.claims.connect(s.debtor).dispute(id, evidence("finding"));
      await s.claims.connect(s.debtor).pay(id, 9n);
      await s.claims.connect(s.operator).resolve(id, Outcome.Voided, FACE);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(9n);
      await s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(0n);
    });
  });
});
