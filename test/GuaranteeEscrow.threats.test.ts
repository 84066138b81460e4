/**
 * GuaranteeEscrow against the threats of docs/SECURITY.md: A1 (callers fuzzed), A2 (state x function table), A4,
 * H1/H3 (re-entering token), H2 (a contract guarantor that rejects ERC-721 hooks), T1-T6 (odd currencies), M1-M4,
 * Z2 (payment and call in one block) and D2 (donations).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { Wallet, ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  BlocklistToken__factory,
  FalseReturnToken__factory,
  HostileReceiver__factory,
  MockStablecoin__factory,
  NoReturnToken__factory,
  RebasingToken__factory,
  ReentrantToken__factory,
} from "../types/index.js";
import {
  COVER,
  FACE,
  PREMIUM,
  deployEscrowSystem,
  escrowCast,
  expectEscrowRevert,
  expectEscrowSolvent,
  type EscrowSystem,
} from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import type { BalanceToken } from "./helpers/ledger.js";
import { CLAIM_STATES, nameOf, reachState } from "./helpers/states.js";
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
const MAX128 = 2n ** 128n - 1n;
/** The most a guarantee stores as its cover or premium. */
const MAX96 = 2n ** 96n - 1n;

interface MintableToken extends BalanceToken {
  mint(to: string, amount: bigint): Promise<unknown>;
}

/**
 * Allowlists `token`, gives the guarantor and the sme `amount` each, approved to the escrow once (from zero, so
 * approve-race tokens accept it), and gives the debtor `amount` approved to the claim contract.
 */
async function onboard(
  s: EscrowSystem,
  token: MintableToken & { connect(signer: HardhatEthersSigner): { approve(a: string, v: bigint): Promise<unknown> } },
  amount: bigint,
): Promise<string> {
  const currency = await token.getAddress();
  await s.registry.connect(s.operator).setCurrencyAllowed(currency, true);
  for (const payer of [s.guarantor, s.sme]) {
    await token.mint(payer.address, amount);
    await token.connect(payer).approve(s.escrowAddress, ethers.MaxUint256);
  }
  await token.mint(s.debtor.address, amount);
  await token.connect(s.debtor).approve(await s.claims.getAddress(), ethers.MaxUint256);
  return currency;
}

/** Every account in `accounts` withdraws its whole escrow credit in `currency` (to `to` if given, else itself). */
async function withdrawAll(s: EscrowSystem, currency: string, accounts: HardhatEthersSigner[], to?: string) {
  for (const a of accounts) {
    if ((await s.escrow.credited(a.address, currency)) !== 0n) {
      await s.escrow.connect(a).withdraw(currency, to ?? a.address);
    }
  }
}

/** The treasury (the operator) collects every fee the escrow kept in `currency`, if any, to `to` (else itself). */
async function collectFees(s: EscrowSystem, currency: string, to?: string) {
  const fees = await s.escrow.feesAccrued(currency);
  if (fees === 0n) return;
  await expect(s.escrow.connect(s.operator).withdrawFees(currency, to ?? s.operator.address))
    .to.emit(s.escrow, "FeesWithdrawn")
    .withArgs(s.operator.address, currency, to ?? s.operator.address, fees);
}

describe("GuaranteeEscrow: threats", () => {
  describe("A1: callers fuzzed over every signer", () => {
    it("offer: only verified guarantors that are not the debtor", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const expiry = (await s.now()) + DAY;
      const guarantors = [s.guarantor.address, s.bank.address, s.sme.address];
      for (const caller of await ethers.getSigners()) {
        if (guarantors.includes(caller.address)) continue;
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(caller).offer(id, COVER, PREMIUM, expiry),
          "EscrowNotVerified",
          [caller.address, Role.Guarantor],
          { claimIds: [id] },
        );
      }
      for (const g of [s.guarantor, s.bank, s.sme]) await s.offerOn(id, { guarantor: g, expiry });
      expect(await s.escrow.guaranteeCount()).to.equal(3n);
    });

    it("release (not releasable) and takeClaim (custody): every other signer is refused", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const live = await s.guaranteedClaim({ guarantor: s.bank });
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ cover: FACE });
      await s.defaultClaim(id);
      await s.registry.connect(s.operator).revoke(s.guarantor.address, Role.Guarantor);
      await s.escrow.connect(s.sme).callGuarantee(gid, s.sme); // custody: the guarantor is not verified
      await s.registry.connect(s.operator).verify(s.guarantor.address, Role.Guarantor, (await s.now()) + DAY);
      for (const caller of await ethers.getSigners()) {
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(caller).release(live.guaranteeId),
          "EscrowNotReleasable",
          [live.guaranteeId],
          { claimIds: [live.claimId] },
        );
        if (caller.address === s.guarantor.address) continue;
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(caller).takeClaim(id),
          "EscrowNotGuarantor",
          [gid, caller.address],
          { claimIds: [id] },
        );
      }
      await s.escrow.connect(s.guarantor).takeClaim(id);
      expect(await s.claims.ownerOf(id)).to.equal(s.guarantor.address);
    });
  });

  describe("A2: the claim state x escrow function table", () => {
    for (const [name, state] of CLAIM_STATES) {
      const live = state === State.Accepted || state === State.Financed || state === State.Overdue;
      it(`${name}: offer ${live ? "allowed" : "refused"}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const id = await reachState(s, state);
        const expiry = (await s.now()) + DAY;
        if (live) {
          await s.offerOn(id, { expiry });
          expect((await s.escrow.guarantee(1n)).status).to.equal(BigInt(Status.Offered));
        } else {
          await expectEscrowRevert(
            s,
            () => s.escrow.connect(s.guarantor).offer(id, 1n, 0n, expiry),
            "EscrowWrongClaimState",
            [id, state],
            { claimIds: [id] },
          );
        }
      });
    }

    /** What each function does in each state an offered/active guarantee can reach. */
    const table: [number, { activate: string; call: string; release: string }][] = [
      [State.Accepted, { activate: "ok", call: "ClaimNotYetOverdue", release: "EscrowNotReleasable" }],
      [State.Financed, { activate: "ok", call: "ClaimNotYetOverdue", release: "EscrowNotReleasable" }],
      [State.Overdue, { activate: "ok", call: "ClaimNotYetDefaultable", release: "EscrowNotReleasable" }],
      [State.Defaulted, { activate: "EscrowWrongClaimState", call: "ok", release: "EscrowNotReleasable" }],
      [State.WrittenOff, { activate: "EscrowWrongClaimState", call: "ok", release: "EscrowNotReleasable" }],
      [
        State.Disputed,
        { activate: "EscrowWrongClaimState", call: "EscrowWrongClaimState", release: "EscrowNotReleasable" },
      ],
      [State.Voided, { activate: "EscrowWrongClaimState", call: "EscrowWrongClaimState", release: "ok" }],
      [State.Settled, { activate: "EscrowWrongClaimState", call: "EscrowWrongClaimState", release: "ok" }],
    ];
    for (const [state, expected] of table) {
      it(`${nameOf(state)}: activate ${expected.activate}, call ${expected.call}, release ${expected.release}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        // Claim x carries an offer; claim y an active guarantee. Both are driven to `state`.
        const x = await s.issueAccepted();
        const offered = await s.offerOn(x);
        const { claimId: y, guaranteeId: active } = await s.guaranteedClaim({ guarantor: s.bank });
        await s.driveTo(x, state);
        await s.driveTo(y, state);
        const holderX = await s.signer(await s.claims.ownerOf(x));
        const holderY = await s.signer(await s.claims.ownerOf(y));

        if (expected.activate === "ok") {
          await s.escrow.connect(holderX).activate(offered);
          expect((await s.escrow.guarantee(offered)).status).to.equal(BigInt(Status.Active));
        } else {
          await expectEscrowRevert(
            s,
            () => s.escrow.connect(holderX).activate(offered),
            expected.activate,
            [x, state],
            {
              claimIds: [x],
            },
          );
        }

        if (expected.release === "ok") {
          await expect(s.escrow.connect(s.stranger).release(active))
            .to.emit(s.escrow, "GuaranteeReleased")
            .withArgs(active, y, s.bank.address, COVER);
        } else {
          await expectEscrowRevert(
            s,
            () => s.escrow.connect(s.stranger).release(active),
            "EscrowNotReleasable",
            [active],
            {
              claimIds: [y],
            },
          );
        }

        if (expected.call === "ok") {
          await expect(s.escrow.connect(holderY).callGuarantee(active, holderY))
            .to.emit(s.escrow, "GuaranteeCalled")
            .withArgs(active, y, holderY.address, holderY.address, COVER, 0n, false);
        } else if (expected.call === "ClaimNotYetOverdue") {
          // The call declares a default itself, so its poke answers first: not even past the due date.
          const { m } = await s.clockOf(y);
          const t = (await s.now()) + 10n;
          await expectEscrowRevert(
            s,
            async () => {
              await s.pinNext(t);
              return s.escrow.connect(holderY).callGuarantee(active, holderY);
            },
            "ClaimNotYetOverdue",
            [y, m, t],
            { claimIds: [y] },
            s.claims,
          );
        } else if (expected.call === "ClaimNotYetDefaultable") {
          const { m, g } = await s.clockOf(y);
          const t = (await s.now()) + 10n;
          await expectEscrowRevert(
            s,
            async () => {
              await s.pinNext(t);
              return s.escrow.connect(holderY).callGuarantee(active, holderY);
            },
            "ClaimNotYetDefaultable",
            [y, m + g, t],
            { claimIds: [y] },
            s.claims,
          );
        } else if (expected.release !== "ok") {
          await expectEscrowRevert(
            s,
            () => s.escrow.connect(holderY).callGuarantee(active, holderY),
            expected.call,
            [y, state],
            {
              claimIds: [y],
            },
          );
        } else {
          // Released just above: the guarantee is no longer Active.
          await expectEscrowRevert(
            s,
            () => s.escrow.connect(holderY).callGuarantee(active, holderY),
            "EscrowWrongStatus",
            [active, Status.Released],
            { claimIds: [y] },
          );
        }
        await expectEscrowSolvent(s, s.usdc);
      });
    }

    it("Settled and Voided before release: the call is refused with the claim's state", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      for (const state of [State.Settled, State.Voided]) {
        const { claimId: y, guaranteeId: active } = await s.guaranteedClaim();
        await s.driveTo(y, state);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.sme).callGuarantee(active, s.sme),
          "EscrowWrongClaimState",
          [y, state],
          {
            claimIds: [y],
          },
        );
      }
    });
  });

  describe("A4: a former holder after a sale", () => {
    it("cannot call, and is never paid; only the holder of record is paid and credited", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      await s.sell(id, s.factor);
      await s.defaultClaim(id);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).callGuarantee(gid, s.sme),
        "EscrowNotHolder",
        [id, s.sme.address, s.factor.address],
        { claimIds: [id] },
      );
      await expect(s.escrow.connect(s.factor).callGuarantee(gid, s.factor)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.factor, s.sme, s.escrow],
        [COVER, 0n, -COVER],
      );
      // Recoveries go to the holder at the call (the factor), pro rata; the sme has nothing.
      await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
      await s.escrow.distribute(id);
      expect(await s.escrow.credited(s.factor.address, s.usdcAddress)).to.equal(500n * USD);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).withdraw(s.usdcAddress, s.sme.address),
        "EscrowNothingToWithdraw",
        [s.sme.address, s.usdcAddress],
      );
      expect((await s.escrow.subrogation(id)).holder).to.equal(s.factor.address);
    });
  });

  describe("H1/H3: a currency that re-enters the escrow from its transfer hook", () => {
    it("offer, activate and withdraw: every re-entry is refused by the guard; the outer calls are exact", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const rnt = await new ReentrantToken__factory(s.operator).deploy();
      const currency = await onboard(s, rnt, FACE * 10n);
      const id = await s.issueAccepted({ currency });
      const guardError = s.escrow.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
      const withdrawData = s.escrow.interface.encodeFunctionData("withdraw", [currency, s.stranger.address]);

      for (const beforeUpdate of [true, false]) {
        await rnt.arm(s.escrowAddress, withdrawData, beforeUpdate);
        await s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, (await s.now()) + DAY);
        expect(await rnt.reentryAttempted()).to.equal(true);
        expect(await rnt.reentrySucceeded()).to.equal(false);
        expect(await rnt.reentryReturnData()).to.equal(guardError);
      }
      const gid = await s.escrow.guaranteeCount();
      await rnt.arm(s.escrowAddress, s.escrow.interface.encodeFunctionData("activate", [gid - 1n]), true);
      await s.escrow.connect(s.sme).activate(gid);
      expect(await rnt.reentrySucceeded()).to.equal(false);
      expect(await rnt.reentryReturnData()).to.equal(guardError);
      expect((await s.escrow.guarantee(gid - 1n)).status).to.equal(BigInt(Status.Offered));

      await s.escrow.connect(s.guarantor).withdrawOffer(gid - 1n);
      await rnt.arm(s.escrowAddress, withdrawData, false);
      const credit = await s.escrow.credited(s.guarantor.address, currency);
      await expect(s.escrow.connect(s.guarantor).withdraw(currency, s.guarantor.address)).to.changeTokenBalances(
        ethers,
        rnt,
        [s.guarantor, s.escrow],
        [credit, -credit],
      );
      expect(await rnt.reentryReturnData()).to.equal(guardError);
      expect(await s.escrow.totalLiabilities(currency)).to.equal(COVER);
      expect(await s.escrow.feesAccrued(currency)).to.equal(splitFee(PREMIUM, RULES.premiumFeeBps).fee);
      await expectEscrowSolvent(s, rnt);
    });
  });

  describe("H2: a contract guarantor whose ERC-721 hook reverts", () => {
    it("still receives the called claim on full cover (no hook is called); the holder is paid", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const hostile = await new HostileReceiver__factory(s.operator).deploy(s.operator.address);
      const address = await hostile.getAddress();
      await s.registry.connect(s.operator).verify(address, Role.Guarantor, (await s.now()) + 365n * DAY);
      await s.usdc.mint(address, FACE);
      const usdcAddress = s.usdcAddress;
      await hostile.execute(usdcAddress, s.usdc.interface.encodeFunctionData("approve", [s.escrowAddress, FACE]));
      const id = await s.issueAccepted();
      await hostile.execute(
        s.escrowAddress,
        s.escrow.interface.encodeFunctionData("offer", [id, FACE, PREMIUM, (await s.now()) + DAY]),
      );
      await hostile.setMode(1); // Revert on onERC721Received
      await s.escrow.connect(s.sme).activate(1n);
      await s.defaultClaim(id);
      const call = s.escrow.connect(s.sme).callGuarantee(1n, s.sme);
      await expect(call).to.emit(s.escrow, "Subrogated").withArgs(id, address, false);
      await expect(call).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow], [FACE, -FACE]);
      expect(await s.claims.ownerOf(id)).to.equal(address);
      expect(await hostile.receivedCount()).to.equal(0n);
    });
  });

  describe("odd currencies", () => {
    it("T2: a rebasing token cannot be used unless allowlisted; allowlisted, a negative rebase breaks I1 (must never be allowed)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const rbt = await new RebasingToken__factory(s.operator).deploy();
      const currency = await rbt.getAddress();
      await expect(s.issueAccepted({ currency }))
        .to.be.revertedWithCustomError(s.claims, "ClaimCurrencyNotAllowed")
        .withArgs(currency);
      // Documenting why: the escrow checks the amount delivered, not later balance changes.
      await onboard(s, rbt, FACE);
      const id = await s.issueAccepted({ currency });
      await s.escrow.connect(s.guarantor).offer(id, COVER, 0n, (await s.now()) + DAY);
      await rbt.setMultiplier(10n ** 18n / 2n);
      expect(await rbt.balanceOf(s.escrowAddress)).to.equal(COVER / 2n);
      expect(await s.escrow.totalLiabilities(currency)).to.equal(COVER);
    });

    it("T3: a currency returning nothing (USDT-style) works end to end, to the last unit", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const nrt = await new NoReturnToken__factory(s.operator).deploy();
      const currency = await onboard(s, nrt, FACE * 10n);
      const id = await s.issueAccepted({ currency });
      await s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, (await s.now()) + DAY);
      await s.escrow.connect(s.sme).activate(1n);
      await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
      await s.defaultClaim(id);
      await s.escrow.connect(s.sme).callGuarantee(1n, s.sme);
      await s.claims.connect(s.debtor).pay(id, 900n * USD);
      await s.escrow.distribute(id);
      await withdrawAll(s, currency, [s.sme, s.guarantor]);
      await collectFees(s, currency);
      expect(await nrt.balanceOf(s.escrowAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(currency)).to.equal(0n);
    });

    it("T3: a currency returning false is refused with SafeERC20FailedOperation, nothing moved; approved, it works", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const frt = await new FalseReturnToken__factory(s.operator).deploy();
      const currency = await frt.getAddress();
      await s.registry.connect(s.operator).setCurrencyAllowed(currency, true);
      await frt.mint(s.guarantor.address, FACE);
      const id = await s.issueAccepted({ currency });
      const expiry = (await s.now()) + DAY;
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).offer(id, COVER, 0n, expiry),
        "SafeERC20FailedOperation",
        [currency],
        { claimIds: [id], tokens: [s.usdc, frt] },
      );
      await frt.connect(s.guarantor).approve(s.escrowAddress, COVER);
      await s.escrow.connect(s.guarantor).offer(id, COVER, 0n, expiry);
      await s.escrow.connect(s.guarantor).withdrawOffer(1n);
      await expect(s.escrow.connect(s.guarantor).withdraw(currency, s.guarantor.address)).to.changeTokenBalances(
        ethers,
        frt,
        [s.guarantor, s.escrow],
        [COVER, -COVER],
      );
    });

    it("T4: a currency address without code cannot be allowlisted, so no claim or offer can use it", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const noCode = Wallet.createRandom().address;
      await expect(s.registry.connect(s.operator).setCurrencyAllowed(noCode, true))
        .to.be.revertedWithCustomError(s.registry, "RegistryCurrencyNotContract")
        .withArgs(noCode);
    });

    it("T5: an 18-decimal currency works end to end (partial cover, recoveries, exact shares, zero at the end)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const E18 = 10n ** 18n;
      const dai = await new MockStablecoin__factory(s.operator).deploy("Dollar X", "USDX", 18);
      const currency = await onboard(s, dai, 100_000n * E18);
      const face = 10_000n * E18;
      const id = await s.issueAccepted({ currency, faceValue: face });
      const cover = 3_000n * E18;
      const premium = 123n * E18 + 456n;
      await s.escrow.connect(s.guarantor).offer(id, cover, premium, (await s.now()) + DAY);
      await s.escrow.connect(s.sme).activate(1n);
      expect(await s.guaranteeTrait(id)).to.equal("active, cover 3000.00 USDX");
      expect(await s.escrow.feesAccrued(currency)).to.equal(splitFee(premium, RULES.premiumFeeBps).fee);
      await s.defaultClaim(id);
      await expect(s.escrow.connect(s.sme).callGuarantee(1n, s.sme)).to.changeTokenBalances(
        ethers,
        dai,
        [s.sme, s.escrow],
        [cover, -cover],
      );
      for (const part of [1n, 7n * E18 + 3n, face - 1n - (7n * E18 + 3n)]) {
        await s.claims.connect(s.debtor).pay(id, part);
        await s.escrow.distribute(id);
      }
      const rec = await s.escrow.subrogation(id);
      expect(rec.guarantorRecovered).to.equal(cover);
      // The cover was paid at the call; the holder's share of the recoveries is the rest of the face value.
      expect(await s.escrow.credited(s.sme.address, currency)).to.equal(face - cover);
      // The net premium was paid to the guarantor at activation; its credit is its share of the recoveries.
      expect(await s.escrow.credited(s.guarantor.address, currency)).to.equal(cover);
      await withdrawAll(s, currency, [s.sme, s.guarantor]);
      await collectFees(s, currency);
      expect(await dai.balanceOf(s.escrowAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(currency)).to.equal(0n);
    });

    it("T5b: offers in two currencies each name their own: withdrawn and viewed in the currency of their claim", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const E18 = 10n ** 18n;
      const dai = await new MockStablecoin__factory(s.operator).deploy("Dollar X", "USDX", 18);
      const daiAddress = await onboard(s, dai, 100_000n * E18);
      // The escrow's first currency is the one offered on first: here the 18-decimal one, then USDC.
      const inDai = await s.issueAccepted({ currency: daiAddress, faceValue: 10_000n * E18 });
      const inUsdc = await s.issueAccepted();
      const daiCover = 4_000n * E18;
      await s.escrow.connect(s.guarantor).offer(inDai, daiCover, PREMIUM, (await s.now()) + DAY);
      await s.escrow.connect(s.guarantor).offer(inUsdc, COVER, PREMIUM, (await s.now()) + DAY);
      await s.escrow.connect(s.guarantor).offer(inDai, 1n, PREMIUM, (await s.now()) + DAY);
      expect((await s.escrow.guarantee(1n)).currency).to.equal(daiAddress);
      expect((await s.escrow.guarantee(2n)).currency).to.equal(s.usdcAddress);
      expect((await s.escrow.guarantee(3n)).currency).to.equal(daiAddress);
      for (const [gid, currency, cover] of [
        [2n, s.usdcAddress, COVER],
        [3n, daiAddress, 1n],
        [1n, daiAddress, daiCover + 1n],
      ] as const) {
        await expect(s.escrow.connect(s.guarantor).withdrawOffer(gid))
          .to.emit(s.escrow, "Credited")
          .withArgs(s.guarantor.address, currency, gid === 1n ? daiCover : cover);
        expect(await s.escrow.credited(s.guarantor.address, currency)).to.equal(cover);
      }
      expect(await s.escrow.totalLiabilities(daiAddress)).to.equal(daiCover + 1n);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER);
      await withdrawAll(s, daiAddress, [s.guarantor]);
      await withdrawAll(s, s.usdcAddress, [s.guarantor]);
      expect(await s.escrow.totalLiabilities(daiAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(0n);
      expect(await dai.balanceOf(s.escrowAddress)).to.equal(0n);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("T6: blocklisted holder, guarantor and treasury: the holder calls to another address, release still credits; each withdraws or collects elsewhere", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const busd = await new BlocklistToken__factory(s.operator).deploy();
      const currency = await onboard(s, busd, FACE * 10n);
      const a = await s.issueAccepted({ currency });
      const b = await s.issueAccepted({ currency });
      await s.escrow.connect(s.guarantor).offer(a, COVER, PREMIUM, (await s.now()) + DAY);
      await s.escrow.connect(s.guarantor).offer(b, COVER, PREMIUM, (await s.now()) + DAY);
      await s.escrow.connect(s.sme).activate(1n);
      await s.escrow.connect(s.sme).activate(2n);
      for (const blocked of [s.sme, s.guarantor, s.operator]) await busd.setBlocklisted(blocked.address, true);
      await s.claims.connect(s.debtor).pay(b, FACE); // the debtor's payment still succeeds
      await s.escrow.connect(s.stranger).release(2n);
      await s.defaultClaim(a);
      // The payout is paid straight: the blocklisted holder's own address makes its call revert, and nothing moves.
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).callGuarantee(1n, s.sme),
        "BlocklistTokenAccountBlocked",
        [s.sme.address],
        { tokens: [busd], claimIds: [a] },
        busd,
      );
      await expect(s.escrow.connect(s.sme).callGuarantee(1n, s.stranger)).to.changeTokenBalances(
        ethers,
        busd,
        [s.stranger, s.sme, s.escrow],
        [COVER, 0n, -COVER],
      );
      await s.claims.connect(s.debtor).pay(a, 2_000n * USD);
      await s.escrow.distribute(a);
      for (const blocked of [s.sme, s.guarantor]) {
        const credit = await s.escrow.credited(blocked.address, currency);
        expect(credit).to.be.gt(0n);
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(blocked).withdraw(currency, blocked.address),
          "BlocklistTokenAccountBlocked",
          [blocked.address],
          { tokens: [busd] },
          busd,
        );
        await expect(s.escrow.connect(blocked).withdraw(currency, s.stranger.address)).to.changeTokenBalances(
          ethers,
          busd,
          [s.stranger, s.escrow],
          [credit, -credit],
        );
      }
      // The blocklisted treasury was never credited: it collects the two premium fees to another address.
      const fees = 2n * splitFee(PREMIUM, RULES.premiumFeeBps).fee;
      expect(await s.escrow.credited(s.operator.address, currency)).to.equal(0n);
      expect(await s.escrow.feesAccrued(currency)).to.equal(fees);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.operator).withdrawFees(currency, s.operator.address),
        "BlocklistTokenAccountBlocked",
        [s.operator.address],
        { tokens: [busd] },
        busd,
      );
      await expect(s.escrow.connect(s.operator).withdrawFees(currency, s.stranger.address)).to.changeTokenBalances(
        ethers,
        busd,
        [s.stranger, s.escrow],
        [fees, -fees],
      );
      expect(await busd.balanceOf(s.escrowAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(currency)).to.equal(0n);
    });
    it("T7: a guarantor the currency blocks does not stop an activation: its net premium is credited instead", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const busd = await new BlocklistToken__factory(s.operator).deploy();
      const currency = await onboard(s, busd, FACE * 10n);
      const id = await s.issueAccepted({ currency });
      await s.escrow.connect(s.guarantor).offer(id, COVER, PREMIUM, (await s.now()) + DAY);
      await busd.setBlocklisted(s.guarantor.address, true);
      const fee = splitFee(PREMIUM, RULES.premiumFeeBps).fee;
      const tx = s.escrow.connect(s.sme).activate(1n);
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(1n, id, s.sme.address, PREMIUM, fee);
      await expect(tx)
        .to.emit(s.escrow, "Credited")
        .withArgs(s.guarantor.address, currency, PREMIUM - fee);
      await expect(tx).to.changeTokenBalances(ethers, busd, [s.sme, s.escrow, s.guarantor], [-PREMIUM, PREMIUM, 0n]);
      expect(await s.escrow.isGuaranteed(id)).to.equal(true);
      expect(await s.escrow.credited(s.guarantor.address, currency)).to.equal(PREMIUM - fee);
      expect(await s.escrow.totalLiabilities(currency)).to.equal(COVER + PREMIUM - fee);
      expect(await s.escrow.feesAccrued(currency)).to.equal(fee);
      await expect(s.escrow.connect(s.guarantor).withdraw(currency, s.stranger.address)).to.changeTokenBalances(
        ethers,
        busd,
        [s.escrow, s.stranger],
        [-(PREMIUM - fee), PREMIUM - fee],
      );
    });
  });

  describe("arithmetic", () => {
    it("M1: fee + net == premium for many premiums and fee rates; the fee is rounded down", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const premiums = [0n, 1n, 399n, 400n, 401n, 9_999n, 10_000n, 123_456_789n, 10n ** 30n + 7n, MAX128];
      for (const bps of [0n, 1n, 25n, 37n, 100n]) {
        await s.registry
          .connect(s.operator)
          .setMarketRules({ ...RULES, premiumFeeBps: Number(bps), treasury: s.operator.address });
        for (const p of premiums) {
          const [fee, net] = await s.escrow.feeFor(p);
          expect(fee + net).to.equal(p);
          expect(fee).to.equal(splitFee(p, bps).fee);
        }
      }
      // And activations pay the guarantor exactly the net and keep exactly the fee.
      await s.registry
        .connect(s.operator)
        .setMarketRules({ ...RULES, premiumFeeBps: 37, treasury: s.operator.address });
      for (const p of [1n, 270n, 271n, 123_457n]) {
        const id = await s.issueAccepted();
        const gid = await s.offerOn(id, { premium: p, cover: 1n });
        const [fee, net] = await s.escrow.feeFor(p);
        expect(fee).to.equal(splitFee(p, 37n).fee);
        const beforeT = await s.escrow.feesAccrued(s.usdcAddress);
        await expect(s.escrow.connect(s.sme).activate(gid)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.sme, s.escrow, s.guarantor],
          [-p, fee, net],
        );
        expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
        expect((await s.escrow.feesAccrued(s.usdcAddress)) - beforeT).to.equal(fee);
      }
      await expectEscrowSolvent(s, s.usdc);
    });

    it("M2: a max uint128 cover is refused as above the outstanding amount, a max uint128 premium as above the stored limit; a max uint96 premium works", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const expiry = (await s.now()) + DAY;
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).offer(id, MAX128, 0n, expiry),
        "EscrowInvalidCover",
        [id, MAX128, FACE],
        { claimIds: [id] },
      );
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.guarantor).offer(id, COVER, MAX128, expiry),
        "EscrowAmountAboveLimit",
        [MAX128, MAX96],
        { claimIds: [id] },
      );
      const gid = await s.offerOn(id, { premium: MAX96, expiry });
      await s.usdc.mint(s.sme.address, MAX96);
      const fee = splitFee(MAX96, RULES.premiumFeeBps).fee;
      const tx = s.escrow.connect(s.sme).activate(gid);
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(gid, id, s.sme.address, MAX96, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.sme, s.escrow, s.guarantor],
        [-MAX96, fee, MAX96 - fee],
      );
      expect((await s.escrow.guarantee(gid)).premium).to.equal(MAX96);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(fee);
      await expectEscrowSolvent(s, s.usdc);
    });

    it("M3/M4: after many partial operations everyone withdraws to the last unit and the escrow holds 0", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const odd = [3_333_333_333n, 1n, 7_777_777_777n];
      const guarantors = [s.guarantor, s.bank, s.sme];
      const ids: bigint[] = [];
      for (let i = 0; i < 3; i++) {
        const id = await s.issueAccepted({ originator: i === 2 ? s.sme2.address : s.sme.address });
        ids.push(id);
        // A withdrawn offer and an active one with odd numbers.
        await s.escrow.connect(s.guarantor).withdrawOffer(await s.offerOn(id, { cover: 17n, premium: 3n }));
        const gid = await s.offerOn(id, { guarantor: guarantors[i], cover: odd[i], premium: 1_234_567n + BigInt(i) });
        const holder = await s.signer(await s.claims.ownerOf(id));
        await s.escrow.connect(holder).activate(gid);
        await s.claims.connect(s.debtor).pay(id, 999_999n * BigInt(i + 1));
      }
      await s.defaultClaim(ids[2]); // the latest due date: the others are past their grace too
      for (const id of ids.slice(0, 2)) await s.claims.connect(s.stranger).poke(id);
      for (let i = 0; i < 3; i++) {
        const holder = await s.signer(await s.claims.ownerOf(ids[i]));
        await s.escrow.connect(holder).callGuarantee(BigInt(2 * i + 2), holder);
      }
      for (let round = 0; round < 5; round++) {
        for (const id of ids) {
          const left = await s.claimLens.outstanding(id);
          const part = round === 4 ? left : left / 7n + 13n;
          await s.claims.connect(s.debtor).pay(id, part);
          if (round % 2 === 0 || round === 4) await s.escrow.connect(s.stranger).distribute(id);
        }
      }
      for (let i = 0; i < 3; i++) {
        const rec = await s.escrow.subrogation(ids[i]);
        if (rec.guarantor !== ZeroAddress && rec.covered !== rec.outstandingAtCall) {
          expect(rec.guarantorRecovered).to.equal(rec.covered);
          expect(rec.recovered).to.equal(rec.outstandingAtCall);
        }
      }
      await expectEscrowSolvent(s, s.usdc);
      const everyone = await Promise.all(escrowCast(s).map((a) => s.signer(a)));
      await withdrawAll(s, s.usdcAddress, everyone);
      await collectFees(s, s.usdcAddress);
      expect(await s.usdc.balanceOf(s.escrowAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(0n);
      for (const account of escrowCast(s)) expect(await s.escrow.credited(account, s.usdcAddress)).to.equal(0n);
    });
  });

  describe("Z2: the debtor's payment and the guarantee call in one block", () => {
    for (const order of ["payment first", "call first"] as const) {
      it(`${order}: the holder is never paid twice`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim({ cover: FACE });
        await s.defaultClaim(id);
        const provider = connection.provider;
        const smeBalance = await s.usdc.balanceOf(s.sme.address);
        await provider.request({ method: "evm_setAutomine", params: [false] });
        try {
          const opts = { gasLimit: 1_500_000n };
          const pay = () => s.claims.connect(s.debtor).pay(id, FACE, opts);
          const call = () => s.escrow.connect(s.sme).callGuarantee(gid, s.sme, opts);
          const first = order === "payment first" ? await pay() : await call();
          const second = order === "payment first" ? await call() : await pay();
          await provider.request({ method: "evm_mine", params: [] });
          const r1 = await ethers.provider.getTransactionReceipt(first.hash);
          const r2 = await ethers.provider.getTransactionReceipt(second.hash);
          expect(r1!.blockNumber).to.equal(r2!.blockNumber);
          const [payReceipt, callReceipt] = order === "payment first" ? [r1!, r2!] : [r2!, r1!];
          const paidToSme = await s.claims.owed(s.sme.address, s.usdcAddress);
          // The call pays the holder straight; the escrow never credits it.
          const calledToSme = (await s.usdc.balanceOf(s.sme.address)) - smeBalance;
          expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(0n);
          if (order === "payment first") {
            expect(payReceipt.status).to.equal(1);
            expect(callReceipt.status).to.equal(0);
            expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Settled));
            expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Active));
            expect([paidToSme, calledToSme]).to.deep.equal([FACE, 0n]);
          } else {
            // Both succeed: the call moved the claim to the guarantor, so the payment is the guarantor's.
            expect(callReceipt.status).to.equal(1);
            expect(payReceipt.status).to.equal(1);
            expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Called));
            expect([paidToSme, calledToSme]).to.deep.equal([0n, FACE]);
            expect(await s.claims.owed(s.guarantor.address, s.usdcAddress)).to.equal(FACE);
          }
          expect(paidToSme + calledToSme).to.equal(FACE);
        } finally {
          await provider.request({ method: "evm_setAutomine", params: [true] });
        }
      });
    }
  });

  describe("D2: donations", () => {
    it("tokens sent straight to the escrow change no credit, no liability and no outcome; they are collected as fees", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
      await s.usdc.connect(s.stranger).transfer(s.escrowAddress, 777n * USD);
      const fee = splitFee(PREMIUM, RULES.premiumFeeBps).fee;
      const liabilities = await s.escrow.totalLiabilities(s.usdcAddress);
      expect(liabilities).to.equal(COVER);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(777n * USD + fee);
      await s.defaultClaim(id);
      await expect(s.escrow.connect(s.sme).callGuarantee(gid, s.sme))
        .to.emit(s.escrow, "GuaranteeCalled")
        .withArgs(gid, id, s.sme.address, s.sme.address, COVER, 0n, false);
      await expectEscrowRevert(s, () => s.escrow.distribute(id), "EscrowNothingToDistribute", [id], { claimIds: [id] });
      await withdrawAll(s, s.usdcAddress, [s.sme, s.guarantor, s.operator, s.stranger]);
      expect(await s.usdc.balanceOf(s.escrowAddress)).to.equal(777n * USD + fee);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(0n);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.stranger).withdraw(s.usdcAddress, s.stranger.address),
        "EscrowNothingToWithdraw",
        [s.stranger.address, s.usdcAddress],
      );
      // The donor cannot take them back; the treasury collects them with the fee, and the escrow holds nothing.
      await expect(s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.operator],
        [-(777n * USD + fee), 777n * USD + fee],
      );
      expect(await s.usdc.balanceOf(s.escrowAddress)).to.equal(0n);
    });
  });
});
