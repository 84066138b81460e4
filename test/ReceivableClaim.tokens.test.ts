/**
 * Threats T (odd tokens), H (hooks and reentrancy) and D2 (donations) of docs/SECURITY.md against
 * ReceivableClaim's money paths: pay, payInFull, withdraw and reclaimHeldPayment.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  BlocklistToken__factory,
  FalseReturnToken__factory,
  FeeOnTransferToken__factory,
  HostileReceiver__factory,
  MockStablecoin__factory,
  NoReturnToken__factory,
  RebasingToken__factory,
  ReentrantToken__factory,
  type HostileReceiver,
  type ReentrantToken,
} from "../types/index.js";
import { deploySystem, USD, type System } from "./fixtures/system.js";
import { balancesOf, expectLedger, type BalanceToken } from "./helpers/ledger.js";
import { evidence } from "./helpers/lifecycle.js";
import { ClaimState as State, DAY, DisputeOutcome as Outcome, Role } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const FACE = 10_000n * USD;
const E18 = 10n ** 18n;

function everyone(s: System): string[] {
  return [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger].map(
    (a) => a.address,
  );
}

/** The slice of a mock token these tests drive. */
interface MintableToken extends BalanceToken {
  mint(to: string, amount: bigint): Promise<unknown>;
}

/** Allowlists `token`, funds the debtor and approves the claim contract for it. */
async function onboard(s: System, token: MintableToken, approve: (spender: string) => Promise<unknown>) {
  await s.registry.connect(s.operator).setCurrencyAllowed(await token.getAddress(), true);
  await token.mint(s.debtor.address, 1_000_000n * E18);
  await approve(await s.claims.getAddress());
}

describe("ReceivableClaim: odd tokens, hooks and donations", () => {
  describe("T1: a fee-on-transfer currency the operator allowlisted", () => {
    it("pay reverts with ClaimTransferAmountMismatch(currency, amount, received) and nothing moves", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const fot = await new FeeOnTransferToken__factory(s.operator).deploy();
      await onboard(s, fot, (spender) => fot.connect(s.debtor).approve(spender, ethers.MaxUint256));
      const id = await s.issueAccepted({ currency: await fot.getAddress() });

      const before = await balancesOf(fot, [s.debtor, s.claims, s.sme]);
      // 1 % fee, rounded up: 1,000 arrives as 990; a single unit arrives as nothing.
      await expect(s.claims.connect(s.debtor).pay(id, 1_000n))
        .to.be.revertedWithCustomError(s.claims, "ClaimTransferAmountMismatch")
        .withArgs(await fot.getAddress(), 1_000n, 990n);
      await expect(s.claims.connect(s.debtor).pay(id, 1n))
        .to.be.revertedWithCustomError(s.claims, "ClaimTransferAmountMismatch")
        .withArgs(await fot.getAddress(), 1n, 0n);
      await expect(s.claims.connect(s.debtor).payInFull([id], FACE))
        .to.be.revertedWithCustomError(s.claims, "ClaimTransferAmountMismatch")
        .withArgs(await fot.getAddress(), FACE, FACE - FACE / 100n);

      expect(await balancesOf(fot, [s.debtor, s.claims, s.sme])).to.deep.equal(before);
      const c = await s.claimLens.claim(id);
      expect(c.amountPaid).to.equal(0n);
      expect(c.state).to.equal(State.Accepted);
      expect(await s.claims.owed(s.sme.address, fot)).to.equal(0n);
      expect(await s.claims.totalLiabilities(fot)).to.equal(0n);
    });
  });

  describe("T2: a rebasing currency", () => {
    // The operator must never allowlist a rebasing token: the claim contract keeps its ledger in fixed units and
    // reads balanceOf only to check that a pull delivered exactly what it asked for. These tests show what
    // happens if the operator does it anyway: a positive rebase strands a surplus, a negative one leaves the
    // contract unable to pay everyone, and the ledger does not pretend otherwise. That is why the allowlist
    // exists.
    async function rebasingClaim(s: System) {
      const rbt = await new RebasingToken__factory(s.operator).deploy();
      await onboard(s, rbt, (spender) => rbt.connect(s.debtor).approve(spender, ethers.MaxUint256));
      const id = await s.issueAccepted({ currency: await rbt.getAddress() });
      return { rbt, id };
    }

    it("at a unit multiplier a payment is credited exactly", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { rbt, id } = await rebasingClaim(s);
      await expect(s.claims.connect(s.debtor).pay(id, 1_000n)).to.changeTokenBalances(
        ethers,
        rbt,
        [s.debtor, s.claims],
        [-1_000n, 1_000n],
      );
      await expectLedger(s.claims, rbt, everyone(s), [id]);
    });

    it("a positive rebase leaves a surplus: solvency holds, withdrawals stay exact, the surplus is nobody's", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { rbt, id } = await rebasingClaim(s);
      await s.claims.connect(s.debtor).pay(id, 1_000n);
      await rbt.setMultiplier(2n * E18);
      expect(await rbt.balanceOf(await s.claims.getAddress())).to.equal(2_000n);
      expect(await expectLedger(s.claims, rbt, everyone(s), [id])).to.equal(1_000n);

      await expect(s.claims.connect(s.sme).withdraw(rbt, s.sme.address)).to.changeTokenBalances(
        ethers,
        rbt,
        [s.claims, s.sme],
        [-1_000n, 1_000n],
      );
      expect(await s.claims.totalLiabilities(rbt)).to.equal(0n);
      expect(await rbt.balanceOf(await s.claims.getAddress())).to.equal(1_000n);
    });

    it("a negative rebase breaks solvency: the ledger still says what is owed, and the withdrawal fails", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { rbt, id } = await rebasingClaim(s);
      await s.claims.connect(s.debtor).pay(id, 1_000n);
      await rbt.setMultiplier(E18 / 2n);

      const claimsAddress = await s.claims.getAddress();
      expect(await rbt.balanceOf(claimsAddress)).to.equal(500n);
      expect(await s.claims.totalLiabilities(rbt)).to.equal(1_000n);
      expect(await s.claims.owed(s.sme.address, rbt)).to.equal(1_000n);
      expect(await rbt.balanceOf(claimsAddress)).to.be.lt(await s.claims.totalLiabilities(rbt));

      await expect(s.claims.connect(s.sme).withdraw(rbt, s.sme.address))
        .to.be.revertedWithCustomError(rbt, "ERC20InsufficientBalance")
        .withArgs(claimsAddress, 500n, 1_000n);
      expect(await s.claims.owed(s.sme.address, rbt)).to.equal(1_000n);
    });

    it("after a rebase to an odd multiplier, a pull that rounds differently is refused by the balance-delta check", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { rbt, id } = await rebasingClaim(s);
      await rbt.setMultiplier(3n * E18);
      // 10 units = ceil(10 / 3) = 4 shares, worth 12 units at the recipient.
      await expect(s.claims.connect(s.debtor).pay(id, 10n))
        .to.be.revertedWithCustomError(s.claims, "ClaimTransferAmountMismatch")
        .withArgs(await rbt.getAddress(), 10n, 12n);
    });
  });

  describe("T3: tokens that return nothing or false", () => {
    it("a USDT-style token that returns nothing: pay, payInFull and withdraw work", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const nrt = await new NoReturnToken__factory(s.operator).deploy();
      await onboard(s, nrt, (spender) => nrt.connect(s.debtor).approve(spender, ethers.MaxUint256));
      const id = await s.issueAccepted({ currency: await nrt.getAddress() });

      await expect(s.claims.connect(s.debtor).pay(id, 4_000n * USD)).to.changeTokenBalances(
        ethers,
        nrt,
        [s.debtor, s.claims, s.sme],
        [-4_000n * USD, 4_000n * USD, 0n],
      );
      await expect(s.claims.connect(s.debtor).payInFull([id], FACE)).to.changeTokenBalances(
        ethers,
        nrt,
        [s.debtor, s.claims, s.sme],
        [-(FACE - 4_000n * USD), FACE - 4_000n * USD, 0n],
      );
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      await expect(s.claims.connect(s.sme).withdraw(nrt, s.sme2.address)).to.changeTokenBalances(
        ethers,
        nrt,
        [s.claims, s.sme, s.sme2],
        [-FACE, 0n, FACE],
      );
      expect(await nrt.balanceOf(await s.claims.getAddress())).to.equal(0n);
    });

    it("a USDT-style token's own revert (no allowance) bubbles up unchanged", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const nrt = await new NoReturnToken__factory(s.operator).deploy();
      await onboard(s, nrt, async () => undefined);
      const id = await s.issueAccepted({ currency: await nrt.getAddress() });
      await expect(s.claims.connect(s.debtor).pay(id, 5n))
        .to.be.revertedWithCustomError(nrt, "NoReturnTokenInsufficientAllowance")
        .withArgs(s.debtor.address, await s.claims.getAddress(), 0n, 5n);
    });

    it("a token that returns false on a failed transferFrom: pay reverts with SafeERC20FailedOperation", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const frt = await new FalseReturnToken__factory(s.operator).deploy();
      await onboard(s, frt, async () => undefined); // no allowance
      const id = await s.issueAccepted({ currency: await frt.getAddress() });
      const before = await balancesOf(frt, [s.debtor, s.claims]);
      await expect(s.claims.connect(s.debtor).pay(id, 5n))
        .to.be.revertedWithCustomError(s.claims, "SafeERC20FailedOperation")
        .withArgs(await frt.getAddress());
      expect(await balancesOf(frt, [s.debtor, s.claims])).to.deep.equal(before);
      expect((await s.claimLens.claim(id)).amountPaid).to.equal(0n);

      // With an allowance but too small a balance it returns false too.
      await frt.connect(s.stranger).approve(await s.claims.getAddress(), ethers.MaxUint256);
      await expect(s.claims.connect(s.stranger).pay(id, 5n))
        .to.be.revertedWithCustomError(s.claims, "SafeERC20FailedOperation")
        .withArgs(await frt.getAddress());

      // When the transfers succeed it behaves as any token.
      await frt.connect(s.debtor).approve(await s.claims.getAddress(), ethers.MaxUint256);
      await s.claims.connect(s.debtor).pay(id, 5n);
      await expect(s.claims.connect(s.sme).withdraw(frt, s.sme.address)).to.changeTokenBalances(
        ethers,
        frt,
        [s.claims, s.sme],
        [-5n, 5n],
      );
    });
  });

  describe("T4: a currency address without code", () => {
    it("cannot be allowlisted (RegistryCurrencyNotContract), so no claim can be issued in it", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const noCode = ethers.Wallet.createRandom().address;
      await expect(s.registry.connect(s.operator).setCurrencyAllowed(noCode, true))
        .to.be.revertedWithCustomError(s.registry, "RegistryCurrencyNotContract")
        .withArgs(noCode);
      const terms = await s.terms({ currency: noCode });
      await expect(s.claims.connect(s.sme).issue(terms, ""))
        .to.be.revertedWithCustomError(s.claims, "ClaimCurrencyNotAllowed")
        .withArgs(noCode);
    });

    it("a currency taken off the allowlist stops new claims, not payments on live ones", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      await s.registry.connect(s.operator).setCurrencyAllowed(await s.usdc.getAddress(), false);
      await expect(s.issue())
        .to.be.revertedWithCustomError(s.claims, "ClaimCurrencyNotAllowed")
        .withArgs(await s.usdc.getAddress());
      await s.claims.connect(s.debtor).pay(id, FACE);
      await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.sme],
        [-FACE, FACE],
      );
    });
  });

  describe("T5: an 18-decimal stablecoin", () => {
    it("works end to end: issue, accept, pay in parts, resell, settle, withdraw to zero", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const dai = await new MockStablecoin__factory(s.operator).deploy("Dai Stablecoin", "DAI", 18);
      await onboard(s, dai, (spender) => dai.connect(s.debtor).approve(spender, ethers.MaxUint256));
      const face = 250_000n * E18 + 123_456_789_012_345_678n;
      const id = await s.issueAccepted({ currency: await dai.getAddress(), faceValue: face });

      const first = 100_000n * E18 + 1n;
      await expect(s.claims.connect(s.debtor).pay(id, first)).to.changeTokenBalances(
        ethers,
        dai,
        [s.debtor, s.claims, s.sme],
        [-first, first, 0n],
      );
      await s.claims.connect(s.sme).transferFrom(s.sme.address, s.factor.address, id);
      const rest = face - first;
      const tx = s.claims.connect(s.debtor).pay(id, rest);
      await expect(tx).to.changeTokenBalances(ethers, dai, [s.debtor, s.claims, s.factor], [-rest, rest, 0n]);
      await expect(tx)
        .to.emit(s.claims, "PaymentReceived")
        .withArgs(id, s.debtor.address, s.factor.address, rest, face);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      await expectLedger(s.claims, dai, everyone(s), [id]);

      await expect(s.claims.connect(s.sme).withdraw(dai, s.sme.address)).to.changeTokenBalances(
        ethers,
        dai,
        [s.claims, s.sme],
        [-first, first],
      );
      await expect(s.claims.connect(s.factor).withdraw(dai, s.factor.address)).to.changeTokenBalances(
        ethers,
        dai,
        [s.claims, s.factor],
        [-rest, rest],
      );
      expect(await dai.balanceOf(await s.claims.getAddress())).to.equal(0n);
      expect(await s.claims.totalLiabilities(dai)).to.equal(0n);
    });
  });

  describe("T6: the holder is blocklisted by a USDC-style stablecoin", () => {
    it("the debtor's payment still succeeds; the holder withdraws later to another, non-blocked address", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const busd = await new BlocklistToken__factory(s.operator).deploy();
      await onboard(s, busd, (spender) => busd.connect(s.debtor).approve(spender, ethers.MaxUint256));
      const id = await s.issueAccepted({ currency: await busd.getAddress() });
      const other = await s.issueAccepted({ currency: await busd.getAddress(), originator: s.sme2.address });
      await busd.connect(s.operator).setBlocklisted(s.sme.address, true);

      const tx = s.claims.connect(s.debtor).pay(id, FACE);
      await expect(tx).to.changeTokenBalances(ethers, busd, [s.debtor, s.claims, s.sme], [-FACE, FACE, 0n]);
      await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(id, s.debtor.address, s.sme.address, FACE, FACE);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      expect(await s.claims.owed(s.sme.address, busd)).to.equal(FACE);

      // Nobody else is held up: another claim in the same currency settles and pays out.
      await s.claims.connect(s.debtor).pay(other, FACE);
      await expect(s.claims.connect(s.sme2).withdraw(busd, s.sme2.address)).to.changeTokenBalances(
        ethers,
        busd,
        [s.claims, s.sme2],
        [-FACE, FACE],
      );

      // The blocked holder cannot receive, and its credit survives the failed attempt.
      await expect(s.claims.connect(s.sme).withdraw(busd, s.sme.address))
        .to.be.revertedWithCustomError(busd, "BlocklistTokenAccountBlocked")
        .withArgs(s.sme.address);
      expect(await s.claims.owed(s.sme.address, busd)).to.equal(FACE);

      const recovery = s.guarantor; // an address the SME controls that is not blocked
      const w = s.claims.connect(s.sme).withdraw(busd, recovery.address);
      await expect(w).to.changeTokenBalances(ethers, busd, [s.claims, s.sme, recovery], [-FACE, 0n, FACE]);
      await expect(w)
        .to.emit(s.claims, "Withdrawn")
        .withArgs(s.sme.address, await busd.getAddress(), recovery.address, FACE);
      expect(await busd.balanceOf(await s.claims.getAddress())).to.equal(0n);
    });
  });

  describe("H1/H3: a currency whose transfer hook re-enters", () => {
    type Fn = "pay" | "payInFull" | "withdraw" | "reclaimHeldPayment";
    const fns: Fn[] = ["pay", "payInFull", "withdraw", "reclaimHeldPayment"];

    interface Scene {
      rnt: ReentrantToken;
      live: bigint; // Accepted, 1,000 credited to the SME
      voided: bigint; // Voided, 400 held from the debtor
    }

    async function scene(s: System): Promise<Scene> {
      const rnt = await new ReentrantToken__factory(s.operator).deploy();
      await onboard(s, rnt, (spender) => rnt.connect(s.debtor).approve(spender, ethers.MaxUint256));
      const currency = await rnt.getAddress();
      const live = await s.issueAccepted({ currency });
      await s.claims.connect(s.debtor).pay(live, 1_000n);
      const voided = await s.issueAccepted({ currency });
      await s.claims.connect(s.debtor).dispute(voided, evidence("reentrancy"));
      await s.claims.connect(s.debtor).pay(voided, 400n);
      await s.claims.connect(s.operator).resolve(voided, Outcome.Voided, FACE);
      return { rnt, live, voided };
    }

    /** The legitimate outer call. */
    async function outer(s: System, sc: Scene, fn: Fn) {
      switch (fn) {
        case "pay":
          return s.claims.connect(s.debtor).pay(sc.live, 100n);
        case "payInFull":
          return s.claims.connect(s.debtor).payInFull([sc.live], FACE);
        case "withdraw":
          return s.claims.connect(s.sme).withdraw(sc.rnt, s.sme.address);
        case "reclaimHeldPayment":
          return s.claims.connect(s.debtor).reclaimHeldPayment(sc.voided, s.debtor.address);
      }
    }

    /** The calldata the hook re-enters with (the token contract is the caller). */
    async function inner(s: System, sc: Scene, fn: Fn): Promise<string> {
      const i = s.claims.interface;
      const rntAddress = await sc.rnt.getAddress();
      switch (fn) {
        case "pay":
          return i.encodeFunctionData("pay", [sc.live, 1n]);
        case "payInFull":
          return i.encodeFunctionData("payInFull", [[sc.live], FACE]);
        case "withdraw":
          return i.encodeFunctionData("withdraw", [rntAddress, rntAddress]);
        case "reclaimHeldPayment":
          return i.encodeFunctionData("reclaimHeldPayment", [sc.voided, rntAddress]);
      }
    }

    /** Everything a money call can change. */
    async function state(s: System, sc: Scene) {
      const rntAddress = await sc.rnt.getAddress();
      const accounts = [s.debtor.address, s.sme.address, await s.claims.getAddress(), rntAddress];
      const live = await s.claimLens.claim(sc.live);
      const voided = await s.claimLens.claim(sc.voided);
      return {
        balances: await balancesOf(sc.rnt, accounts),
        owed: await Promise.all(accounts.map((a) => s.claims.owed(a, rntAddress))),
        liabilities: await s.claims.totalLiabilities(rntAddress),
        live: [live.amountPaid, live.heldAmount, live.nonce, live.state],
        voided: [voided.amountPaid, voided.heldAmount, voided.nonce, voided.state],
        held: await s.claims.heldPaymentOf(sc.voided, s.debtor.address),
      };
    }

    for (const outerFn of fns) {
      for (const innerFn of fns) {
        for (const beforeUpdate of [true, false]) {
          const when = beforeUpdate ? "before" : "after";
          it(`${outerFn} -> ${innerFn}, re-entered ${when} the balance update: blocked, state as after one call`, async () => {
            const s = await networkHelpers.loadFixture(fixture);
            const sc = await scene(s);

            // What one legitimate call leaves behind.
            const snapshot = await networkHelpers.takeSnapshot();
            await outer(s, sc, outerFn);
            const expected = await state(s, sc);
            await snapshot.restore();

            await sc.rnt.arm(await s.claims.getAddress(), await inner(s, sc, innerFn), beforeUpdate);
            const guard = s.claims.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
            await expect(outer(s, sc, outerFn))
              .to.emit(sc.rnt, "ReentryAttempted")
              .withArgs(await s.claims.getAddress(), false, guard);
            expect(await sc.rnt.reentryAttempted()).to.equal(true);
            expect(await sc.rnt.reentrySucceeded()).to.equal(false);
            expect(await sc.rnt.reentryReturnData()).to.equal(guard);
            expect(await state(s, sc)).to.deep.equal(expected);
            await expectLedger(s.claims, sc.rnt, [...everyone(s), await sc.rnt.getAddress()], [sc.live, sc.voided]);
          });
        }
      }
    }
  });

  describe("H2: the holder is a contract whose receive hook reverts or burns all gas", () => {
    async function hostileHolder(s: System): Promise<{ hostile: HostileReceiver; id: bigint }> {
      const hostile = await new HostileReceiver__factory(s.operator).deploy(s.bank.address);
      const expiry = (await s.now()) + 365n * DAY;
      await s.registry.connect(s.operator).verify(await hostile.getAddress(), Role.Factor, expiry);
      const id = await s.issueAccepted();
      const bySme = s.claims.connect(s.sme);
      await bySme["safeTransferFrom(address,address,uint256)"](s.sme.address, await hostile.getAddress(), id);
      expect(await s.claims.ownerOf(id)).to.equal(await hostile.getAddress());
      return { hostile, id };
    }

    for (const [mode, label] of [
      [1n, "Revert"],
      [3n, "BurnGas"],
    ] as const) {
      it(`in ${label} mode: the debtor's payments go through, and the contract pulls them later with execute(withdraw)`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { hostile, id } = await hostileHolder(s);
        await hostile.connect(s.bank).setMode(mode);
        const hostileAddress = await hostile.getAddress();

        const part = 3_000n * USD;
        await expect(s.claims.connect(s.debtor).pay(id, part)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.debtor, s.claims, hostile],
          [-part, part, 0n],
        );
        const tx = s.claims.connect(s.debtor).pay(id, FACE - part);
        await expect(tx)
          .to.emit(s.claims, "PaymentReceived")
          .withArgs(id, s.debtor.address, hostileAddress, FACE - part, FACE);
        await expect(tx).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Settled);
        expect(await s.claims.owed(hostileAddress, s.usdc)).to.equal(FACE);

        const data = s.claims.interface.encodeFunctionData("withdraw", [await s.usdc.getAddress(), hostileAddress]);
        await expect(hostile.connect(s.bank).execute(await s.claims.getAddress(), data)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, hostile],
          [-FACE, FACE],
        );
        expect(await s.claims.owed(hostileAddress, s.usdc)).to.equal(0n);
      });
    }
  });

  describe("D2: tokens donated straight to the contract", () => {
    it("change nothing: owed and liabilities ignore them, payments and withdrawals stay exact", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const claimsAddress = await s.claims.getAddress();
      const donation = 5_000n * USD + 17n;
      await s.usdc.connect(s.stranger).transfer(claimsAddress, donation);
      expect(await s.claims.totalLiabilities(s.usdc)).to.equal(0n);
      for (const account of everyone(s)) expect(await s.claims.owed(account, s.usdc)).to.equal(0n);
      await expect(s.claims.connect(s.stranger).withdraw(s.usdc, s.stranger.address))
        .to.be.revertedWithCustomError(s.claims, "ClaimNothingToWithdraw")
        .withArgs(s.stranger.address, await s.usdc.getAddress());

      // The balance-delta check is relative, so a standing surplus does not disturb a payment.
      await expect(s.claims.connect(s.debtor).pay(id, 1_000n * USD)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.debtor, s.claims, s.sme],
        [-1_000n * USD, 1_000n * USD, 0n],
      );
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(1_000n * USD);
      expect(await expectLedger(s.claims, s.usdc, everyone(s), [id])).to.equal(1_000n * USD);

      await s.usdc.connect(s.stranger).transfer(claimsAddress, 1n);
      await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.sme],
        [-1_000n * USD, 1_000n * USD],
      );
      expect(await s.claims.totalLiabilities(s.usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(claimsAddress)).to.equal(donation + 1n);
    });
  });
});
