import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD, type System } from "./fixtures/system.js";
import { expectLedger } from "./helpers/ledger.js";
import {
  agentTransfer,
  claimIn,
  deployAgent,
  dueDateOf,
  evidence,
  graceOf,
  makeDefaulted,
  makeOverdue,
  timeTravelTo,
  type StateName,
} from "./helpers/lifecycle.js";
import { ClaimState as State, DAY, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const FACE = 10_000n * USD;
const GRACE = 30n * DAY; // DEFAULT_MARKET_RULES.defaultGrace

/** The next transaction is mined at exactly `timestamp`. */
async function at(timestamp: bigint): Promise<void> {
  await networkHelpers.time.setNextBlockTimestamp(timestamp);
}

/** An accepted claim with its due date. */
async function acceptedClaim(s: System): Promise<{ id: bigint; due: bigint }> {
  const id = await s.issueAccepted();
  return { id, due: await dueDateOf(s, id) };
}

describe("ReceivableClaim: time (poke, default, write-off)", () => {
  describe("poke", () => {
    describe("when an Accepted claim reaches its due date (Z1)", () => {
      it("at due - 1 it is not overdue: ClaimNotYetOverdue(id, due, now)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        await timeTravelTo(s, due - 2n);
        await at(due - 1n);
        await expect(s.claims.connect(s.stranger).poke(id))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotYetOverdue")
          .withArgs(id, due, due - 1n);
      });

      it("at the due date itself the claim is on time: ClaimNotYetOverdue", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        await timeTravelTo(s, due - 1n);
        await at(due);
        await expect(s.claims.connect(s.stranger).poke(id))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotYetOverdue")
          .withArgs(id, due, due);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
      });

      it("at due + 1 anyone makes it Overdue (ClaimStateChanged, MetadataUpdate, nonce bump)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        const nonce = await s.claimLens.claimNonce(id);
        await timeTravelTo(s, due);
        await at(due + 1n);
        const tx = s.claims.connect(s.stranger).poke(id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Overdue);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Overdue);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 1n);
      });

      it("returns the new state", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        await timeTravelTo(s, due + 1n);
        expect(await s.claims.poke.staticCall(id)).to.equal(State.Overdue);
        await timeTravelTo(s, due + GRACE + 1n);
        expect(await s.claims.poke.staticCall(id)).to.equal(State.Defaulted);
      });

      it("a partly paid claim goes overdue too", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await acceptedClaim(s);
        await s.claims.connect(s.debtor).pay(id, FACE - 1n);
        await makeOverdue(s, id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Overdue);
      });
    });

    describe("when a Financed claim passes its due date", () => {
      it("becomes Overdue", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Financed");
        await timeTravelTo(s, (await dueDateOf(s, id)) + 1n);
        await expect(s.claims.connect(s.stranger).poke(id))
          .to.emit(s.claims, "ClaimStateChanged")
          .withArgs(id, State.Financed, State.Overdue);
      });
    });

    describe("when the default grace runs out (Z1)", () => {
      it("at due + grace - 1 and due + grace a poke from Accepted goes to Overdue only", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        for (const offset of [GRACE - 1n, GRACE]) {
          const { id, due } = await acceptedClaim(s);
          await timeTravelTo(s, due + offset - 1n);
          await at(due + offset);
          const tx = s.claims.connect(s.stranger).poke(id);
          await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Overdue);
          await expect(tx).not.to.emit(s.claims, "ClaimWrittenOff");
          const c = await s.claimLens.claim(id);
          expect(c.state).to.equal(State.Overdue);
        }
      });

      it("at due + grace an Overdue claim is not defaultable yet: ClaimNotYetDefaultable(id, due + grace, now)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        await makeOverdue(s, id);
        await timeTravelTo(s, due + GRACE - 1n);
        await at(due + GRACE);
        await expect(s.claims.connect(s.stranger).poke(id))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotYetDefaultable")
          .withArgs(id, due + GRACE, due + GRACE);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Overdue);
      });

      it("at due + 1 a second poke of the now Overdue claim is refused with ClaimNotYetDefaultable", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        await makeOverdue(s, id);
        const now = (await s.now()) + 1n;
        await at(now);
        await expect(s.claims.connect(s.stranger).poke(id))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotYetDefaultable")
          .withArgs(id, due + GRACE, now);
      });

      it("at due + grace + 1 an Overdue claim defaults", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        await makeOverdue(s, id);
        await timeTravelTo(s, due + GRACE);
        await at(due + GRACE + 1n);
        const tx = s.claims.connect(s.stranger).poke(id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Defaulted);
      });

      it("at due + grace + 1 a single poke takes an Accepted claim through Overdue to Defaulted", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        const nonce = await s.claimLens.claimNonce(id);
        await timeTravelTo(s, due + GRACE);
        await at(due + GRACE + 1n);
        const tx = s.claims.connect(s.stranger).poke(id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Overdue);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
        const receipt = await (await tx).wait();
        const changes = receipt!.logs
          .map((log) => s.claims.interface.parseLog(log))
          .filter((parsed) => parsed?.name === "ClaimStateChanged")
          .map((parsed) => [parsed!.args[1], parsed!.args[2]]);
        expect(changes).to.deep.equal([
          [BigInt(State.Accepted), BigInt(State.Overdue)],
          [BigInt(State.Overdue), BigInt(State.Defaulted)],
        ]);
        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Defaulted);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 2n);
      });
    });

    describe("when the claim is in any other state", () => {
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
        it(`refuses ${state} with ClaimWrongState, even long after the due date`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, state);
          await timeTravelTo(s, (await dueDateOf(s, id)) + GRACE + 10n * DAY);
          await expect(s.claims.connect(s.stranger).poke(id))
            .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
            .withArgs(id, State[state]);
        });
      }

      it("refuses an unknown id with ClaimNotFound", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.claims.poke(7n)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(7n);
      });
    });

    describe("when a dispute is upheld after the due date", () => {
      it("the clock did not move the Disputed claim, and resumes once it is back", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, due } = await acceptedClaim(s);
        await s.claims.connect(s.debtor).dispute(id, evidence("late goods"));
        await timeTravelTo(s, due + GRACE + 1n);
        await expect(s.claims.poke(id))
          .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
          .withArgs(id, State.Disputed);
        await s.claims.connect(s.operator).resolve(id, Outcome.Upheld, FACE);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
        await s.claims.poke(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
      });
    });
  });

  describe("paying around the boundaries (Z1)", () => {
    it("at the due date the payment is on time and the claim stays Accepted", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, due } = await acceptedClaim(s);
      await timeTravelTo(s, due - 1n);
      await at(due);
      await expect(s.claims.connect(s.debtor).pay(id, 1n)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims, s.sme],
        [-1n, 1n, 0n],
      );
      expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    });

    it("at due + 1, before anyone pokes, the payment is credited and full payment settles (no poke possible after)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, due } = await acceptedClaim(s);
      await timeTravelTo(s, due);
      await at(due + 1n);
      await expect(s.claims.connect(s.debtor).pay(id, FACE))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Accepted, State.Settled);
      await expect(s.claims.poke(id))
        .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
        .withArgs(id, State.Settled);
    });

    it("at due + 1 after a poke the Overdue claim takes payments", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, due } = await acceptedClaim(s);
      await timeTravelTo(s, due);
      await at(due + 1n);
      await s.claims.poke(id);
      await expect(s.claims.connect(s.debtor).pay(id, 5n))
        .to.emit(s.claims, "PaymentReceived")
        .withArgs(id, s.debtor.address, s.sme.address, 5n, 5n);
      await expect(s.claims.connect(s.debtor).pay(id, FACE - 5n))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Overdue, State.Settled);
    });

    it("at due + grace + 1 the Defaulted claim takes payments", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, due } = await acceptedClaim(s);
      await timeTravelTo(s, due + GRACE);
      await at(due + GRACE + 1n);
      await s.claims.poke(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
      await expect(s.claims.connect(s.debtor).pay(id, FACE)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims, s.sme],
        [-FACE, FACE, 0n],
      );
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
    });
  });

  describe("when the operator changes the rules while a claim is live (A6)", () => {
    it("the claim keeps the default grace of the rules version it was issued under", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id: old, due } = await acceptedClaim(s);
      const oldVersion = (await s.claimLens.claim(old)).rulesVersion;

      const rules = await s.registry.currentRules();
      const shortGrace = 5n * DAY;
      await s.registry.connect(s.operator).setMarketRules({ ...rulesOf(rules), defaultGrace: shortGrace });
      const fresh = await s.issueAccepted({ dueDate: due });
      expect((await s.claimLens.claim(fresh)).rulesVersion).to.equal(oldVersion + 1n);
      expect(await graceOf(s, old)).to.equal(GRACE);
      expect(await graceOf(s, fresh)).to.equal(shortGrace);

      // Past the new, shorter grace: the new claim defaults, the old one only goes overdue.
      await timeTravelTo(s, due + shortGrace + 1n);
      await s.claims.poke(fresh);
      expect((await s.claimLens.claim(fresh)).state).to.equal(State.Defaulted);
      await s.claims.poke(old);
      expect((await s.claimLens.claim(old)).state).to.equal(State.Overdue);

      await at(due + GRACE);
      await expect(s.claims.poke(old))
        .to.be.revertedWithCustomError(s.claims, "ClaimNotYetDefaultable")
        .withArgs(old, due + GRACE, due + GRACE);
      await at(due + GRACE + 1n);
      await s.claims.poke(old);
      expect((await s.claimLens.claim(old)).state).to.equal(State.Defaulted);
    });

    it("a longer grace published later does not delay the default of an older claim", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, due } = await acceptedClaim(s);
      const rules = await s.registry.currentRules();
      await s.registry.connect(s.operator).setMarketRules({ ...rulesOf(rules), defaultGrace: 60n * DAY });
      await timeTravelTo(s, due + GRACE);
      await at(due + GRACE + 1n);
      await s.claims.poke(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
    });
  });

  describe("writeOff", () => {
    describe("when the holder writes off a Defaulted claim", () => {
      it("records the outstanding amount as the loss (ClaimWrittenOff, ClaimStateChanged, MetadataUpdate)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id } = await acceptedClaim(s);
        const paid = 3_210n * USD + 9n;
        await s.claims.connect(s.debtor).pay(id, paid);
        await makeDefaulted(s, id);
        const tx = s.claims.connect(s.sme).writeOff(id);
        await expect(tx)
          .to.emit(s.claims, "ClaimWrittenOff")
          .withArgs(id, s.sme.address, FACE - paid);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Defaulted, State.WrittenOff);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.claims, s.debtor], [0n, 0n, 0n]);
        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.WrittenOff);
        expect(c.amountPaid).to.equal(paid);
        expect(await s.claimLens.outstanding(id)).to.equal(FACE - paid);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(paid);
      });

      it("a factor that bought the claim writes it off, not the originator", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Financed");
        await makeDefaulted(s, id);
        await expect(s.claims.connect(s.sme).writeOff(id))
          .to.be.revertedWithCustomError(s.claims, "ClaimUnauthorized")
          .withArgs(id, s.sme.address, s.factor.address);
        await expect(s.claims.connect(s.factor).writeOff(id))
          .to.emit(s.claims, "ClaimWrittenOff")
          .withArgs(id, s.factor.address, FACE);
      });
    });

    describe("when someone else calls it", () => {
      it("reverts with ClaimUnauthorized(id, caller, holder) for the debtor, a stranger and the operator", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Defaulted");
        for (const caller of [s.debtor, s.stranger, s.operator, s.factor]) {
          await expect(s.claims.connect(caller).writeOff(id))
            .to.be.revertedWithCustomError(s.claims, "ClaimUnauthorized")
            .withArgs(id, caller.address, s.sme.address);
        }
      });
    });

    describe("when the claim is not Defaulted", () => {
      const refused: StateName[] = [
        "Issued",
        "Accepted",
        "Financed",
        "Overdue",
        "Disputed",
        "Settled",
        "WrittenOff",
        "Voided",
      ];
      for (const state of refused) {
        it(`refuses ${state} with ClaimWrongState`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, state);
          const holder = await ethers.getSigner(await s.claims.ownerOf(id));
          await expect(s.claims.connect(holder).writeOff(id))
            .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
            .withArgs(id, State[state]);
        });
      }

      it("refuses an unknown id with ClaimNotFound", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.claims.connect(s.sme).writeOff(3n))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotFound")
          .withArgs(3n);
      });
    });
  });

  describe("late payments", () => {
    it("after default, a late payment reaches the holder of record at that time", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await claimIn(s, "Defaulted");
      // Defaulted claims still change hands (a sale to a collector).
      await s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id);
      const tx = s.claims.connect(s.debtor).pay(id, 400n * USD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims, s.sme, s.factor],
        [-400n * USD, 400n * USD, 0n, 0n],
      );
      await expect(tx)
        .to.emit(s.claims, "PaymentReceived")
        .withArgs(id, s.debtor.address, s.factor.address, 400n * USD, 400n * USD);
      expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(400n * USD);
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(0n);
    });

    it("after write-off, late payments reach the current holder and the full late payment settles", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await claimIn(s, "WrittenOff");
      await expect(s.claims.connect(s.debtor).pay(id, 1_000n * USD))
        .to.emit(s.claims, "PaymentReceived")
        .withArgs(id, s.debtor.address, s.sme.address, 1_000n * USD, 1_000n * USD);
      expect((await s.claimLens.claim(id)).state).to.equal(State.WrittenOff);

      // A written-off claim may still be sold (to a debt buyer).
      await s.claims.connect(s.sme).transferFrom(s.sme.address, s.bank.address, id);
      const rest = FACE - 1_000n * USD;
      const tx = s.claims.connect(s.debtor).pay(id, rest);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims, s.sme, s.bank],
        [-rest, rest, 0n, 0n],
      );
      await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(id, s.debtor.address, s.bank.address, rest, FACE);
      await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.WrittenOff, State.Settled);
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(1_000n * USD);
      expect(await s.claims.owed(s.bank.address, s.usdc)).to.equal(rest);
      await expectLedger(s.claims, s.usdc, [s.sme, s.bank, s.debtor], [id]);
    });
  });

  describe("when the debtor cannot pay (T7)", () => {
    // The default clock is purely time-based: poke reads block.timestamp, the due date and the claim's grace,
    // and never the currency. A stablecoin that is paused, blocks the debtor or simply cannot be pulled does not
    // stop (or extend) it. The mocks do not model a paused stablecoin; a payment that fails for lack of
    // allowance or balance is the same situation from the claim's point of view: no payment, the clock runs.
    it("a payment that fails for lack of allowance does not stop the clock", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, due } = await acceptedClaim(s);
      await s.usdc.connect(s.debtor).approve(await s.claims.getAddress(), 0n);
      await timeTravelTo(s, due - 1n);
      await at(due);
      await expect(s.claims.connect(s.debtor).pay(id, FACE))
        .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
        .withArgs(await s.claims.getAddress(), 0n, FACE);
      await at(due + 1n);
      await s.claims.poke(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Overdue);
      await timeTravelTo(s, due + GRACE + 1n);
      await s.claims.poke(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
      expect((await s.claimLens.claim(id)).amountPaid).to.equal(0n);
    });

    it("a payment that fails for lack of balance does not stop the clock either", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, due } = await acceptedClaim(s);
      const balance = await s.usdc.balanceOf(s.debtor.address);
      await s.usdc.connect(s.debtor).transfer(s.stranger.address, balance - 1n);
      await timeTravelTo(s, due + GRACE);
      await expect(s.claims.connect(s.debtor).pay(id, 2n))
        .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientBalance")
        .withArgs(s.debtor.address, 1n, 2n);
      await at(due + GRACE + 1n);
      await s.claims.poke(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
    });
  });

  describe("with a Financed claim held by a factor", () => {
    it("poke, default and write-off run on the factor's claim; the late payment is the factor's", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const { id } = await acceptedClaim(s);
      await agentTransfer(s, agent, id, s.factor.address);
      await makeDefaulted(s, id);
      await s.claims.connect(s.factor).writeOff(id);
      await expect(s.claims.connect(s.debtor).pay(id, 77n)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims, s.factor, s.sme],
        [-77n, 77n, 0n, 0n],
      );
      expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(77n);
    });
  });
});

interface RulesStruct {
  minTenor: bigint;
  maxTenor: bigint;
  acceptanceWindow: bigint;
  defaultGrace: bigint;
  guaranteeClaimWindow: bigint;
  saleFeeBps: bigint;
  premiumFeeBps: bigint;
  treasury: string;
}

/** A plain copy of the registry's rules result, to edit and publish. */
function rulesOf(r: RulesStruct): RulesStruct {
  return {
    minTenor: r.minTenor,
    maxTenor: r.maxTenor,
    acceptanceWindow: r.acceptanceWindow,
    defaultGrace: r.defaultGrace,
    guaranteeClaimWindow: r.guaranteeClaimWindow,
    saleFeeBps: r.saleFeeBps,
    premiumFeeBps: r.premiumFeeBps,
    treasury: r.treasury,
  };
}
