/**
 * Finding (fixed): a guarantee's call window was counted from `defaultedAt`, the second someone declared the
 * default. A claim nobody poked stayed callable for ever: its holder could call years after maturity, and the
 * guarantor's collateral could never be released, since the window had not even started.
 *
 * Fix: the cover ends at due date + default grace + guarantee claim window of the claim's rules version, whether
 * or not anyone declared the default. `callGuarantee` is refused after it (EscrowCallWindowClosed with that
 * deadline), `release` is allowed after it whatever the stored state, and `callDeadline` returns it always.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployEscrowSystem, expectEscrowRevert, expectEscrowSolvent, COVER } from "../fixtures/escrow.js";
import { ClaimState as State, DAY, GuaranteeStatus as Status } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

describe("Finding: cover ends at due date + default grace + claim window, declared or not", () => {
  it("callDeadline is m + g + w before any default", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
    const { m, g, w } = await s.clockOf(id);
    expect(await s.escrow.callDeadline(gid)).to.equal(m + g + w);
  });

  it("a claim never poked: the holder's call after m + g + w is refused, and the cover goes back", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
    const { m, g, w } = await s.clockOf(id);
    const deadline = m + g + w;
    expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Accepted));

    await expectEscrowRevert(
      s,
      async () => {
        await s.pinNext(deadline + 1n);
        return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      },
      "EscrowCallWindowClosed",
      [gid, deadline, deadline + 1n],
      { claimIds: [id] },
    );
    // The refused call undid its own poke: the claim is as stored before.
    const c = await s.claimLens.claim(id);
    expect(c.state).to.equal(BigInt(State.Accepted));

    const premiumNet = await s.escrow.credited(s.guarantor.address, s.usdcAddress);
    const release = s.escrow.connect(s.stranger).release(gid);
    await expect(release).to.emit(s.escrow, "GuaranteeReleased").withArgs(gid, id, s.guarantor.address, COVER);
    expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Released));
    const out = premiumNet + COVER;
    expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(out);
    await expectEscrowSolvent(s, s.usdc);
    await expect(s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.guarantor.address)).to.changeTokenBalances(
      ethers,
      s.usdc,
      [s.guarantor, s.escrowAddress, s.sme],
      [out, -out, 0n],
    );
  });

  it("a claim never poked: the holder's call one second before m + g + w declares the default and pays", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
    const { m, g, w } = await s.clockOf(id);
    await s.pinNext(m + g + w - 1n);
    const call = s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
    await expect(call).to.emit(s.claims, "ClaimStateChanged").withArgs(id, State.Overdue, State.Defaulted);
    await expect(call).to.changeTokenBalances(connection.ethers, s.usdc, [s.sme, s.escrowAddress], [COVER, -COVER]);
    const c = await s.claimLens.claim(id);
    expect(c.state).to.equal(BigInt(State.Defaulted));
    expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Called));
    expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(0n);
    await expectEscrowSolvent(s, s.usdc);
  });

  it("a claim declared Defaulted late: the window still closes at m + g + w, not defaultedAt + w", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
    const { m, g, w } = await s.clockOf(id);
    const deadline = m + g + w;
    await s.pinNext(m + g + 30n * DAY);
    await s.claims.connect(s.stranger).poke(id);
    expect(await s.escrow.callDeadline(gid)).to.equal(deadline);
    await expectEscrowRevert(
      s,
      async () => {
        await s.pinNext(deadline + 1n);
        return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
      },
      "EscrowCallWindowClosed",
      [gid, deadline, deadline + 1n],
      { claimIds: [id] },
    );
    const before = await s.escrow.credited(s.guarantor.address, s.usdcAddress);
    await s.escrow.connect(s.stranger).release(gid);
    expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(before + COVER);
  });
});
