/**
 * Story (recourse factoring): an SME sells its claim to a factor through the market, then guarantees that claim
 * itself: it offers full cover as a guarantor, and the factor activates the offer. tokenURI shows the guarantee as
 * "recourse". The debtor defaults; the factor calls and is credited the face value from the SME's collateral; the
 * SME, subrogated, gets its claim back, and later collects the debtor's late payment. Everyone withdraws; the
 * three contracts end empty.
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
  Role,
  splitFee,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployEscrowSystem(connection);

describe("flow: recourse factoring, the originator guarantees the claim it sold", () => {
  it("the factor is paid from the SME's collateral, the SME takes the claim back and collects it late", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, market, escrow, usdc, registry, sme, debtor, factor, operator, stranger } = s;
    const currency = s.usdcAddress;
    await expectEveryoneOut(s);
    const parties = [sme, debtor, factor, operator, stranger];
    const start = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));
    // The fixture verified the sme as a guarantor as well as an originator.
    expect(await registry.isVerified(sme.address, Role.Originator)).to.equal(true);
    expect(await registry.isVerified(sme.address, Role.Guarantor)).to.equal(true);

    const face = 40_000n * USD;
    const price = 39_200n * USD + 9n;
    const saleFee = splitFee(price, RULES.saleFeeBps).fee;
    const premium = 80n * USD + 1n;
    const premiumFee = splitFee(premium, RULES.premiumFeeBps).fee;
    const premiumNet = premium - premiumFee;
    expect([saleFee, premiumFee]).to.deep.equal([98_000_000n, 200_000n]);

    // 1. The SME sells its accepted claim to the factor through a market listing.
    const id = await s.issueAccepted({ faceValue: face });
    const { m, g, w } = await s.clockOf(id);
    await market.connect(sme).list(id, price, 0n, (await s.now()) + DAY);
    await expect(market.connect(factor).buy(id, price)).to.changeTokenBalances(
      ethers,
      usdc,
      [factor, sme, market],
      [-price, price - saleFee, saleFee],
    );
    expect(await claims.ownerOf(id)).to.equal(factor.address);

    // 2. The SME, now only the originator, offers full cover on its own claim, escrowing the face value.
    const expiry = (await s.now()) + 3n * DAY;
    const offer = escrow.connect(sme).offer(id, face, premium, expiry);
    await expect(offer).to.changeTokenBalances(ethers, usdc, [sme, escrow], [-face, face]);
    await expect(offer).to.emit(escrow, "GuaranteeOffered").withArgs(1n, id, sme.address, face, premium, expiry);
    const gid = await escrow.guaranteeCount();
    expect(await s.guaranteeTrait(id)).to.equal("none");

    // 3. The factor activates it: recourse to the originator, paid for with the premium (the net straight to the SME).
    const activate = escrow.connect(factor).activate(gid);
    await expect(activate).to.changeTokenBalances(
      ethers,
      usdc,
      [factor, escrow, sme],
      [-premium, premiumFee, premiumNet],
    );
    await expect(activate).to.emit(escrow, "GuaranteeActivated").withArgs(gid, id, factor.address, premium, premiumFee);
    expect(await escrow.credited(sme.address, currency)).to.equal(0n);
    expect(await escrow.feesAccrued(currency)).to.equal(premiumFee);
    expect(await escrow.credited(operator.address, currency)).to.equal(0n);
    expect(await s.guaranteeTrait(id)).to.equal("recourse, cover 40000.00 USDC");
    // The SME cannot take its collateral back while the claim it guarantees is live.
    await expect(escrow.connect(sme).release(gid))
      .to.be.revertedWithCustomError(escrow, "EscrowNotReleasable")
      .withArgs(gid);

    // 4. The debtor pays nothing; a stranger declares the default one second after the grace.
    const defaultedAt = await s.defaultClaim(id);
    expect(defaultedAt).to.equal(m + g + 1n);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
    expect(await escrow.callDeadline(gid)).to.equal(m + g + w); // the end of the cover, declared or not

    // 5. The factor calls: paid the face value straight; the SME is subrogated and gets its claim back.
    await s.pinNext(defaultedAt + 7n * DAY);
    const call = escrow.connect(factor).callGuarantee(gid, factor);
    await expect(call).to.changeTokenBalances(ethers, usdc, [factor, escrow, sme], [face, -face, 0n]);
    await expect(call)
      .to.emit(escrow, "GuaranteeCalled")
      .withArgs(gid, id, factor.address, factor.address, face, 0n, true);
    await expect(call).to.emit(escrow, "Subrogated").withArgs(id, sme.address, false);
    await expect(call).to.emit(claims, "Transfer").withArgs(factor.address, sme.address, id);
    expect(await claims.ownerOf(id)).to.equal(sme.address);
    expect((await escrow.guarantee(gid)).status).to.equal(Status.Called);
    expect(await escrow.credited(factor.address, currency)).to.equal(0n);
    expect(await escrow.credited(sme.address, currency)).to.equal(0n);
    expect(await s.guaranteeTrait(id)).to.equal("called");
    expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);

    // 6. Two months after default the debtor pays in full, late: to the SME, holder again.
    await s.pinNext(defaultedAt + 60n * DAY);
    const pay = claims.connect(debtor).pay(id, face);
    await expect(pay).to.changeTokenBalances(ethers, usdc, [debtor, claims, sme, factor], [-face, face, 0n, 0n]);
    await expect(pay).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, sme.address, face, face);
    await expect(pay).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Defaulted, State.Settled);
    expect(await claims.owed(sme.address, currency)).to.equal(face);
    expect(await claims.owed(factor.address, currency)).to.equal(0n);

    // 7. Everyone withdraws (the factor was paid at the call: it has nothing in the escrow).
    await expect(escrow.connect(factor).withdraw(currency, factor.address))
      .to.be.revertedWithCustomError(escrow, "EscrowNothingToWithdraw")
      .withArgs(factor.address, currency);
    await expect(claims.connect(sme).withdraw(currency, sme.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, sme],
      [-face, face],
    );
    // The SME's net premium came at activation: it has nothing in the escrow either.
    await expect(escrow.connect(sme).withdraw(currency, sme.address))
      .to.be.revertedWithCustomError(escrow, "EscrowNothingToWithdraw")
      .withArgs(sme.address, currency);
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

    // The end: the factor earned its discount less the premium at no credit risk; the SME bore the default and
    // was made whole by the late payment.
    await expectEveryoneOut(s);
    const delta = [
      price - saleFee + premiumNet, // sme: the sale and the net premium; its cover went out and came back
      -face, // debtor
      face - price - premium, // factor
      saleFee + premiumFee, // treasury
      0n, // stranger
    ];
    const end = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));
    expect(end.map((b, i) => b - start[i])).to.deep.equal(delta);
    expect(delta.reduce((a, b) => a + b, 0n)).to.equal(0n);
  });
});
