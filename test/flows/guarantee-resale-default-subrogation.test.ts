/**
 * Story: an SME sells a claim to a factor; a guarantor offers FULL cover and the factor activates it; the factor
 * resells the guaranteed claim to the bank through the market, and the guarantee follows the claim. The debtor
 * does not pay; past due date + grace the bank calls the guarantee (the call itself declares the default) and is
 * credited the whole outstanding amount; the guarantor is subrogated and receives the claim token. The factor,
 * holder no more, can call neither before nor after. The debtor then pays late, in two parts, to the guarantor,
 * which withdraws them from the claim contract. Everyone withdraws; the three contracts end empty.
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

describe("flow: guaranteed claim resold to the bank, defaults, bank calls, guarantor subrogated", () => {
  it("the bank is made whole, the claim goes to the guarantor, and the late payments reach it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, market, escrow, usdc, sme, debtor, factor, bank, guarantor, operator, stranger } = s;
    const currency = s.usdcAddress;
    await expectEveryoneOut(s);
    const parties = [sme, debtor, factor, bank, guarantor, operator, stranger];
    const start = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));

    const face = 18_000n * USD + 11n;
    const price1 = 17_500n * USD;
    const price2 = 17_750n * USD + 5n;
    const fee1 = splitFee(price1, RULES.saleFeeBps).fee;
    const fee2 = splitFee(price2, RULES.saleFeeBps).fee;
    const premium = 270n * USD + 13n;
    const premiumFee = splitFee(premium, RULES.premiumFeeBps).fee;
    const premiumNet = premium - premiumFee;
    expect([fee1, fee2, premiumFee]).to.deep.equal([43_750_000n, 44_375_000n, 675_000n]);

    // 1. The SME sells its accepted claim to the factor through a market listing.
    const id = await s.issueAccepted({ faceValue: face });
    const { m, g, w } = await s.clockOf(id);
    expect([g, w]).to.deep.equal([30n * DAY, 90n * DAY]);
    await market.connect(sme).list(id, price1, 0n, (await s.now()) + DAY);
    await expect(market.connect(factor).buy(id, price1)).to.changeTokenBalances(
      ethers,
      usdc,
      [factor, sme, market],
      [-price1, price1 - fee1, fee1],
    );
    expect(await claims.ownerOf(id)).to.equal(factor.address);

    // 2. The guarantor offers full cover (the whole face value); the factor activates it.
    const cover = face;
    const expiry = (await s.now()) + 5n * DAY;
    await expect(escrow.connect(guarantor).offer(id, cover, premium, expiry)).to.changeTokenBalances(
      ethers,
      usdc,
      [guarantor, escrow],
      [-cover, cover],
    );
    const gid = await escrow.guaranteeCount();
    expect(gid).to.equal(1n);
    await expect(escrow.connect(factor).activate(gid)).to.changeTokenBalances(
      ethers,
      usdc,
      [factor, escrow, guarantor],
      [-premium, premiumFee, premiumNet],
    );
    expect(await escrow.credited(guarantor.address, currency)).to.equal(0n);
    expect(await escrow.feesAccrued(currency)).to.equal(premiumFee);
    expect(await escrow.credited(operator.address, currency)).to.equal(0n);
    expect(await s.guaranteeTrait(id)).to.equal("active, cover 18000.000011 USDC");

    // 3. The factor resells the guaranteed claim to the bank; the guarantee follows the claim.
    await market.connect(factor).list(id, price2, 0n, (await s.now()) + DAY);
    await expect(market.connect(bank).buy(id, price2)).to.changeTokenBalances(
      ethers,
      usdc,
      [bank, factor, market],
      [-price2, price2 - fee2, fee2],
    );
    expect(await claims.ownerOf(id)).to.equal(bank.address);
    expect(await escrow.isGuaranteed(id)).to.equal(true);
    expect(await escrow.guaranteeOfClaim(id)).to.equal(gid);
    expect(await market.feesAccrued(currency)).to.equal(fee1 + fee2);
    expect(await market.credited(operator.address, currency)).to.equal(0n);

    // 4. Not a cent arrives. One second past due date + grace, the factor, no longer the holder, cannot call.
    const defaultAt = m + g + 1n;
    await s.pinNext(defaultAt);
    await expect(escrow.connect(factor).callGuarantee(gid, factor))
      .to.be.revertedWithCustomError(escrow, "EscrowNotHolder")
      .withArgs(id, factor.address, bank.address);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);

    // 5. The bank calls: the call declares the default, pays the bank the outstanding (all of the face value),
    // returns nothing to the guarantor and moves the claim to the guarantor.
    await s.pinNext(defaultAt);
    const call = escrow.connect(bank).callGuarantee(gid, bank);
    await expect(call).to.changeTokenBalances(ethers, usdc, [bank, escrow, guarantor, claims], [face, -face, 0n, 0n]);
    await expect(call).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Financed, State.Overdue);
    await expect(call).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
    await expect(call).to.emit(escrow, "GuaranteeCalled").withArgs(gid, id, bank.address, bank.address, face, 0n, true);
    await expect(call).to.emit(escrow, "Subrogated").withArgs(id, guarantor.address, false);
    const defaulted = await s.claimLens.claim(id);
    expect(defaulted.state).to.equal(State.Defaulted);
    expect(defaulted.state).to.equal(State.Defaulted);
    expect(await escrow.callDeadline(gid)).to.equal(m + g + w); // the end of the cover, declared or not
    expect(await claims.ownerOf(id)).to.equal(guarantor.address);
    expect((await escrow.guarantee(gid)).status).to.equal(Status.Called);
    expect(await escrow.isGuaranteed(id)).to.equal(false);
    expect(await escrow.guaranteeOfClaim(id)).to.equal(gid);
    expect((await escrow.subrogation(id)).guarantor).to.equal(ethers.ZeroAddress); // no custody
    expect(await escrow.credited(bank.address, currency)).to.equal(0n);
    expect(await escrow.credited(guarantor.address, currency)).to.equal(0n);
    // The payout left at the call, and the net premium went to the guarantor at activation: nothing is owed.
    expect(await escrow.totalLiabilities(currency)).to.equal(0n);
    expect(await s.guaranteeTrait(id)).to.equal("called");

    // 6. The factor still cannot call (the guarantee is spent), nor can the bank a second time.
    for (const caller of [factor, bank]) {
      await expect(escrow.connect(caller).callGuarantee(gid, caller))
        .to.be.revertedWithCustomError(escrow, "EscrowWrongStatus")
        .withArgs(gid, Status.Called);
    }

    // 7. The debtor pays late, part one: credited to the guarantor, the holder now; it withdraws it.
    const late1 = 7_000n * USD + 4n;
    await s.pinNext(defaultAt + 20n * DAY);
    const pay1 = claims.connect(debtor).pay(id, late1);
    await expect(pay1).to.changeTokenBalances(ethers, usdc, [debtor, claims, guarantor, bank], [-late1, late1, 0n, 0n]);
    await expect(pay1).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, guarantor.address, late1, late1);
    expect(await claims.owed(guarantor.address, currency)).to.equal(late1);
    expect(await claims.owed(bank.address, currency)).to.equal(0n);
    await expect(claims.connect(guarantor).withdraw(currency, guarantor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, guarantor],
      [-late1, late1],
    );

    // 8. Part two settles the claim; the guarantor withdraws it too.
    const late2 = face - late1;
    await s.pinNext(defaultAt + 45n * DAY);
    const pay2 = claims.connect(debtor).pay(id, late2);
    await expect(pay2).to.changeTokenBalances(ethers, usdc, [debtor, claims], [-late2, late2]);
    await expect(pay2).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, guarantor.address, late2, face);
    await expect(pay2).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Defaulted, State.Settled);
    await expect(claims.connect(guarantor).withdraw(currency, guarantor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, guarantor],
      [-late2, late2],
    );

    // 9. Nobody has anything left in the escrow: the bank was paid at the call, the guarantor its net premium at
    // activation; the treasury collects its fees.
    for (const account of [bank, guarantor]) {
      await expect(escrow.connect(account).withdraw(currency, account.address))
        .to.be.revertedWithCustomError(escrow, "EscrowNothingToWithdraw")
        .withArgs(account.address, currency);
    }
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
      [-(fee1 + fee2), fee1 + fee2],
    );
    // The factor is owed nothing anywhere: it was paid at the resale.
    await expect(escrow.connect(factor).withdraw(currency, factor.address))
      .to.be.revertedWithCustomError(escrow, "EscrowNothingToWithdraw")
      .withArgs(factor.address, currency);

    // The end.
    await expectEveryoneOut(s);
    const delta = [
      price1 - fee1, // sme
      -face, // debtor
      -price1 - premium + price2 - fee2, // factor: bought, insured, resold
      face - price2, // bank: made whole by the guarantee
      premiumNet, // guarantor: paid out the cover, recovered all of it from the debtor
      fee1 + fee2 + premiumFee, // treasury
      0n, // stranger
    ];
    const end = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));
    expect(end.map((b, i) => b - start[i])).to.deep.equal(delta);
    expect(delta.reduce((a, b) => a + b, 0n)).to.equal(0n);
  });
});
