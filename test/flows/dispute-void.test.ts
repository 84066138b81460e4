/**
 * Story: a factor bought a claim; the debtor paid part of it, then disputes it as never delivered and pays
 * more while the dispute is open (held), as does a guarantor acting for it; the arbiter voids the claim. Each
 * payer takes back what it paid during the dispute; the factor keeps what it was paid before; the invoice can
 * never back another claim.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { commitment, deploySystem, USD } from "../fixtures/system.js";
import { Book } from "../helpers/book.js";
import { agentTransfer, deployAgent, evidence } from "../helpers/lifecycle.js";
import { ClaimState as State, DisputeOutcome as Outcome } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("flow: dispute, void, reclaim", () => {
  it("every party holds exactly what the story says at every step", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, usdc, sme, debtor, factor, operator, stranger } = s;
    await usdc.connect(operator).mint(factor.address, 100_000n * USD);
    const agent = await deployAgent(s);
    const book = await Book.open(
      claims,
      usdc,
      { sme, debtor, treasury: s.debtor2, factor, stranger, claims },
      "claims",
    );
    const face = 15_000n * USD;
    const invoice = commitment("invoice-never-delivered");

    // 1. Issued, accepted, sold to the factor for 14,700.
    const id = await s.issueAccepted({ faceValue: face, invoiceCommitment: invoice });
    await usdc.connect(factor).transfer(sme.address, 14_700n * USD);
    await agentTransfer(s, agent, id, factor.address);
    await book.transfer("factor", "sme", 14_700n * USD).check("financed");

    // 2. The debtor pays 3,000 to the factor.
    await claims.connect(debtor).pay(id, 3_000n * USD);
    await book.paid("debtor", "factor", 3_000n * USD).check("paid before the dispute");

    // 3. The debtor disputes; transfers freeze.
    await expect(claims.connect(debtor).dispute(id, evidence("no bill of lading")))
      .to.emit(claims, "ClaimStateChanged")
      .withArgs(id, State.Financed, State.Disputed);
    await expect(claims.connect(factor).transferFrom(factor.address, s.bank.address, id))
      .to.be.revertedWithCustomError(claims, "ClaimTransferNotAllowed")
      .withArgs(id, factor.address, s.bank.address);
    await book.check("disputed");

    // 4. Payments during the dispute are held: 2,000 from the debtor, 500 from a third party.
    await claims.connect(debtor).pay(id, 2_000n * USD);
    await claims.connect(stranger).pay(id, 500n * USD);
    await book
      .heldFrom("debtor", 2_000n * USD)
      .heldFrom("stranger", 500n * USD)
      .check("held");

    // 5. The arbiter voids the claim: nothing moves yet.
    const resolve = claims.connect(operator).resolve(id, Outcome.Voided, face);
    await expect(resolve).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Disputed, State.Voided);
    await expect(resolve).to.changeTokenBalances(ethers, usdc, [claims, factor, debtor, stranger], [0n, 0n, 0n, 0n]);
    await book.check("voided");

    // 6. Each payer reclaims its held payment; the debtor sends its share to its treasury account.
    const r1 = claims.connect(debtor).reclaimHeldPayment(id, s.debtor2.address);
    await expect(r1).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, debtor, s.debtor2, factor],
      [-2_000n * USD, 0n, 2_000n * USD, 0n],
    );
    await expect(r1)
      .to.emit(claims, "HeldPaymentReclaimed")
      .withArgs(id, debtor.address, s.debtor2.address, 2_000n * USD);
    await book.reclaimed("treasury", 2_000n * USD).check("debtor reclaimed");
    await expect(claims.connect(debtor).reclaimHeldPayment(id, debtor.address))
      .to.be.revertedWithCustomError(claims, "ClaimNothingHeld")
      .withArgs(id, debtor.address);

    await expect(claims.connect(stranger).reclaimHeldPayment(id, stranger.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, stranger],
      [-500n * USD, 500n * USD],
    );
    await book.reclaimed("stranger", 500n * USD).check("third party reclaimed");

    // 7. The factor keeps and withdraws what it was paid before the dispute; the contract is empty.
    await expect(claims.connect(factor).withdraw(usdc, factor.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, factor],
      [-3_000n * USD, 3_000n * USD],
    );
    book.withdrew("factor");
    await book.check("factor withdrew");
    expect(await usdc.balanceOf(await claims.getAddress())).to.equal(0n);
    expect((await s.claimLens.claim(id)).heldAmount).to.equal(0n);

    // 8. The invoice stays consumed: no second claim can finance it.
    expect(await claims.claimByCommitment(invoice)).to.equal(id);
    await expect(claims.connect(sme).issue(await s.terms({ invoiceCommitment: invoice }), ""))
      .to.be.revertedWithCustomError(claims, "ClaimCommitmentInUse")
      .withArgs(invoice, id);
  });
});
