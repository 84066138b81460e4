import { expect } from "chai";
import { network } from "hardhat";

import { MockStablecoin__factory, type MockStablecoin } from "../types/index.js";
import { deploySystem, USD, type System } from "./fixtures/system.js";
import { balancesOf, expectLedger, sumOwed } from "./helpers/ledger.js";
import { agentTransfer, claimIn, deployAgent, evidence, makeDefaulted, type StateName } from "./helpers/lifecycle.js";
import { ClaimState as State, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const FACE = 10_000n * USD;

/** Every account that may be owed in these tests. */
function everyone(s: System): string[] {
  return [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger].map(
    (a) => a.address,
  );
}

/** A second allowlisted 6-decimal currency, funded and approved for the debtor. */
async function deployEurc(s: System): Promise<MockStablecoin> {
  const eurc = await new MockStablecoin__factory(s.operator).deploy("Euro Coin", "EURC", 6);
  await s.registry.setCurrencyAllowed(await eurc.getAddress(), true);
  await eurc.mint(s.debtor.address, 1_000_000n * USD);
  await eurc.connect(s.debtor).approve(await s.claims.getAddress(), ethers.MaxUint256);
  return eurc;
}

describe("ReceivableClaim: pay, payInFull, withdraw", () => {
  describe("pay", () => {
    describe("when an Accepted claim is paid in part", () => {
      it("credits the holder of record, keeps the state and bumps the nonce", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const nonceBefore = await s.claimLens.claimNonce(id);
        const part = 2_500n * USD + 1n;

        const tx = s.claims.connect(s.debtor).pay(id, part);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.debtor, s.claims, s.sme], [-part, part, 0n]);
        await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(id, s.debtor.address, s.sme.address, part, part);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        await expect(tx).not.to.emit(s.claims, "ClaimStateChanged");

        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Accepted);
        expect(c.amountPaid).to.equal(part);
        expect(c.heldAmount).to.equal(0n);
        expect(await s.claimLens.outstanding(id)).to.equal(FACE - part);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonceBefore + 1n);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(part);
        expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(part);
      });

      it("accumulates amountPaid over several payments", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
        await expect(s.claims.connect(s.debtor).pay(id, 3n))
          .to.emit(s.claims, "PaymentReceived")
          .withArgs(id, s.debtor.address, s.sme.address, 3n, 1_000n * USD + 3n);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(1_000n * USD + 3n);
        await expectLedger(s.claims, s.usdc, everyone(s), [id]);
      });
    });

    describe("when the payment completes the face value", () => {
      it("settles the claim: PaymentReceived with the full amountPaid, ClaimStateChanged and MetadataUpdate", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 4_000n * USD);
        const rest = FACE - 4_000n * USD;
        const nonceBefore = await s.claimLens.claimNonce(id);

        const tx = s.claims.connect(s.debtor).pay(id, rest);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.debtor, s.claims, s.sme], [-rest, rest, 0n]);
        await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(id, s.debtor.address, s.sme.address, rest, FACE);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Settled);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);

        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Settled);
        expect(c.amountPaid).to.equal(FACE);
        expect(await s.claimLens.outstanding(id)).to.equal(0n);
        // One bump for the payment, one for the state change.
        expect(await s.claimLens.claimNonce(id)).to.equal(nonceBefore + 2n);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(FACE);
        await expectLedger(s.claims, s.usdc, everyone(s), [id]);
      });

      it("settles on a single payment of the whole face value", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await expect(s.claims.connect(s.debtor).pay(id, FACE))
          .to.emit(s.claims, "ClaimStateChanged")
          .withArgs(id, State.Accepted, State.Settled);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      });
    });

    describe("when the amount is zero", () => {
      it("reverts with ClaimZeroAmount", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await expect(s.claims.connect(s.debtor).pay(id, 0n))
          .to.be.revertedWithCustomError(s.claims, "ClaimZeroAmount")
          .withArgs(id);
      });
    });

    describe("when the amount is larger than what is outstanding", () => {
      it("reverts with ClaimOverpayment(id, amount, outstanding) on a fresh claim", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await expect(s.claims.connect(s.debtor).pay(id, FACE + 1n))
          .to.be.revertedWithCustomError(s.claims, "ClaimOverpayment")
          .withArgs(id, FACE + 1n, FACE);
      });

      it("reverts with the outstanding amount after a partial payment, and the exact rest is accepted", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 7_777n * USD);
        const rest = FACE - 7_777n * USD;
        const before = await balancesOf(s.usdc, [s.debtor, s.claims]);
        await expect(s.claims.connect(s.debtor).pay(id, rest + 1n))
          .to.be.revertedWithCustomError(s.claims, "ClaimOverpayment")
          .withArgs(id, rest + 1n, rest);
        await expect(s.claims.connect(s.debtor).pay(id, ethers.MaxUint256))
          .to.be.revertedWithCustomError(s.claims, "ClaimOverpayment")
          .withArgs(id, ethers.MaxUint256, rest);
        expect(await balancesOf(s.usdc, [s.debtor, s.claims])).to.deep.equal(before);
        expect((await s.claimLens.claim(id)).amountPaid).to.equal(7_777n * USD);

        await s.claims.connect(s.debtor).pay(id, rest);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      });

      it("counts held payments as paid while Disputed", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
        await s.claims.connect(s.debtor).dispute(id, evidence("damaged goods"));
        await s.claims.connect(s.debtor).pay(id, 2_000n * USD);
        const rest = FACE - 3_000n * USD;
        await expect(s.claims.connect(s.debtor).pay(id, rest + 1n))
          .to.be.revertedWithCustomError(s.claims, "ClaimOverpayment")
          .withArgs(id, rest + 1n, rest);
      });
    });

    describe("when a stranger pays", () => {
      it("anyone may pay: the stranger's money is credited to the holder", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const amount = 123n * USD;
        const tx = s.claims.connect(s.stranger).pay(id, amount);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.stranger, s.debtor, s.claims, s.sme],
          [-amount, 0n, amount, 0n],
        );
        await expect(tx)
          .to.emit(s.claims, "PaymentReceived")
          .withArgs(id, s.stranger.address, s.sme.address, amount, amount);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(amount);
        expect(await s.claims.owed(s.stranger.address, s.usdc)).to.equal(0n);
      });

      it("pulls only from the caller: a debtor's standing allowance is never used by someone else's call", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        // The factor has no tokens; its call must not reach the debtor's allowance.
        await expect(s.claims.connect(s.factor).pay(id, 1n))
          .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
          .withArgs(await s.claims.getAddress(), 0n, 1n);
        expect(await s.usdc.balanceOf(s.debtor.address)).to.equal(10_000_000n * USD);
      });
    });

    describe("when the claim does not exist", () => {
      it("reverts with ClaimNotFound", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.claims.connect(s.debtor).pay(0n, 1n))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotFound")
          .withArgs(0n);
        await expect(s.claims.connect(s.debtor).pay(42n, 1n))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotFound")
          .withArgs(42n);
      });
    });

    describe("in every state", () => {
      const credited: StateName[] = ["Accepted", "Financed", "Overdue", "Defaulted", "WrittenOff"];
      for (const state of credited) {
        it(`is allowed in ${state}: credited to the holder, state unchanged`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, state);
          const holder = await s.claims.ownerOf(id);
          const amount = 1_234n * USD + 5n;
          const tx = s.claims.connect(s.debtor).pay(id, amount);
          await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.debtor, s.claims, holder], [-amount, amount, 0n]);
          await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(id, s.debtor.address, holder, amount, amount);
          expect((await s.claimLens.claim(id)).state).to.equal(State[state]);
          expect(await s.claims.owed(holder, s.usdc)).to.equal(amount);
          await expectLedger(s.claims, s.usdc, everyone(s), [id]);
        });

        it(`settles from ${state} when the rest is paid`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, state);
          await s.claims.connect(s.debtor).pay(id, 1n);
          await expect(s.claims.connect(s.debtor).pay(id, FACE - 1n))
            .to.emit(s.claims, "ClaimStateChanged")
            .withArgs(id, State[state], State.Settled);
        });
      }

      it("is allowed in Disputed: the payment is held, not credited", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Disputed");
        const amount = 500n * USD;
        const tx = s.claims.connect(s.debtor).pay(id, amount);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.debtor, s.claims, s.sme], [-amount, amount, 0n]);
        await expect(tx).to.emit(s.claims, "PaymentHeld").withArgs(id, s.debtor.address, amount);
        await expect(tx).not.to.emit(s.claims, "PaymentReceived");
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        const c = await s.claimLens.claim(id);
        expect(c.state).to.equal(State.Disputed);
        expect(c.amountPaid).to.equal(0n);
        expect(c.heldAmount).to.equal(amount);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(0n);
        expect(await s.claims.heldPaymentOf(id, s.debtor.address)).to.equal(amount);
        expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(amount);
      });

      it("does not settle a Disputed claim even when paid and held reach the face value", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await claimIn(s, "Disputed");
        await expect(s.claims.connect(s.debtor).pay(id, FACE)).not.to.emit(s.claims, "ClaimStateChanged");
        expect((await s.claimLens.claim(id)).state).to.equal(State.Disputed);
      });

      const refused: StateName[] = ["Issued", "Settled", "Rejected", "Expired", "Cancelled", "Voided"];
      for (const state of refused) {
        it(`is refused in ${state} with ClaimWrongState, by pay and by payInFull (which skips a Settled claim)`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await claimIn(s, state);
          const before = await balancesOf(s.usdc, [s.debtor, s.claims]);
          await expect(s.claims.connect(s.debtor).pay(id, 1n))
            .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
            .withArgs(id, State[state]);
          if (state === "Settled") {
            expect(await s.claims.connect(s.debtor).payInFull.staticCall([id], FACE)).to.equal(0n);
          } else {
            await expect(s.claims.connect(s.debtor).payInFull([id], FACE))
              .to.be.revertedWithCustomError(s.claims, "ClaimWrongState")
              .withArgs(id, State[state]);
          }
          expect(await balancesOf(s.usdc, [s.debtor, s.claims])).to.deep.equal(before);
        });
      }
    });

    describe("when the claim changes hands between two partial payments", () => {
      it("credits each payment to the holder of record at that moment (A4: the former holder gets nothing after)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const first = 3_000n * USD;
        const second = 2_000n * USD + 7n;
        const third = FACE - first - second;

        await expect(s.claims.connect(s.debtor).pay(id, first))
          .to.emit(s.claims, "PaymentReceived")
          .withArgs(id, s.debtor.address, s.sme.address, first, first);

        // The SME sells the claim to the verified factor (off-market transfer between verified participants).
        await s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id);
        expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);

        const tx = s.claims.connect(s.debtor).pay(id, second);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.debtor, s.claims, s.sme, s.factor],
          [-second, second, 0n, 0n],
        );
        await expect(tx)
          .to.emit(s.claims, "PaymentReceived")
          .withArgs(id, s.debtor.address, s.factor.address, second, first + second);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(first);
        expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(second);

        // The former holder withdraws what it earned while it held the claim, and nothing more.
        const w = s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address);
        await expect(w).to.changeTokenBalances(ethers, s.usdc, [s.claims, s.sme, s.factor], [-first, first, 0n]);
        await expect(w)
          .to.emit(s.claims, "Withdrawn")
          .withArgs(s.sme.address, await s.usdc.getAddress(), s.sme.address, first);

        await s.claims.connect(s.debtor).pay(id, third);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(0n);
        expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(second + third);
        await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address))
          .to.be.revertedWithCustomError(s.claims, "ClaimNothingToWithdraw")
          .withArgs(s.sme.address, await s.usdc.getAddress());

        const w2 = s.claims.connect(s.factor).withdraw(s.usdc, s.factor.address);
        await expect(w2).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, s.factor, s.sme],
          [-(second + third), second + third, 0n],
        );
        expect(await s.usdc.balanceOf(await s.claims.getAddress())).to.equal(0n);
        expect(await s.claims.totalLiabilities(s.usdc)).to.equal(0n);
      });

      it("follows a sale by an agent (Financed) and a resale to the bank", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 1n);
        await agentTransfer(s, agent, id, s.factor.address);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        await s.claims.connect(s.debtor).pay(id, 2n);
        await agentTransfer(s, agent, id, s.bank.address);
        await s.claims.connect(s.debtor).pay(id, 3n);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(1n);
        expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(2n);
        expect(await s.claims.owed(s.bank.address, s.usdc)).to.equal(3n);
        expect((await s.claimLens.claim(id)).amountPaid).to.equal(6n);
        await expectLedger(s.claims, s.usdc, everyone(s), [id]);
      });
    });
  });

  describe("payInFull", () => {
    describe("when several claims are paid off at once", () => {
      it("pays what each still owes to its holder of record, in one pull, and settles each", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        const b = await s.issueAccepted({ originator: s.sme2.address, faceValue: 3_000n * USD });
        await s.claims.connect(s.debtor).pay(a, 1_000n * USD);
        const [ra, rb] = [FACE - 1_000n * USD, 3_000n * USD];

        expect(await s.claims.connect(s.debtor).payInFull.staticCall([a, b], ra + rb)).to.equal(ra + rb);
        const tx = s.claims.connect(s.debtor).payInFull([a, b], ra + rb);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.debtor, s.claims, s.sme, s.sme2],
          [-(ra + rb), ra + rb, 0n, 0n],
        );
        await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(a, s.debtor.address, s.sme.address, ra, FACE);
        await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(b, s.debtor.address, s.sme2.address, rb, rb);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(a, State.Accepted, State.Settled);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(b, State.Accepted, State.Settled);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(FACE);
        expect(await s.claims.owed(s.sme2.address, s.usdc)).to.equal(rb);
        expect(await expectLedger(s.claims, s.usdc, everyone(s), [a, b])).to.equal(FACE + rb);
      });

      it("pays the factor that holds a claim, not its originator", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        await agentTransfer(s, agent, id, s.factor.address);
        const tx = s.claims.connect(s.debtor).payInFull([id], FACE);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.debtor, s.claims, s.factor, s.sme],
          [-FACE, FACE, 0n, 0n],
        );
        await expect(tx)
          .to.emit(s.claims, "PaymentReceived")
          .withArgs(id, s.debtor.address, s.factor.address, FACE, FACE);
        expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(FACE);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(0n);
      });
    });

    describe("when someone paid part of a claim just before (a 1-unit front-run)", () => {
      it("pays exactly the rest, within the maximum the payer saw", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        const b = await s.issueAccepted();
        const shown = 2n * FACE; // what the payer's page showed
        await s.claims.connect(s.stranger).pay(a, 1n);

        const tx = s.claims.connect(s.debtor).payInFull([a, b], shown);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.debtor, s.claims, s.stranger],
          [-(shown - 1n), shown - 1n, 0n],
        );
        await expect(tx)
          .to.emit(s.claims, "PaymentReceived")
          .withArgs(a, s.debtor.address, s.sme.address, FACE - 1n, FACE);
        expect((await s.claimLens.claim(a)).state).to.equal(State.Settled);
        expect((await s.claimLens.claim(b)).state).to.equal(State.Settled);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(2n * FACE);
        await expectLedger(s.claims, s.usdc, everyone(s), [a, b]);
      });
    });

    describe("when a claim owes nothing any more", () => {
      it("skips a claim settled meanwhile, and an id listed twice, and pays the others", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        const b = await s.issueAccepted();
        await s.claims.connect(s.stranger).pay(a, FACE); // settled by someone else
        const nonce = await s.claimLens.claimNonce(a);

        const tx = s.claims.connect(s.debtor).payInFull([a, b, b], 2n * FACE);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.debtor, s.claims], [-FACE, FACE]);
        await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(b, s.debtor.address, s.sme.address, FACE, FACE);
        expect(await s.claimLens.claimNonce(a)).to.equal(nonce);
        expect((await s.claimLens.claim(b)).state).to.equal(State.Settled);
        await expectLedger(s.claims, s.usdc, everyone(s), [a, b]);
      });

      it("pulls nothing and changes nothing when every claim is already paid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        await s.claims.connect(s.stranger).pay(a, FACE);
        const nonce = await s.claimLens.claimNonce(a);
        expect(await s.claims.connect(s.debtor).payInFull.staticCall([a], FACE)).to.equal(0n);
        const tx = s.claims.connect(s.debtor).payInFull([a], 0n);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.debtor, s.claims], [0n, 0n]);
        await expect(tx).not.to.emit(s.claims, "PaymentReceived");
        await expect(tx).not.to.emit(s.usdc, "Transfer");
        expect(await s.claimLens.claimNonce(a)).to.equal(nonce);
      });

      it("holds the rest of a Disputed claim, and skips one whose whole rest is already held", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        const d = await claimIn(s, "Disputed");
        await s.claims.connect(s.stranger).pay(d, 20n);
        const tx = s.claims.connect(s.debtor).payInFull([a, d], 2n * FACE);
        await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(a, s.debtor.address, s.sme.address, FACE, FACE);
        await expect(tx)
          .to.emit(s.claims, "PaymentHeld")
          .withArgs(d, s.debtor.address, FACE - 20n);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.debtor, s.claims, s.sme],
          [-(2n * FACE - 20n), 2n * FACE - 20n, 0n],
        );
        expect(await s.claims.heldPaymentOf(d, s.debtor.address)).to.equal(FACE - 20n);
        expect((await s.claimLens.claim(d)).state).to.equal(State.Disputed);

        const again = s.claims.connect(s.debtor).payInFull([d], FACE);
        await expect(again).to.changeTokenBalances(ethers, s.usdc, [s.debtor, s.claims], [0n, 0n]);
        await expect(again).not.to.emit(s.claims, "PaymentHeld");
        expect(await expectLedger(s.claims, s.usdc, everyone(s), [a, d])).to.equal(2n * FACE);
      });
    });

    describe("when a claim cannot be paid, or the batch is bad", () => {
      /** Runs a payInFull that must revert and checks nothing moved. */
      async function expectNothingMoved(
        s: System,
        ids: bigint[],
        maxTotal: bigint,
        error: string,
        args: unknown[],
      ): Promise<void> {
        const watched = [s.debtor, s.claims, s.sme];
        const count = await s.claims.claimCount();
        const known = ids.filter((id) => id >= 1n && id <= count);
        const snapshot = async () =>
          Promise.all(
            known.map(async (id) => [(await s.claimLens.claim(id)).amountPaid, await s.claimLens.claimNonce(id)]),
          );
        const before = await balancesOf(s.usdc, watched);
        const claimsBefore = await snapshot();
        const owedBefore = await s.claims.owed(s.sme.address, s.usdc);
        const liabilitiesBefore = await s.claims.totalLiabilities(s.usdc);
        await expect(s.claims.connect(s.debtor).payInFull(ids, maxTotal))
          .to.be.revertedWithCustomError(s.claims, error)
          .withArgs(...args);
        expect(await balancesOf(s.usdc, watched)).to.deep.equal(before);
        expect(await snapshot()).to.deep.equal(claimsBefore);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(owedBefore);
        expect(await s.claims.totalLiabilities(s.usdc)).to.equal(liabilitiesBefore);
      }

      it("more owed than maxTotal reverts ClaimPaymentAboveMaximum(total, maxTotal)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        const b = await s.issueAccepted();
        await expectNothingMoved(s, [a, b], 2n * FACE - 1n, "ClaimPaymentAboveMaximum", [2n * FACE, 2n * FACE - 1n]);
        await expectNothingMoved(s, [a], 0n, "ClaimPaymentAboveMaximum", [FACE, 0n]);
      });

      it("an empty batch reverts ClaimEmptyBatch", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expect(s.claims.connect(s.debtor).payInFull([], FACE)).to.be.revertedWithCustomError(
          s.claims,
          "ClaimEmptyBatch",
        );
      });

      it("a claim in another currency reverts ClaimBatchCurrencyMismatch(claimId, currency, batchCurrency)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const eurc = await deployEurc(s);
        const a = await s.issueAccepted();
        const e = await s.issueAccepted({ currency: await eurc.getAddress() });
        await expectNothingMoved(s, [a, e], 2n * FACE, "ClaimBatchCurrencyMismatch", [
          e,
          await eurc.getAddress(),
          await s.usdc.getAddress(),
        ]);
        expect(await balancesOf(eurc, [s.debtor, s.claims])).to.deep.equal([1_000_000n * USD, 0n]);
      });

      it("an unknown claim reverts ClaimNotFound; a claim that cannot be paid reverts ClaimWrongState", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        const issued = await s.issue();
        const voided = await claimIn(s, "Voided");
        await expectNothingMoved(s, [a, 99n], 2n * FACE, "ClaimNotFound", [99n]);
        await expectNothingMoved(s, [99n, a], 2n * FACE, "ClaimNotFound", [99n]);
        await expectNothingMoved(s, [a, issued], 2n * FACE, "ClaimWrongState", [issued, State.Issued]);
        await expectNothingMoved(s, [a, voided], 2n * FACE, "ClaimWrongState", [voided, State.Voided]);
      });
    });
  });

  describe("withdraw", () => {
    describe("when the holder is owed", () => {
      it("sends everything owed to another address and emits Withdrawn", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const amount = 6_543n * USD + 21n;
        await s.claims.connect(s.debtor).pay(id, amount);
        const recipient = s.guarantor; // any address, verified or not

        expect(await s.claims.connect(s.sme).withdraw.staticCall(s.usdc, recipient.address)).to.equal(amount);
        const tx = s.claims.connect(s.sme).withdraw(s.usdc, recipient.address);
        await expect(tx).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.sme, s.claims, recipient, s.debtor],
          [0n, -amount, amount, 0n],
        );
        await expect(tx)
          .to.emit(s.claims, "Withdrawn")
          .withArgs(s.sme.address, await s.usdc.getAddress(), recipient.address, amount);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(0n);
        expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(0n);
      });

      it("sums what several claims owe the same account in the same currency", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const a = await s.issueAccepted();
        const b = await s.issueAccepted({ debtor: s.debtor2.address });
        await s.claims.connect(s.debtor).pay(a, 11n);
        await s.claims.connect(s.debtor2).pay(b, 31n);
        await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.sme, s.claims, s.debtor, s.debtor2],
          [42n, -42n, 0n, 0n],
        );
      });

      it("withdraws one currency only", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const eurc = await deployEurc(s);
        const a = await s.issueAccepted();
        const b = await s.issueAccepted({ currency: await eurc.getAddress() });
        await s.claims.connect(s.debtor).pay(a, 5n);
        await s.claims.connect(s.debtor).pay(b, 7n);
        await expect(s.claims.connect(s.sme).withdraw(eurc, s.sme.address)).to.changeTokenBalances(
          ethers,
          eurc,
          [s.sme, s.claims],
          [7n, -7n],
        );
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(5n);
        expect(await s.claims.owed(s.sme.address, eurc)).to.equal(0n);
        await expectLedger(s.claims, s.usdc, everyone(s), [a, b]);
        await expectLedger(s.claims, eurc, everyone(s), [a, b]);
      });
    });

    describe("when the recipient is the zero address", () => {
      it("reverts with ClaimZeroAddress", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 1n);
        await expect(s.claims.connect(s.sme).withdraw(s.usdc, ethers.ZeroAddress)).to.be.revertedWithCustomError(
          s.claims,
          "ClaimZeroAddress",
        );
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(1n);
      });
    });

    describe("when nothing is owed", () => {
      it("reverts with ClaimNothingToWithdraw(account, currency), and a second withdraw is refused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const usdc = await s.usdc.getAddress();
        await expect(s.claims.connect(s.stranger).withdraw(usdc, s.stranger.address))
          .to.be.revertedWithCustomError(s.claims, "ClaimNothingToWithdraw")
          .withArgs(s.stranger.address, usdc);

        const id = await s.issueAccepted();
        await s.claims.connect(s.debtor).pay(id, 9n);
        await s.claims.connect(s.sme).withdraw(usdc, s.sme.address);
        await expect(s.claims.connect(s.sme).withdraw(usdc, s.sme.address))
          .to.be.revertedWithCustomError(s.claims, "ClaimNothingToWithdraw")
          .withArgs(s.sme.address, usdc);
        // The payer is never owed anything by paying.
        await expect(s.claims.connect(s.debtor).withdraw(usdc, s.debtor.address))
          .to.be.revertedWithCustomError(s.claims, "ClaimNothingToWithdraw")
          .withArgs(s.debtor.address, usdc);
      });
    });
  });

  describe("solvency (M3, I1, I7)", () => {
    it("37 odd-sized payments from two payers across three holders: everyone withdraws the last wei, balance ends at 0", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const face = 9_876n * USD + 543_211n;
      const id = await s.issueAccepted({ faceValue: face });
      const accounts = everyone(s);

      const parts: bigint[] = [];
      for (let i = 0n; i < 36n; ++i) parts.push(97_003_119n + i * 7_337_011n + (i % 7n));
      parts.push(face - parts.reduce((x, y) => x + y, 0n));
      expect(parts[36]).to.be.gt(0n);

      const expectedOwed = new Map<string, bigint>();
      for (let i = 0; i < parts.length; ++i) {
        if (i === 12) await agentTransfer(s, agent, id, s.factor.address);
        if (i === 25) await agentTransfer(s, agent, id, s.bank.address);
        const payer = i % 3 === 0 ? s.stranger : s.debtor;
        const holder = await s.claims.ownerOf(id);
        await expect(s.claims.connect(payer).pay(id, parts[i])).to.changeTokenBalances(
          ethers,
          s.usdc,
          [payer, s.claims, holder],
          [-parts[i], parts[i], 0n],
        );
        expectedOwed.set(holder, (expectedOwed.get(holder) ?? 0n) + parts[i]);
        // Some holders take their money out along the way.
        if (i === 5 || i === 20) {
          const owed = await s.claims.owed(holder, s.usdc);
          await s.claims.connect(await ethers.getSigner(holder)).withdraw(s.usdc, holder);
          expectedOwed.set(holder, (expectedOwed.get(holder) ?? 0n) - owed);
        }
        await expectLedger(s.claims, s.usdc, accounts, [id]);
      }
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      expect((await s.claimLens.claim(id)).amountPaid).to.equal(face);

      for (const [holder, amount] of expectedOwed) {
        expect(await s.claims.owed(holder, s.usdc)).to.equal(amount);
        if (amount === 0n) continue;
        await expect(s.claims.connect(await ethers.getSigner(holder)).withdraw(s.usdc, holder)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, holder],
          [-amount, amount],
        );
      }
      expect(await sumOwed(s.claims, s.usdc, accounts)).to.equal(0n);
      expect(await s.claims.totalLiabilities(s.usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(await s.claims.getAddress())).to.equal(0n);
    });
  });

  describe("when new business is paused", () => {
    it("pay, payInFull, withdraw, reclaimHeldPayment, poke, dispute, resolve and writeOff still work", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const a = await s.issueAccepted();
      const b = await s.issueAccepted();
      const c = await s.issueAccepted();
      const d = await s.issueAccepted();
      const e = await s.issueAccepted();

      await s.registry.connect(s.operator).pause();
      expect(await s.registry.paused()).to.equal(true);
      await expect(s.issue()).to.be.revertedWithCustomError(s.claims, "ClaimMarketPaused");

      await expect(s.claims.connect(s.debtor).pay(a, 100n)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims],
        [-100n, 100n],
      );
      await expect(s.claims.connect(s.debtor).payInFull([b], FACE)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims],
        [-FACE, FACE],
      );
      await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.sme],
        [-(100n + FACE), 100n + FACE],
      );

      // dispute, held payment, resolve (void), reclaim
      await expect(s.claims.connect(s.debtor).dispute(c, evidence("paused dispute")))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(c, State.Accepted, State.Disputed);
      await s.claims.connect(s.debtor).pay(c, 50n);
      await expect(s.claims.connect(s.operator).resolve(c, Outcome.Voided, FACE))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(c, State.Disputed, State.Voided);
      await expect(s.claims.connect(s.debtor).reclaimHeldPayment(c, s.debtor.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.debtor],
        [-50n, 50n],
      );

      // dispute and resolve (upheld)
      await s.claims.connect(s.sme).dispute(e, evidence("paused dispute 2"));
      await expect(s.claims.connect(s.operator).resolve(e, Outcome.Upheld, FACE))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(e, State.Disputed, State.Accepted);

      // the clock and the write-off
      await makeDefaulted(s, d);
      expect((await s.claimLens.claim(d)).state).to.equal(State.Defaulted);
      await expect(s.claims.connect(s.sme).writeOff(d))
        .to.emit(s.claims, "ClaimWrittenOff")
        .withArgs(d, s.sme.address, FACE);
      await expect(s.claims.connect(s.stranger).poke(a))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(a, State.Overdue, State.Defaulted);

      await expectLedger(s.claims, s.usdc, everyone(s), [a, b, c, d, e]);
    });
  });
});
