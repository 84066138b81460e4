/**
 * Story: an SME sells a claim to a factor through the market; a guarantor offers cover on it (escrowing the cover
 * at once); the factor activates the guarantee by paying the premium, which the escrow splits exactly: the premium
 * fee kept for the treasury (the operator) to collect, the net to the guarantor. The debtor pays in full at maturity, so the cover
 * was never needed: a stranger releases the collateral to the guarantor. Everyone withdraws what it is owed from
 * the claim contract, the market and the escrow; all three end holding exactly nothing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployEscrowSystem, expectEveryoneOut } from "../fixtures/escrow.js";
import { USD } from "../fixtures/system.js";
import {
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  GuaranteeStatus as Status,
  splitFee,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployEscrowSystem(connection);

describe("flow: guarantee on a sold claim, paid at maturity, collateral released", () => {
  it("the premium splits exactly, the debtor pays the factor, the guarantor gets cover and net premium back", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, market, escrow, usdc, sme, debtor, factor, guarantor, operator, stranger } = s;
    const currency = s.usdcAddress;
    await expectEveryoneOut(s);
    const parties = [sme, debtor, factor, guarantor, operator, stranger];
    const start = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));

    const face = 25_000n * USD + 17n;
    const price = 24_400n * USD + 3n;
    const saleFee = splitFee(price, RULES.saleFeeBps).fee; // 61.000000 (rounded down from 61.0000000075)
    const cover = 15_000n * USD + 9n;
    const premium = 187n * USD + 499_999n; // 187.499999
    const premiumFee = splitFee(premium, RULES.premiumFeeBps).fee; // 0.468749 (rounded down from 0.4687499975)
    const premiumNet = premium - premiumFee;
    expect(saleFee).to.equal(61_000_000n);
    expect(premiumFee).to.equal(468_749n);
    expect(premiumNet).to.equal(187_031_250n);

    // 1. The SME's claim, accepted by the debtor, sold to the factor through a real market listing.
    const id = await s.issueAccepted({ faceValue: face });
    const { m } = await s.clockOf(id);
    await market.connect(sme).list(id, price, 0n, (await s.now()) + DAY);
    const buy = market.connect(factor).buy(id, price);
    await expect(buy).to.changeTokenBalances(ethers, usdc, [factor, sme, market], [-price, price - saleFee, saleFee]);
    await expect(buy).to.emit(market, "ClaimSold").withArgs(id, sme.address, factor.address, price, saleFee, 0);
    expect(await claims.ownerOf(id)).to.equal(factor.address);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
    expect(await market.feesAccrued(currency)).to.equal(saleFee);
    expect(await market.credited(operator.address, currency)).to.equal(0n);

    // 2. The guarantor offers cover; the cover leaves its wallet for the escrow at once.
    const expiry = (await s.now()) + 10n * DAY;
    const offer = escrow.connect(guarantor).offer(id, cover, premium, expiry);
    await expect(offer).to.changeTokenBalances(ethers, usdc, [guarantor, escrow], [-cover, cover]);
    await expect(offer).to.emit(escrow, "GuaranteeOffered").withArgs(1n, id, guarantor.address, cover, premium, expiry);
    const gid = await escrow.guaranteeCount();
    expect(gid).to.equal(1n);
    expect(await escrow.isGuaranteed(id)).to.equal(false);
    expect(await s.guaranteeTrait(id)).to.equal("none");
    expect(await escrow.totalLiabilities(currency)).to.equal(cover);

    // 3. The factor activates it by paying the premium: the net paid straight to the guarantor, the fee kept for
    // the treasury (no liability, nobody's credit).
    expect(await escrow.feeFor(premium)).to.deep.equal([premiumFee, premiumNet]);
    const activate = escrow.connect(factor).activate(gid);
    await expect(activate).to.changeTokenBalances(
      ethers,
      usdc,
      [factor, escrow, guarantor],
      [-premium, premiumFee, premiumNet],
    );
    await expect(activate).to.emit(escrow, "GuaranteeActivated").withArgs(gid, id, factor.address, premium, premiumFee);
    await expect(activate).to.not.emit(escrow, "Credited");
    expect(await escrow.credited(guarantor.address, currency)).to.equal(0n);
    expect(await escrow.feesAccrued(currency)).to.equal(premiumFee);
    expect(await escrow.credited(operator.address, currency)).to.equal(0n);
    expect(await escrow.totalLiabilities(currency)).to.equal(cover);
    expect(await usdc.balanceOf(s.escrowAddress)).to.equal(cover + premiumFee);
    const g = await escrow.guarantee(gid);
    expect(g.status).to.equal(Status.Active);
    expect(g.activatedAt).to.equal(await s.now());
    expect(await escrow.isGuaranteed(id)).to.equal(true);
    expect(await escrow.guaranteeOfClaim(id)).to.equal(gid);
    expect(await s.guaranteeTrait(id)).to.equal("active, cover 15000.000009 USDC");

    // 4. While the claim is live nobody can take the collateral back: not a stranger, not the guarantor.
    for (const caller of [stranger, guarantor]) {
      await expect(escrow.connect(caller).release(gid))
        .to.be.revertedWithCustomError(escrow, "EscrowNotReleasable")
        .withArgs(gid);
    }

    // 5. The debtor pays in full on the due date, to the factor (the holder of record), through the pull ledger.
    await s.pinNext(m);
    const pay = claims.connect(debtor).pay(id, face);
    await expect(pay).to.changeTokenBalances(ethers, usdc, [debtor, claims, factor], [-face, face, 0n]);
    await expect(pay).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, factor.address, face, face);
    await expect(pay).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Financed, State.Settled);
    expect(await claims.owed(factor.address, currency)).to.equal(face);
    // The cover was never needed, but it stays escrowed until someone releases it.
    expect(await escrow.isGuaranteed(id)).to.equal(true);

    // 6. A stranger releases the collateral: credited to the guarantor, not paid to the stranger.
    const release = escrow.connect(stranger).release(gid);
    await expect(release).to.changeTokenBalances(ethers, usdc, [stranger, escrow, guarantor], [0n, 0n, 0n]);
    await expect(release).to.emit(escrow, "GuaranteeReleased").withArgs(gid, id, guarantor.address, cover);
    expect((await escrow.guarantee(gid)).status).to.equal(Status.Released);
    expect(await escrow.isGuaranteed(id)).to.equal(false);
    expect(await escrow.guaranteeOfClaim(id)).to.equal(0n);
    expect(await escrow.credited(guarantor.address, currency)).to.equal(cover);
    await expect(escrow.connect(stranger).release(gid))
      .to.be.revertedWithCustomError(escrow, "EscrowWrongStatus")
      .withArgs(gid, Status.Released);

    // 7. Everyone withdraws. The factor collects the face value from the claim contract ...
    await expect(claims.connect(factor).withdraw(currency, factor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, factor],
      [-face, face],
    );
    // ... the guarantor its cover from the escrow (its net premium came at activation) ...
    await expect(escrow.connect(guarantor).withdraw(currency, guarantor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [escrow, guarantor],
      [-cover, cover],
    );
    // ... and the treasury collects the premium fee from the escrow and the sale fee from the market.
    await expect(escrow.connect(operator).withdrawFees(currency, operator.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [escrow, operator],
      [-premiumFee, premiumFee],
    );
    await expect(market.connect(operator).withdrawFees(currency, operator.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [market, operator],
      [-saleFee, saleFee],
    );
    // Nothing is left for a second withdrawal.
    await expect(escrow.connect(guarantor).withdraw(currency, guarantor.address))
      .to.be.revertedWithCustomError(escrow, "EscrowNothingToWithdraw")
      .withArgs(guarantor.address, currency);
    await expect(claims.connect(factor).withdraw(currency, factor.address))
      .to.be.revertedWithCustomError(claims, "ClaimNothingToWithdraw")
      .withArgs(factor.address, currency);
    await expect(market.connect(operator).withdrawFees(currency, operator.address))
      .to.be.revertedWithCustomError(market, "ClaimMarketNoFeesDue")
      .withArgs(currency);

    // The end: every wallet moved by exactly what the story says, and the three contracts are empty.
    await expectEveryoneOut(s);
    const delta = [
      price - saleFee, // sme: the sale, net of the market fee
      -face, // debtor: the invoice
      face - price - premium, // factor: the discount earned, less the premium
      premiumNet, // guarantor: the premium net of the fee (its cover came back whole)
      saleFee + premiumFee, // treasury: both fees
      0n, // stranger: released for free
    ];
    const end = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));
    expect(end.map((b, i) => b - start[i])).to.deep.equal(delta);
    expect(delta.reduce((a, b) => a + b, 0n)).to.equal(0n);
  });
});
