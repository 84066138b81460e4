/**
 * The escrow's premium fees: an activation pays the guarantor the premium net of the fee and keeps the fee in
 * the escrow as surplus above its liabilities (on nobody's credit); only the registry's current treasury collects
 * that surplus, with withdrawFees, to an address it names.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { COVER, PREMIUM, deployEscrowSystem, expectEscrowRevert, expectEscrowSolvent } from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { DEFAULT_MARKET_RULES as RULES, splitFee } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployEscrowSystem(connection);

const FEE = splitFee(PREMIUM, RULES.premiumFeeBps).fee;

describe("GuaranteeEscrow fees", () => {
  describe("when a guarantee is activated", () => {
    it("the fee stays in the escrow as feesAccrued: the guarantor is paid the net, the treasury nothing", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const gid = await s.offerOn(id);
      const tx = s.escrow.connect(s.sme).activate(gid);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.sme, s.escrow, s.guarantor, s.operator],
        [-PREMIUM, FEE, PREMIUM - FEE, 0n],
      );
      await expect(tx).to.emit(s.escrow, "GuaranteeActivated").withArgs(gid, id, s.sme.address, PREMIUM, FEE);
      await expect(tx).to.not.emit(s.escrow, "Credited");
      expect(await s.escrow.credited(s.operator.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(0n);
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(COVER);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(FEE);
      await expectEscrowSolvent(s, s.usdc);
    });
  });

  describe("withdrawFees", () => {
    it("sends every fee kept to the address the treasury names, emits FeesWithdrawn, and leaves nothing due", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.guaranteedClaim();
      await s.guaranteedClaim({ guarantor: s.bank });
      const tx = s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.stranger.address);
      await expect(tx).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.operator, s.stranger],
        [-2n * FEE, 0n, 2n * FEE],
      );
      await expect(tx)
        .to.emit(s.escrow, "FeesWithdrawn")
        .withArgs(s.operator.address, s.usdcAddress, s.stranger.address, 2n * FEE);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(0n);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address),
        "EscrowNoFeesDue",
        [s.usdcAddress],
      );
    });

    it("refuses any caller but the registry's current treasury with EscrowNotTreasury", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.guaranteedClaim();
      for (const caller of [s.stranger, s.guarantor, s.sme]) {
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(caller).withdrawFees(s.usdcAddress, caller.address),
          "EscrowNotTreasury",
          [caller.address, s.operator.address],
        );
      }
    });

    it("after the operator names a new treasury, the new one collects what accrued before; the old one is refused", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.guaranteedClaim();
      await s.registry.connect(s.operator).setMarketRules({ ...RULES, treasury: s.stranger.address });
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address),
        "EscrowNotTreasury",
        [s.operator.address, s.stranger.address],
      );
      await expect(s.escrow.connect(s.stranger).withdrawFees(s.usdcAddress, s.stranger.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.stranger, s.operator],
        [-FEE, FEE, 0n],
      );
    });

    it("never to the zero address or the escrow itself (EscrowInvalidRecipient)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.guaranteedClaim();
      for (const to of [ZeroAddress, s.escrowAddress]) {
        await expectEscrowRevert(
          s,
          () => s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, to),
          "EscrowInvalidRecipient",
          [to],
        );
      }
    });

    it("with only collateral and credits held, nothing is due (EscrowNoFeesDue)", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.offerOn(await s.issueAccepted()); // collateral escrowed, no activation yet
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(0n);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address),
        "EscrowNoFeesDue",
        [s.usdcAddress],
      );
    });

    it("tokens sent to the escrow outside any function are collectable fees", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const donation = 77n * USD;
      await s.usdc.connect(s.stranger).transfer(s.escrowAddress, donation);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(donation);
      await s.guaranteedClaim();
      await expect(s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.operator],
        [-(donation + FEE), donation + FEE],
      );
    });

    it("never touches collateral or credits: liabilities unchanged, a guarantor still withdraws its offer's cover", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.guaranteedClaim();
      const offered = await s.offerOn(await s.issueAccepted(), { guarantor: s.bank });
      const liabilities = await expectEscrowSolvent(s, s.usdc);
      expect(liabilities).to.equal(2n * COVER);
      await expect(s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.operator],
        [-FEE, FEE],
      );
      expect(await s.escrow.totalLiabilities(s.usdcAddress)).to.equal(liabilities);
      expect(await s.usdc.balanceOf(s.escrowAddress)).to.equal(liabilities);
      await s.escrow.connect(s.bank).withdrawOffer(offered);
      await expect(s.escrow.connect(s.bank).withdraw(s.usdcAddress, s.bank.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.bank],
        [-COVER, COVER],
      );
    });

    it("never collects recoveries collected for one custody claim and not yet distributed", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const a = await s.guaranteedClaim({ cover: 4_000n * USD });
      const b = await s.guaranteedClaim({ cover: 2_500n * USD, guarantor: s.bank });
      for (const g of [a, b]) {
        await s.defaultClaim(g.claimId);
        await s.escrow.connect(s.sme).callGuarantee(g.guaranteeId, s.sme);
      }
      await s.claims.connect(s.debtor).pay(a.claimId, 1_000n * USD);
      await s.claims.connect(s.debtor).pay(b.claimId, 1_000n * USD);
      await s.escrow.distribute(a.claimId); // collects b's 1,000 USD too
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(2n * FEE);
      await expectEscrowSolvent(s, s.usdc);
      await expect(s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.operator],
        [-2n * FEE, 2n * FEE],
      );
      await expect(s.escrow.distribute(b.claimId))
        .to.emit(s.escrow, "RecoveryDistributed")
        .withArgs(b.claimId, 750n * USD, 250n * USD);
      await expectEscrowSolvent(s, s.usdc);
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(0n);
    });

    it("still works while the registry is paused", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.guaranteedClaim();
      await s.registry.connect(s.operator).pause();
      await expect(s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address))
        .to.emit(s.escrow, "FeesWithdrawn")
        .withArgs(s.operator.address, s.usdcAddress, s.operator.address, FEE);
    });
  });
});
