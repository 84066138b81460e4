/**
 * Story: a factor buys a claim; the debtor pays a little before the due date, then nothing; the claim goes
 * Overdue the second after its due date and Defaulted the second after the grace; the factor writes off the
 * outstanding amount and sells the written-off claim to a debt buyer (the bank); the debtor's late payments reach
 * whoever holds the claim at the time, and the last one settles it.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "../fixtures/system.js";
import { Book } from "../helpers/book.js";
import { agentTransfer, deployAgent, dueDateOf, graceOf } from "../helpers/lifecycle.js";
import { ClaimState as State } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("flow: overdue, default, write-off, late payment", () => {
  it("every party holds exactly what the story says at every step", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, usdc, sme, debtor, factor, bank } = s;
    await usdc.connect(s.operator).mint(factor.address, 100_000n * USD);
    await usdc.connect(s.operator).mint(bank.address, 100_000n * USD);
    const agent = await deployAgent(s);
    const book = await Book.open(claims, usdc, { sme, debtor, factor, bank, claims }, "claims");
    const face = 30_000n * USD;

    // 1. Issued, accepted, sold to the factor for 29,100.
    const id = await s.issueAccepted({ faceValue: face });
    await usdc.connect(factor).transfer(sme.address, 29_100n * USD);
    await agentTransfer(s, agent, id, factor.address);
    await book.transfer("factor", "sme", 29_100n * USD).check("financed");
    const due = await dueDateOf(s, id);
    const grace = await graceOf(s, id);

    // 2. The debtor pays 5,000 before the due date.
    await claims.connect(debtor).pay(id, 5_000n * USD);
    await book.paid("debtor", "factor", 5_000n * USD).check("early part");

    // 3. One second after the due date anyone marks it Overdue.
    await networkHelpers.time.setNextBlockTimestamp(due + 1n);
    await expect(claims.connect(s.stranger).poke(id))
      .to.emit(claims, "ClaimStateChanged")
      .withArgs(id, State.Financed, State.Overdue);
    await book.check("overdue");

    // 4. At due + grace it is not defaultable yet; one second later it is.
    await networkHelpers.time.setNextBlockTimestamp(due + grace);
    await expect(claims.connect(s.stranger).poke(id))
      .to.be.revertedWithCustomError(claims, "ClaimNotYetDefaultable")
      .withArgs(id, due + grace, due + grace);
    await networkHelpers.time.setNextBlockTimestamp(due + grace + 1n);
    await expect(claims.connect(s.stranger).poke(id))
      .to.emit(claims, "ClaimStateChanged")
      .withArgs(id, State.Overdue, State.Defaulted);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);
    await book.check("defaulted");

    // 5. The factor writes off the 25,000 outstanding.
    await expect(claims.connect(factor).writeOff(id))
      .to.emit(claims, "ClaimWrittenOff")
      .withArgs(id, factor.address, 25_000n * USD);
    expect((await s.claimLens.claim(id)).state).to.equal(State.WrittenOff);
    await book.check("written off");

    // 6. A late payment reaches the factor, still the holder.
    const late1 = 4_000n * USD;
    await expect(claims.connect(debtor).pay(id, late1)).to.changeTokenBalances(
      ethers,
      usdc,
      [debtor, claims, factor],
      [-late1, late1, 0n],
    );
    await book.paid("debtor", "factor", late1).check("late payment to the factor");

    // 7. The factor sells the written-off claim to the bank for 3,000 and withdraws what it collected.
    await usdc.connect(bank).transfer(factor.address, 3_000n * USD);
    await claims.connect(factor).transferFrom(factor.address, bank.address, id);
    book.transfer("bank", "factor", 3_000n * USD);
    await expect(claims.connect(factor).withdraw(usdc, factor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, factor],
      [-9_000n * USD, 9_000n * USD],
    );
    book.withdrew("factor");
    await book.check("resold to the bank");

    // 8. The debtor pays the rest late: the bank is credited and the claim settles.
    const rest = face - 5_000n * USD - late1;
    const pay = claims.connect(debtor).pay(id, rest);
    await expect(pay).to.changeTokenBalances(ethers, usdc, [debtor, claims, bank, factor], [-rest, rest, 0n, 0n]);
    await expect(pay).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, bank.address, rest, face);
    await expect(pay).to.emit(claims, "ClaimStateChanged").withArgs(id, State.WrittenOff, State.Settled);
    await book.paid("debtor", "bank", rest).check("settled late");

    // 9. The bank withdraws; everyone is out and the contract is empty.
    await claims.connect(bank).withdraw(usdc, bank.address);
    book.withdrew("bank");
    await book.check("all withdrawn");
    expect(await usdc.balanceOf(await claims.getAddress())).to.equal(0n);
    expect(await usdc.balanceOf(factor.address)).to.equal(100_000n * USD - 29_100n * USD + 9_000n * USD + 3_000n * USD);
    expect(await usdc.balanceOf(bank.address)).to.equal(100_000n * USD - 3_000n * USD + rest);
  });
});
