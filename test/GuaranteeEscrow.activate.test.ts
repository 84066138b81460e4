/**
 * GuaranteeEscrow: activating an offer (the holder pays the premium), and the active guarantee following the claim.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  COVER,
  FACE,
  PREMIUM,
  deployEscrowSystem,
  expectEscrowRevert,
  expectEscrowSolvent,
} from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { nameOf } from "./helpers/states.js";
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

describe("GuaranteeEscrow: activate", () => {
  describe("when the holder activates an offer", () => {
    it("splits the premium into the fee kept for the treasury and the net paid to the guarantor, records it Active", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      const fee = splitFee(PREMIUM, RULES.premiumFeeBps).fee;
      const t = await s.pinNext();
      const tx = s.escrow.connect(s.sme).activate(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(gid, id, s.sme.address, PREMIUM, fee);
      await expect(tx).to.not.emit(s.escrow, "Credited");
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.sme, s.escrow, s.guarantor, s.operator],
        [-PREMIUM, fee, PREMIUM - fee, 0n],
      );
      const g = await s.escrow.guarantee(gid);
      expect(g.status).to.equal(BigInt(Status.Active));
      expect(g.activatedAt).to.equal(t);
      expect(await s.escrow.guaranteeOfClaim(id)).to.equal(gid);
      expect(await s.escrow.isGuaranteed(id)).to.equal(true);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.credited(s.operator.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(fee);
      expect(fee).to.equal(250_000n);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("charges the premium fee of the rules in force at activation, not at offer; their treasury collects it", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const premium = 123_456_789n;
      const gid = await s.offerOn(id, { premium });
      await s.registry
        .connect(s.operator)
        .setMarketRules({ ...RULES, premiumFeeBps: 100, treasury: s.stranger.address });
      const fee = 1_234_567n; // 1 % of 123,456,789 rounded down
      expect(splitFee(premium, 100n).fee).to.equal(fee);
      expect([...(await s.escrow.feeFor(premium))]).to.deep.equal([fee, premium - fee]);
      const tx = s.escrow.connect(s.sme).activate(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(gid, id, s.sme.address, premium, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.sme, s.escrow, s.guarantor],
        [-premium, fee, premium - fee],
      );
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(fee);
      expect(await s.escrow.credited(s.stranger.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
      await expectEscrowSolvent(s, s.usdc);
      await expect(s.escrow.connect(s.stranger).withdrawFees(s.usdcAddress, s.stranger.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.stranger],
        [-fee, fee],
      );
    });

    it("with a 0 bps premium fee, pays the whole premium to the guarantor and keeps no fee", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      await s.registry.connect(s.operator).setMarketRules({ ...RULES, premiumFeeBps: 0, treasury: s.operator.address });
      const tx = s.escrow.connect(s.sme).activate(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(gid, id, s.sme.address, PREMIUM, 0n);
      await expect(tx).to.not.emit(s.escrow, "Credited");
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow, s.guarantor], [-PREMIUM, 0n, PREMIUM]);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.credited(s.operator.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(0n);
    });

    it("a premium of 0 pulls nothing and credits nobody", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id, { premium: 0n });
      const tx = s.escrow.connect(s.sme).activate(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(gid, id, s.sme.address, 0n, 0n);
      await expect(tx).to.not.emit(s.escrow, "Credited");
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow], [0n, 0n]);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER);
      expect(await s.escrow.isGuaranteed(id)).to.equal(true);
    });

    it("a premium too small for a fee (399 units at 25 bps) all goes to the guarantor", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id, { premium: 399n });
      const tx = s.escrow.connect(s.sme).activate(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(gid, id, s.sme.address, 399n, 0n);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow, s.guarantor], [-399n, 0n, 399n]);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.credited(s.operator.address, s.usdcAddress)).to.equal(0n);
    });

    for (const [label, offset, ok] of [
      ["expiry - 1", -1n, true],
      ["expiry", 0n, true],
      ["expiry + 1", 1n, false],
    ] as const) {
      it(`at ${label}: ${ok ? "activates" : "refuses with EscrowOfferExpired"}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = (await s.now()) + DAY;
        const gid = await s.offerOn(id, { expiry });
        const at = expiry + offset;
        if (ok) {
          await s.pinNext(at);
          await s.escrow.connect(s.sme).activate(gid);
          expect((await s.escrow.guarantee(gid)).activatedAt).to.equal(at);
        } else {
          await expectEscrowRevert(
            s,
            async () => {
              await s.pinNext(at);
              return s.escrow.connect(s.sme).activate(gid);
            },
            "EscrowOfferExpired",
            [gid, expiry, at],
            { claimIds: [id] },
          );
        }
      });
    }
  });

  describe("when activation is refused", () => {
    it("A1: refuses every signer but the holder with EscrowNotHolder", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      const signers = await ethers.getSigners();
      expect(signers.length).to.be.gte(10);
      for (const caller of signers) {
        if (caller.address === s.sme.address) continue;
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(caller).activate(gid),
          "EscrowNotHolder",
          [id, caller.address, s.sme.address],
          { claimIds: [id] },
        );
      }
      await s.escrow.connect(s.sme).activate(gid);
      expect(await s.escrow.isGuaranteed(id)).to.equal(true);
    });

    it("refuses a second offer once the claim has an active guarantee", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const first = await s.offerOn(id);
      const second = await s.offerOn(id, { guarantor: s.bank });
      await s.escrow.connect(s.sme).activate(first);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(second),
        "EscrowAlreadyGuaranteed",
        [id, first],
        { claimIds: [id] },
      );
      // The second offer is still Offered and can be withdrawn.
      await s.escrow.connect(s.bank).withdrawOffer(second);
      expect(await s.escrow.credited(s.bank.address, s.usdcAddress)).to.equal(COVER);
    });

    it("refuses when the guarantor is no longer a verified guarantor (revoked or suspended)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      await s.registry.connect(s.operator).revoke(s.guarantor.address, Role.Guarantor);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(gid),
        "EscrowNotVerified",
        [s.guarantor.address, Role.Guarantor],
        { claimIds: [id] },
      );
      const bankOffer = await s.offerOn(id, { guarantor: s.bank });
      await s.registry.connect(s.operator).setSuspended(s.bank.address, true);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(bankOffer),
        "EscrowNotVerified",
        [s.bank.address, Role.Guarantor],
        { claimIds: [id] },
      );
    });

    it("refuses the holder activating its own offer (EscrowSelfGuarantee)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id, { guarantor: s.sme });
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(gid),
        "EscrowSelfGuarantee",
        [gid, s.sme.address],
        { claimIds: [id] },
      );
    });

    it("refuses while paused, and when the currency was disallowed after the offer", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      await s.registry.connect(s.operator).pause();
      await expectEscrowRevert(s, () => s.escrow.connect(s.sme).activate(gid), "EscrowPaused", [], {
        claimIds: [id],
      });
      await s.registry.connect(s.operator).unpause();
      await s.registry.connect(s.operator).setCurrencyAllowed(s.usdcAddress, false);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(gid),
        "EscrowCurrencyNotAllowed",
        [s.usdcAddress],
        { claimIds: [id] },
      );
    });

    it("refuses a withdrawn offer, an active guarantee, and an unknown id", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const withdrawn = await s.offerOn(id);
      await s.escrow.connect(s.guarantor).withdrawOffer(withdrawn);
      const active = await s.offerOn(id);
      await s.escrow.connect(s.sme).activate(active);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(withdrawn),
        "EscrowWrongStatus",
        [withdrawn, Status.Withdrawn],
        { claimIds: [id] },
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(active),
        "EscrowWrongStatus",
        [active, Status.Active],
        { claimIds: [id] },
      );
      await expectEscrowRevert(s, () => s.escrow.connect(s.sme).activate(7n), "EscrowUnknownGuarantee", [7n]);
    });

    it("refuses a holder that has not approved enough for the premium (the token's error, nothing moved)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      await s.usdc.connect(s.sme).approve(s.escrowAddress, PREMIUM - 1n);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(gid),
        "ERC20InsufficientAllowance",
        // The net fits the allowance and goes first; the fee pull finds one unit short (the whole call reverts).
        [s.escrowAddress, splitFee(PREMIUM, RULES.premiumFeeBps).fee - 1n, splitFee(PREMIUM, RULES.premiumFeeBps).fee],
        { claimIds: [id] },
        s.usdc,
      );
    });
  });

  describe("in every claim state an offer can reach (offered while Accepted)", () => {
    for (const state of [
      State.Accepted,
      State.Financed,
      State.Overdue,
      State.Defaulted,
      State.WrittenOff,
      State.Disputed,
      State.Voided,
      State.Settled,
    ]) {
      const live = state === State.Accepted || state === State.Financed || State.Overdue === state;
      it(`${nameOf(state)}: ${live ? "activates" : "EscrowWrongClaimState"}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const gid = await s.offerOn(id);
        await s.driveTo(id, state);
        const holder = await s.signer(await s.claims.ownerOf(id));
        if (live) {
          await expect(s.escrow.connect(holder).activate(gid)).to.changeTokenBalances(
            ethers,
            s.usdc,
            [holder, s.escrow, s.guarantor],
            [
              -PREMIUM,
              splitFee(PREMIUM, RULES.premiumFeeBps).fee,
              PREMIUM - splitFee(PREMIUM, RULES.premiumFeeBps).fee,
            ],
          );
          expect(await s.escrow.isGuaranteed(id)).to.equal(true);
        } else {
          await expectEscrowRevert(
            s,
            () => s.escrow.connect(holder).activate(gid),
            "EscrowWrongClaimState",
            [id, state],
            { claimIds: [id] },
          );
        }
      });
    }
  });

  describe("the active guarantee follows the claim", () => {
    it("a buyer activates an offer made to the seller; the guarantee follows two sales; the last holder calls", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      await s.sell(id, s.factor);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(gid),
        "EscrowNotHolder",
        [id, s.sme.address, s.factor.address],
        { claimIds: [id] },
      );
      await expect(s.escrow.connect(s.factor).activate(gid)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.factor, s.escrow, s.guarantor],
        [-PREMIUM, splitFee(PREMIUM, RULES.premiumFeeBps).fee, PREMIUM - splitFee(PREMIUM, RULES.premiumFeeBps).fee],
      );
      await s.sell(id, s.bank, 9_500n * USD);
      expect(await s.escrow.isGuaranteed(id)).to.equal(true);
      expect(await s.escrow.guaranteeOfClaim(id)).to.equal(gid);
      await s.defaultClaim(id);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.factor).callGuarantee(gid, s.factor),
        "EscrowNotHolder",
        [id, s.factor.address, s.bank.address],
        { claimIds: [id] },
      );
      const call = s.escrow.connect(s.bank).callGuarantee(gid, s.bank);
      await expect(call)
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.bank.address, s.bank.address, COVER, 0n, false);
      await expect(call).to.changeTokenBalances(ethers, s.usdc, [s.bank, s.factor, s.escrow], [COVER, 0n, -COVER]);
      expect(await s.escrow.credited(s.factor.address, s.usdcAddress)).to.equal(0n);
    });
  });

  describe("tokenURI's Guarantee attribute", () => {
    it("shows none, then active with the cover, then called", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      expect(await s.guaranteeTrait(id)).to.equal("none");
      const gid = await s.offerOn(id);
      expect(await s.guaranteeTrait(id)).to.equal("none");
      await s.escrow.connect(s.sme).activate(gid);
      expect(await s.guaranteeTrait(id)).to.equal("active, cover 5000.00 USDC");
      await s.defaultClaim(id);
      await s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      expect(await s.guaranteeTrait(id)).to.equal("called");
    });

    it("shows recourse when the originator is the guarantor, and none after release", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id, { guarantor: s.sme, cover: FACE });
      await s.sell(id, s.factor);
      await s.escrow.connect(s.factor).activate(gid);
      expect(await s.guaranteeTrait(id)).to.equal("recourse, cover 10000.00 USDC");
      await s.claims.connect(s.debtor).pay(id, FACE);
      await s.escrow.connect(s.stranger).release(gid);
      expect(await s.guaranteeTrait(id)).to.equal("none");
    });
  });
});
