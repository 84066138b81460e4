/**
 * Story: an SME sells a claim to a factor; a guarantor covers 60 % of its face value and the factor activates the
 * guarantee. The debtor pays a part before the due date, then stops. Past the grace the factor calls: it is
 * credited the whole cover (less than the outstanding), and the escrow takes the claim into its custody. The debtor
 * then pays the rest late in three odd-sized parts; after each, someone distributes (the guarantor, a stranger, the
 * factor): the guarantor's running total is floor(recovered × covered / outstandingAtCall), the factor gets the
 * rest, and at full recovery both shares are exact. The claim ends Settled, still in custody. Everyone withdraws;
 * the three contracts end empty.
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

describe("flow: partial cover, partial payment, call, pro-rata recoveries in custody", () => {
  it("each distribution splits by the documented rule, and both shares are exact at full recovery", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, market, escrow, usdc, sme, debtor, factor, guarantor, operator, stranger } = s;
    const currency = s.usdcAddress;
    await expectEveryoneOut(s);
    const parties = [sme, debtor, factor, guarantor, operator, stranger];
    const start = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));

    const face = 10_000n * USD + 7n; // 10,000.000007
    const price = 9_600n * USD + 1n;
    const saleFee = splitFee(price, RULES.saleFeeBps).fee;
    const cover = (face * 60n) / 100n; // 60 %, rounded down: 6,000.000004
    const premium = 120n * USD + 7n;
    const premiumFee = splitFee(premium, RULES.premiumFeeBps).fee;
    const premiumNet = premium - premiumFee;
    expect([cover, saleFee, premiumFee]).to.deep.equal([6_000_000_004n, 24_000_000n, 300_000n]);

    // 1. Sold to the factor through a market listing; the guarantor covers 60 %; the factor activates.
    const id = await s.issueAccepted({ faceValue: face });
    const { m, g } = await s.clockOf(id);
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
    expect(await escrow.credited(guarantor.address, currency)).to.equal(0n);
    expect(await escrow.feesAccrued(currency)).to.equal(premiumFee);
    expect(await escrow.credited(operator.address, currency)).to.equal(0n);

    // 2. Five days before the due date the debtor pays a part, to the factor.
    const early = 1_234_567_891n;
    await s.pinNext(m - 5n * DAY);
    await expect(claims.connect(debtor).pay(id, early)).to.changeTokenBalances(
      ethers,
      usdc,
      [debtor, claims],
      [-early, early],
    );
    expect(await claims.owed(factor.address, currency)).to.equal(early);
    const outstandingAtCall = face - early;
    expect(outstandingAtCall).to.equal(8_765_432_116n);

    // 3. Past the grace the factor calls: paid the whole cover (below the outstanding) straight, nothing returned;
    // the claim goes into the escrow's custody for a pro-rata split.
    const defaultAt = m + g + 1n;
    await s.pinNext(defaultAt);
    const call = escrow.connect(factor).callGuarantee(gid, factor);
    await expect(call).to.changeTokenBalances(ethers, usdc, [factor, escrow, guarantor], [cover, -cover, 0n]);
    await expect(call).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
    await expect(call)
      .to.emit(escrow, "GuaranteeCalled")
      .withArgs(gid, id, factor.address, factor.address, cover, 0n, false);
    await expect(call).to.emit(escrow, "Subrogated").withArgs(id, guarantor.address, true);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
    expect(await claims.ownerOf(id)).to.equal(s.escrowAddress);
    expect((await escrow.guarantee(gid)).status).to.equal(Status.Called);
    expect(await escrow.credited(factor.address, currency)).to.equal(0n);
    expect(await escrow.credited(guarantor.address, currency)).to.equal(0n);
    const sub = await escrow.subrogation(id);
    expect([sub.holder, sub.guarantor]).to.deep.equal([factor.address, guarantor.address]);
    expect([sub.outstandingAtCall, sub.covered, sub.paidAtCall]).to.deep.equal([outstandingAtCall, cover, early]);
    expect([sub.recovered, sub.guarantorRecovered, sub.released]).to.deep.equal([0n, 0n, false]);

    // Partial cover: the guarantor may not take the claim; with nothing recovered there is nothing to distribute.
    await expect(escrow.connect(guarantor).takeClaim(id))
      .to.be.revertedWithCustomError(escrow, "EscrowPartialCover")
      .withArgs(id, cover, outstandingAtCall);
    await expect(escrow.connect(stranger).distribute(id))
      .to.be.revertedWithCustomError(escrow, "EscrowNothingToDistribute")
      .withArgs(id);
    expect(await escrow.pendingRecovery(id)).to.deep.equal([0n, 0n]);

    // 4. Three late payments, each distributed. Expected guarantor running totals, floor(recovered × 6,000,000,004
    // / 8,765,432,116): 684,507,042 (exact .048…), 2,966,197,179 (exact .700…), then 6,000,000,004 exactly.
    const parts = [1_000_000_001n, 3_333_333_333n, 4_432_098_782n];
    expect(parts.reduce((a, b) => a + b, 0n)).to.equal(outstandingAtCall);
    const guarantorTotals = [684_507_042n, 2_966_197_179n, 6_000_000_004n];
    const distributors = [guarantor, stranger, factor];
    let recovered = 0n;
    let guarantorSoFar = 0n;
    let holderSoFar = 0n;
    for (let i = 0; i < parts.length; i++) {
      await s.pinNext(defaultAt + BigInt(10 * (i + 1)) * DAY);
      const pay = claims.connect(debtor).pay(id, parts[i]);
      // The payment is credited to the escrow, the holder of record, in the claim contract.
      await expect(pay).to.changeTokenBalances(ethers, usdc, [debtor, claims, escrow], [-parts[i], parts[i], 0n]);
      await expect(pay)
        .to.emit(claims, "PaymentReceived")
        .withArgs(id, debtor.address, s.escrowAddress, parts[i], early + recovered + parts[i]);
      expect(await claims.owed(s.escrowAddress, currency)).to.equal(parts[i]);

      recovered += parts[i];
      expect(guarantorTotals[i]).to.equal((recovered * cover) / outstandingAtCall); // the documented rule
      const toGuarantor = guarantorTotals[i] - guarantorSoFar;
      const toHolder = parts[i] - toGuarantor;
      expect(await escrow.pendingRecovery(id)).to.deep.equal([toHolder, toGuarantor]);

      const distribute = escrow.connect(distributors[i]).distribute(id);
      await expect(distribute).to.changeTokenBalances(
        ethers,
        usdc,
        [claims, escrow, distributors[i]],
        [-parts[i], parts[i], 0n],
      );
      await expect(distribute).to.emit(escrow, "RecoveryDistributed").withArgs(id, toHolder, toGuarantor);
      guarantorSoFar += toGuarantor;
      holderSoFar += toHolder;
      expect(await claims.owed(s.escrowAddress, currency)).to.equal(0n);
      expect(await escrow.credited(factor.address, currency)).to.equal(holderSoFar);
      expect(await escrow.credited(guarantor.address, currency)).to.equal(guarantorSoFar);
      expect(await escrow.credited(stranger.address, currency)).to.equal(0n);
      const after = await escrow.subrogation(id);
      expect([after.recovered, after.guarantorRecovered]).to.deep.equal([recovered, guarantorSoFar]);
      await expect(escrow.connect(stranger).distribute(id))
        .to.be.revertedWithCustomError(escrow, "EscrowNothingToDistribute")
        .withArgs(id);
    }
    // Per distribution: 684,507,042 / 2,281,690,137 / 3,033,802,825 to the guarantor.
    expect(guarantorSoFar).to.equal(cover);
    expect(holderSoFar).to.equal(outstandingAtCall - cover);
    expect(holderSoFar).to.equal(2_765_432_112n);

    // 5. Fully paid: the claim is Settled and stays in the escrow's custody.
    const settled = await s.claimLens.claim(id);
    expect(settled.state).to.equal(State.Settled);
    expect(settled.amountPaid).to.equal(face);
    expect(await claims.ownerOf(id)).to.equal(s.escrowAddress);
    await expect(escrow.connect(stranger).release(gid))
      .to.be.revertedWithCustomError(escrow, "EscrowWrongStatus")
      .withArgs(gid, Status.Called);

    // 6. Everyone withdraws: the factor its early payment from the claim contract and its share from the escrow
    // (its cover came at the call), the guarantor its share (its net premium came at activation), the treasury
    // collects its two fees.
    await expect(claims.connect(factor).withdraw(currency, factor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, factor],
      [-early, early],
    );
    const factorOut = holderSoFar;
    await expect(escrow.connect(factor).withdraw(currency, factor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [escrow, factor],
      [-factorOut, factorOut],
    );
    const guarantorOut = guarantorSoFar;
    await expect(escrow.connect(guarantor).withdraw(currency, guarantor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [escrow, guarantor],
      [-guarantorOut, guarantorOut],
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

    // The end: the factor got the whole face value back (early part + cover + its share), the guarantor its cover
    // back (its share of the recoveries) plus the net premium.
    await expectEveryoneOut(s);
    expect(early + cover + factorOut).to.equal(face);
    const delta = [
      price - saleFee, // sme
      -face, // debtor
      face - price - premium, // factor
      premiumNet, // guarantor
      saleFee + premiumFee, // treasury
      0n, // stranger
    ];
    const end = await Promise.all(parties.map((p) => usdc.balanceOf(p.address)));
    expect(end.map((b, i) => b - start[i])).to.deep.equal(delta);
    expect(delta.reduce((a, b) => a + b, 0n)).to.equal(0n);
  });
});
