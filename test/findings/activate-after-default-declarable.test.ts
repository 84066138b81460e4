/**
 * Finding (fixed): GuaranteeEscrow.activate and offer trusted the claim's STORED state.
 *
 * A claim whose due date + default grace has passed may be declared Defaulted, but its stored state stays
 * Accepted, Financed or Overdue until someone calls `poke`. The holder could wait until default was certain, activate
 * an offer whose expiry outlived the grace (paying only the premium), then poke and call the guarantee: the
 * guarantor's cover paid a loss that had already happened when it was insured.
 *
 * Fix: a claim is coverable only while `block.timestamp <= dueDate + defaultGrace` (the claim's rules version);
 * `offer` and `activate` otherwise revert with EscrowClaimDefaultable(claimId, dueDate + grace, now).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployEscrowSystem, expectEscrowRevert } from "../fixtures/escrow.js";
import { ClaimState as State, DAY, GuaranteeStatus as Status } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

describe("Finding: cover on a claim already past its default grace (stored state not poked)", () => {
  for (const poked of [false, true]) {
    const stored = poked ? "Overdue (poked once)" : "Accepted (never poked)";

    it(`${stored}, at m + g + 1: activate is refused with EscrowClaimDefaultable and nothing moves`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const { m, g } = await s.clockOf(id);
      const gid = await s.offerOn(id, { expiry: m + g + 90n * DAY });
      if (poked) await s.driveTo(id, State.Overdue);
      const at = await s.pinNext(m + g + 1n);
      await expectEscrowRevert(
        s,
        () => s.escrow.connect(s.sme).activate(gid),
        "EscrowClaimDefaultable",
        [id, m + g, at],
        { claimIds: [id] },
      );
    });

    it(`${stored}, at m + g + 1: offer is refused with EscrowClaimDefaultable and nothing moves`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const { m, g } = await s.clockOf(id);
      if (poked) await s.driveTo(id, State.Overdue);
      const at = await s.pinNext(m + g + 1n);
      await expectEscrowRevert(
        s,
        () => s.offerOn(id, { expiry: m + g + 90n * DAY }),
        "EscrowClaimDefaultable",
        [id, m + g, at],
        { claimIds: [id] },
      );
    });

    it(`${stored}, at m + g exactly: activation still works (the last coverable second)`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const { m, g } = await s.clockOf(id);
      const gid = await s.offerOn(id, { expiry: m + g + 90n * DAY });
      if (poked) await s.driveTo(id, State.Overdue);
      await s.pinNext(m + g);
      await s.escrow.connect(s.sme).activate(gid);
      expect((await s.escrow.guarantee(gid)).status).to.equal(Status.Active);
    });
  }
});
