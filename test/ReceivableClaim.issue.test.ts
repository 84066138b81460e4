import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { getBytes, hexlify, ZeroAddress, ZeroHash, type ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { commitment, deploySystem, USD, type ClaimTermsStruct, type System } from "./fixtures/system.js";
import { issuedHashes, relayAcceptance, termsOfClaim } from "./helpers/signatures.js";
import { expectRevertUnchanged, type Watch } from "./helpers/snapshot.js";
import { CLAIM_STATES, reachState, type StateValue } from "./helpers/states.js";
import { MockStablecoin__factory } from "../types/index.js";
import { ClaimState as State, DAY, DEFAULT_MARKET_RULES as RULES, Role, SECONDS_PER_DAY } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => deploySystem(connection);

const MIN_TENOR = BigInt(RULES.minTenor);
const MAX_TENOR = BigInt(RULES.maxTenor);
const WINDOW = BigInt(RULES.acceptanceWindow);

const signer = (address: string) => ethers.getSigner(address);

/** One of the three ways a claim comes to life, sent by the party it requires unless `from` says otherwise. */
interface IssuePath {
  name: "issue" | "issueAccepted" | "issueByDebtor";
  initialState: StateValue;
  /** The party that must send it. */
  sender(t: ClaimTermsStruct): string;
  send(s: System, t: ClaimTermsStruct, from?: HardhatEthersSigner): Promise<ContractTransactionResponse>;
}

const ISSUE: IssuePath = {
  name: "issue",
  initialState: State.Issued,
  sender: (t) => t.originator,
  send: async (s, t, from) => s.claims.connect(from ?? (await signer(t.originator))).issue(t, ""),
};

const ISSUE_ACCEPTED: IssuePath = {
  name: "issueAccepted",
  initialState: State.Accepted,
  sender: (t) => t.originator,
  send: async (s, t, from) => {
    const deadline = (await s.now()) + DAY;
    const signature = await s.signAcceptance(await signer(t.debtor), t, deadline);
    return s.claims.connect(from ?? (await signer(t.originator))).issueAccepted(t, "", deadline, signature);
  },
};

const ISSUE_BY_DEBTOR: IssuePath = {
  name: "issueByDebtor",
  initialState: State.Issued,
  sender: (t) => t.debtor,
  send: async (s, t, from) => s.claims.connect(from ?? (await signer(t.debtor))).issueByDebtor(t, ""),
};

const PATHS = [ISSUE, ISSUE_ACCEPTED, ISSUE_BY_DEBTOR];

/** The watch list of an issue attempt: no claim may appear and the commitment must stay free. */
const nothingIssued = (t: ClaimTermsStruct, ...ids: bigint[]): Watch => ({
  ids: [...ids, 1n, 2n],
  commitments: [t.invoiceCommitment],
});

/** A block timestamp a little in the future, to be set with setNextBlockTimestamp. */
const nextTimestamp = async () => BigInt(await time.latest()) + 10n;

describe("ReceivableClaim: issuing and accepting", () => {
  for (const path of PATHS) {
    describe(`${path.name}`, () => {
      describe("when the required party sends valid terms", () => {
        it(`mints the claim to the originator in state ${path.initialState === State.Issued ? "Issued" : "Accepted"} and stores every term`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms();
          const at = await nextTimestamp();
          await time.setNextBlockTimestamp(at);
          await path.send(s, t);

          expect(await s.claims.claimCount()).to.equal(1n);
          expect(await s.claims.ownerOf(1n)).to.equal(s.sme.address);
          expect(await s.claims.claimByCommitment(t.invoiceCommitment)).to.equal(1n);
          const c = await s.claimLens.claim(1n);
          expect(c.originator).to.equal(t.originator);
          expect(c.debtor).to.equal(t.debtor);
          expect(c.currency).to.equal(t.currency);
          expect(c.faceValue).to.equal(t.faceValue);
          expect(c.dueDate).to.equal(t.dueDate);
          // The record keeps neither hash: ClaimIssued carries both, and the index finds the claim.
          expect(await issuedHashes(s.claims, 1n)).to.deep.equal({
            invoiceCommitment: t.invoiceCommitment,
            documentHash: t.documentHash,
          });
          expect(c.issuedAt).to.equal(at);
          expect(c.rulesVersion).to.equal(1n);
          expect(c.state).to.equal(path.initialState);
          expect(c.acceptanceDeadline).to.equal(path.initialState === State.Issued ? at + WINDOW : at);
          expect(c.amountPaid).to.equal(0n);
          expect(c.heldAmount).to.equal(0n);
          expect(c.nonce).to.equal(0n);
          expect(c.stateBeforeDispute).to.equal(State.None);
          expect(c.disputeCount).to.equal(0n);
          expect(c.issuedByDebtor).to.equal(path === ISSUE_BY_DEBTOR);
        });

        it("returns the new id, one past the claim count", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          await s.issue();
          const t = await s.terms();
          const from = await signer(path.sender(t));
          if (path === ISSUE) expect(await s.claims.connect(from).issue.staticCall(t, "")).to.equal(2n);
          if (path === ISSUE_BY_DEBTOR)
            expect(await s.claims.connect(from).issueByDebtor.staticCall(t, "")).to.equal(2n);
          if (path === ISSUE_ACCEPTED) {
            const deadline = (await s.now()) + DAY;
            const signature = await s.signAcceptance(s.debtor, t, deadline);
            expect(await s.claims.connect(from).issueAccepted.staticCall(t, "", deadline, signature)).to.equal(2n);
          }
        });

        it("emits Transfer from zero, ClaimIssued with the rules version and ClaimStateChanged from None", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms();
          const tx = await path.send(s, t);
          await expect(tx).to.emit(s.claims, "Transfer").withArgs(ZeroAddress, s.sme.address, 1n);
          await expect(tx)
            .to.emit(s.claims, "ClaimIssued")
            .withArgs(
              1n,
              t.originator,
              t.debtor,
              t.currency,
              t.faceValue,
              t.dueDate,
              t.invoiceCommitment,
              t.documentHash,
              1n,
            );
          await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(1n, State.None, path.initialState);
        });

        if (path !== ISSUE_ACCEPTED) {
          it("does not emit ClaimAccepted: the other party has not confirmed it yet", async () => {
            const s = await networkHelpers.loadFixture(fixture);
            await expect(path.send(s, await s.terms())).not.to.emit(s.claims, "ClaimAccepted");
          });
        } else {
          it("emits ClaimAccepted with the debtor as party of record and the originator as relayer", async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const t = await s.terms();
            await expect(path.send(s, t))
              .to.emit(s.claims, "ClaimAccepted")
              .withArgs(1n, s.debtor.address, path.sender(t));
          });
        }
      });

      describe("when another account sends it", () => {
        it("reverts with ClaimUnauthorized naming the required party", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms();
          for (const intruder of [s.stranger, path.sender(t) === s.sme.address ? s.debtor : s.sme, s.operator]) {
            await expectRevertUnchanged(
              s,
              () => path.send(s, t, intruder),
              "ClaimUnauthorized",
              [0n, intruder.address, path.sender(t)],
              nothingIssued(t),
            );
          }
        });
      });

      describe("when the terms are invalid (A3)", () => {
        it("reverts with ClaimZeroFaceValue for a zero face value", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ faceValue: 0n });
          await expectRevertUnchanged(s, () => path.send(s, t), "ClaimZeroFaceValue", [], nothingIssued(t));
        });

        it("reverts with ClaimZeroCommitment for a zero invoice commitment", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ invoiceCommitment: ZeroHash });
          await expectRevertUnchanged(s, () => path.send(s, t), "ClaimZeroCommitment", [], nothingIssued(t));
        });

        it("accepts a zero document hash (the invoice file is optional)", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          await path.send(s, await s.terms({ documentHash: ZeroHash }));
          expect((await issuedHashes(s.claims, 1n)).documentHash).to.equal(ZeroHash);
        });

        it("reverts with ClaimCurrencyNotAllowed for the zero currency", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ currency: ZeroAddress });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimCurrencyNotAllowed",
            [ZeroAddress],
            nothingIssued(t),
          );
        });

        it("reverts with ClaimCurrencyNotAllowed for a currency without code", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ currency: s.bank.address });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimCurrencyNotAllowed",
            [s.bank.address],
            nothingIssued(t),
          );
        });

        it("reverts with ClaimCurrencyNotAllowed for a token never allowlisted", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const other = await new MockStablecoin__factory(s.operator).deploy("Other USD", "OUSD", 6);
          const t = await s.terms({ currency: await other.getAddress() });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimCurrencyNotAllowed",
            [t.currency],
            nothingIssued(t),
          );
        });

        it("reverts with ClaimCurrencyNotAllowed for a token taken off the allowlist", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms();
          await s.registry.setCurrencyAllowed(t.currency, false);
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimCurrencyNotAllowed",
            [t.currency],
            nothingIssued(t),
          );
        });

        it("reverts with ClaimOriginatorIsDebtor when one account is both", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          await s.registry.verify(s.sme.address, Role.Debtor, (await s.now()) + 365n * DAY);
          const t = await s.terms({ debtor: s.sme.address });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimOriginatorIsDebtor",
            [s.sme.address],
            nothingIssued(t),
          );
        });

        for (const [when, offset] of [
          ["in the past", -1n],
          ["now (the block's timestamp)", 0n],
        ] as const) {
          it(`reverts with ClaimDueDateNotInFuture for a due date ${when}`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const at = await nextTimestamp();
            const t = await s.terms({ dueDate: at + offset });
            await time.setNextBlockTimestamp(at);
            await expectRevertUnchanged(
              s,
              () => path.send(s, t),
              "ClaimDueDateNotInFuture",
              [at + offset, at],
              nothingIssued(t),
            );
          });
        }

        it("reverts with ClaimDueDateNotInFuture for due date zero", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const at = await nextTimestamp();
          const t = await s.terms({ dueDate: 0n });
          await time.setNextBlockTimestamp(at);
          await expectRevertUnchanged(s, () => path.send(s, t), "ClaimDueDateNotInFuture", [0n, at], nothingIssued(t));
        });
      });

      describe("when the tenor is at the edges of the market rules", () => {
        for (const [label, tenor, ok] of [
          ["min - 1 s", MIN_TENOR - 1n, false],
          ["min", MIN_TENOR, true],
          ["max", MAX_TENOR, true],
          ["max + 1 s", MAX_TENOR + 1n, false],
          ["1 s", 1n, false],
        ] as const) {
          it(`${ok ? "issues" : "reverts with ClaimTenorOutOfRange"} at a tenor of ${label}`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const at = await nextTimestamp();
            const t = await s.terms({ dueDate: at + tenor });
            await time.setNextBlockTimestamp(at);
            if (ok) {
              await path.send(s, t);
              expect((await s.claimLens.claim(1n)).dueDate - (await s.claimLens.claim(1n)).issuedAt).to.equal(tenor);
            } else {
              await expectRevertUnchanged(
                s,
                () => path.send(s, t),
                "ClaimTenorOutOfRange",
                [tenor, MIN_TENOR, MAX_TENOR],
                nothingIssued(t),
              );
            }
          });
        }
      });

      describe("when a party is not verified", () => {
        it("reverts with ClaimParticipantNotVerified for an originator never verified", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ originator: s.stranger.address });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimParticipantNotVerified",
            [s.stranger.address, Role.Originator],
            nothingIssued(t),
          );
        });

        it("reverts with ClaimParticipantNotVerified for an originator verified only in another role", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ originator: s.factor.address });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimParticipantNotVerified",
            [s.factor.address, Role.Originator],
            nothingIssued(t),
          );
        });

        it("reverts with ClaimParticipantNotVerified for a debtor never verified", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ debtor: s.stranger.address });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimParticipantNotVerified",
            [s.stranger.address, Role.Debtor],
            nothingIssued(t),
          );
        });

        it("reverts with ClaimParticipantNotVerified for a debtor verified only in another role", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms({ debtor: s.guarantor.address });
          await expectRevertUnchanged(
            s,
            () => path.send(s, t),
            "ClaimParticipantNotVerified",
            [s.guarantor.address, Role.Debtor],
            nothingIssued(t),
          );
        });

        for (const party of ["originator", "debtor"] as const) {
          const role = party === "originator" ? Role.Originator : Role.Debtor;

          it(`reverts with ClaimParticipantNotVerified for a suspended ${party}`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const t = await s.terms();
            await s.registry.setSuspended(t[party], true);
            await expectRevertUnchanged(
              s,
              () => path.send(s, t),
              "ClaimParticipantNotVerified",
              [t[party], role],
              nothingIssued(t),
            );
          });

          it(`reverts with ClaimParticipantNotVerified for a ${party} whose role was revoked`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const t = await s.terms();
            await s.registry.revoke(t[party], role);
            await expectRevertUnchanged(
              s,
              () => path.send(s, t),
              "ClaimParticipantNotVerified",
              [t[party], role],
              nothingIssued(t),
            );
          });

          it(`reverts with ClaimParticipantNotVerified at the ${party}'s verification expiry (exclusive)`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const expiresAt = (await nextTimestamp()) + 100n;
            const t = await s.terms();
            await s.registry.verify(t[party], role, expiresAt);
            await time.setNextBlockTimestamp(expiresAt);
            await expectRevertUnchanged(
              s,
              () => path.send(s, t),
              "ClaimParticipantNotVerified",
              [t[party], role],
              nothingIssued(t),
            );
          });

          it(`issues one second before the ${party}'s verification expires`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const expiresAt = (await nextTimestamp()) + 100n;
            const t = await s.terms();
            await s.registry.verify(t[party], role, expiresAt);
            await time.setNextBlockTimestamp(expiresAt - 1n);
            await path.send(s, t);
            expect(await s.claims.claimCount()).to.equal(1n);
          });
        }
      });

      describe("when the market is paused", () => {
        it("reverts with ClaimMarketPaused, and issues again once unpaused", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const t = await s.terms();
          await s.registry.pause();
          await expectRevertUnchanged(s, () => path.send(s, t), "ClaimMarketPaused", [], nothingIssued(t));
          await s.registry.unpause();
          await path.send(s, t);
          expect(await s.claims.claimByCommitment(t.invoiceCommitment)).to.equal(1n);
        });
      });

      describe("when the invoice commitment is already used (double financing)", () => {
        it("reverts with ClaimCommitmentInUse naming the live claim, whoever the parties are", async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const first = await s.terms();
          await path.send(s, first);
          for (const overrides of [{}, { originator: s.sme2.address }, { debtor: s.debtor2.address }]) {
            const t = await s.terms({ ...overrides, invoiceCommitment: first.invoiceCommitment });
            await expectRevertUnchanged(
              s,
              () => path.send(s, t),
              "ClaimCommitmentInUse",
              [first.invoiceCommitment, 1n],
              nothingIssued(t, 1n),
            );
          }
        });
      });
    });
  }

  describe("issuing with a zero address among the parties", () => {
    it("issue: a zero debtor is not a verified debtor", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms({ debtor: ZeroAddress });
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).issue(t, ""),
        "ClaimParticipantNotVerified",
        [ZeroAddress, Role.Debtor],
        nothingIssued(t),
      );
    });

    it("issue: a zero originator can never be the caller", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms({ originator: ZeroAddress });
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).issue(t, ""),
        "ClaimUnauthorized",
        [0n, s.sme.address, ZeroAddress],
        nothingIssued(t),
      );
    });

    it("issueAccepted: a zero debtor is refused as unverified before any signature is looked at", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms({ debtor: ZeroAddress });
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, t, deadline);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).issueAccepted(t, "", deadline, signature),
        "ClaimParticipantNotVerified",
        [ZeroAddress, Role.Debtor],
        nothingIssued(t),
      );
    });

    it("issueAccepted: a zero originator can never be the caller", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms({ originator: ZeroAddress });
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, t, deadline);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).issueAccepted(t, "", deadline, signature),
        "ClaimUnauthorized",
        [0n, s.sme.address, ZeroAddress],
        nothingIssued(t),
      );
    });

    it("issueByDebtor: a zero debtor can never be the caller", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms({ debtor: ZeroAddress });
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.debtor).issueByDebtor(t, ""),
        "ClaimUnauthorized",
        [0n, s.debtor.address, ZeroAddress],
        nothingIssued(t),
      );
    });

    it("issueByDebtor: a zero originator is not a verified originator", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms({ originator: ZeroAddress });
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.debtor).issueByDebtor(t, ""),
        "ClaimParticipantNotVerified",
        [ZeroAddress, Role.Originator],
        nothingIssued(t),
      );
    });
  });

  describe("issueAccepted's signature check comes first", () => {
    it("reverts with ClaimInvalidSignature when the debtor's signature covers other terms", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms();
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, { ...t, faceValue: t.faceValue - 1n }, deadline);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).issueAccepted(t, "", deadline, signature),
        "ClaimInvalidSignature",
        [s.debtor.address],
        nothingIssued(t),
      );
    });
  });

  describe("accept", () => {
    describe("when the debtor accepts an Issued claim within its window", () => {
      it("moves it to Accepted, bumps the nonce and keeps the holder and commitment", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const before = await s.claimLens.claim(id);
        await s.claims.connect(s.debtor).accept(id);
        const after = await s.claimLens.claim(id);
        expect(after.state).to.equal(State.Accepted);
        expect(after.nonce).to.equal(before.nonce + 1n);
        expect(after.acceptanceDeadline).to.equal(before.acceptanceDeadline);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
        expect(await s.claims.claimByCommitment((await issuedHashes(s.claims, id)).invoiceCommitment)).to.equal(id);
      });

      it("emits ClaimStateChanged, ClaimAccepted with the debtor as relayer, and MetadataUpdate", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const tx = s.claims.connect(s.debtor).accept(id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Issued, State.Accepted);
        await expect(tx).to.emit(s.claims, "ClaimAccepted").withArgs(id, s.debtor.address, s.debtor.address);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
      });

      it("accepts at the acceptance deadline itself", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const { acceptanceDeadline } = await s.claimLens.claim(id);
        await time.setNextBlockTimestamp(acceptanceDeadline);
        await s.claims.connect(s.debtor).accept(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
      });
    });

    describe("when the window has closed", () => {
      it("reverts with ClaimAcceptanceWindowClosed one second after the deadline", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const { acceptanceDeadline } = await s.claimLens.claim(id);
        await time.setNextBlockTimestamp(acceptanceDeadline + 1n);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.debtor).accept(id),
          "ClaimAcceptanceWindowClosed",
          [id, acceptanceDeadline, acceptanceDeadline + 1n],
          { ids: [id] },
        );
      });
    });

    describe("when someone other than the debtor accepts", () => {
      it("reverts with ClaimUnauthorized naming the debtor", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        for (const intruder of [s.sme, s.debtor2, s.stranger, s.operator]) {
          await expectRevertUnchanged(
            s,
            () => s.claims.connect(intruder).accept(id),
            "ClaimUnauthorized",
            [id, intruder.address, s.debtor.address],
            { ids: [id] },
          );
        }
      });
    });

    describe("when the debtor is no longer verified", () => {
      it("reverts with ClaimParticipantNotVerified for a suspended debtor", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        await s.registry.setSuspended(s.debtor.address, true);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.debtor).accept(id),
          "ClaimParticipantNotVerified",
          [s.debtor.address, Role.Debtor],
          { ids: [id] },
        );
      });

      it("reverts with ClaimParticipantNotVerified for a debtor whose verification expired", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const expiresAt = (await nextTimestamp()) + 100n;
        await s.registry.verify(s.debtor.address, Role.Debtor, expiresAt);
        await time.setNextBlockTimestamp(expiresAt);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.debtor).accept(id),
          "ClaimParticipantNotVerified",
          [s.debtor.address, Role.Debtor],
          { ids: [id] },
        );
      });
    });

    describe("when the claim does not exist", () => {
      it("reverts with ClaimNotFound", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await s.issue();
        for (const id of [0n, 2n, 2n ** 256n - 1n]) {
          await expectRevertUnchanged(s, () => s.claims.connect(s.debtor).accept(id), "ClaimNotFound", [id], {
            ids: [1n],
          });
        }
      });
    });

    describe("when the claim is not Issued", () => {
      for (const [name, state] of CLAIM_STATES.filter(([, value]) => value !== State.Issued)) {
        it(`reverts with ClaimWrongState in ${name}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          await expectRevertUnchanged(s, () => s.claims.connect(s.debtor).accept(id), "ClaimWrongState", [id, state], {
            ids: [id],
          });
        });
      }
    });
  });

  describe("acceptWithSignature", () => {
    const signFor = async (s: System, id: bigint, deadline: bigint, by?: HardhatEthersSigner) => {
      const t = await termsOfClaim(s.claims, id);
      return s.signAcceptance(by ?? (await signer(String(t.debtor))), t, deadline);
    };

    describe("when a stranger relays the debtor's signature", () => {
      it("accepts the claim with the debtor as party of record and the stranger as relayer", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const deadline = (await s.now()) + DAY;
        const signature = await signFor(s, id, deadline);
        const tx = relayAcceptance(s.claims.connect(s.stranger), id, deadline, signature);
        await expect(tx).to.emit(s.claims, "ClaimAccepted").withArgs(id, s.debtor.address, s.stranger.address);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Issued, State.Accepted);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      });

      it("accepts at the claim's acceptance deadline and refuses one second later", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const late = await s.issue();
        const onTime = await s.issue();
        const { acceptanceDeadline } = await s.claimLens.claim(late);
        const signatureDeadline = acceptanceDeadline + DAY;
        const lateSignature = await signFor(s, late, signatureDeadline);
        const onTimeSignature = await signFor(s, onTime, signatureDeadline);
        const onTimeDeadline = (await s.claimLens.claim(onTime)).acceptanceDeadline;

        await time.setNextBlockTimestamp(onTimeDeadline);
        await relayAcceptance(s.claims.connect(s.stranger), onTime, signatureDeadline, onTimeSignature);
        expect((await s.claimLens.claim(onTime)).state).to.equal(State.Accepted);

        await time.setNextBlockTimestamp(acceptanceDeadline + 10n);
        await expectRevertUnchanged(
          s,
          () => relayAcceptance(s.claims.connect(s.stranger), late, signatureDeadline, lateSignature),
          "ClaimAcceptanceWindowClosed",
          [late, acceptanceDeadline, acceptanceDeadline + 10n],
          { ids: [late] },
        );
      });
    });

    describe("when the signature is not the debtor's", () => {
      it("reverts with ClaimInvalidSignature", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const deadline = (await s.now()) + DAY;
        for (const impostor of [s.sme, s.debtor2, s.stranger]) {
          const signature = await signFor(s, id, deadline, impostor);
          await expectRevertUnchanged(
            s,
            () => relayAcceptance(s.claims.connect(s.stranger), id, deadline, signature),
            "ClaimInvalidSignature",
            [s.debtor.address],
            { ids: [id] },
          );
        }
      });
    });

    describe("when the debtor is no longer verified", () => {
      it("reverts with ClaimParticipantNotVerified", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const deadline = (await s.now()) + DAY;
        const signature = await signFor(s, id, deadline);
        await s.registry.revoke(s.debtor.address, Role.Debtor);
        await expectRevertUnchanged(
          s,
          () => relayAcceptance(s.claims.connect(s.stranger), id, deadline, signature),
          "ClaimParticipantNotVerified",
          [s.debtor.address, Role.Debtor],
          { ids: [id] },
        );
      });
    });

    describe("when the relayed hashes are not the claim's (the record keeps neither)", () => {
      /** A hash with its last byte, or its first, flipped. */
      const flip = (hash: string, at: "first" | "last") => {
        const bytes = getBytes(hash);
        bytes[at === "first" ? 0 : 31] ^= 1;
        return hexlify(bytes);
      };

      it("reverts with ClaimInvoiceHashesMismatch for another claim's commitment, an unused one, or a document hash whose stored prefix differs", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const other = await s.issue();
        const deadline = (await s.now()) + DAY;
        const signature = await signFor(s, id, deadline);
        const own = await issuedHashes(s.claims, id);
        const others = await issuedHashes(s.claims, other);
        for (const [given, document] of [
          [others.invoiceCommitment, own.documentHash],
          [commitment(), own.documentHash],
          [own.invoiceCommitment, flip(own.documentHash, "first")],
          [own.invoiceCommitment, others.documentHash],
        ]) {
          await expectRevertUnchanged(
            s,
            () => s.claims.connect(s.stranger).acceptWithSignature(id, given, document, deadline, signature),
            "ClaimInvoiceHashesMismatch",
            [id, given, document],
            { ids: [id, other], commitments: [own.invoiceCommitment, others.invoiceCommitment] },
          );
        }
      });

      it("reverts with ClaimInvalidSignature for a document hash that differs past the stored prefix: the signature binds it all", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const deadline = (await s.now()) + DAY;
        const signature = await signFor(s, id, deadline);
        const own = await issuedHashes(s.claims, id);
        await expectRevertUnchanged(
          s,
          () =>
            s.claims
              .connect(s.stranger)
              .acceptWithSignature(id, own.invoiceCommitment, flip(own.documentHash, "last"), deadline, signature),
          "ClaimInvalidSignature",
          [s.debtor.address],
          { ids: [id], commitments: [own.invoiceCommitment] },
        );
      });
    });

    describe("when the claim does not exist or is not Issued", () => {
      it("reverts with ClaimNotFound for an unknown id", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const deadline = (await s.now()) + DAY;
        const signature = await signFor(s, id, deadline);
        await expectRevertUnchanged(
          s,
          () => relayAcceptance(s.claims.connect(s.stranger), id + 1n, deadline, signature),
          "ClaimNotFound",
          [id + 1n],
          { ids: [id] },
        );
      });

      for (const [name, state] of CLAIM_STATES.filter(([, value]) => value !== State.Issued)) {
        it(`reverts with ClaimWrongState in ${name}, even with a valid signature`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          const deadline = (await s.now()) + DAY;
          const signature = await signFor(s, id, deadline);
          await expectRevertUnchanged(
            s,
            () => relayAcceptance(s.claims.connect(s.stranger), id, deadline, signature),
            "ClaimWrongState",
            [id, state],
            { ids: [id] },
          );
        });
      }
    });
  });

  describe("reject", () => {
    describe("when the debtor rejects an Issued claim", () => {
      it("moves it to Rejected, releases the commitment and leaves the token with the originator", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const c = await s.claimLens.claim(id);
        const tx = s.claims.connect(s.debtor).reject(id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Issued, State.Rejected);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        await expect(tx).not.to.emit(s.claims, "ClaimAccepted");
        const after = await s.claimLens.claim(id);
        expect(after.state).to.equal(State.Rejected);
        expect(after.nonce).to.equal(c.nonce + 1n);
        expect(await s.claims.claimByCommitment((await issuedHashes(s.claims, id)).invoiceCommitment)).to.equal(0n);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      });

      it("works after the acceptance window closed, while paused, and from a debtor no longer verified", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const { acceptanceDeadline } = await s.claimLens.claim(id);
        await s.registry.pause();
        await s.registry.setSuspended(s.debtor.address, true);
        await time.setNextBlockTimestamp(acceptanceDeadline + 1n);
        await s.claims.connect(s.debtor).reject(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Rejected);
      });
    });

    describe("when someone other than the debtor rejects", () => {
      it("reverts with ClaimUnauthorized naming the debtor", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const { invoiceCommitment } = await issuedHashes(s.claims, id);
        for (const intruder of [s.sme, s.debtor2, s.stranger, s.operator]) {
          await expectRevertUnchanged(
            s,
            () => s.claims.connect(intruder).reject(id),
            "ClaimUnauthorized",
            [id, intruder.address, s.debtor.address],
            { ids: [id], commitments: [invoiceCommitment] },
          );
        }
      });
    });

    describe("when the claim does not exist or is not Issued", () => {
      it("reverts with ClaimNotFound for an unknown id", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expectRevertUnchanged(s, () => s.claims.connect(s.debtor).reject(1n), "ClaimNotFound", [1n], {
          ids: [1n],
        });
      });

      for (const [name, state] of CLAIM_STATES.filter(([, value]) => value !== State.Issued)) {
        it(`reverts with ClaimWrongState in ${name}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          const { invoiceCommitment } = await issuedHashes(s.claims, id);
          await expectRevertUnchanged(s, () => s.claims.connect(s.debtor).reject(id), "ClaimWrongState", [id, state], {
            ids: [id],
            commitments: [invoiceCommitment],
          });
        });
      }
    });
  });

  describe("cancel", () => {
    describe("when the originator cancels an Issued claim", () => {
      it("moves it to Cancelled and releases the commitment", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const c = await s.claimLens.claim(id);
        const tx = s.claims.connect(s.sme).cancel(id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Issued, State.Cancelled);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        const after = await s.claimLens.claim(id);
        expect(after.state).to.equal(State.Cancelled);
        expect(after.nonce).to.equal(c.nonce + 1n);
        expect(await s.claims.claimByCommitment((await issuedHashes(s.claims, id)).invoiceCommitment)).to.equal(0n);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      });

      it("works after the acceptance window closed and while paused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const { acceptanceDeadline } = await s.claimLens.claim(id);
        await s.registry.pause();
        await time.setNextBlockTimestamp(acceptanceDeadline + 1n);
        await s.claims.connect(s.sme).cancel(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Cancelled);
      });
    });

    describe("when someone other than the originator cancels", () => {
      it("reverts with ClaimUnauthorized naming the originator", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const { invoiceCommitment } = await issuedHashes(s.claims, id);
        for (const intruder of [s.debtor, s.sme2, s.stranger, s.operator]) {
          await expectRevertUnchanged(
            s,
            () => s.claims.connect(intruder).cancel(id),
            "ClaimUnauthorized",
            [id, intruder.address, s.sme.address],
            { ids: [id], commitments: [invoiceCommitment] },
          );
        }
      });
    });

    describe("when the claim does not exist or is not Issued", () => {
      it("reverts with ClaimNotFound for an unknown id", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expectRevertUnchanged(s, () => s.claims.connect(s.sme).cancel(7n), "ClaimNotFound", [7n], {
          ids: [7n],
        });
      });

      for (const [name, state] of CLAIM_STATES.filter(([, value]) => value !== State.Issued)) {
        it(`reverts with ClaimWrongState in ${name}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          const { invoiceCommitment } = await issuedHashes(s.claims, id);
          await expectRevertUnchanged(s, () => s.claims.connect(s.sme).cancel(id), "ClaimWrongState", [id, state], {
            ids: [id],
            commitments: [invoiceCommitment],
          });
        });
      }
    });
  });

  describe("expire", () => {
    describe("when the acceptance window has closed", () => {
      it("lets anyone move the claim to Expired one second after the deadline and releases the commitment", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const c = await s.claimLens.claim(id);
        await time.setNextBlockTimestamp(c.acceptanceDeadline + 1n);
        const tx = s.claims.connect(s.stranger).expire(id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Issued, State.Expired);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        const after = await s.claimLens.claim(id);
        expect(after.state).to.equal(State.Expired);
        expect(after.nonce).to.equal(c.nonce + 1n);
        expect(await s.claims.claimByCommitment((await issuedHashes(s.claims, id)).invoiceCommitment)).to.equal(0n);
        expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
      });

      it("works while paused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const { acceptanceDeadline } = await s.claimLens.claim(id);
        await s.registry.pause();
        await time.setNextBlockTimestamp(acceptanceDeadline + 1n);
        await s.claims.connect(s.stranger).expire(id);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Expired);
      });
    });

    describe("when the window is still open", () => {
      it("reverts with ClaimAcceptanceWindowOpen at the deadline itself", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const c = await s.claimLens.claim(id);
        await time.setNextBlockTimestamp(c.acceptanceDeadline);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.stranger).expire(id),
          "ClaimAcceptanceWindowOpen",
          [id, c.acceptanceDeadline, c.acceptanceDeadline],
          { ids: [id], commitments: [(await issuedHashes(s.claims, id)).invoiceCommitment] },
        );
      });

      it("reverts with ClaimAcceptanceWindowOpen right after issue", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issue();
        const c = await s.claimLens.claim(id);
        const at = await nextTimestamp();
        await time.setNextBlockTimestamp(at);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.stranger).expire(id),
          "ClaimAcceptanceWindowOpen",
          [id, c.acceptanceDeadline, at],
          { ids: [id], commitments: [(await issuedHashes(s.claims, id)).invoiceCommitment] },
        );
      });
    });

    describe("when the claim does not exist or is not Issued", () => {
      it("reverts with ClaimNotFound for an unknown id", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await expectRevertUnchanged(s, () => s.claims.connect(s.stranger).expire(3n), "ClaimNotFound", [3n], {
          ids: [3n],
        });
      });

      for (const [name, state] of CLAIM_STATES.filter(([, value]) => value !== State.Issued)) {
        it(`reverts with ClaimWrongState in ${name}, even long after the window`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          const c = await s.claimLens.claim(id);
          if (BigInt(await time.latest()) < c.acceptanceDeadline + DAY)
            await time.increaseTo(c.acceptanceDeadline + DAY);
          await expectRevertUnchanged(
            s,
            () => s.claims.connect(s.stranger).expire(id),
            "ClaimWrongState",
            [id, state],
            { ids: [id], commitments: [(await issuedHashes(s.claims, id)).invoiceCommitment] },
          );
        });
      }
    });
  });

  describe("incrementAcceptanceCounter", () => {
    it("returns and emits the new counter, per account", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      expect(await s.claims.connect(s.debtor).incrementAcceptanceCounter.staticCall()).to.equal(1n);
      await expect(s.claims.connect(s.debtor).incrementAcceptanceCounter())
        .to.emit(s.claims, "AcceptanceCounterIncremented")
        .withArgs(s.debtor.address, 1n);
      await expect(s.claims.connect(s.debtor).incrementAcceptanceCounter())
        .to.emit(s.claims, "AcceptanceCounterIncremented")
        .withArgs(s.debtor.address, 2n);
      await expect(s.claims.connect(s.debtor2).incrementAcceptanceCounter())
        .to.emit(s.claims, "AcceptanceCounterIncremented")
        .withArgs(s.debtor2.address, 1n);
      expect(await s.claims.acceptanceCounter(s.debtor.address)).to.equal(2n);
      expect(await s.claims.acceptanceCounter(s.debtor2.address)).to.equal(1n);
      expect(await s.claims.acceptanceCounter(s.sme.address)).to.equal(0n);
    });

    it("kills the debtor's outstanding signatures, and only those", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const other = await s.issue({ debtor: s.debtor2.address });
      const deadline = (await s.now()) + DAY;
      const stale = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
      const otherSignature = await s.signAcceptance(s.debtor2, await termsOfClaim(s.claims, other), deadline);

      await s.claims.connect(s.debtor).incrementAcceptanceCounter();
      await expectRevertUnchanged(
        s,
        () => relayAcceptance(s.claims.connect(s.stranger), id, deadline, stale),
        "ClaimInvalidSignature",
        [s.debtor.address],
        { ids: [id] },
      );
      await relayAcceptance(s.claims.connect(s.stranger), other, deadline, otherSignature);
      const fresh = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
      await relayAcceptance(s.claims.connect(s.stranger), id, deadline, fresh);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
      expect((await s.claimLens.claim(other)).state).to.equal(State.Accepted);
    });
  });

  describe("double financing", () => {
    const LIVE_OR_CONSUMED = CLAIM_STATES.filter(
      ([, state]) => state !== State.Rejected && state !== State.Expired && state !== State.Cancelled,
    );
    const RELEASED = CLAIM_STATES.filter(
      ([, state]) => state === State.Rejected || state === State.Expired || state === State.Cancelled,
    );

    describe("when a claim on the invoice is, or once was, accepted (or still awaits acceptance)", () => {
      for (const [name, state] of LIVE_OR_CONSUMED) {
        it(`refuses the commitment on every issue path while the claim is ${name}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const invoiceCommitment = commitment();
          const id = await reachState(s, state, { terms: { invoiceCommitment } });
          expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(id);
          for (const path of PATHS) {
            const t = await s.terms({ invoiceCommitment });
            await expectRevertUnchanged(
              s,
              () => path.send(s, t),
              "ClaimCommitmentInUse",
              [invoiceCommitment, id],
              nothingIssued(t, id),
            );
          }
        });
      }
    });

    describe("when the only claim on the invoice ended unaccepted", () => {
      for (const [name, state] of RELEASED) {
        for (const path of PATHS) {
          it(`releases the commitment once ${name}: ${path.name} issues a corrected claim`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const invoiceCommitment = commitment();
            const old = await reachState(s, state, { terms: { invoiceCommitment } });
            expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(0n);

            const t = await s.terms({ invoiceCommitment, faceValue: 9_500n * USD });
            await path.send(s, t);
            const id = await s.claims.claimCount();
            expect(id).to.equal(old + 1n);
            expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(id);
            expect((await s.claimLens.claim(id)).state).to.equal(path.initialState);
            expect((await s.claimLens.claim(old)).state).to.equal(state);

            const again = await s.terms({ invoiceCommitment });
            await expectRevertUnchanged(
              s,
              () => path.send(s, again),
              "ClaimCommitmentInUse",
              [invoiceCommitment, id],
              nothingIssued(again, old, id),
            );
          });
        }
      }
    });
  });

  describe("when the operator changes the market rules after issue (A6)", () => {
    const newRules = (s: System) => ({
      ...RULES,
      minTenor: 30 * SECONDS_PER_DAY,
      maxTenor: 90 * SECONDS_PER_DAY,
      acceptanceWindow: 86_400,
      treasury: s.operator.address,
    });

    it("keeps the claim's rules version and acceptance deadline; new claims take the new rules", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const before = await s.claimLens.claim(id);
      await expect(s.registry.setMarketRules(newRules(s))).to.emit(s.registry, "MarketRulesUpdated");
      expect(await s.registry.currentRulesVersion()).to.equal(2n);

      const after = await s.claimLens.claim(id);
      expect(after.rulesVersion).to.equal(1n);
      expect(after.acceptanceDeadline).to.equal(before.acceptanceDeadline);

      const at = await nextTimestamp();
      await time.setNextBlockTimestamp(at);
      const t = await s.terms({ dueDate: at + 60n * DAY });
      await expect(s.claims.connect(s.sme).issue(t, ""))
        .to.emit(s.claims, "ClaimIssued")
        .withArgs(
          2n,
          t.originator,
          t.debtor,
          t.currency,
          t.faceValue,
          t.dueDate,
          t.invoiceCommitment,
          t.documentHash,
          2n,
        );
      const fresh = await s.claimLens.claim(2n);
      expect(fresh.rulesVersion).to.equal(2n);
      expect(fresh.acceptanceDeadline).to.equal(at + DAY);
    });

    it("lets the debtor accept until the old deadline although the new window is shorter", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const { acceptanceDeadline } = await s.claimLens.claim(id);
      await s.registry.setMarketRules(newRules(s));
      await time.setNextBlockTimestamp(acceptanceDeadline);
      await s.claims.connect(s.debtor).accept(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    });

    it("does not let the claim expire before its own deadline, nor survive past it under a longer window", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issue();
      const { acceptanceDeadline } = await s.claimLens.claim(id);
      await s.registry.setMarketRules({ ...newRules(s), acceptanceWindow: 30 * SECONDS_PER_DAY });
      await time.setNextBlockTimestamp(acceptanceDeadline);
      await expect(s.claims.connect(s.stranger).expire(id))
        .to.be.revertedWithCustomError(s.claims, "ClaimAcceptanceWindowOpen")
        .withArgs(id, acceptanceDeadline, acceptanceDeadline);
      await time.setNextBlockTimestamp(acceptanceDeadline + 1n);
      await expect(s.claims.connect(s.debtor).accept(id))
        .to.be.revertedWithCustomError(s.claims, "ClaimAcceptanceWindowClosed")
        .withArgs(id, acceptanceDeadline, acceptanceDeadline + 1n);
      await s.claims.connect(s.stranger).expire(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Expired);
    });

    it("applies the new tenor limits to new claims only", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const short = 20n * DAY;
      const at = await nextTimestamp();
      const t1 = await s.terms({ dueDate: at + short });
      await time.setNextBlockTimestamp(at);
      await s.claims.connect(s.sme).issue(t1, "");
      await s.registry.setMarketRules(newRules(s));
      expect((await s.claimLens.claim(1n)).dueDate).to.equal(at + short);

      const at2 = await nextTimestamp();
      const t2 = await s.terms({ dueDate: at2 + short });
      await time.setNextBlockTimestamp(at2);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).issue(t2, ""),
        "ClaimTenorOutOfRange",
        [short, 30n * DAY, 90n * DAY],
        nothingIssued(t2, 1n),
      );
      await s.claims.connect(s.debtor).accept(1n);
      expect((await s.claimLens.claim(1n)).state).to.equal(State.Accepted);
    });
  });

  describe("when the market is paused", () => {
    it("still lets the debtor accept, a stranger relay an acceptance, the debtor reject, the originator cancel and anyone expire", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const toAccept = await s.issue();
      const toRelay = await s.issue();
      const toReject = await s.issue();
      const toCancel = await s.issue();
      const toExpire = await s.issue();
      const deadline = (await s.now()) + 30n * DAY;
      const signature = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, toRelay), deadline);
      await s.registry.pause();
      expect(await s.registry.paused()).to.equal(true);

      await s.claims.connect(s.debtor).accept(toAccept);
      await relayAcceptance(s.claims.connect(s.stranger), toRelay, deadline, signature);
      await s.claims.connect(s.debtor).reject(toReject);
      await s.claims.connect(s.sme).cancel(toCancel);
      await time.setNextBlockTimestamp((await s.claimLens.claim(toExpire)).acceptanceDeadline + 1n);
      await s.claims.connect(s.stranger).expire(toExpire);

      expect((await s.claimLens.claim(toAccept)).state).to.equal(State.Accepted);
      expect((await s.claimLens.claim(toRelay)).state).to.equal(State.Accepted);
      expect((await s.claimLens.claim(toReject)).state).to.equal(State.Rejected);
      expect((await s.claimLens.claim(toCancel)).state).to.equal(State.Cancelled);
      expect((await s.claimLens.claim(toExpire)).state).to.equal(State.Expired);
    });
  });

  describe("a claim the debtor issued: the originator confirms it", () => {
    /** A claim the debtor issued on the SME's invoice: Issued, waiting for the SME. */
    async function debtorIssued(s: System): Promise<bigint> {
      await s.claims.connect(s.debtor).issueByDebtor(await s.terms(), "");
      return s.claims.claimCount();
    }

    it("the originator accepts it: Accepted, ClaimAccepted with the debtor of record and the originator as relayer", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await debtorIssued(s);
      const nonce = await s.claimLens.claimNonce(id);
      const tx = s.claims.connect(s.sme).accept(id);
      await expect(tx).to.emit(s.claims, "ClaimAccepted").withArgs(id, s.debtor.address, s.sme.address);
      await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Issued, State.Accepted);
      await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
      expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 1n);
    });

    it("the debtor that issued it cannot accept it, by transaction or by its signature", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await debtorIssued(s);
      const watch = { ids: [id] };
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.debtor).accept(id),
        "ClaimUnauthorized",
        [id, s.debtor.address, s.sme.address],
        watch,
      );
      const deadline = (await s.now()) + DAY;
      const signature = await s.signAcceptance(s.debtor, await termsOfClaim(s.claims, id), deadline);
      for (const relayer of [s.sme, s.stranger, s.debtor]) {
        await expectRevertUnchanged(
          s,
          () => relayAcceptance(s.claims.connect(relayer), id, deadline, signature),
          "ClaimIssuedByDebtor",
          [id, s.sme.address],
          watch,
        );
      }
    });

    it("the originator must still be a verified originator to accept it", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await debtorIssued(s);
      await s.registry.connect(s.operator).revoke(s.sme.address, Role.Originator);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).accept(id),
        "ClaimParticipantNotVerified",
        [s.sme.address, Role.Originator],
        { ids: [id] },
      );
    });

    it("after the acceptance window it cannot be accepted, and anyone expires it, freeing the commitment", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await debtorIssued(s);
      const { acceptanceDeadline } = await s.claimLens.claim(id);
      const { invoiceCommitment } = await issuedHashes(s.claims, id);
      await time.setNextBlockTimestamp(acceptanceDeadline + 1n);
      await expect(s.claims.connect(s.sme).accept(id))
        .to.be.revertedWithCustomError(s.claims, "ClaimAcceptanceWindowClosed")
        .withArgs(id, acceptanceDeadline, acceptanceDeadline + 1n);
      await expect(s.claims.connect(s.stranger).expire(id))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Issued, State.Expired);
      expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(0n);
    });

    it("the originator rejects it (the debtor cannot), freeing the commitment", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await debtorIssued(s);
      const { invoiceCommitment } = await issuedHashes(s.claims, id);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.debtor).reject(id),
        "ClaimUnauthorized",
        [id, s.debtor.address, s.sme.address],
        { ids: [id], commitments: [invoiceCommitment] },
      );
      await expect(s.claims.connect(s.sme).reject(id))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Issued, State.Rejected);
      expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(0n);
    });

    it("the debtor that issued it cancels it (the originator cannot), freeing the commitment", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await debtorIssued(s);
      const { invoiceCommitment } = await issuedHashes(s.claims, id);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).cancel(id),
        "ClaimUnauthorized",
        [id, s.sme.address, s.debtor.address],
        { ids: [id], commitments: [invoiceCommitment] },
      );
      await expect(s.claims.connect(s.debtor).cancel(id))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Issued, State.Cancelled);
      expect(await s.claims.claimByCommitment(invoiceCommitment)).to.equal(0n);
    });
  });
});
