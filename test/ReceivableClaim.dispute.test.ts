import { expect } from "chai";
import { network } from "hardhat";

import { commitment, deploySystem, USD, type System } from "./fixtures/system.js";
import { expectLedger } from "./helpers/ledger.js";
import {
  agentTransfer,
  claimIn,
  deployAgent,
  dueDateOf,
  evidence,
  graceOf,
  makeOverdue,
  type StateName,
} from "./helpers/lifecycle.js";
import { snapshot } from "./helpers/snapshot.js";
import { ClaimState as State, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const FACE = 10_000n * USD;
const EVIDENCE = evidence("delivery note shows 40 of 50 pallets");

function everyone(s: System): string[] {
  return [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger].map(
    (a) => a.address,
  );
}

/** An Accepted claim the debtor disputed, after `paidBefore` was paid (and credited to the SME). */
async function disputed(s: System, paidBefore = 0n): Promise<bigint> {
  const id = await s.issueAccepted();
  if (paidBefore > 0n) await s.claims.connect(s.debtor).pay(id, paidBefore);
  await s.claims.connect(s.debtor).dispute(id, EVIDENCE);
  return id;
}

describe("ReceivableClaim: disputes", () => {
  describe("dispute", () => {
    describe("when the debtor disputes an Accepted claim", () => {
      it("freezes it as Disputed with the evidence hash (ClaimDisputed, ClaimStateChanged, MetadataUpdate)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const nonce = await s.claimLens.claimNonce(id);
        const tx = s.claims.connect(s.debtor).dispute(id, EVIDENCE);
        await expect(tx).to.emit(s.claims, "ClaimDisputed").withArgs(id, s.debtor.address, EVIDENCE);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Disputed);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Disputed);
        expect(c.stateBeforeDispute).to.equal(State.Accepted);
        expect(c.disputeCount).to.equal(1n);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 1n);
      });
    });

    describe("when the holder disputes", () => {
      it("the originator holding an Accepted claim may dispute", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await expect(s.claims.connect(s.sme).dispute(id, EVIDENCE))
          .to.emit(s.claims, "ClaimDisputed")
          .withArgs(id, s.sme.address, EVIDENCE);
      });

      it("the factor holding a Financed claim may dispute; the originator that sold it may not", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Financed");
        await expect(s.claims.connect(s.sme).dispute(id, EVIDENCE))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotDisputant")
          .withArgs(id, s.sme.address);
        await expect(s.claims.connect(s.factor).dispute(id, EVIDENCE))
          .to.emit(s.claims, "ClaimStateChanged")
          .withArgs(id, State.Financed, State.Disputed);
        expect((await s.claimLens.claim(id)).stateBeforeDispute).to.equal(State.Financed);
      });

      it("an Overdue claim may be disputed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Overdue");
        await expect(s.claims.connect(s.debtor).dispute(id, EVIDENCE))
          .to.emit(s.claims, "ClaimStateChanged")
          .withArgs(id, State.Overdue, State.Disputed);
        expect((await s.claimLens.claim(id)).stateBeforeDispute).to.equal(State.Overdue);
      });
    });

    describe("when anyone else disputes", () => {
      it("reverts with ClaimNotDisputant for a stranger, the operator and another debtor", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        for (const caller of [s.stranger, s.operator, s.debtor2, s.factor]) {
          await expect(s.claims.connect(caller).dispute(id, EVIDENCE))
            .to.be.revertedWithCustomError(s.claims, "ClaimNotDisputant")
            .withArgs(id, caller.address);
        }
        expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
      });
    });

    describe("when the default grace has passed (the claim is in default, declared or not)", () => {
      for (const who of ["debtor", "holder"] as const) {
        const signer = (s: System) => (who === "debtor" ? s.debtor : s.sme);

        it(`the ${who} may still dispute an Overdue claim at exactly due date + grace`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, "Overdue");
          const until = (await dueDateOf(s, id)) + (await graceOf(s, id));
          await networkHelpers.time.setNextBlockTimestamp(until);
          await expect(s.claims.connect(signer(s)).dispute(id, EVIDENCE))
            .to.emit(s.claims, "ClaimStateChanged")
            .withArgs(id, State.Overdue, State.Disputed);
        });

        it(`the ${who}'s dispute one second later reverts with ClaimDisputeTooLate and moves nothing`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, "Overdue");
          const until = (await dueDateOf(s, id)) + (await graceOf(s, id));
          const before = await snapshot(s, { ids: [id] });
          await networkHelpers.time.setNextBlockTimestamp(until + 1n);
          await expect(s.claims.connect(signer(s)).dispute(id, EVIDENCE))
            .to.be.revertedWithCustomError(s.claims, "ClaimDisputeTooLate")
            .withArgs(id, until, until + 1n);
          expect(await snapshot(s, { ids: [id] })).to.deep.equal(before);
        });
      }

      it("an Accepted claim nobody poked is refused the same way", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const until = (await dueDateOf(s, id)) + (await graceOf(s, id));
        await networkHelpers.time.setNextBlockTimestamp(until + 1n);
        await expect(s.claims.connect(s.debtor).dispute(id, EVIDENCE))
          .to.be.revertedWithCustomError(s.claims, "ClaimDisputeTooLate")
          .withArgs(id, until, until + 1n);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
      });
    });

    describe("when the claim is in a state that cannot be disputed", () => {
      const refused: StateName[] = [
        "Issued",
        "Defaulted",
        "Disputed",
        "Settled",
        "Rejected",
        "Expired",
        "Cancelled",
        "Voided",
        "WrittenOff",
      ];
      for (const state of refused) {
        it(`refuses ${state} with ClaimWrongState`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, state);
          await expect(s.claims.connect(s.debtor).dispute(id, EVIDENCE))
            .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
            .withArgs(id, State[state]);
        });
      }

      it("refuses an unknown id with ClaimNotFound", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.claims.connect(s.debtor).dispute(5n, EVIDENCE))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotFound")
          .withArgs(5n);
      });
    });
  });

  describe("while Disputed", () => {
    it("payments are held per payer, not credited to the holder, and count in the liabilities", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await disputed(s, 1_000n * USD);
      const tx = s.claims.connect(s.debtor).pay(id, 2_000n * USD);
      await expect(tx)
        .to.emit(s.claims, "PaymentHeld")
        .withArgs(id, s.debtor.address, 2_000n * USD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims, s.sme],
        [-2_000n * USD, 2_000n * USD, 0n],
      );
      await s.claims.connect(s.stranger).pay(id, 300n);
      await s.claims.connect(s.debtor).pay(id, 5n);

      const c = await s.claimLens.claim(id);
      expect(c.amountPaid).to.equal(1_000n * USD);
      expect(c.heldAmount).to.equal(2_000n * USD + 305n);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(2_000n * USD + 5n);
      expect(await s.claims.heldPaymentOf(id, s.stranger.address)).to.equal(300n);
      expect(await s.claims.heldPaymentOf(id, s.sme.address)).to.equal(0n);
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(1_000n * USD);
      // outstanding() does not deduct held payments (see the interface).
      expect(await s.claimLens.outstanding(id)).to.equal(FACE - 1_000n * USD);
      expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(3_000n * USD + 305n);
    });

    it("transfers are refused, by the holder and by an agent", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await disputed(s);
      expect(await s.claimLens.canTransfer(s.sme.address, s.factor.address, id)).to.equal(false);
      await expect(s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id))
        .to.be.revertedWithCustomError(s.claims, "ClaimTransferNotAllowed")
        .withArgs(id, s.sme.address, s.factor.address);
      await expect(agentTransfer(s, agent, id, s.factor.address))
        .to.be.revertedWithCustomError(s.claims, "ClaimTransferNotAllowed")
        .withArgs(id, s.sme.address, s.factor.address);
      expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
    });

    it("money credited before the dispute stays withdrawable (the ledger is per account)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await disputed(s, 700n);
      await s.claims.connect(s.debtor).pay(id, 50n);
      await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.sme],
        [-700n, 700n],
      );
      expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(50n);
    });

    it("the held payments cannot be reclaimed yet: ClaimWrongState(id, Disputed)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await disputed(s);
      await s.claims.connect(s.debtor).pay(id, 50n);
      await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address))
        .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
        .withArgs(id, State.Disputed);
    });
  });

  describe("resolve", () => {
    describe("when the caller is not an arbiter", () => {
      it("reverts with ClaimMissingAccessRole(caller, ARBITER_ROLE)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s);
        const arbiterRole = await s.registry.ARBITER_ROLE();
        for (const caller of [s.debtor, s.sme, s.stranger, s.factor]) {
          await expect(s.claims.connect(caller).resolve(id, Outcome.Upheld, FACE))
            .to.be.revertedWithCustomError(s.claims, "ClaimMissingAccessRole")
            .withArgs(caller.address, arbiterRole);
        }
      });

      it("an account granted ARBITER_ROLE may resolve, and is named in the event", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s);
        await s.registry.connect(s.operator).grantRole(await s.registry.ARBITER_ROLE(), s.guarantor.address);
        await expect(s.claims.connect(s.guarantor).resolve(id, Outcome.Upheld, FACE))
          .to.emit(s.claims, "ClaimDisputeResolved")
          .withArgs(id, Outcome.Upheld, FACE, FACE, s.guarantor.address);
      });
    });

    describe("when the claim is not Disputed", () => {
      it("reverts with ClaimWrongState, or ClaimNotFound for an unknown id", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await expect(s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE))
          .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
          .withArgs(id, State.Accepted);
        const voided = await claimIn(s, "Voided");
        await expect(s.claims.connect(s.operator).resolve(voided, Outcome.Voided, FACE))
          .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
          .withArgs(voided, State.Voided);
        await expect(s.claims.connect(s.operator).resolve(99n, Outcome.Upheld, FACE))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotFound")
          .withArgs(99n);
      });
    });

    describe("when the dispute is upheld", () => {
      it("refuses a face value other than the current one: ClaimDisputeFaceValueInvalid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s, 100n);
        await s.claims.connect(s.debtor).pay(id, 20n);
        for (const wrong of [FACE - 1n, FACE + 1n, 0n, 120n]) {
          await expect(s.claims.connect(s.operator).resolve(id, Outcome.Upheld, wrong))
            .to.be.revertedWithCustomError(s.claims, "ClaimDisputeFaceValueInvalid")
            .withArgs(id, wrong, FACE, 120n);
        }
      });

      for (const before of ["Accepted", "Financed", "Overdue"] as const) {
        it(`returns a claim disputed in ${before} to ${before}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, before);
          const holder = await s.claims.ownerOf(id);
          await s.claims.connect(s.debtor).dispute(id, EVIDENCE);
          const tx = s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
          await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Disputed, State[before]);
          await expect(tx)
            .to.emit(s.claims, "ClaimDisputeResolved")
            .withArgs(id, Outcome.Upheld, FACE, FACE, s.operator.address);
          await expect(tx).not.to.emit(s.claims, "HeldPaymentsReleased");
          expect((await s.claimLens.claim(id)).state).to.equal(State[before]);
          expect(await s.claims.ownerOf(id)).to.equal(holder);
          expect((await s.claimLens.claim(id)).faceValue).to.equal(FACE);
        });
      }

      it("credits the held payments to the holder (HeldPaymentsReleased); no tokens move", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Financed");
        await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
        await s.claims.connect(s.factor).dispute(id, EVIDENCE);
        await s.claims.connect(s.debtor).pay(id, 2_000n * USD);
        await s.claims.connect(s.stranger).pay(id, 3n);
        const liabilities = await s.claims.totalLiabilities(s.usdc);

        const tx = s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
        await expect(tx)
          .to.emit(s.claims, "HeldPaymentsReleased")
          .withArgs(id, s.factor.address, 2_000n * USD + 3n, 3_000n * USD + 3n);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Financed);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, s.factor, s.debtor, s.stranger],
          [0n, 0n, 0n, 0n],
        );
        const c = await s.claimLens.claim(id);
        expect(c.amountPaid).to.equal(3_000n * USD + 3n);
        expect(c.heldAmount).to.equal(0n);
        expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(3_000n * USD + 3n);
        expect(await s.claims.totalLiabilities(s.usdc)).to.equal(liabilities);
        // Released payments are no longer held by anyone.
        expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(0n);
        expect(await s.claims.heldPaymentOf(id, s.stranger.address)).to.equal(0n);
        await expectLedger(s.claims, s.usdc, everyone(s), [id]);
      });

      it("settles the claim when the held payments complete the face value", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s, 4_000n * USD);
        await s.claims.connect(s.debtor).pay(id, FACE - 4_000n * USD);
        const tx = s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
        await expect(tx)
          .to.emit(s.claims, "HeldPaymentsReleased")
          .withArgs(id, s.sme.address, FACE - 4_000n * USD, FACE);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Settled);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(FACE);
      });
    });

    describe("when the face value is diluted", () => {
      it("refuses a new face value that is not lower, below paid + held, or zero: ClaimDisputeFaceValueInvalid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s, 1_000n);
        await s.claims.connect(s.debtor).pay(id, 500n);
        for (const wrong of [FACE, FACE + 1n, 1_499n, 0n, 1n]) {
          await expect(s.claims.connect(s.operator).resolve(id, Outcome.Diluted, wrong))
            .to.be.revertedWithCustomError(s.claims, "ClaimDisputeFaceValueInvalid")
            .withArgs(id, wrong, FACE, 1_500n);
        }
      });

      it("refuses zero even when nothing was paid or held", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s);
        await expect(s.claims.connect(s.operator).resolve(id, Outcome.Diluted, 0n))
          .to.be.revertedWithCustomError(s.claims, "ClaimDisputeFaceValueInvalid")
          .withArgs(id, 0n, FACE, 0n);
        // The smallest valid dilution is one unit.
        await expect(s.claims.connect(s.operator).resolve(id, Outcome.Diluted, 1n))
          .to.emit(s.claims, "ClaimDisputeResolved")
          .withArgs(id, Outcome.Diluted, FACE, 1n, s.operator.address);
      });

      it("lowers the face value, releases held payments and returns to the previous state", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s, 1_000n * USD);
        await s.claims.connect(s.debtor).pay(id, 500n * USD);
        const newFace = 8_000n * USD;
        const tx = s.claims.connect(s.operator).resolve(id, Outcome.Diluted, newFace);
        await expect(tx)
          .to.emit(s.claims, "ClaimDisputeResolved")
          .withArgs(id, Outcome.Diluted, FACE, newFace, s.operator.address);
        await expect(tx)
          .to.emit(s.claims, "HeldPaymentsReleased")
          .withArgs(id, s.sme.address, 500n * USD, 1_500n * USD);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Accepted);
        const c = await s.claimLens.claim(id);
        expect(c.faceValue).to.equal(newFace);
        expect(c.amountPaid).to.equal(1_500n * USD);
        expect(await s.claimLens.outstanding(id)).to.equal(newFace - 1_500n * USD);

        // Later payments are bounded by the new face value.
        const rest = newFace - 1_500n * USD;
        await expect(s.claims.connect(s.debtor).pay(id, rest + 1n))
          .to.be.revertedWithCustomError(s.claims, "ClaimOverpayment")
          .withArgs(id, rest + 1n, rest);
        await expect(s.claims.connect(s.debtor).pay(id, rest))
          .to.emit(s.claims, "ClaimStateChanged")
          .withArgs(id, State.Accepted, State.Settled);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(newFace);
        await expectLedger(s.claims, s.usdc, everyone(s), [id]);
      });

      it("settles the claim when paid + held equals the new face value", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s, 6_000n * USD);
        await s.claims.connect(s.debtor).pay(id, 1_500n * USD);
        const tx = s.claims.connect(s.operator).resolve(id, Outcome.Diluted, 7_500n * USD);
        await expect(tx)
          .to.emit(s.claims, "HeldPaymentsReleased")
          .withArgs(id, s.sme.address, 1_500n * USD, 7_500n * USD);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Settled);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
        expect(await s.claimLens.outstanding(id)).to.equal(0n);
      });

      it("settles the claim when what was paid before the dispute equals the new face value", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s, 6_000n * USD);
        const tx = s.claims.connect(s.operator).resolve(id, Outcome.Diluted, 6_000n * USD);
        await expect(tx).not.to.emit(s.claims, "HeldPaymentsReleased");
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Settled);
      });
    });

    describe("when the claim is voided", () => {
      it("refuses a face value other than the current one: ClaimDisputeFaceValueInvalid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await disputed(s);
        await s.claims.connect(s.debtor).pay(id, 7n);
        for (const wrong of [0n, FACE - 1n, FACE + 1n]) {
          await expect(s.claims.connect(s.operator).resolve(id, Outcome.Voided, wrong))
            .to.be.revertedWithCustomError(s.claims, "ClaimDisputeFaceValueInvalid")
            .withArgs(id, wrong, FACE, 7n);
        }
      });

      it("ends the claim, keeps the held payments for their payers and the invoice commitment consumed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const invoice = commitment("voided-invoice");
        const id = await s.issueAccepted({ invoiceCommitment: invoice });
        await s.claims.connect(s.debtor).pay(id, 1_000n);
        await s.claims.connect(s.debtor).dispute(id, EVIDENCE);
        await s.claims.connect(s.debtor).pay(id, 400n);
        await s.claims.connect(s.stranger).pay(id, 60n);

        const tx = s.claims.connect(s.operator).resolve(id, Outcome.Voided, FACE);
        await expect(tx)
          .to.emit(s.claims, "ClaimDisputeResolved")
          .withArgs(id, Outcome.Voided, FACE, FACE, s.operator.address);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Voided);
        await expect(tx).not.to.emit(s.claims, "HeldPaymentsReleased");
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.claims, s.sme, s.debtor], [0n, 0n, 0n]);

        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Voided);
        expect(c.heldAmount).to.equal(460n);
        expect(c.amountPaid).to.equal(1_000n);
        expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(400n);
        expect(await s.claims.heldPaymentOf(id, s.stranger.address)).to.equal(60n);
        expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(1_460n);

        // The invoice cannot back a new claim: double financing stays impossible after a void.
        expect(await s.claims.claimByCommitment(invoice)).to.equal(id);
        const again = await s.terms({ invoiceCommitment: invoice });
        await expect(s.claims.connect(s.sme).issue(again, ""))
          .to.be.revertedWithCustomError(s.claims, "ClaimCommitmentInUse")
          .withArgs(invoice, id);
      });
    });
  });

  describe("reclaimHeldPayment", () => {
    /** A voided claim: 1,000 credited to the SME before the dispute, 400 held from the debtor, 60 from a stranger. */
    async function voided(s: System): Promise<bigint> {
      const id = await disputed(s, 1_000n);
      await s.claims.connect(s.debtor).pay(id, 400n);
      await s.claims.connect(s.stranger).pay(id, 60n);
      await s.claims.connect(s.operator).resolve(id, Outcome.Voided, FACE);
      return id;
    }

    describe("when a payer reclaims after the void", () => {
      it("sends exactly its held payment to the address it names (HeldPaymentReclaimed)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await voided(s);
        expect(await s.claims.connect(s.debtor).reclaimHeldPayment.staticCall(id, s.debtor2.address)).to.equal(400n);
        const tx = s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor2.address);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, s.debtor, s.debtor2, s.sme],
          [-400n, 0n, 400n, 0n],
        );
        await expect(tx)
          .to.emit(s.claims, "HeldPaymentReclaimed")
          .withArgs(id, s.debtor.address, s.debtor2.address, 400n);
        expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(0n);
        expect((await s.claimLens.claim(id)).heldAmount).to.equal(60n);
        expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(1_060n);
      });

      it("each payer reclaims its own; then the holder withdraws the pre-dispute credit and the contract is empty", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await voided(s);
        await expect(s.claims.connect(s.stranger).reclaimHeldPayment(id, s.stranger.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, s.stranger],
          [-60n, 60n],
        );
        await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, s.debtor],
          [-400n, 400n],
        );
        await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, s.sme],
          [-1_000n, 1_000n],
        );
        expect((await s.claimLens.claim(id)).heldAmount).to.equal(0n);
        expect(await s.claims.totalLiabilities(s.usdc)).to.equal(0n);
        expect(await s.usdc.balanceOf(await s.claims.getAddress())).to.equal(0n);
      });
    });

    describe("when there is nothing to reclaim", () => {
      it("reverts with ClaimNothingHeld for a second reclaim and for an account that paid nothing while Disputed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await voided(s);
        await s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address);
        await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address))
          .to.be.revertedWithCustomError(s.claims, "ClaimNothingHeld")
          .withArgs(id, s.debtor.address);
        // The holder was credited before the dispute; it has nothing held.
        await expect(s.claims.connect(s.sme).reclaimHeldPayment(id, s.sme.address))
          .to.be.revertedWithCustomError(s.claims, "ClaimNothingHeld")
          .withArgs(id, s.sme.address);
      });
    });

    describe("when the recipient is the zero address", () => {
      it("reverts with ClaimZeroAddress", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await voided(s);
        await expect(
          s.claims.connect(s.debtor).reclaimHeldPayment(id, ethers.ZeroAddress),
        ).to.be.revertedWithCustomError(s.claims, "ClaimZeroAddress");
        expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(400n);
      });
    });

    describe("when the claim is not Voided", () => {
      const refused: StateName[] = ["Accepted", "Disputed", "Settled", "Defaulted"];
      for (const state of refused) {
        it(`refuses ${state} with ClaimWrongState`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, state);
          await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address))
            .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
            .withArgs(id, State[state]);
        });
      }

      it("refuses an unknown id with ClaimNotFound", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.claims.connect(s.debtor).reclaimHeldPayment(8n, s.debtor.address))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotFound")
          .withArgs(8n);
      });
    });
  });

  describe("when a second dispute follows an upheld one", () => {
    it("the held ledger is per dispute: payments released in the first cannot be reclaimed after the second is voided", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();

      // Dispute 1 (the debtor): 1,000 from the debtor and 300 from a stranger are held, then released.
      await s.claims.connect(s.debtor).dispute(id, evidence("first"));
      await s.claims.connect(s.debtor).pay(id, 1_000n);
      await s.claims.connect(s.stranger).pay(id, 300n);
      await expect(s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE))
        .to.emit(s.claims, "HeldPaymentsReleased")
        .withArgs(id, s.sme.address, 1_300n, 1_300n);
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(1_300n);

      // The claim goes overdue and the holder opens dispute 2; 500 more is held.
      await makeOverdue(s, id);
      await s.claims.connect(s.sme).dispute(id, evidence("second"));
      expect((await s.claimLens.claim(id)).disputeCount).to.equal(2n);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(0n);
      expect(await s.claims.heldPaymentOf(id, s.stranger.address)).to.equal(0n);
      await s.claims.connect(s.debtor).pay(id, 500n);
      expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(500n);

      await s.claims.connect(s.operator).resolve(id, Outcome.Voided, FACE);
      await expectLedger(s.claims, s.usdc, everyone(s), [id]);

      // The debtor takes back exactly what dispute 2 held; dispute 1's payments stay the holder's.
      await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.debtor, s.sme],
        [-500n, 500n, 0n],
      );
      await expect(s.claims.connect(s.debtor).reclaimHeldPayment(id, s.debtor.address))
        .to.be.revertedWithCustomError(s.claims, "ClaimNothingHeld")
        .withArgs(id, s.debtor.address);
      await expect(s.claims.connect(s.stranger).reclaimHeldPayment(id, s.stranger.address))
        .to.be.revertedWithCustomError(s.claims, "ClaimNothingHeld")
        .withArgs(id, s.stranger.address);

      await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.sme],
        [-1_300n, 1_300n],
      );
      expect(await s.claims.totalLiabilities(s.usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(await s.claims.getAddress())).to.equal(0n);
    });
  });
});
