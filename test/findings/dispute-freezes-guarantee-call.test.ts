/**
 * Finding (fixed): a debtor could dispute an Overdue claim past its default grace that nobody had poked. A Disputed
 * claim cannot be called (the guarantee call pokes, and a Disputed claim is not Defaulted), so the debtor froze the
 * holder's guarantee call while the cover's window (due date + default grace + claim window) ran out, removing a
 * right no one may remove.
 *
 * Fix: past due date + default grace the claim is in default, declared or not, and `dispute` reverts with
 * ClaimDisputeTooLate(claimId, due date + grace, now); up to that second a dispute is still accepted.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployEscrowSystem, expectEscrowRevert, expectEscrowSolvent, COVER } from "../fixtures/escrow.js";
import { ClaimState as State, GuaranteeStatus as Status } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};
const EVIDENCE = ethers.id("late dispute");

describe("Finding: a dispute past the default grace froze the guarantee call", () => {
  it("past due + grace, never poked: the debtor's dispute is refused and the holder's call pays", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
    const { m, g } = await s.clockOf(id);
    expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Accepted));

    await expectEscrowRevert(
      s,
      async () => {
        await s.pinNext(m + g + 1n);
        return s.claims.connect(s.debtor).dispute(id, EVIDENCE);
      },
      "ClaimDisputeTooLate",
      [id, m + g, m + g + 1n],
      { claimIds: [id] },
      s.claims,
    );
    expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Accepted));

    await s.pinNext(m + g + 2n);
    const call = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
    await expect(call).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
    await expect(call).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrowAddress], [COVER, -COVER]);
    expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Called));
    await expectEscrowSolvent(s, s.usdc);
  });

  it("one second before the end of the grace a dispute is still accepted", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claimId: id } = await s.guaranteedClaim();
    const { m, g } = await s.clockOf(id);
    await s.pinNext(m + g - 1n);
    await expect(s.claims.connect(s.debtor).dispute(id, EVIDENCE))
      .to.emit(s.claims, "ClaimDisputed")
      .withArgs(id, s.debtor.address, EVIDENCE);
    expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Disputed));
  });
});
