import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { id as selectorOf, ZeroAddress, type ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { deploySystem, type System } from "./fixtures/system.js";
import { changeAgentTrust, deployAgent, type Agent } from "./helpers/agents.js";
import { expectRevertUnchanged, snapshot } from "./helpers/snapshot.js";
import { CLAIM_STATES, EVIDENCE, reachState, TRANSFERABLE_STATES } from "./helpers/states.js";
import { HostileReceiver__factory } from "../types/index.js";
import { ClaimState as State, DAY, DisputeOutcome as Outcome, Role } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => deploySystem(connection);

const HostileMode = { Accept: 0, Revert: 1, WrongValue: 2, BurnGas: 3, Reenter: 4 } as const;

const signer = (address: string) => ethers.getSigner(address);

/** The three ways a claim leaves its holder. */
type Mover = (
  s: System,
  id: bigint,
  from: HardhatEthersSigner,
  to: string,
  agent: Agent,
) => Promise<ContractTransactionResponse>;

const MOVERS: [string, Mover][] = [
  ["transferFrom by the holder", (s, id, from, to) => s.claims.connect(from).transferFrom(from.address, to, id)],
  [
    "safeTransferFrom by the holder",
    (s, id, from, to) => s.claims.connect(from)["safeTransferFrom(address,address,uint256)"](from.address, to, id),
  ],
  [
    "safeTransferFrom with data by the holder",
    (s, id, from, to) =>
      s.claims.connect(from)["safeTransferFrom(address,address,uint256,bytes)"](from.address, to, id, "0x1234"),
  ],
  ["agentTransfer", (_s, id, _from, to, agent) => agent.transfer(id, to)],
];

/** Sets a participant's verification in every role it holds to expire at `expiresAt`. */
async function expireAt(s: System, account: string, roles: number[], expiresAt: bigint) {
  for (const role of roles) await s.registry.verify(account, role, expiresAt);
}

describe("ReceivableClaim: transfers, agents and locks", () => {
  describe("the state table", () => {
    for (const [name, state] of CLAIM_STATES) {
      const allowed = TRANSFERABLE_STATES.includes(state);

      for (const [how, move] of MOVERS) {
        it(`${name}: ${how} ${allowed ? "moves the claim" : "reverts with ClaimTransferNotAllowed"}, as canTransfer says`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const agent = await deployAgent(s);
          const id = await reachState(s, state, { agent });
          const holder = await signer(await s.claims.ownerOf(id));
          const to = s.bank.address;
          expect(await s.claimLens.canTransfer(holder.address, to, id)).to.equal(allowed);

          if (!allowed) {
            await expectRevertUnchanged(
              s,
              () => move(s, id, holder, to, agent),
              "ClaimTransferNotAllowed",
              [id, holder.address, to],
              { ids: [id] },
            );
            return;
          }
          const nonce = await s.claimLens.claimNonce(id);
          const tx = move(s, id, holder, to, agent);
          await expect(tx).to.emit(s.claims, "Transfer").withArgs(holder.address, to, id);
          await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
          expect(await s.claims.ownerOf(id)).to.equal(to);
          const becomesFinanced = how === "agentTransfer" && state === State.Accepted;
          expect((await s.claimLens.claim(id)).state).to.equal(becomesFinanced ? State.Financed : state);
          // One step, one nonce: a sale that also finances the claim moves it once.
          expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 1n);
        });
      }
    }
  });

  describe("who may hold a claim", () => {
    it("lets it move to an account verified in any role", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      let holder = s.sme;
      for (const next of [s.factor, s.guarantor, s.debtor2, s.sme2, s.bank, s.debtor]) {
        expect(await s.claimLens.canTransfer(holder.address, next.address, id)).to.equal(true);
        await s.claims.connect(holder).transferFrom(holder.address, next.address, id);
        expect(await s.claims.ownerOf(id)).to.equal(next.address);
        holder = next;
      }
    });

    it("bumps the nonce on every transfer", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const hops: [HardhatEthersSigner, HardhatEthersSigner][] = [
        [s.sme, s.factor],
        [s.factor, s.bank],
        [s.bank, s.factor],
        [s.factor, s.sme],
      ];
      for (const [from, to] of hops) {
        const nonce = await s.claimLens.claimNonce(id);
        await s.claims.connect(from).transferFrom(from.address, to.address, id);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 1n);
      }
    });

    describe("when the recipient is not a verified participant", () => {
      it("refuses an account never verified", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        expect(await s.claimLens.canTransfer(s.sme.address, s.stranger.address, id)).to.equal(false);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.sme).transferFrom(s.sme.address, s.stranger.address, id),
          "ClaimTransferNotAllowed",
          [id, s.sme.address, s.stranger.address],
          { ids: [id] },
        );
      });

      it("refuses a suspended account, and accepts it again once reinstated", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.registry.setSuspended(s.bank.address, true);
        expect(await s.claimLens.canTransfer(s.sme.address, s.bank.address, id)).to.equal(false);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.sme).transferFrom(s.sme.address, s.bank.address, id),
          "ClaimTransferNotAllowed",
          [id, s.sme.address, s.bank.address],
          { ids: [id] },
        );
        await s.registry.setSuspended(s.bank.address, false);
        expect(await s.claimLens.canTransfer(s.sme.address, s.bank.address, id)).to.equal(true);
        await s.claims.connect(s.sme).transferFrom(s.sme.address, s.bank.address, id);
      });

      it("refuses an account whose every verification expired", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiresAt = BigInt(await time.latest()) + 100n;
        await expireAt(s, s.bank.address, [Role.Factor, Role.Guarantor], expiresAt);
        await time.increaseTo(expiresAt);
        expect(await s.claimLens.canTransfer(s.sme.address, s.bank.address, id)).to.equal(false);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.sme).transferFrom(s.sme.address, s.bank.address, id),
          "ClaimTransferNotAllowed",
          [id, s.sme.address, s.bank.address],
          { ids: [id] },
        );
      });

      it("accepts an account with one role expired and another still valid", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiresAt = BigInt(await time.latest()) + 100n;
        await expireAt(s, s.bank.address, [Role.Factor], expiresAt);
        await time.increaseTo(expiresAt);
        expect(await s.claimLens.canTransfer(s.sme.address, s.bank.address, id)).to.equal(true);
        await s.claims.connect(s.sme).transferFrom(s.sme.address, s.bank.address, id);
      });

      it("refuses the zero address with ERC721InvalidReceiver", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        expect(await s.claimLens.canTransfer(s.sme.address, ZeroAddress, id)).to.equal(false);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.sme).transferFrom(s.sme.address, ZeroAddress, id),
          "ERC721InvalidReceiver",
          [ZeroAddress],
          { ids: [id] },
        );
      });

      it("refuses a transfer to the holder itself", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        expect(await s.claimLens.canTransfer(s.sme.address, s.sme.address, id)).to.equal(false);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.sme).transferFrom(s.sme.address, s.sme.address, id),
          "ClaimTransferNotAllowed",
          [id, s.sme.address, s.sme.address],
          { ids: [id] },
        );
      });
    });

    describe("when the holder is no longer a verified participant", () => {
      it("refuses a suspended holder's transfer", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.registry.setSuspended(s.sme.address, true);
        expect(await s.claimLens.canTransfer(s.sme.address, s.factor.address, id)).to.equal(false);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id),
          "ClaimTransferNotAllowed",
          [id, s.sme.address, s.factor.address],
          { ids: [id] },
        );
      });

      it("refuses an expired holder's transfer", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiresAt = BigInt(await time.latest()) + 100n;
        await expireAt(s, s.sme.address, [Role.Originator], expiresAt);
        await time.increaseTo(expiresAt);
        expect(await s.claimLens.canTransfer(s.sme.address, s.factor.address, id)).to.equal(false);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id),
          "ClaimTransferNotAllowed",
          [id, s.sme.address, s.factor.address],
          { ids: [id] },
        );
      });
    });

    describe("canTransfer's other answers", () => {
      it("is false when `from` is not the holder, and for unknown ids", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        expect(await s.claimLens.canTransfer(s.factor.address, s.bank.address, id)).to.equal(false);
        expect(await s.claimLens.canTransfer(ZeroAddress, s.bank.address, id)).to.equal(false);
        expect(await s.claimLens.canTransfer(s.sme.address, s.bank.address, id + 1n)).to.equal(false);
        expect(await s.claimLens.canTransfer(ZeroAddress, s.bank.address, id + 1n)).to.equal(false);
        expect(await s.claimLens.canTransfer(s.sme.address, s.bank.address, 0n)).to.equal(false);
      });
    });

    describe("when someone other than the holder moves it", () => {
      it("refuses a stranger without approval with ERC721InsufficientApproval", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.factor).transferFrom(s.sme.address, s.factor.address, id),
          "ERC721InsufficientApproval",
          [s.factor.address, id],
          { ids: [id] },
        );
      });

      it("lets an approved account move it under the same rules, and the approval dies with the transfer", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.claims.connect(s.sme).approve(s.factor.address, id);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.factor).transferFrom(s.sme.address, s.stranger.address, id),
          "ClaimTransferNotAllowed",
          [id, s.sme.address, s.stranger.address],
          { ids: [id] },
        );
        await s.claims.connect(s.factor).transferFrom(s.sme.address, s.bank.address, id);
        expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
        expect(await s.claims.getApproved(id)).to.equal(ZeroAddress);
      });
    });
  });

  describe("lock", () => {
    describe("when a trusted agent locks a claim", () => {
      it("emits Locked, reports it locked by the agent, and canTransfer says no", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        expect(await s.claims.locked(id)).to.equal(false);
        expect(await s.claims.lockedBy(id)).to.equal(ZeroAddress);
        const nonce = await s.claimLens.claimNonce(id);
        await expect(agent.lock(id)).to.emit(s.claims, "Locked").withArgs(id);
        expect(await s.claims.locked(id)).to.equal(true);
        expect(await s.claims.lockedBy(id)).to.equal(agent.address);
        expect(await s.claimLens.canTransfer(s.sme.address, s.factor.address, id)).to.equal(false);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce);
      });

      for (const [how, move] of MOVERS.filter(([how]) => how !== "agentTransfer")) {
        it(`stops the holder: ${how} reverts with ClaimIsLocked`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const agent = await deployAgent(s);
          const id = await s.issueAccepted();
          await agent.lock(id);
          await expectRevertUnchanged(
            s,
            () => move(s, id, s.sme, s.factor.address, agent),
            "ClaimIsLocked",
            [id, agent.address],
            { ids: [id] },
          );
        });
      }

      it("stops an approved account with ClaimIsLocked", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        await s.claims.connect(s.sme).setApprovalForAll(s.factor.address, true);
        await agent.lock(id);
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.factor).transferFrom(s.sme.address, s.factor.address, id),
          "ClaimIsLocked",
          [id, agent.address],
          { ids: [id] },
        );
      });

      it("stops another agent: lock and agentTransfer revert with ClaimIsLocked", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const first = await deployAgent(s);
        const second = await deployAgent(s);
        const id = await s.issueAccepted();
        await first.lock(id);
        await expectRevertUnchanged(s, () => second.lock(id), "ClaimIsLocked", [id, first.address], { ids: [id] });
        await expectRevertUnchanged(
          s,
          () => second.transfer(id, s.factor.address),
          "ClaimIsLocked",
          [id, first.address],
          { ids: [id] },
        );
      });

      it("refuses to lock twice with ClaimIsLocked", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        await agent.lock(id);
        await expectRevertUnchanged(s, () => agent.lock(id), "ClaimIsLocked", [id, agent.address], { ids: [id] });
      });
    });

    it("reverts with ClaimNotAgent for an EOA or a contract the operator does not trust", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const untrusted = await deployAgent(s, { trusted: false });
      const id = await s.issueAccepted();
      await expectRevertUnchanged(s, () => s.claims.connect(s.sme).lock(id), "ClaimNotAgent", [s.sme.address], {
        ids: [id],
      });
      await expectRevertUnchanged(s, () => untrusted.lock(id), "ClaimNotAgent", [untrusted.address], { ids: [id] });
    });

    it("reverts with ClaimNotFound for an unknown id", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      await expectRevertUnchanged(s, () => agent.lock(1n), "ClaimNotFound", [1n], { ids: [1n] });
    });
  });

  describe("unlock", () => {
    it("lets the locker unlock, emitting Unlocked, after which the holder moves the claim again", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await s.issueAccepted();
      await agent.lock(id);
      await expect(agent.unlock(id)).to.emit(s.claims, "Unlocked").withArgs(id);
      expect(await s.claims.locked(id)).to.equal(false);
      expect(await s.claims.lockedBy(id)).to.equal(ZeroAddress);
      expect(await s.claimLens.canTransfer(s.sme.address, s.factor.address, id)).to.equal(true);
      await s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id);
    });

    it("reverts with ClaimNotLockedByCaller for another agent, the holder and a stranger", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const other = await deployAgent(s);
      const id = await s.issueAccepted();
      await agent.lock(id);
      await expectRevertUnchanged(s, () => other.unlock(id), "ClaimNotLockedByCaller", [id, other.address], {
        ids: [id],
      });
      for (const caller of [s.sme, s.stranger, s.operator]) {
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(caller).unlock(id),
          "ClaimNotLockedByCaller",
          [id, caller.address],
          { ids: [id] },
        );
      }
    });

    it("reverts with ClaimNotLockedByCaller for a claim nobody locked, or an unknown id", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await s.issueAccepted();
      await expectRevertUnchanged(s, () => agent.unlock(id), "ClaimNotLockedByCaller", [id, agent.address], {
        ids: [id],
      });
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.sme).unlock(id),
        "ClaimNotLockedByCaller",
        [id, s.sme.address],
        { ids: [id] },
      );
      await expectRevertUnchanged(s, () => agent.unlock(99n), "ClaimNotLockedByCaller", [99n, agent.address], {
        ids: [99n],
      });
    });

    describe("when the operator stopped trusting the locker", () => {
      it("lets the holder unlock the orphaned claim and move it", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        await agent.lock(id);
        await changeAgentTrust(s, agent.address, false);
        await expect(s.claims.connect(s.sme).unlock(id)).to.emit(s.claims, "Unlocked").withArgs(id);
        expect(await s.claims.locked(id)).to.equal(false);
        await s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id);
      });

      it("still refuses a stranger or a former holder", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        await s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id);
        await agent.lock(id);
        await changeAgentTrust(s, agent.address, false);
        for (const caller of [s.stranger, s.sme]) {
          await expectRevertUnchanged(
            s,
            () => s.claims.connect(caller).unlock(id),
            "ClaimNotLockedByCaller",
            [id, caller.address],
            { ids: [id] },
          );
        }
      });

      it("lets the former agent unlock, but not lock or move", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        const other = await s.issueAccepted();
        await agent.lock(id);
        await changeAgentTrust(s, agent.address, false);
        await expectRevertUnchanged(s, () => agent.lock(other), "ClaimNotAgent", [agent.address], { ids: [other] });
        await expectRevertUnchanged(s, () => agent.transfer(id, s.factor.address), "ClaimNotAgent", [agent.address], {
          ids: [id],
        });
        await expect(agent.unlock(id)).to.emit(s.claims, "Unlocked").withArgs(id);
      });
    });
  });

  describe("agentTransfer", () => {
    describe("when a trusted agent moves an Accepted claim", () => {
      it("makes it Financed: Transfer, ClaimStateChanged, one MetadataUpdate, nonce + 1", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        const nonce = await s.claimLens.claimNonce(id);
        const tx = agent.transfer(id, s.factor.address);
        await expect(tx).to.emit(s.claims, "Transfer").withArgs(s.sme.address, s.factor.address, id);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Financed);
        const receipt = await (await tx).wait();
        const updates = receipt!.logs.filter((l) => s.claims.interface.parseLog(l)?.name === "MetadataUpdate");
        expect(updates.length).to.equal(1);
        expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
        expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 1n);
      });

      it("needs no approval from the holder and leaves none behind (F3)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await s.issueAccepted();
        await s.claims.connect(s.sme).approve(s.bank.address, id);
        await agent.transfer(id, s.factor.address);
        expect(await s.claims.getApproved(id)).to.equal(ZeroAddress);
        for (const holder of [s.sme, s.factor]) {
          expect(await s.claims.isApprovedForAll(holder.address, agent.address)).to.equal(false);
          expect(await s.claims.isApprovedForAll(holder.address, s.bank.address)).to.equal(false);
        }
        await expect(s.claims.connect(s.bank).transferFrom(s.factor.address, s.bank.address, id))
          .to.be.revertedWithCustomError(s.claims, "ERC721InsufficientApproval")
          .withArgs(s.bank.address, id);
      });
    });

    it("keeps a Financed claim Financed on resale, without ClaimStateChanged", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await reachState(s, State.Financed, { agent });
      const nonce = await s.claimLens.claimNonce(id);
      const tx = agent.transfer(id, s.bank.address);
      await expect(tx).to.emit(s.claims, "Transfer").withArgs(s.factor.address, s.bank.address, id);
      await expect(tx).not.to.emit(s.claims, "ClaimStateChanged");
      expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
      expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 1n);
    });

    it("releases the caller's own lock as it moves the claim", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await s.issueAccepted();
      await agent.lock(id);
      const tx = agent.transfer(id, s.factor.address);
      await expect(tx).to.emit(s.claims, "Unlocked").withArgs(id);
      await expect(tx).to.emit(s.claims, "Transfer").withArgs(s.sme.address, s.factor.address, id);
      expect(await s.claims.locked(id)).to.equal(false);
    });

    it("keeps the lock when the move is refused", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await s.issueAccepted();
      await agent.lock(id);
      await expectRevertUnchanged(
        s,
        () => agent.transfer(id, s.stranger.address),
        "ClaimTransferNotAllowed",
        [id, s.sme.address, s.stranger.address],
        { ids: [id] },
      );
      expect(await s.claims.lockedBy(id)).to.equal(agent.address);
    });

    it("follows the transfer rules: unverified recipient, the holder itself, the zero address", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await s.issueAccepted();
      await expectRevertUnchanged(
        s,
        () => agent.transfer(id, s.sme.address),
        "ClaimTransferNotAllowed",
        [id, s.sme.address, s.sme.address],
        { ids: [id] },
      );
      await expectRevertUnchanged(s, () => agent.transfer(id, ZeroAddress), "ERC721InvalidReceiver", [ZeroAddress], {
        ids: [id],
      });
    });

    it("reverts with ClaimNotAgent for an EOA or an untrusted contract", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const untrusted = await deployAgent(s, { trusted: false });
      const id = await s.issueAccepted();
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.factor).agentTransfer(id, s.factor.address),
        "ClaimNotAgent",
        [s.factor.address],
        { ids: [id] },
      );
      await expectRevertUnchanged(
        s,
        () => untrusted.transfer(id, s.factor.address),
        "ClaimNotAgent",
        [untrusted.address],
        { ids: [id] },
      );
    });

    it("reverts with ClaimNotFound for an unknown id", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      await expectRevertUnchanged(s, () => agent.transfer(5n, s.factor.address), "ClaimNotFound", [5n], {
        ids: [5n],
      });
    });

    describe("when the recipient is a contract whose receive hook misbehaves (H2)", () => {
      for (const [mode, value] of [
        ["reverts", HostileMode.Revert],
        ["answers a wrong value", HostileMode.WrongValue],
        ["burns all gas", HostileMode.BurnGas],
      ] as const) {
        it(`still delivers when the hook ${mode}: no safe transfer, the hook is never called`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const agent = await deployAgent(s);
          const receiver = await new HostileReceiver__factory(s.factor).deploy(s.factor.address);
          const receiverAddress = await receiver.getAddress();
          await s.registry.verify(receiverAddress, Role.Factor, (await s.now()) + 365n * DAY);
          await receiver.connect(s.factor).setMode(value);
          const id = await s.issueAccepted();
          await agent.transfer(id, receiverAddress);
          expect(await s.claims.ownerOf(id)).to.equal(receiverAddress);
          expect(await receiver.receivedCount()).to.equal(0n);
          expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
        });
      }

      it("while a holder's safeTransferFrom to it fails with the hook's error", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const receiver = await new HostileReceiver__factory(s.factor).deploy(s.factor.address);
        const receiverAddress = await receiver.getAddress();
        await s.registry.verify(receiverAddress, Role.Factor, (await s.now()) + 365n * DAY);
        await receiver.connect(s.factor).setMode(HostileMode.Revert);
        const id = await s.issueAccepted();
        const before = await snapshot(s, { ids: [id] });
        await expect(
          s.claims.connect(s.sme)["safeTransferFrom(address,address,uint256)"](s.sme.address, receiverAddress, id),
        )
          .to.be.revertedWithCustomError(receiver, "HostileReceiverRejected")
          .withArgs(id);
        expect(await snapshot(s, { ids: [id] })).to.deep.equal(before);
      });
    });
  });

  describe("voidOrders", () => {
    describe("when a trusted agent voids a claim's orders", () => {
      it("bumps the nonce by one and emits ClaimOrdersVoided and MetadataUpdate; nothing else moves", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await reachState(s, State.Financed, { agent });
        await agent.lock(id);
        const before = await s.claimLens.claim(id);
        const tx = agent.voidOrders(id);
        await expect(tx)
          .to.emit(s.claims, "ClaimOrdersVoided")
          .withArgs(id, agent.address, before.nonce + 1n);
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
        await expect(tx).not.to.emit(s.claims, "ClaimStateChanged");
        await expect(tx).not.to.emit(s.claims, "Transfer");
        const after = await s.claimLens.claim(id);
        expect(await s.claimLens.claimNonce(id)).to.equal(before.nonce + 1n);
        expect(after.state).to.equal(before.state);
        expect(after.amountPaid).to.equal(before.amountPaid);
        expect(await s.claims.lockedBy(id)).to.equal(agent.address);
        expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
      });

      it("works in any state, a terminal one included", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const id = await reachState(s, State.Settled, { agent });
        const nonce = await s.claimLens.claimNonce(id);
        await expect(agent.voidOrders(id))
          .to.emit(s.claims, "ClaimOrdersVoided")
          .withArgs(id, agent.address, nonce + 1n);
      });
    });

    describe("when the caller is not a trusted agent", () => {
      it("reverts with ClaimNotAgent(caller) for an account, a distrusted agent and the holder, and nothing moves", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const distrusted = await deployAgent(s, { trusted: false });
        const id = await s.issueAccepted();
        for (const caller of [s.stranger, s.sme, s.debtor, s.operator]) {
          await expectRevertUnchanged(
            s,
            () => s.claims.connect(caller).voidOrders(id),
            "ClaimNotAgent",
            [caller.address],
            {
              ids: [id],
            },
          );
        }
        await expect(distrusted.voidOrders(id))
          .to.be.revertedWithCustomError(s.claims, "ClaimNotAgent")
          .withArgs(distrusted.address);
        expect(await s.claimLens.claimNonce(id)).to.equal((await s.claimLens.claim(id)).nonce);
      });
    });

    describe("when no claim has the id", () => {
      it("reverts with ClaimNotFound(claimId)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        await s.issue();
        for (const id of [0n, 2n]) {
          await expect(agent.voidOrders(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
        }
      });
    });
  });

  describe("ERC-5192", () => {
    it("locked() reverts with ClaimNotFound for an unknown id", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issue();
      for (const id of [0n, 2n]) {
        await expect(s.claims.locked(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
      }
      expect(await s.claims.lockedBy(2n)).to.equal(ZeroAddress);
    });

    it("locked() follows lock and unlock", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await s.issue();
      expect(await s.claims.locked(id)).to.equal(false);
      await agent.lock(id);
      expect(await s.claims.locked(id)).to.equal(true);
      await agent.unlock(id);
      expect(await s.claims.locked(id)).to.equal(false);
    });
  });

  describe("ERC-4906: MetadataUpdate on every state change", () => {
    const transitions: [string, (s: System) => Promise<{ id: bigint; tx: Promise<ContractTransactionResponse> }>][] = [
      [
        "accept",
        async (s) => {
          const id = await s.issue();
          return { id, tx: s.claims.connect(s.debtor).accept(id) };
        },
      ],
      [
        "reject",
        async (s) => {
          const id = await s.issue();
          return { id, tx: s.claims.connect(s.debtor).reject(id) };
        },
      ],
      [
        "cancel",
        async (s) => {
          const id = await s.issue();
          return { id, tx: s.claims.connect(s.sme).cancel(id) };
        },
      ],
      [
        "expire",
        async (s) => {
          const id = await s.issue();
          await time.setNextBlockTimestamp((await s.claimLens.claim(id)).acceptanceDeadline + 1n);
          return { id, tx: s.claims.connect(s.stranger).expire(id) };
        },
      ],
      [
        "poke (Overdue)",
        async (s) => {
          const id = await s.issueAccepted();
          await time.setNextBlockTimestamp((await s.claimLens.claim(id)).dueDate + 1n);
          return { id, tx: s.claims.connect(s.stranger).poke(id) };
        },
      ],
      [
        "poke (Defaulted)",
        async (s) => {
          const id = await reachState(s, State.Overdue);
          await time.increase(60n * DAY);
          return { id, tx: s.claims.connect(s.stranger).poke(id) };
        },
      ],
      [
        "dispute",
        async (s) => {
          const id = await s.issueAccepted();
          return { id, tx: s.claims.connect(s.debtor).dispute(id, EVIDENCE) };
        },
      ],
      [
        "resolve",
        async (s) => {
          const id = await reachState(s, State.Disputed);
          const { faceValue } = await s.claimLens.claim(id);
          return { id, tx: s.claims.connect(s.operator).resolve(id, Outcome.Upheld, faceValue) };
        },
      ],
      [
        "writeOff",
        async (s) => {
          const id = await reachState(s, State.Defaulted);
          return { id, tx: s.claims.connect(s.sme).writeOff(id) };
        },
      ],
      [
        "pay in full (Settled)",
        async (s) => {
          const id = await s.issueAccepted();
          return { id, tx: s.claims.connect(s.debtor).pay(id, (await s.claimLens.claim(id)).faceValue) };
        },
      ],
      [
        "agentTransfer (Financed)",
        async (s) => {
          const agent = await deployAgent(s);
          const id = await s.issueAccepted();
          return { id, tx: agent.transfer(id, s.factor.address) };
        },
      ],
    ];

    for (const [name, run] of transitions) {
      it(`${name} emits ClaimStateChanged and MetadataUpdate`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, tx } = await run(s);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged");
        await expect(tx).to.emit(s.claims, "MetadataUpdate").withArgs(id);
      });
    }
  });

  describe("supportsInterface", () => {
    for (const [name, interfaceId] of [
      ["ERC-165", "0x01ffc9a7"],
      ["ERC-721", "0x80ac58cd"],
      ["ERC-721 Metadata", "0x5b5e139f"],
      ["ERC-4906", "0x49064906"],
      ["ERC-5192", "0xb45a3c0e"],
    ] as const) {
      it(`supports ${name} (${interfaceId})`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        expect(await s.claims.supportsInterface(interfaceId)).to.equal(true);
      });
    }

    it("derives the ERC-5192 id from locked(uint256)", async () => {
      expect(selectorOf("locked(uint256)").slice(0, 10)).to.equal("0xb45a3c0e");
    });

    // 0x780e9d63 is ERC-721 Enumerable: claim ids run from 1 to claimCount() and claimsOf scans them for a
    // holder's claims, so the contract pays for no token index.
    for (const interfaceId of ["0xffffffff", "0x00000000", "0x12345678", "0x780e9d63"]) {
      it(`does not support ${interfaceId}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        expect(await s.claims.supportsInterface(interfaceId)).to.equal(false);
      });
    }
  });
});
