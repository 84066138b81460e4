/**
 * Story: the debtor signs its acceptance off-chain (EIP-712); the SME issues the claim already Accepted with that
 * signature, sells it to a factor at a discount (the sale is simulated: an agent moves the claim and the factor
 * pays the price outside the claim contract, as the market will do atomically), and the debtor pays the factor
 * in full at maturity.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, metadataHash, USD } from "../fixtures/system.js";
import { CLAIM_ACCEPTANCE_TYPES, claimDomain, ClaimState as State, DAY } from "@openfactor/sdk";
import { Book } from "../helpers/book.js";
import { agentTransfer, deployAgent, dueDateOf } from "../helpers/lifecycle.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("flow: issue with the debtor's signature, sell, pay the factor", () => {
  it("every party holds exactly what the story says at every step", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, usdc, sme, debtor, factor } = s;
    await usdc.connect(s.operator).mint(factor.address, 100_000n * USD);
    const agent = await deployAgent(s);
    const book = await Book.open(claims, usdc, { sme, debtor, factor, claims }, "claims");
    const face = 20_000n * USD;
    const price = 19_600n * USD; // 2 % discount

    // 1. The debtor signs the terms; the SME submits them with the signature: Accepted at once.
    const terms = await s.terms({ faceValue: face });
    const deadline = (await s.now()) + DAY;
    const signature = await s.signAcceptance(debtor, terms, deadline);
    const { chainId } = await ethers.provider.getNetwork();
    const domain = claimDomain(chainId, await claims.getAddress());
    const types = { ClaimAcceptance: [...CLAIM_ACCEPTANCE_TYPES.ClaimAcceptance] };
    expect(await s.claimLens.acceptanceDigest(terms, "", deadline)).to.equal(
      ethers.TypedDataEncoder.hash(domain, types, { ...terms, metadataHash: metadataHash(""), counter: 0n, deadline }),
    );
    const id = (await claims.claimCount()) + 1n;
    const tx = claims.connect(sme).issueAccepted(terms, "", deadline, signature);
    await expect(tx).to.emit(claims, "ClaimAccepted").withArgs(id, debtor.address, sme.address);
    await expect(tx).to.emit(claims, "ClaimStateChanged").withArgs(id, State.None, State.Accepted);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    expect(await claims.ownerOf(id)).to.equal(sme.address);
    await book.check("issued accepted");

    // The same signature cannot issue a second claim on the invoice: its commitment is in use.
    await expect(claims.connect(sme).issueAccepted(terms, "", deadline, signature))
      .to.be.revertedWithCustomError(claims, "ClaimCommitmentInUse")
      .withArgs(terms.invoiceCommitment, id);

    // 2. The factor buys the claim at a discount: Financed, held by the factor.
    await usdc.connect(factor).transfer(sme.address, price);
    await expect(agentTransfer(s, agent, id, factor.address))
      .to.emit(claims, "ClaimStateChanged")
      .withArgs(id, State.Accepted, State.Financed);
    expect(await claims.ownerOf(id)).to.equal(factor.address);
    await book.transfer("factor", "sme", price).check("sold to the factor");

    // 3. At maturity the debtor pays the face value: the factor is credited, not the SME.
    await networkHelpers.time.setNextBlockTimestamp(await dueDateOf(s, id));
    const pay = claims.connect(debtor).pay(id, face);
    await expect(pay).to.changeTokenBalances(ethers, usdc, [debtor, claims, factor, sme], [-face, face, 0n, 0n]);
    await expect(pay).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Financed, State.Settled);
    await book.paid("debtor", "factor", face).check("paid at maturity");

    // 4. The factor withdraws and has earned face - price.
    await claims.connect(factor).withdraw(usdc, factor.address);
    book.withdrew("factor");
    await book.check("factor withdrew");
    expect(await usdc.balanceOf(factor.address)).to.equal(100_000n * USD + face - price);
    expect(await usdc.balanceOf(await claims.getAddress())).to.equal(0n);
  });
});
