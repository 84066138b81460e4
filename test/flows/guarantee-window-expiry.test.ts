/**
 * Story: an SME sells a claim to a factor; a guarantor covers part of it and the factor activates the guarantee.
 * The debtor defaults and a stranger declares it; the factor never calls. At the last second of the cover (due date
 * + grace + window, whatever the second the default was declared) the call would still work (shown on a snapshot, then rolled back) and nobody may release
 * the collateral; one second later the call is refused and anyone releases the collateral to the guarantor. The
 * debtor pays late, to the factor, which kept the claim. Everyone withdraws; the three contracts end empty.
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

describe("flow: default, nobody calls, the window closes, the collateral goes back", () => {
  it("callable at due date + grace + window exactly, refused one second later, then released to the guarantor", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, market, escrow, usdc, sme, debtor, factor, guarantor, operator, stranger } = s;
    const currency = s.usdcAddress;
    await expectEveryoneOut(s);
    const parties = [sme, debtor, factor, guarantor, operator, stranger];
    const start = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));

    const face = 12_000n * USD + 5n;
    const price = 11_640n * USD;
    const saleFee = splitFee(price, RULES.saleFeeBps).fee;
    const cover = 4_000n * USD + 3n;
    const premium = 90n * USD + 11n;
    const premiumFee = splitFee(premium, RULES.premiumFeeBps).fee;
    const premiumNet = premium - premiumFee;
    expect([saleFee, premiumFee]).to.deep.equal([29_100_000n, 225_000n]);

    // 1. Sold to the factor through a market listing; the guarantor offers cover; the factor activates.
    const id = await s.issueAccepted({ faceValue: face });
    const { m, g, w } = await s.clockOf(id);
    expect(w).to.equal(90n * DAY);
    await market.connect(sme).list(id, price, 0n, (await s.now()) + DAY);
    await expect(market.connect(factor).buy(id, price)).to.changeTokenBalances(
      ethers,
      usdc,
      [factor, sme, market],
      [-price, price - saleFee, saleFee],
    );
    const expiry = (await s.now()) + 5n * DAY;
    await expect(escrow.connect(guarantor).offer(id, cover, premium, expiry)).to.changeTokenBalances(
      ethers,
      usdc,
      [guarantor, escrow],
      [-cover, cover],
    );
    const gid = await escrow.guaranteeCount();
    await expect(escrow.connect(factor).activate(gid)).to.changeTokenBalances(
      ethers,
      usdc,
      [factor, escrow, guarantor],
      [-premium, premiumFee, premiumNet],
    );
    const deadline = m + g + w;
    expect(await escrow.callDeadline(gid)).to.equal(deadline); // the end of the cover, before any default

    // 2. The debtor defaults; a stranger declares it one second after the grace. Nobody calls.
    const defaultedAt = await s.defaultClaim(id);
    expect(defaultedAt).to.equal(m + g + 1n);
    expect(await escrow.callDeadline(gid)).to.equal(deadline);

    // 3. At the deadline itself the call still works: shown on a snapshot, which is then rolled back.
    const beforeLastSecond = await networkHelpers.takeSnapshot();
    await s.pinNext(deadline);
    const lastSecondCall = escrow.connect(factor).callGuarantee(gid, factor);
    await expect(lastSecondCall)
      .to.emit(escrow, "GuaranteeCalled")
      .withArgs(gid, id, factor.address, factor.address, cover, 0n, false);
    await expect(lastSecondCall).to.emit(escrow, "Subrogated").withArgs(id, guarantor.address, true);
    await expect(lastSecondCall).to.changeTokenBalances(ethers, usdc, [factor, escrow], [cover, -cover]);
    expect(await s.now()).to.equal(deadline);
    await beforeLastSecond.restore();
    expect((await escrow.guarantee(gid)).status).to.equal(Status.Active);
    expect(await usdc.balanceOf(s.escrowAddress)).to.be.gte(cover);
    expect(await claims.ownerOf(id)).to.equal(factor.address);

    // ... and at the deadline nobody may release the collateral, not even the guarantor.
    for (const caller of [stranger, guarantor]) {
      await s.pinNext(deadline);
      await expect(escrow.connect(caller).release(gid))
        .to.be.revertedWithCustomError(escrow, "EscrowNotReleasable")
        .withArgs(gid);
    }

    // 4. One second later the call is refused, with the deadline and the time in the error.
    await s.pinNext(deadline + 1n);
    await expect(escrow.connect(factor).callGuarantee(gid, factor))
      .to.be.revertedWithCustomError(escrow, "EscrowCallWindowClosed")
      .withArgs(gid, deadline, deadline + 1n);

    // 5. Anyone (a stranger) releases the collateral to the guarantor, at that same second.
    await s.pinNext(deadline + 1n);
    const release = escrow.connect(stranger).release(gid);
    await expect(release).to.changeTokenBalances(ethers, usdc, [stranger, escrow, guarantor], [0n, 0n, 0n]);
    await expect(release).to.emit(escrow, "GuaranteeReleased").withArgs(gid, id, guarantor.address, cover);
    expect(await s.now()).to.equal(deadline + 1n);
    expect((await escrow.guarantee(gid)).status).to.equal(Status.Released);
    expect(await escrow.isGuaranteed(id)).to.equal(false);
    expect(await escrow.guaranteeOfClaim(id)).to.equal(0n);
    expect(await s.guaranteeTrait(id)).to.equal("none");
    expect(await escrow.credited(guarantor.address, currency)).to.equal(cover);
    expect(await escrow.credited(factor.address, currency)).to.equal(0n);
    expect(await escrow.totalLiabilities(currency)).to.equal(cover);
    await expect(escrow.connect(factor).callGuarantee(gid, factor))
      .to.be.revertedWithCustomError(escrow, "EscrowWrongStatus")
      .withArgs(gid, Status.Released);
    // The factor kept the defaulted claim.
    expect(await claims.ownerOf(id)).to.equal(factor.address);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);

    // 6. The debtor finally pays, in full, to the factor.
    const pay = claims.connect(debtor).pay(id, face);
    await expect(pay).to.changeTokenBalances(ethers, usdc, [debtor, claims], [-face, face]);
    await expect(pay).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, factor.address, face, face);
    await expect(pay).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Defaulted, State.Settled);

    // 7. Everyone withdraws.
    await expect(claims.connect(factor).withdraw(currency, factor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, factor],
      [-face, face],
    );
    await expect(escrow.connect(guarantor).withdraw(currency, guarantor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [escrow, guarantor],
      [-cover, cover],
    );
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

    // The end.
    await expectEveryoneOut(s);
    const delta = [
      price - saleFee, // sme
      -face, // debtor
      face - price - premium, // factor: paid a premium for cover it let lapse
      premiumNet, // guarantor: its cover came back whole
      saleFee + premiumFee, // treasury
      0n, // stranger
    ];
    const end = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));
    expect(end.map((b, i) => b - start[i])).to.deep.equal(delta);
    expect(delta.reduce((a, b) => a + b, 0n)).to.equal(0n);
  });
});
