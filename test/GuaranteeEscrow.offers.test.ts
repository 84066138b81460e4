/**
 * GuaranteeEscrow: offering cover, withdrawing an offer, withdrawing credit, and the views over offers.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { FeeOnTransferToken__factory, GuaranteeEscrow__factory } from "../types/index.js";
import {
  COVER,
  FACE,
  PREMIUM,
  deployEscrowSystem,
  escrowSnapshot,
  expectEscrowRevert,
  expectEscrowSolvent,
  type EscrowSystem,
} from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { expectWindowEdges } from "./helpers/scan.js";
import { CLAIM_STATES, nameOf, reachState, type StateValue } from "./helpers/states.js";
import { ClaimState as State, DAY, GuaranteeStatus as Status, Role } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

const LIVE: readonly StateValue[] = [State.Accepted, State.Financed, State.Overdue];

async function inAYear(s: EscrowSystem): Promise<bigint> {
  return (await s.now()) + 365n * DAY;
}

describe("GuaranteeEscrow: offers", () => {
  describe("offer", () => {
    describe("when a verified guarantor offers cover on an Accepted claim", () => {
      it("pulls exactly the cover, records the offer, emits GuaranteeOffered and returns id 1", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inAYear(s);
        // A year outlives the claim's due date + default grace: the offer is open until the grace ends.
        const { m, g: grace } = await s.clockOf(id);
        expect(expiry).to.be.gt(m + grace);
        expect(await s.escrow.connect(s.guarantor).offer.staticCall(id, COVER, PREMIUM, expiry)).to.equal(1n);
        const tx = s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, expiry);
        await expect(tx)
          .to.emit(s.escrow, "GuaranteeOffered")
          .withArgs(1n, id, s.guarantor.address, COVER, PREMIUM, m + grace);
        await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.guarantor, s.escrow], [-COVER, COVER]);
        const g = await s.escrow.guarantee(1n);
        expect(g.guarantor).to.equal(s.guarantor.address);
        expect(g.offerExpiry).to.equal(m + grace);
        expect(g.status).to.equal(BigInt(Status.Offered));
        expect(g.claimId).to.equal(id);
        expect(g.cover).to.equal(COVER);
        expect(g.premium).to.equal(PREMIUM);
        expect(g.currency).to.equal(s.usdcAddress);
        expect(g.activatedAt).to.equal(0n);
        expect(await s.escrow.guaranteeCount()).to.equal(1n);
        expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER);
        expect(await s.escrow.guaranteeOfClaim(id)).to.equal(0n);
        expect(await s.escrow.isGuaranteed(id)).to.equal(false);
        expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
        await expectEscrowSolvent(s, s.usdc);
      });

      it("accepts cover equal to the outstanding amount, after a partial payment too", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.offerOn(id, { cover: FACE });
        await s.claims.connect(s.debtor).pay(id, 1_234n * USD);
        const outstanding = FACE - 1_234n * USD;
        await s.offerOn(id, { cover: outstanding, guarantor: s.bank });
        expect((await s.escrow.guarantee(2n)).cover).to.equal(outstanding);
        expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(FACE + outstanding);
        expect(await s.usdc.balanceOf(s.escrowAddress)).to.equal(FACE + outstanding);
      });

      it("accepts a premium of 0 and several offers from several guarantors on one claim", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.offerOn(id, { premium: 0n });
        await s.offerOn(id, { guarantor: s.bank, cover: 1n });
        await s.offerOn(id, { guarantor: s.sme, cover: FACE, premium: 7n });
        expect((await s.escrow.guarantee(1n)).premium).to.equal(0n);
        expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER + 1n + FACE);
        await expectEscrowSolvent(s, s.usdc);
      });

      for (const state of LIVE) {
        it(`accepts a ${nameOf(state)} claim`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          await s.offerOn(id);
          expect((await s.escrow.guarantee(1n)).status).to.equal(BigInt(Status.Offered));
        });
      }

      it("keeps an expiry at the grace end exactly, and cuts one a second later to it", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const { m, g } = await s.clockOf(id);
        await s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, m + g);
        await s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, m + g + 1n);
        expect((await s.escrow.guarantee(1n)).offerExpiry).to.equal(m + g);
        expect((await s.escrow.guarantee(2n)).offerExpiry).to.equal(m + g);
      });

      it("refuses a premium above 2^96 - 1 base units with EscrowAmountAboveLimit (a cover is at most the claim's uint96 face value); 2^96 - 1 works", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const max96 = 2n ** 96n - 1n;
        const id = await s.issueAccepted({ faceValue: max96 });
        const expiry = (await s.now()) + DAY;
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, max96 + 1n, PREMIUM, expiry),
          "EscrowInvalidCover",
          [id, max96 + 1n, max96],
          { claimIds: [id] },
        );
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, COVER, max96 + 1n, expiry),
          "EscrowAmountAboveLimit",
          [max96 + 1n, max96],
          { claimIds: [id] },
        );
        await s.usdc.mint(s.guarantor.address, max96);
        await expect(s.escrow.connect(s.guarantor).offer(id, max96, max96, expiry)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.guarantor, s.escrow],
          [-max96, max96],
        );
        const g = await s.escrow.guarantee(1n);
        expect([g.cover, g.premium]).to.deep.equal([max96, max96]);
      });

      it("accepts an expiry one second after the block", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const t = await s.pinNext();
        await s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, t + 1n);
        expect((await s.escrow.guarantee(1n)).offerExpiry).to.equal(t + 1n);
      });
    });

    describe("when the guarantor may not offer", () => {
      it("refuses an account not verified at all (stranger)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.stranger).offer(id, COVER, PREMIUM, expiry),
          "EscrowNotVerified",
          [s.stranger.address, Role.Guarantor],
          { claimIds: [id] },
        );
      });

      it("refuses a verified factor that is not a guarantor", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.factor).offer(id, COVER, PREMIUM, expiry),
          "EscrowNotVerified",
          [s.factor.address, Role.Guarantor],
          { claimIds: [id] },
        );
      });

      it("refuses a guarantor whose role was revoked, suspended, or whose verification expired", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inAYear(s);
        const offer = () => s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, expiry);
        const args = [s.guarantor.address, Role.Guarantor];

        await s.registry.connect(s.operator).revoke(s.guarantor.address, Role.Guarantor);
        await expectEscrowRevert(s, offer, "EscrowNotVerified", args, { claimIds: [id] });

        await s.registry.connect(s.operator).verify(s.guarantor.address, Role.Guarantor, (await s.now()) + DAY);
        await s.registry.connect(s.operator).setSuspended(s.guarantor.address, true);
        await expectEscrowRevert(s, offer, "EscrowNotVerified", args, { claimIds: [id] });

        await s.registry.connect(s.operator).setSuspended(s.guarantor.address, false);
        await networkHelpers.time.increase(DAY);
        await expectEscrowRevert(s, offer, "EscrowNotVerified", args, { claimIds: [id] });
      });

      it("refuses the claim's debtor, even verified as a guarantor", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.registry.connect(s.operator).verify(s.debtor.address, Role.Guarantor, await inAYear(s));
        await s.usdc.connect(s.debtor).approve(s.escrowAddress, ethers.MaxUint256);
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.debtor).offer(id, COVER, PREMIUM, expiry),
          "EscrowGuarantorIsDebtor",
          [id, s.debtor.address],
          { claimIds: [id] },
        );
      });
    });

    describe("when the claim is not live", () => {
      for (const [name, state] of CLAIM_STATES) {
        if (LIVE.includes(state)) continue;
        it(`refuses a ${name} claim with EscrowWrongClaimState`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const id = await reachState(s, state);
          const expiry = await inAYear(s);
          await expectEscrowRevert(
            s,
            () => s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, expiry),
            "EscrowWrongClaimState",
            [id, state],
            { claimIds: [id] },
          );
        });
      }

      it("refuses a claim that does not exist (the claim contract's ClaimNotFound)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(999n, COVER, PREMIUM, expiry),
          "ClaimNotFound",
          [999n],
          {},
          s.claims,
        );
      });
    });

    describe("when the terms are invalid", () => {
      it("refuses a zero cover", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, 0n, PREMIUM, expiry),
          "EscrowInvalidCover",
          [id, 0n, FACE],
          { claimIds: [id] },
        );
      });

      it("refuses a cover one unit above the outstanding amount, before and after a partial payment", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, FACE + 1n, PREMIUM, expiry),
          "EscrowInvalidCover",
          [id, FACE + 1n, FACE],
          { claimIds: [id] },
        );
        await s.claims.connect(s.debtor).pay(id, 4_000n * USD);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, FACE, PREMIUM, expiry),
          "EscrowInvalidCover",
          [id, FACE, 6_000n * USD],
          { claimIds: [id] },
        );
      });

      it("refuses an expiry equal to the block's timestamp", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const t = (await s.now()) + 10n;
        await expectEscrowRevert(
          s,
          async () => {
            await s.pinNext(t);
            return s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, t);
          },
          "EscrowExpiryNotInFuture",
          [t, t],
          { claimIds: [id] },
        );
      });

      it("refuses an expiry in the past", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        const t = (await s.now()) + 10n;
        await expectEscrowRevert(
          s,
          async () => {
            await s.pinNext(t);
            return s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, t - 100n);
          },
          "EscrowExpiryNotInFuture",
          [t - 100n, t],
          { claimIds: [id] },
        );
      });

      it("refuses a claim whose currency the operator disallowed since its issue", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.registry.connect(s.operator).setCurrencyAllowed(s.usdcAddress, false);
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, expiry),
          "EscrowCurrencyNotAllowed",
          [s.usdcAddress],
          { claimIds: [id] },
        );
      });

      it("refuses while the registry is paused, and accepts once unpaused", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await s.issueAccepted();
        await s.registry.connect(s.operator).pause();
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, expiry),
          "EscrowPaused",
          [],
          { claimIds: [id] },
        );
        await s.registry.connect(s.operator).unpause();
        await s.offerOn(id);
        expect(await s.escrow.guaranteeCount()).to.equal(1n);
      });

      it("T1: refuses a fee-on-transfer currency with EscrowTransferAmountMismatch (expected vs received)", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const fot = await new FeeOnTransferToken__factory(s.operator).deploy();
        const currency = await fot.getAddress();
        await s.registry.connect(s.operator).setCurrencyAllowed(currency, true);
        const id = await s.issueAccepted({ currency });
        await fot.mint(s.guarantor.address, FACE);
        await fot.connect(s.guarantor).approve(s.escrowAddress, ethers.MaxUint256);
        const fee = (COVER * 100n + 9_999n) / 10_000n; // the token's 1 %, rounded up
        const expiry = await inAYear(s);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, expiry),
          "EscrowTransferAmountMismatch",
          [currency, COVER, COVER - fee],
          { claimIds: [id], tokens: [s.usdc, fot] },
        );
      });
    });
  });

  describe("views over offers", () => {
    describe("guaranteesOf: guarantees scanned by guarantee-id window", () => {
      /**
       * Six offers on three claims: a by the guarantor (1), the bank (2) and the SME, recourse (4); b by the
       * guarantor (3) and the bank (6); c by the guarantor (5). The bank withdraws 2: a withdrawn offer stays listed.
       */
      async function sixOffers(s: EscrowSystem) {
        const a = await s.issueAccepted();
        const b = await s.issueAccepted({ originator: s.sme2.address });
        const c = await s.issueAccepted();
        await s.offerOn(a); // 1
        await s.offerOn(a, { guarantor: s.bank }); // 2
        await s.offerOn(b); // 3
        await s.offerOn(a, { guarantor: s.sme }); // 4
        await s.offerOn(c); // 5
        await s.offerOn(b, { guarantor: s.bank }); // 6
        await s.escrow.connect(s.bank).withdrawOffer(2n);
        expect(await s.escrow.guaranteeCount()).to.equal(6n);
        return { a, b, c };
      }

      /** `guaranteesOf(claimId, guarantor)` over every id, as a plain list. */
      const all = async (s: EscrowSystem, claimId: bigint, guarantor: string) => [
        ...(await s.escrow.guaranteesOf(claimId, guarantor, 0n, ethers.MaxUint256)),
      ];

      it("filters by claim, by guarantor, by both, or by neither, in id order", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { a, b, c } = await sixOffers(s);
        expect(await all(s, 0n, ZeroAddress)).to.deep.equal([1n, 2n, 3n, 4n, 5n, 6n]);
        expect(await all(s, a, ZeroAddress)).to.deep.equal([1n, 2n, 4n]);
        expect(await all(s, b, ZeroAddress)).to.deep.equal([3n, 6n]);
        expect(await all(s, c, ZeroAddress)).to.deep.equal([5n]);
        expect(await all(s, 999n, ZeroAddress)).to.deep.equal([]);
        expect(await all(s, 0n, s.guarantor.address)).to.deep.equal([1n, 3n, 5n]);
        expect(await all(s, 0n, s.bank.address)).to.deep.equal([2n, 6n]);
        expect(await all(s, 0n, s.sme.address)).to.deep.equal([4n]);
        expect(await all(s, 0n, s.stranger.address)).to.deep.equal([]);
        expect(await all(s, a, s.guarantor.address)).to.deep.equal([1n]);
        expect(await all(s, a, s.bank.address)).to.deep.equal([2n]);
        expect(await all(s, b, s.bank.address)).to.deep.equal([6n]);
        expect(await all(s, c, s.bank.address)).to.deep.equal([]);
        expect(await all(s, b, s.sme.address)).to.deep.equal([]);
        expect(await s.escrow.guaranteesOf(a, ZeroAddress, 2n, 2n)).to.deep.equal([2n]);
        expect(await s.escrow.guaranteesOf(0n, s.guarantor.address, 2n, 3n)).to.deep.equal([3n]);
      });

      for (const filter of ["no filter", "the claim", "the guarantor", "the claim and the guarantor"] as const) {
        it(`with ${filter}: fromId 0 reads as 1, windows past the last id or of count 0 are empty, the largest count does not overflow, windows laid end to end give the full answer`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const { a, b } = await sixOffers(s);
          const [claimId, guarantor, expected] = {
            "no filter": [0n, ZeroAddress, [1n, 2n, 3n, 4n, 5n, 6n]],
            "the claim": [a, ZeroAddress, [1n, 2n, 4n]],
            "the guarantor": [0n, s.guarantor.address, [1n, 3n, 5n]],
            "the claim and the guarantor": [b, s.bank.address, [6n]],
          }[filter] as [bigint, string, bigint[]];
          const view = async (fromId: bigint, count: bigint) => [
            ...(await s.escrow.guaranteesOf(claimId, guarantor, fromId, count)),
          ];
          await expectWindowEdges(view, expected, await s.escrow.guaranteeCount());
        });
      }

      it("is empty before any offer, whatever the window", async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await s.issueAccepted();
        expect(await all(s, 0n, ZeroAddress)).to.deep.equal([]);
        expect(await s.escrow.guaranteesOf(1n, s.guarantor.address, 1n, 1n)).to.deep.equal([]);
      });
    });

    it("refuses unknown guarantee ids in guarantee() and callDeadline()", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      await s.offerOn(id);
      for (const unknown of [0n, 2n]) {
        await expect(s.escrow.guarantee(unknown))
          .to.be.revertedWithCustomError(s.escrow, "EscrowUnknownGuarantee")
          .withArgs(unknown);
        await expect(s.escrow.callDeadline(unknown))
          .to.be.revertedWithCustomError(s.escrow, "EscrowUnknownGuarantee")
          .withArgs(unknown);
      }
      // An offer's call deadline is already its claim's end of cover: due date + grace + window.
      const { m, g, w } = await s.clockOf(id);
      expect(await s.escrow.callDeadline(1n)).to.equal(m + g + w);
    });

    it("the constructor refuses the zero address as claim contract", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await expect(new GuaranteeEscrow__factory(s.operator).deploy(ZeroAddress))
        .to.be.revertedWithCustomError(s.escrow, "EscrowInvalidRecipient")
        .withArgs(ZeroAddress);
    });

    it("feeFor splits a premium with the rules in force; claims() is the claim contract", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      expect([...(await s.escrow.feeFor(10_000n))]).to.deep.equal([25n, 9_975n]);
      expect([...(await s.escrow.feeFor(399n))]).to.deep.equal([0n, 399n]);
      expect([...(await s.escrow.feeFor(0n))]).to.deep.equal([0n, 0n]);
      expect(await s.escrow.claims()).to.equal(await s.claims.getAddress());
      expect(await s.escrow.subrogation(1n)).to.deep.equal([ZeroAddress, ZeroAddress, 0n, 0n, 0n, 0n, 0n, false]);
      expect([...(await s.escrow.pendingRecovery(1n))]).to.deep.equal([0n, 0n]);
    });
  });

  describe("withdrawOffer", () => {
    it("marks the offer Withdrawn and credits the cover back; nothing moves until withdraw", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      const tx = s.escrow.connect(s.guarantor).withdrawOffer(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeOfferWithdrawn").withArgs(gid, id, s.guarantor.address);
      await expect(tx).to.emit(s.escrow, "Credited").withArgs(s.guarantor.address, s.usdcAddress, COVER);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.guarantor, s.escrow], [0n, 0n]);
      expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Withdrawn));
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(COVER);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER);
      await expectEscrowSolvent(s, s.usdc);

      const out = s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.guarantor.address);
      await expect(out)
        .to.emit(s.escrow, "Withdrawn")
        .withArgs(s.guarantor.address, s.usdcAddress, s.guarantor.address, COVER);
      await expect(out).to.changeTokenBalances(ethers, s.usdc, [s.guarantor, s.escrow], [COVER, -COVER]);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(0n);
      expect(await s.usdc.balanceOf(s.escrowAddress)).to.equal(0n);
    });

    it("refuses anyone but the guarantor", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      for (const caller of [s.bank, s.sme, s.debtor, s.operator, s.stranger]) {
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(caller).withdrawOffer(gid),
          "EscrowNotGuarantor",
          [gid, caller.address],
          { claimIds: [id] },
        );
      }
    });

    it("refuses an offer already withdrawn, an active guarantee and an unknown id", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const withdrawn = await s.offerOn(id);
      await s.escrow.connect(s.guarantor).withdrawOffer(withdrawn);
      const active = await s.offerOn(id);
      await s.escrow.connect(s.sme).activate(active);
      const watch = { claimIds: [id] };
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).withdrawOffer(withdrawn),
        "EscrowWrongStatus",
        [withdrawn, Status.Withdrawn],
        watch,
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).withdrawOffer(active),
        "EscrowWrongStatus",
        [active, Status.Active],
        watch,
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).withdrawOffer(99n),
        "EscrowUnknownGuarantee",
        [99n],
        watch,
      );
    });

    it("is allowed while paused, after the offer expired, and after the claim settled", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const soon = (await s.now()) + 100n;
      const a = await s.offerOn(id, { expiry: soon });
      const b = await s.offerOn(id, { guarantor: s.bank });
      const c = await s.offerOn(id, { guarantor: s.sme });
      await s.registry.connect(s.operator).pause();
      await s.escrow.connect(s.bank).withdrawOffer(b);
      await networkHelpers.time.increaseTo(soon + 1n);
      await s.escrow.connect(s.guarantor).withdrawOffer(a);
      await s.registry.connect(s.operator).unpause();
      await s.claims.connect(s.debtor).pay(id, FACE);
      await s.escrow.connect(s.sme).withdrawOffer(c);
      for (const [gid, who] of [
        [a, s.guarantor],
        [b, s.bank],
        [c, s.sme],
      ] as const) {
        expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Withdrawn));
        expect(await s.escrow.credited(who.address, s.usdcAddress)).to.equal(COVER);
      }
      await expectEscrowSolvent(s, s.usdc);
    });
  });

  describe("withdraw", () => {
    it("refuses the zero address and the escrow itself as recipient", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      await s.escrow.connect(s.guarantor).withdrawOffer(gid);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, ZeroAddress),
        "EscrowInvalidRecipient",
        [ZeroAddress],
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.escrowAddress),
        "EscrowInvalidRecipient",
        [s.escrowAddress],
      );
    });

    it("refuses an account with nothing credited, and one that already withdrew", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.stranger).withdraw(s.usdcAddress, s.stranger.address),
        "EscrowNothingToWithdraw",
        [s.stranger.address, s.usdcAddress],
      );
      const id = await s.issueAccepted();
      await s.escrow.connect(s.guarantor).withdrawOffer(await s.offerOn(id));
      await s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.guarantor.address);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.guarantor.address),
        "EscrowNothingToWithdraw",
        [s.guarantor.address, s.usdcAddress],
      );
    });

    it("sends the caller's whole credit to another address and returns the amount", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      await s.escrow.connect(s.guarantor).withdrawOffer(await s.offerOn(id));
      expect(await s.escrow.connect(s.guarantor).withdraw.staticCall(s.usdcAddress, s.stranger.address)).to.equal(
        COVER,
      );
      const before = await escrowSnapshot(s);
      const tx = s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.stranger.address);
      await expect(tx).to.changeTokenBalances(ethers, s.usdc, [s.guarantor, s.stranger, s.escrow], [0n, COVER, -COVER]);
      await expect(tx)
        .to.emit(s.escrow, "Withdrawn")
        .withArgs(s.guarantor.address, s.usdcAddress, s.stranger.address, COVER);
      expect(before.money[0].liabilities - (await s.escrow.totalLiabilities(s.usdcAddress))).to.equal(COVER);
    });
  });
});
