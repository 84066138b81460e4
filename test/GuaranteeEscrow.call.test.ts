/**
 * GuaranteeEscrow: calling a guarantee after default (Z1 boundaries), releasing collateral, and subrogation: the
 * claim to the guarantor on full cover, escrow custody and the pro-rata split of recoveries on partial cover.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  COVER,
  FACE,
  PREMIUM,
  deployEscrowSystem,
  expectEscrowRevert,
  expectEscrowSolvent,
  type EscrowSystem,
  type OfferOptions,
} from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { changeAgentTrust } from "./helpers/agents.js";
import {
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  GuaranteeStatus as Status,
  Role,
  splitFee,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

/** An Accepted claim held by the sme with an active guarantee (the fixture's guarantor unless told), defaulted. */
async function defaulted(s: EscrowSystem, options: OfferOptions = {}) {
  const { claimId, guaranteeId } = await s.guaranteedClaim(options);
  const defaultedAt = await s.defaultClaim(claimId);
  return { id: claimId, gid: guaranteeId, defaultedAt };
}

describe("GuaranteeEscrow: call, release and subrogation", () => {
  describe("who may call", () => {
    it("A1: only the holder of record; every other signer gets EscrowNotHolder", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s);
      for (const caller of await ethers.getSigners()) {
        if (caller.address === s.sme.address) continue;
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(caller).callGuarantee(gid, caller),
          "EscrowNotHolder",
          [id, caller.address, s.sme.address],
          { claimIds: [id] },
        );
      }
      expect(await s.escrow.connect(s.sme).callGuarantee.staticCall(gid, s.sme)).to.equal(COVER);
    });

    it("refuses an offer never activated, a withdrawn one and an unknown id", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const offered = await s.offerOn(id);
      const withdrawn = await s.offerOn(id, { guarantor: s.bank });
      await s.escrow.connect(s.bank).withdrawOffer(withdrawn);
      await s.defaultClaim(id);
      const watch = { claimIds: [id] };
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).callGuarantee(offered, s.sme),
        "EscrowWrongStatus",
        [offered, Status.Offered],
        watch,
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).callGuarantee(withdrawn, s.sme),
        "EscrowWrongStatus",
        [withdrawn, Status.Withdrawn],
        watch,
      );
      await expectEscrowRevert(s, () => s.escrow.connect(s.sme).callGuarantee(9n, s.sme), "EscrowUnknownGuarantee", [
        9n,
      ]);
    });
  });

  describe("the payout's recipient", () => {
    it("the payout goes straight to the address the holder names, not to its ledger", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s);
      const liabilities = await s.escrow.totalLiabilities(s.usdcAddress);
      const call = s.escrow.connect(s.sme).callGuarantee(gid, s.stranger);
      await expect(call)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.stranger.address, COVER, 0n, false);
      await expect(call).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.stranger, s.sme, s.guarantor, s.escrow],
        [COVER, 0n, 0n, -COVER],
      );
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(liabilities - COVER);
      expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.credited(s.stranger.address, s.usdcAddress)).to.equal(0n);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("refuses the zero address and the escrow itself with EscrowInvalidRecipient; nothing moves", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s);
      for (const to of [ZeroAddress, s.escrowAddress]) {
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.sme).callGuarantee(gid, to),
          "EscrowInvalidRecipient",
          [to],
          { claimIds: [id] },
        );
      }
      expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Active));
    });
  });

  describe("Z1: the default clock (due date m, grace g, window w)", () => {
    it("at m the claim is not even overdue: the call's poke reverts with the claim's ClaimNotYetOverdue", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      const { m } = await s.clockOf(id);
      await expectEscrowRevert(
        s,
        async () => {
          await s.pinNext(m);
          return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
        },
        "ClaimNotYetOverdue",
        [id, m, m],
        { claimIds: [id] },
        s.claims,
      );
    });

    it("at m+1 (poked Overdue), the call pokes and reverts with the claim's ClaimNotYetDefaultable", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      const { m, g } = await s.clockOf(id);
      await s.pinNext(m + 1n);
      await s.claims.connect(s.stranger).poke(id);
      expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Overdue));
      await expectEscrowRevert(
        s,
        async () => {
          await s.pinNext(m + 2n);
          return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
        },
        "ClaimNotYetDefaultable",
        [id, m + g, m + 2n],
        { claimIds: [id] },
        s.claims,
      );
    });

    it("at m+g the Overdue claim is still not defaultable", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      const { m, g } = await s.clockOf(id);
      await s.driveTo(id, State.Overdue);
      await expectEscrowRevert(
        s,
        async () => {
          await s.pinNext(m + g);
          return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
        },
        "ClaimNotYetDefaultable",
        [id, m + g, m + g],
        { claimIds: [id] },
        s.claims,
      );
    });

    it("at m+g+1 the call itself declares the Overdue claim Defaulted and pays", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      const { m, g, w } = await s.clockOf(id);
      await s.driveTo(id, State.Overdue);
      await s.pinNext(m + g + 1n);
      const tx = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
      await expect(tx)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, COVER, 0n, false);
      expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Defaulted));
      expect(await s.escrow.callDeadline(gid)).to.equal(m + g + w);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow], [COVER, -COVER]);
      expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(0n);
    });

    it("an Accepted claim past its grace that nobody poked: the call declares the default (Accepted -> Overdue -> Defaulted) and pays", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      const { m, g } = await s.clockOf(id);
      await s.pinNext(m + g + 1n);
      const tx = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Overdue);
      await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
      await expect(tx)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, COVER, 0n, false);
      expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Called));
      expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Defaulted));
    });

    it("an Accepted claim past its due date but within its grace: the call pokes it Overdue, then refuses; nothing moves", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      const { m } = await s.clockOf(id);
      await expectEscrowRevert(
        s,
        async () => {
          await s.pinNext(m + 1n);
          return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
        },
        "EscrowWrongClaimState",
        [id, State.Overdue],
        { claimIds: [id] },
      );
    });

    it("the call succeeds at m + g + w exactly (defaultedAt + w would be later); release is refused then", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid, defaultedAt } = await defaulted(s);
      const { m, g, w } = await s.clockOf(id);
      expect(defaultedAt).to.be.greaterThan(m + g);
      expect(await s.escrow.callDeadline(gid)).to.equal(m + g + w);
      await expectEscrowRevert(
        s,
        async () => {
          await s.pinNext(m + g + w - 1n);
          return s.escrow.connect(s.stranger).release(gid);
        },
        "EscrowNotReleasable",
        [gid],
        { claimIds: [id] },
      );
      await s.pinNext(m + g + w);
      await expect(s.escrow.connect(s.sme).callGuarantee(gid, s.sme))
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, COVER, 0n, false);
    });

    it("at m + g + w the collateral is not releasable, and at + 1 the call is refused and release works", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s);
      const { m, g, w } = await s.clockOf(id);
      const deadline = m + g + w;
      await expectEscrowRevert(
        s,
        async () => {
          await s.pinNext(deadline);
          return s.escrow.connect(s.stranger).release(gid);
        },
        "EscrowNotReleasable",
        [gid],
        { claimIds: [id] },
      );
      await expectEscrowRevert(
        s,
        async () => {
          await s.pinNext(deadline + 1n);
          return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
        },
        "EscrowCallWindowClosed",
        [gid, deadline, deadline + 1n],
        { claimIds: [id] },
      );
      const tx = s.escrow.connect(s.stranger).release(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeReleased").withArgs(gid, id, s.guarantor.address, COVER);
      await expect(tx).to.emit(s.escrow, "Credited").withArgs(s.guarantor.address, s.usdcAddress, COVER);
      expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Released));
      expect(await s.escrow.guaranteeOfClaim(id)).to.equal(0n);
      expect(await s.escrow.isGuaranteed(id)).to.equal(false);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("uses the window of the rules the claim was issued under, not the rules in force at the call", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s);
      const { m, g, w } = await s.clockOf(id);
      const rules = await s.registry.currentRules();
      await s.registry.connect(s.operator).setMarketRules({
        minTenor: rules.minTenor,
        maxTenor: rules.maxTenor,
        acceptanceWindow: rules.acceptanceWindow,
        defaultGrace: rules.defaultGrace,
        guaranteeClaimWindow: 1n,
        saleFeeBps: rules.saleFeeBps,
        premiumFeeBps: rules.premiumFeeBps,
        treasury: rules.treasury,
      });
      expect(await s.escrow.callDeadline(gid)).to.equal(m + g + w);
      await s.pinNext(m + g + w);
      await s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Called));
    });
  });

  describe("A2: calls the claim's state forbids", () => {
    it("refuses a second call with EscrowWrongStatus (Called)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s, { cover: FACE });
      await s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      // The guarantor now holds the claim: the caller is no longer the holder, and the status is Called either way.
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).callGuarantee(gid, s.guarantor),
        "EscrowWrongStatus",
        [gid, Status.Called],
        { claimIds: [id] },
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).callGuarantee(gid, s.sme),
        "EscrowWrongStatus",
        [gid, Status.Called],
        { claimIds: [id] },
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).release(gid),
        "EscrowWrongStatus",
        [gid, Status.Called],
        { claimIds: [id] },
      );
    });

    for (const state of [State.Settled, State.Voided]) {
      const name = state === State.Settled ? "Settled" : "Voided";
      it(`refuses a call on a ${name} claim; anyone releases the collateral`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
        await s.driveTo(id, state);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.sme).callGuarantee(gid, s.sme),
          "EscrowWrongClaimState",
          [id, state],
          { claimIds: [id] },
        );
        await expect(s.escrow.connect(s.stranger).release(gid))
          .to.emit(s.escrow, "GuaranteeReleased")
          .withArgs(gid, id, s.guarantor.address, COVER);
        expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(COVER);
        await expectEscrowSolvent(s, s.usdc);
      });
    }

    it("a claim paid in full after default settles: no call, release instead", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s);
      await s.claims.connect(s.debtor).pay(id, FACE);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).callGuarantee(gid, s.sme),
        "EscrowWrongClaimState",
        [id, State.Settled],
        { claimIds: [id] },
      );
      await s.escrow.connect(s.stranger).release(gid);
      expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Released));
    });

    it("a WrittenOff claim may still be called within the window", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s);
      await s.claims.connect(s.sme).writeOff(id);
      await expect(s.escrow.connect(s.sme).callGuarantee(gid, s.sme))
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, COVER, 0n, false);
      expect(await s.claims.ownerOf(id)).to.equal(s.escrowAddress);
    });

    it("release is refused before default (Accepted, Overdue) and on an Offered guarantee", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      const offered = await s.offerOn(id, { guarantor: s.bank });
      await expectEscrowRevert(s, () => s.escrow.connect(s.stranger).release(gid), "EscrowNotReleasable", [gid], {
        claimIds: [id],
      });
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.bank).release(offered),
        "EscrowWrongStatus",
        [offered, Status.Offered],
        { claimIds: [id] },
      );
      await s.driveTo(id, State.Overdue);
      await expectEscrowRevert(s, () => s.escrow.connect(s.guarantor).release(gid), "EscrowNotReleasable", [gid], {
        claimIds: [id],
      });
    });

    it("calling, releasing, distributing and taking are all allowed while paused", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const lapsed = await defaulted(s, { cover: FACE });
      const settled = await s.guaranteedClaim({ guarantor: s.bank });
      await s.claims.connect(s.debtor).pay(settled.claimId, FACE);
      await s.registry.connect(s.operator).revoke(s.guarantor.address, Role.Guarantor);
      await s.registry.connect(s.operator).pause();
      await s.escrow.connect(s.sme).callGuarantee(lapsed.gid, s.sme);
      await s.claims.connect(s.debtor).pay(lapsed.id, 10n);
      await s.escrow.connect(s.stranger).distribute(lapsed.id);
      await s.escrow.connect(s.stranger).release(settled.guaranteeId);
      await s.registry.connect(s.operator).unpause();
      await s.registry.connect(s.operator).verify(s.guarantor.address, Role.Guarantor, (await s.now()) + 100n * DAY);
      await s.registry.connect(s.operator).pause();
      await s.escrow.connect(s.guarantor).takeClaim(lapsed.id);
      await s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.guarantor.address);
      expect(await s.claims.ownerOf(lapsed.id)).to.equal(s.guarantor.address);
    });
  });

  describe("full cover", () => {
    it("pays the holder the outstanding amount straight and moves the claim to the guarantor", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s, { cover: FACE });
      const liabilities = await s.escrow.totalLiabilities(s.usdcAddress);
      const tx = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await expect(tx)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, FACE, 0n, true);
      await expect(tx).to.emit(s.escrow, "Subrogated").withArgs(id, s.guarantor.address, false);
      await expect(tx).not.to.emit(s.escrow, "Credited");
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.guarantor, s.escrow], [FACE, 0n, -FACE]);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(liabilities - FACE);
      expect(await s.claims.ownerOf(id)).to.equal(s.guarantor.address);
      expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(0n);
      expect((await s.escrow.subrogation(id)).guarantor).to.equal(ZeroAddress);
      expect(await s.escrow.isGuaranteed(id)).to.equal(false);
      expect(await s.escrow.guaranteeOfClaim(id)).to.equal(gid);
      // The debtor's late payment goes to the guarantor, the new holder, through the claim contract.
      await s.claims.connect(s.debtor).pay(id, 2_000n * USD);
      expect(await s.claims.owed(s.guarantor.address, s.usdcAddress)).to.equal(2_000n * USD);
      expect(await s.claims.owed(s.sme.address, s.usdcAddress)).to.equal(0n);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("after a partial payment: the holder gets min(cover, outstanding), the excess cover goes back", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ cover: FACE });
      await s.claims.connect(s.debtor).pay(id, 3_000n * USD);
      await s.defaultClaim(id);
      expect(await s.escrow.connect(s.sme).callGuarantee.staticCall(gid, s.sme)).to.equal(7_000n * USD);
      const tx = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await expect(tx)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, 7_000n * USD, 3_000n * USD, true);
      await expect(tx)
        .to.emit(s.escrow, "Credited")
        .withArgs(s.guarantor.address, s.usdcAddress, 3_000n * USD);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.sme, s.guarantor, s.escrow],
        [7_000n * USD, 0n, -7_000n * USD],
      );
      expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(3_000n * USD);
      expect(await s.claims.ownerOf(id)).to.equal(s.guarantor.address);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("a cover exactly equal to the outstanding amount at the call is full cover", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ cover: 6_000n * USD });
      await s.claims.connect(s.debtor).pay(id, 4_000n * USD);
      await s.defaultClaim(id);
      await expect(s.escrow.connect(s.sme).callGuarantee(gid, s.sme))
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, 6_000n * USD, 0n, true);
      expect(await s.claims.ownerOf(id)).to.equal(s.guarantor.address);
    });

    it("guarantor's verification lapsed: custody; takeClaim refused until re-verified; recoveries go to it", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s, { cover: FACE });
      await s.registry.connect(s.operator).revoke(s.guarantor.address, Role.Guarantor);
      const tx = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await expect(tx)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, FACE, 0n, true);
      await expect(tx).to.emit(s.escrow, "Subrogated").withArgs(id, s.guarantor.address, true);
      expect(await s.claims.ownerOf(id)).to.equal(s.escrowAddress);
      expect([...(await s.escrow.subrogation(id))]).to.deep.equal([
        s.sme.address,
        s.guarantor.address,
        FACE,
        FACE,
        0n,
        0n,
        0n,
        false,
      ]);

      await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
      expect([...(await s.escrow.pendingRecovery(id))]).to.deep.equal([0n, 1_000n * USD]);
      await expect(s.escrow.connect(s.stranger).distribute(id))
        .to.emit(s.escrow, "RecoveryDistributed")
        .withArgs(id, 0n, 1_000n * USD);
      await s.claims.connect(s.debtor).pay(id, 500n * USD);

      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).takeClaim(id),
        "ClaimTransferNotAllowed",
        [id, s.escrowAddress, s.guarantor.address],
        { claimIds: [id] },
        s.claims,
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).takeClaim(id),
        "EscrowNotGuarantor",
        [gid, s.sme.address],
        { claimIds: [id] },
      );

      await s.registry.connect(s.operator).verify(s.guarantor.address, Role.Guarantor, (await s.now()) + DAY);
      const take = s.escrow.connect(s.guarantor).takeClaim(id);
      await expect(take)
        .to.emit(s.escrow, "RecoveryDistributed")
        .withArgs(id, 0n, 500n * USD);
      await expect(take).to.emit(s.escrow, "SubrogatedClaimTaken").withArgs(id, s.guarantor.address);
      expect(await s.claims.ownerOf(id)).to.equal(s.guarantor.address);
      expect((await s.escrow.subrogation(id)).released).to.equal(true);
      expect((await s.escrow.subrogation(id)).guarantorRecovered).to.equal(1_500n * USD);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(1_500n * USD);
      expect([...(await s.escrow.pendingRecovery(id))]).to.deep.equal([0n, 0n]);
      await expectEscrowRevert(s, () => s.escrow.distribute(id), "EscrowNoSubrogation", [id], { claimIds: [id] });
      await expectEscrowRevert(s, () => s.escrow.connect(s.guarantor).takeClaim(id), "EscrowNoSubrogation", [id], {
        claimIds: [id],
      });
      // Later payments go straight to the guarantor through the claim contract.
      await s.claims.connect(s.debtor).pay(id, 100n * USD);
      expect(await s.claims.owed(s.guarantor.address, s.usdcAddress)).to.equal(100n * USD);
      expect(await s.claims.owed(s.escrowAddress, s.usdcAddress)).to.equal(0n);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("a holder whose own verification lapsed still calls: the claim goes into custody, the guarantor takes it", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { id, gid } = await defaulted(s, { cover: FACE });
      await s.registry.connect(s.operator).revoke(s.sme.address, Role.Originator);
      await s.registry.connect(s.operator).revoke(s.sme.address, Role.Guarantor);
      expect(await s.registry.isVerifiedAny(s.sme.address)).to.equal(false);
      expect(await s.claimLens.canTransfer(s.sme.address, s.guarantor.address, id)).to.equal(false);
      const call = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await expect(call).to.emit(s.escrow, "Subrogated").withArgs(id, s.guarantor.address, true);
      await expect(call).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow], [FACE, -FACE]);
      expect(await s.claims.ownerOf(id)).to.equal(s.escrowAddress);
      expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(0n);
      await s.escrow.connect(s.guarantor).takeClaim(id);
      expect(await s.claims.ownerOf(id)).to.equal(s.guarantor.address);
    });
  });

  describe("partial cover", () => {
    it("keeps the claim in custody and splits recoveries pro rata on the running total, exact at the end", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      // The debtor paid 1 USD before default: outstanding 9,999 USD; the cover is 3,333 USD (a third).
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ cover: 3_333n * USD });
      await s.claims.connect(s.debtor).pay(id, 1n * USD);
      await s.defaultClaim(id);
      const outstanding = 9_999n * USD;
      const covered = 3_333n * USD;
      const call = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await expect(call)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, covered, 0n, false);
      await expect(call).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow], [covered, -covered]);
      await expect(call).to.emit(s.escrow, "Subrogated").withArgs(id, s.guarantor.address, true);
      expect(await s.claims.ownerOf(id)).to.equal(s.escrowAddress);
      expect([...(await s.escrow.subrogation(id))]).to.deep.equal([
        s.sme.address,
        s.guarantor.address,
        outstanding,
        covered,
        1n * USD,
        0n,
        0n,
        false,
      ]);
      await expectEscrowRevert(s, () => s.escrow.distribute(id), "EscrowNothingToDistribute", [id], {
        claimIds: [id],
      });
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).takeClaim(id),
        "EscrowPartialCover",
        [id, covered, outstanding],
        { claimIds: [id] },
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.stranger).takeClaim(id),
        "EscrowNotGuarantor",
        [gid, s.stranger.address],
        { claimIds: [id] },
      );

      const smeBase = await s.escrow.credited(s.sme.address, s.usdcAddress);
      const guarantorBase = await s.escrow.credited(s.guarantor.address, s.usdcAddress);
      let paid = 0n;
      let toGuarantorSoFar = 0n;
      // Payments: 1 unit (a third of it rounds to 0), 2 units (the running total 3 gives exactly 1), an odd
      // amount, and the rest.
      for (const amount of [1n, 2n, 1_234_567n, outstanding - 3n - 1_234_567n]) {
        await s.claims.connect(s.debtor).pay(id, amount);
        paid += amount;
        const guarantorTotal = (paid * covered) / outstanding;
        const expectGuarantor = guarantorTotal - toGuarantorSoFar;
        const expectHolder = amount - expectGuarantor;
        expect([...(await s.escrow.pendingRecovery(id))]).to.deep.equal([expectHolder, expectGuarantor]);
        await expect(s.escrow.connect(s.stranger).distribute(id))
          .to.emit(s.escrow, "RecoveryDistributed")
          .withArgs(id, expectHolder, expectGuarantor);
        toGuarantorSoFar = guarantorTotal;
        const rec = await s.escrow.subrogation(id);
        expect(rec.recovered).to.equal(paid);
        expect(rec.guarantorRecovered).to.equal(guarantorTotal);
        await expectEscrowSolvent(s, s.usdc);
      }
      // Spot values of the rounding rule.
      expect(paid).to.equal(outstanding);
      expect(toGuarantorSoFar).to.equal(covered);
      expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Settled));
      expect((await s.escrow.credited(s.guarantor.address, s.usdcAddress)) - guarantorBase).to.equal(covered);
      expect((await s.escrow.credited(s.sme.address, s.usdcAddress)) - smeBase).to.equal(outstanding - covered);
      // The holder was paid the cover at the call and is credited its share of the recoveries: the whole
      // outstanding amount.
      expect(smeBase).to.equal(0n);
      expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(outstanding - covered);
      await expectEscrowRevert(s, () => s.escrow.distribute(id), "EscrowNothingToDistribute", [id], {
        claimIds: [id],
      });
      expect(await s.claims.owed(s.escrowAddress, s.usdcAddress)).to.equal(0n);
    });

    it("the running-total rule: first payment 1 unit on a 1/3 share credits the holder 1 and the guarantor 0", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ cover: 3_333n * USD });
      await s.claims.connect(s.debtor).pay(id, 1n * USD);
      await s.defaultClaim(id);
      await s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      await s.claims.connect(s.debtor).pay(id, 1n);
      expect([...(await s.escrow.pendingRecovery(id))]).to.deep.equal([1n, 0n]);
      await s.claims.connect(s.debtor).pay(id, 2n);
      // Not distributed yet: 3 units pending, of which exactly a third.
      expect([...(await s.escrow.pendingRecovery(id))]).to.deep.equal([2n, 1n]);
    });

    it("distribute collects from the claim contract once for several custody claims; each split stays its own", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const a = await defaulted(s, { cover: 4_000n * USD });
      await s.escrow.connect(s.sme).callGuarantee(a.gid, s.sme);
      const b = await s.guaranteedClaim({ cover: 2_500n * USD, guarantor: s.bank });
      await s.defaultClaim(b.claimId);
      await s.escrow.connect(s.sme).callGuarantee(b.guaranteeId, s.sme);
      await s.claims.connect(s.debtor).pay(a.id, 1_000n * USD);
      await s.claims.connect(s.debtor).pay(b.claimId, 1_000n * USD);
      expect(await s.claims.owed(s.escrowAddress, s.usdcAddress)).to.equal(2_000n * USD);
      const first = s.escrow.distribute(a.id);
      await expect(first)
        .to.emit(s.escrow, "RecoveryDistributed")
        .withArgs(a.id, 600n * USD, 400n * USD);
      await expect(first).to.changeTokenBalances(ethers, s.usdc, [s.escrow, s.claims], [2_000n * USD, -2_000n * USD]);
      // b's 1,000 USD came in with a's: a liability until distributed, never fees for the treasury to collect.
      const fees = splitFee(PREMIUM, RULES.premiumFeeBps).fee * 2n;
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(fees);
      await expectEscrowSolvent(s, s.usdc);
      await expect(s.escrow.distribute(b.claimId))
        .to.emit(s.escrow, "RecoveryDistributed")
        .withArgs(b.claimId, 750n * USD, 250n * USD);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal((await s.usdc.balanceOf(s.escrowAddress)) - fees);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("EscrowNoSubrogation on a claim never in custody", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id } = await s.guaranteedClaim();
      await expectEscrowRevert(s, () => s.escrow.distribute(id), "EscrowNoSubrogation", [id], { claimIds: [id] });
      await expectEscrowRevert(s, () => s.escrow.connect(s.guarantor).takeClaim(id), "EscrowNoSubrogation", [id], {
        claimIds: [id],
      });
    });
  });

  describe("a claim locked by a market listing", () => {
    it("the call reverts with the claim's ClaimIsLocked; it works once the seller delists", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      await s.market.connect(s.sme).list(id, 9_000n * USD, 0n, (await s.now()) + DAY);
      await s.defaultClaim(id);
      const marketAddress = await s.market.getAddress();
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).callGuarantee(gid, s.sme),
        "ClaimIsLocked",
        [id, marketAddress],
        { claimIds: [id] },
        s.claims,
      );
      await s.market.connect(s.sme).delist(id);
      await s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      expect(await s.claims.ownerOf(id)).to.equal(s.escrowAddress);
    });
  });

  describe("the guarantor holds the claim", () => {
    it("cannot call (EscrowGuarantorHoldsClaim) but may release; nobody else may release", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ guarantor: s.bank });
      await s.sell(id, s.bank);
      await s.defaultClaim(id);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.bank).callGuarantee(gid, s.bank),
        "EscrowGuarantorHoldsClaim",
        [gid],
        { claimIds: [id] },
      );
      for (const other of [s.sme, s.stranger, s.guarantor, s.operator]) {
        await expectEscrowRevert(s, () => s.escrow.connect(other).release(gid), "EscrowNotReleasable", [gid], {
          claimIds: [id],
        });
      }
      const tx = s.escrow.connect(s.bank).release(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeReleased").withArgs(gid, id, s.bank.address, COVER);
      expect(await s.escrow.credited(s.bank.address, s.usdcAddress)).to.equal(COVER);
      expect(await s.escrow.isGuaranteed(id)).to.equal(false);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("may release before default too, while it holds a live claim", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ guarantor: s.bank });
      await s.sell(id, s.bank);
      await s.escrow.connect(s.bank).release(gid);
      expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Released));
      expect(await s.escrow.guaranteeOfClaim(id)).to.equal(0n);
    });
  });

  describe("every branch of a call moves the claim, and with it its nonce: orders priced before it are void", () => {
    const branches: { name: string; cover: bigint; revoke: boolean; to: "guarantor" | "escrow" }[] = [
      { name: "full cover: the claim goes to the guarantor", cover: FACE, revoke: false, to: "guarantor" },
      { name: "partial cover: the claim goes into custody", cover: COVER, revoke: false, to: "escrow" },
      { name: "full cover, guarantor unverified: into custody", cover: FACE, revoke: true, to: "escrow" },
    ];
    for (const { name, cover, revoke, to } of branches) {
      it(name, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { id, gid } = await defaulted(s, { cover });
        if (revoke) await s.registry.connect(s.operator).revoke(s.guarantor.address, Role.Guarantor);
        const nonce = await s.claimLens.claimNonce(id);
        const receiver = to === "guarantor" ? s.guarantor.address : s.escrowAddress;
        await expect(s.escrow.connect(s.sme).callGuarantee(gid, s.sme))
          .to.emit(s.claims, "Transfer")
          .withArgs(s.sme.address, receiver, id);
        expect(await s.claims.ownerOf(id)).to.equal(receiver);
        expect(await s.claimLens.claimNonce(id)).to.be.greaterThan(nonce);
      });
    }
  });

  describe("release is an exit", () => {
    it("still credits the guarantor once the operator no longer trusts the escrow as a claim agent", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      await s.driveTo(id, State.Settled);
      await changeAgentTrust(s, s.escrowAddress, false);
      const nonce = await s.claimLens.claimNonce(id);
      const credit = await s.escrow.credited(s.guarantor.address, s.usdcAddress);
      const tx = s.escrow.connect(s.stranger).release(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeReleased").withArgs(gid, id, s.guarantor.address, COVER);
      await expect(tx).not.to.emit(s.claims, "ClaimOrdersVoided");
      expect(await s.claimLens.claimNonce(id)).to.equal(nonce);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(credit + COVER);
      await expectEscrowSolvent(s, s.usdc);
    });
  });
});
