/**
 * Story (reverse factoring, as a large buyer runs a supply-chain finance programme): the debtor itself issues
 * the claim on the invoice it owes its supplier, owned by the supplier and Issued until the supplier confirms it (a
 * claim binds once both parties confirmed it); the supplier accepts it, then sells it to a bank at a discount (simulated sale through an agent); the debtor pays the bank on the due date; the bank
 * withdraws. The supplier got its cash early, the bank earned the discount.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "../fixtures/system.js";
import { Book } from "../helpers/book.js";
import { agentTransfer, deployAgent, dueDateOf } from "../helpers/lifecycle.js";
import { relayAcceptance } from "../helpers/signatures.js";
import { ClaimState as State, DEFAULT_MARKET_RULES as RULES } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("flow: reverse factoring", () => {
  it("every party holds exactly what the story says at every step", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, usdc, sme, debtor, bank } = s;
    await usdc.connect(s.operator).mint(bank.address, 1_000_000n * USD);
    const agent = await deployAgent(s);
    const book = await Book.open(claims, usdc, { sme, debtor, bank, claims }, "claims");
    const face = 120_000n * USD;
    const price = 118_800n * USD; // 1 % discount

    // 1. The debtor issues the claim on its own payable: Issued, owned by the supplier, waiting for its acceptance.
    const terms = await s.terms({ faceValue: face });
    const id = (await claims.claimCount()) + 1n;
    const tx = claims.connect(debtor).issueByDebtor(terms, "");
    await expect(tx)
      .to.emit(claims, "ClaimIssued")
      .withArgs(
        id,
        sme.address,
        debtor.address,
        await usdc.getAddress(),
        face,
        terms.dueDate,
        terms.invoiceCommitment,
        terms.documentHash,
        1n,
      );
    await expect(tx).to.emit(claims, "ClaimStateChanged").withArgs(id, State.None, State.Issued);
    await expect(tx).to.not.emit(claims, "ClaimAccepted");
    const issued = await s.claimLens.claim(id);
    expect(issued.state).to.equal(State.Issued);
    expect(issued.issuedByDebtor).to.equal(true);
    expect(issued.acceptanceDeadline).to.equal(issued.issuedAt + BigInt(RULES.acceptanceWindow));
    expect(await claims.ownerOf(id)).to.equal(sme.address);
    await book.check("issued by the debtor");

    // The debtor cannot confirm its own claim, by transaction or by signature: the supplier must.
    await expect(claims.connect(debtor).accept(id))
      .to.be.revertedWithCustomError(claims, "ClaimUnauthorized")
      .withArgs(id, debtor.address, sme.address);
    const signature = await s.signAcceptance(debtor, terms, issued.acceptanceDeadline);
    await expect(relayAcceptance(claims.connect(sme), id, issued.acceptanceDeadline, signature))
      .to.be.revertedWithCustomError(claims, "ClaimIssuedByDebtor")
      .withArgs(id, sme.address);

    // 2. The supplier confirms it: Accepted, and it binds.
    const accept = claims.connect(sme).accept(id);
    await expect(accept).to.emit(claims, "ClaimAccepted").withArgs(id, debtor.address, sme.address);
    await expect(accept).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Issued, State.Accepted);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    await book.check("accepted by the supplier");

    // 3. The supplier sells to the bank: the bank pays the price, the claim moves and becomes Financed.
    await usdc.connect(bank).transfer(sme.address, price);
    await agentTransfer(s, agent, id, bank.address);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
    expect(await claims.ownerOf(id)).to.equal(bank.address);
    await book.transfer("bank", "sme", price).check("sold to the bank");

    // 4. On the due date the debtor pays the bank in full.
    await networkHelpers.time.setNextBlockTimestamp(await dueDateOf(s, id));
    const pay = claims.connect(debtor).pay(id, face);
    await expect(pay).to.changeTokenBalances(ethers, usdc, [debtor, claims, bank, sme], [-face, face, 0n, 0n]);
    await expect(pay).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, bank.address, face, face);
    await expect(pay).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Financed, State.Settled);
    await book.paid("debtor", "bank", face).check("paid on the due date");

    // 5. The bank withdraws; the supplier, paid by the bank, is owed nothing by the contract.
    await expect(claims.connect(sme).withdraw(usdc, sme.address))
      .to.be.revertedWithCustomError(claims, "ClaimNothingToWithdraw")
      .withArgs(sme.address, await usdc.getAddress());
    await claims.connect(bank).withdraw(usdc, bank.address);
    book.withdrew("bank");
    await book.check("bank withdrew");
    expect(await usdc.balanceOf(bank.address)).to.equal(1_000_000n * USD + face - price);
    expect(await usdc.balanceOf(await claims.getAddress())).to.equal(0n);
  });
});
