/**
 * Story: an SME issues a claim on its invoice, the debtor accepts it in a transaction, pays it in three parts
 * (the last one at the due date), the claim settles and the SME withdraws the face value.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "../fixtures/system.js";
import { Book } from "../helpers/book.js";
import { dueDateOf } from "../helpers/lifecycle.js";
import { ClaimState as State } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("flow: issue, accept, pay in parts, settle", () => {
  it("every party holds exactly what the story says at every step", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, usdc, sme, debtor } = s;
    const book = await Book.open(claims, usdc, { sme, debtor, stranger: s.stranger, claims }, "claims");
    const face = 48_250n * USD + 75n;

    // 1. The SME issues the claim: Issued, owned by the SME, no money moves.
    const terms = await s.terms({ faceValue: face });
    const id = (await claims.claimCount()) + 1n;
    await expect(claims.connect(sme).issue(terms, "ipfs://invoice-2024-118"))
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
    expect((await s.claimLens.claim(id)).state).to.equal(State.Issued);
    expect(await claims.ownerOf(id)).to.equal(sme.address);
    expect(await claims.claimByCommitment(terms.invoiceCommitment)).to.equal(id);
    await book.check("issued");

    // 2. The debtor accepts.
    await expect(claims.connect(debtor).accept(id))
      .to.emit(claims, "ClaimAccepted")
      .withArgs(id, debtor.address, debtor.address);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    await book.check("accepted");

    // 3. First part: 30 %.
    const first = (face * 30n) / 100n;
    await expect(claims.connect(debtor).pay(id, first)).to.changeTokenBalances(
      ethers,
      usdc,
      [debtor, claims, sme],
      [-first, first, 0n],
    );
    await book.paid("debtor", "sme", first).check("first part");

    // 4. The SME takes the first part out early.
    await expect(claims.connect(sme).withdraw(usdc, sme.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, sme],
      [-first, first],
    );
    book.withdrew("sme");
    await book.check("first withdrawal");

    // 5. Second part: 45 %.
    const second = (face * 45n) / 100n;
    await claims.connect(debtor).pay(id, second);
    await book.paid("debtor", "sme", second).check("second part");
    expect(await s.claimLens.outstanding(id)).to.equal(face - first - second);

    // 6. The rest at the due date itself: on time, Settled.
    const rest = face - first - second;
    await networkHelpers.time.setNextBlockTimestamp(await dueDateOf(s, id));
    const tx = claims.connect(debtor).pay(id, rest);
    await expect(tx).to.emit(claims, "PaymentReceived").withArgs(id, debtor.address, sme.address, rest, face);
    await expect(tx).to.emit(claims, "ClaimStateChanged").withArgs(id, State.Accepted, State.Settled);
    await book.paid("debtor", "sme", rest).check("settled");

    // 7. The SME withdraws the rest; the contract holds nothing.
    await expect(claims.connect(sme).withdraw(usdc, sme.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, sme],
      [-(second + rest), second + rest],
    );
    book.withdrew("sme");
    await book.check("all withdrawn");
    expect(await usdc.balanceOf(await claims.getAddress())).to.equal(0n);
  });
});
