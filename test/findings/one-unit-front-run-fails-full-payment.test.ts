/**
 * Finding: anyone could make a debtor's full payment fail for the price of 1 unit. `pay(id, rest)` refuses more than
 * what is outstanding (ClaimOverpayment), so a payment of 1 unit mined just before it made the debtor's exact full
 * payment revert; the old batch payment (`payMany(ids, amounts)`, exact amounts too) failed whole, every claim in
 * it unpaid. Refusing overpayment stays right for `pay`; `payInFull(ids, maxTotal)`, which replaces `payMany`, pays
 * whatever each claim still owes when it runs, within the maximum the debtor saw, so the front-run only lowers what
 * is pulled.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem, USD } from "../fixtures/system.js";
import { expectLedger } from "../helpers/ledger.js";
import { ClaimState as State } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const FACE = 10_000n * USD;

describe("Finding: a 1-unit payment front-running a full payment", () => {
  it("makes an exact pay revert with ClaimOverpayment (the motivation)", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    await s.claims.connect(s.stranger).pay(id, 1n); // the front-run
    await expect(s.claims.connect(s.debtor).pay(id, FACE))
      .to.be.revertedWithCustomError(s.claims, "ClaimOverpayment")
      .withArgs(id, FACE, FACE - 1n);
  });

  it("no longer makes the debtor's payment fail: payInFull pays exactly the rest of every claim in the batch", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const a = await s.issueAccepted();
    const b = await s.issueAccepted({ originator: s.sme2.address });
    const shown = 2n * FACE; // what the debtor's page showed it owed
    await s.claims.connect(s.stranger).pay(a, 1n); // the front-run, mined first

    const tx = s.claims.connect(s.debtor).payInFull([a, b], shown);
    await expect(tx).to.changeTokenBalances(
      ethers,
      s.usdc,
      [s.debtor, s.claims, s.stranger, s.sme, s.sme2],
      [-(shown - 1n), shown - 1n, 0n, 0n, 0n],
    );
    await expect(tx)
      .to.emit(s.claims, "PaymentReceived")
      .withArgs(a, s.debtor.address, s.sme.address, FACE - 1n, FACE);
    await expect(tx).to.emit(s.claims, "PaymentReceived").withArgs(b, s.debtor.address, s.sme2.address, FACE, FACE);
    expect((await s.claimLens.claim(a)).state).to.equal(State.Settled);
    expect((await s.claimLens.claim(b)).state).to.equal(State.Settled);
    expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(FACE);
    expect(await s.claims.owed(s.sme2.address, s.usdc)).to.equal(FACE);
    await expectLedger(s.claims, s.usdc, [s.debtor.address, s.stranger.address, s.sme.address, s.sme2.address], [a, b]);
  });
});
