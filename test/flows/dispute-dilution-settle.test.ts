/**
 * Story: the debtor pays part of a claim, then disputes it (part of the goods arrived damaged) and keeps paying
 * while the dispute is open (those payments are held); the arbiter dilutes the face value to what the debtor
 * really owes; the held payments go to the holder; the debtor pays the rest and the claim settles.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "../fixtures/system.js";
import { Book } from "../helpers/book.js";
import { evidence } from "../helpers/lifecycle.js";
import { ClaimState as State, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("flow: dispute, dilution, settlement", () => {
  it("every party holds exactly what the story says at every step", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, usdc, sme, debtor, operator } = s;
    const book = await Book.open(claims, usdc, { sme, debtor, claims }, "claims");
    const face = 50_000n * USD;
    const id = await s.issueAccepted({ faceValue: face });

    // 1. The debtor pays 10,000.
    await claims.connect(debtor).pay(id, 10_000n * USD);
    await book.paid("debtor", "sme", 10_000n * USD).check("first part");

    // 2. The debtor disputes: 8,000 of goods arrived damaged.
    const proof = evidence("photos and carrier report, pallets 41-50");
    await expect(claims.connect(debtor).dispute(id, proof))
      .to.emit(claims, "ClaimDisputed")
      .withArgs(id, debtor.address, proof);
    await book.check("disputed");

    // 3. The debtor keeps paying the undisputed part: held, not credited.
    const heldPart = 20_000n * USD;
    const tx = claims.connect(debtor).pay(id, heldPart);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [debtor, claims, sme], [-heldPart, heldPart, 0n]);
    await expect(tx).to.emit(claims, "PaymentHeld").withArgs(id, debtor.address, heldPart);
    await book.heldFrom("debtor", heldPart).check("payment held");
    expect(await claims.heldPaymentOf(id, debtor.address)).to.equal(heldPart);

    // 4. The arbiter dilutes the face value to 42,000; the held 20,000 goes to the SME.
    const newFace = 42_000n * USD;
    const resolve = claims.connect(operator).resolve(id, Outcome.Diluted, newFace);
    await expect(resolve)
      .to.emit(claims, "ClaimDisputeResolved")
      .withArgs(id, Outcome.Diluted, face, newFace, operator.address);
    await expect(resolve)
      .to.emit(claims, "HeldPaymentsReleased")
      .withArgs(id, sme.address, heldPart, 30_000n * USD);
    await expect(resolve).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Accepted);
    await expect(resolve).to.changeTokenBalances(ethers, usdc, [debtor, claims, sme], [0n, 0n, 0n]);
    await book.released("sme", heldPart).check("diluted");
    expect(await s.claimLens.outstanding(id)).to.equal(12_000n * USD);
    expect(await claims.heldPaymentOf(id, debtor.address)).to.equal(0n);

    // 5. The debtor cannot pay the old face value any more; it pays the 12,000 left and the claim settles.
    await expect(claims.connect(debtor).pay(id, 12_000n * USD + 1n))
      .to.be.revertedWithCustomError(claims, "ClaimOverpayment")
      .withArgs(id, 12_000n * USD + 1n, 12_000n * USD);
    await expect(claims.connect(debtor).pay(id, 12_000n * USD))
      .to.emit(claims, "ClaimStateChanged")
      .withArgs(id, State.Accepted, State.Settled);
    await book.paid("debtor", "sme", 12_000n * USD).check("settled");

    // 6. The SME withdraws the diluted face value; the contract is empty.
    expect(book.owedTo("sme")).to.equal(newFace);
    await claims.connect(sme).withdraw(usdc, sme.address);
    book.withdrew("sme");
    await book.check("withdrawn");
    expect(await usdc.balanceOf(await claims.getAddress())).to.equal(0n);
  });
});
