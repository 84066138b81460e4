/**
 * Z1 for the guarantee escrow, every boundary at −1, 0 and +1 second: the due date m, the end of the default grace
 * m + g, and the end of the cover m + g + w (w the guarantee claim window), whether or not anyone declared the
 * default. Each case starts from a fresh claim with an active guarantee, pins the next block to the instant, and checks the exact outcome.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { COVER, deployEscrowSystem, expectEscrowRevert } from "./fixtures/escrow.js";
import { ClaimState as State, GuaranteeStatus as Status } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

type Clock = { m: bigint; g: bigint };

/** What a call at `at(clock)` does: a revert by the claim or the escrow, or a payout. */
const CALL_CASES: { name: string; at: (c: Clock) => bigint; outcome: string }[] = [
  { name: "m − 1", at: ({ m }) => m - 1n, outcome: "ClaimNotYetOverdue" },
  { name: "m", at: ({ m }) => m, outcome: "ClaimNotYetOverdue" },
  { name: "m + 1", at: ({ m }) => m + 1n, outcome: "EscrowWrongClaimState" },
  { name: "m + g − 1", at: ({ m, g }) => m + g - 1n, outcome: "EscrowWrongClaimState" },
  { name: "m + g", at: ({ m, g }) => m + g, outcome: "EscrowWrongClaimState" },
  { name: "m + g + 1", at: ({ m, g }) => m + g + 1n, outcome: "paid" },
];

describe("GuaranteeEscrow: time boundaries (Z1)", () => {
  describe("calling an active guarantee on a claim nobody poked", () => {
    for (const { name, at, outcome } of CALL_CASES) {
      it(`at ${name}: ${outcome === "paid" ? "the call declares the default and pays the cover" : outcome}`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
        const clock = await s.clockOf(id);
        const t = at(clock);
        if (outcome === "paid") {
          await s.pinNext(t);
          await expect(s.escrow.connect(s.sme).callGuarantee(gid, s.sme))
            .to.emit(s.escrow, "GuaranteeCalled")
            .withArgs(gid, id, s.sme.address, s.sme.address, COVER, 0n, false);
          expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Defaulted));
          return;
        }
        // The revert rolls back the call's own poke: the claim stays Accepted.
        const args = outcome === "ClaimNotYetOverdue" ? [id, clock.m, t] : [id, State.Overdue];
        const contract = outcome === "ClaimNotYetOverdue" ? s.claims : s.escrow;
        await expectEscrowRevert(
          s,
          async () => {
            await s.pinNext(t);
            return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
          },
          outcome,
          args,
          { claimIds: [id] },
          contract,
        );
        expect((await s.claimLens.claim(id)).state).to.equal(BigInt(State.Accepted));
      });
    }
  });

  describe("the end of the cover, m + g + w, whether or not anyone declared the default", () => {
    for (const declared of [true, false]) {
      for (const offset of [-1n, 0n, 1n]) {
        const open = offset <= 0n;
        const instant = offset < 0n ? "m + g + w − 1" : offset > 0n ? "m + g + w + 1" : "m + g + w";
        const story = declared ? "declared Defaulted at m + g + 1" : "never poked";
        const outcome = open ? "release refused, the call pays" : "the call refused, release works";
        it(`${story}, at ${instant}: ${outcome}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const { claimId: id, guaranteeId: gid } = await s.guaranteedClaim();
          const { m, g, w } = await s.clockOf(id);
          if (declared) expect(await s.defaultClaim(id)).to.equal(m + g + 1n);
          const deadline = await s.escrow.callDeadline(gid);
          expect(deadline).to.equal(m + g + w);
          const t = deadline + offset;
          if (open) {
            await expectEscrowRevert(
              s,
              async () => {
                await s.pinNext(t);
                return s.escrow.connect(s.stranger).release(gid);
              },
              "EscrowNotReleasable",
              [gid],
              { claimIds: [id] },
            );
            await s.pinNext(t);
            await expect(s.escrow.connect(s.sme).callGuarantee(gid, s.sme))
              .to.emit(s.escrow, "GuaranteeCalled")
              .withArgs(gid, id, s.sme.address, s.sme.address, COVER, 0n, false);
            return;
          }
          await expectEscrowRevert(
            s,
            async () => {
              await s.pinNext(t);
              return s.escrow.connect(s.sme).callGuarantee(gid, s.sme);
            },
            "EscrowCallWindowClosed",
            [gid, deadline, t],
            { claimIds: [id] },
          );
          await s.pinNext(t);
          await expect(s.escrow.connect(s.stranger).release(gid))
            .to.emit(s.escrow, "GuaranteeReleased")
            .withArgs(gid, id, s.guarantor.address, COVER);
          expect((await s.escrow.guarantee(gid)).status).to.equal(BigInt(Status.Released));
        });
      }
    }
  });
});
