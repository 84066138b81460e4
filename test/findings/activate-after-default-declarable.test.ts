/**
 * FINDING (open, for the contract owner): GuaranteeEscrow.activate (and offer) trust the claim's STORED state.
 *
 * A claim whose due date + default grace has passed is defaultable, but its stored state stays Accepted/Financed/
 * Overdue until someone calls `poke`. `activate` only checks `_requireLive(claimId, claim.state)`, so the holder can
 * wait until default is certain, activate a standing offer (paying only the premium), and call the guarantee in the
 * very next transaction: the guarantor's cover is taken for a loss that had already happened when it was insured.
 * IGuaranteeEscrow says activation needs a live claim ("may still be paid on time or late", GuaranteeEscrow
 * `_requireLive`'s comment); a claim past its grace is not live in that sense.
 *
 * Inputs: an Accepted claim (due m, grace g) with an offer whose expiry is after m + g; at m + g + 1, nobody poked.
 * Expected: activate reverts (e.g. EscrowWrongClaimState(claimId, Defaulted), or the escrow pokes first as
 * callGuarantee does for Overdue claims). Actual: activate succeeds; callGuarantee right after pays the holder.
 *
 * This test asserts the EXPECTED behaviour, so it fails until the contract is fixed.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { COVER, deployEscrowSystem } from "../fixtures/escrow.js";
import { DAY, State } from "../fixtures/system.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

describe("Finding: activate accepts a claim already past its default grace (stored state not poked)", () => {
  for (const poked of [false, true]) {
    it(`${poked ? "Overdue (poked once)" : "Accepted (never poked)"} past m + g: activation must be refused`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const { m, g } = await s.clockOf(id);
      const gid = await s.offerOn(id, { expiry: m + g + 90n * DAY });
      if (poked) await s.driveTo(id, State.Overdue);
      await s.pinNext(m + g + 1n);

      // Expected: refused, the claim is in default. Actual: this succeeds ...
      await expect(s.escrow.connect(s.sme).activate(gid)).to.be.revertedWithCustomError(
        s.escrow,
        "EscrowWrongClaimState",
      );
      // With the bug, a poke and a call right after pay the holder the whole cover for a loss that predates it.
      await s.claims.connect(s.stranger).poke(id);
      await s.escrow.connect(s.sme).callGuarantee(gid);
      expect(await s.escrow.credited(s.sme.address, s.usdcAddress)).to.equal(COVER);
    });
  }
});
