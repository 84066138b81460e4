/**
 * Finding: the operator could defeat a guarantee call. `setAgent` took effect at once, so during a defaulted claim's
 * call window the operator could distrust the guarantee escrow: every `callGuarantee` (which reports the call to the
 * claim contract as an agent) reverted, the window closed, the cover went back to the guarantor, and the escrow was
 * trusted again; the holder had paid the premium for nothing (docs/SECURITY.md, O1).
 * Fix: once a participant is verified (so before any claim can exist), an agent change in the registry is only
 * announced (AgentChangeScheduled) and takes effect after AGENT_CHANGE_DELAY, longer than any cover can run
 * (MAX_COVER_SPAN), when anyone applies it (AgentSet).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { COVER, deployEscrowSystem, type EscrowSystem } from "../fixtures/escrow.js";
import { AGENT_CHANGE_DELAY } from "../helpers/agents.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployEscrowSystem(connection);

/** A claim held by the sme with an active guarantee, defaulted: its call window is open. */
async function inCallWindow(s: EscrowSystem) {
  const { claimId, guaranteeId } = await s.guaranteedClaim();
  await s.defaultClaim(claimId);
  return { claimId, guaranteeId };
}

describe("Finding: an agent change cannot defeat a guarantee call", () => {
  it("the operator distrusts the escrow during the call window: the change is only pending and the call pays", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { guaranteeId } = await inCallWindow(s);
    const escrow = s.escrowAddress;

    const announced = await s.registry.connect(s.operator).setAgent(escrow, false);
    const call = s.escrow.connect(s.sme).callGuarantee(guaranteeId, s.sme);
    await expect(call)
      .to.emit(s.escrow, "GuaranteeCalled")
      .withArgs(
        guaranteeId,
        (await s.escrow.guarantee(guaranteeId)).claimId,
        s.sme.address,
        s.sme.address,
        COVER,
        0n,
        false,
      );
    await expect(call).to.changeTokenBalances(ethers, s.usdc, [s.sme, s.escrow, s.guarantor], [COVER, -COVER, 0n]);

    const effectiveAt = BigInt((await announced.getBlock())!.timestamp) + AGENT_CHANGE_DELAY;
    await expect(announced).to.emit(s.registry, "AgentChangeScheduled").withArgs(escrow, false, effectiveAt);
    await expect(announced).not.to.emit(s.registry, "AgentSet");
    expect(await s.registry.isAgent(escrow)).to.equal(true);
  });

  it("the change takes effect only after AGENT_CHANGE_DELAY, applied by anyone", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await inCallWindow(s);
    const escrow = s.escrowAddress;
    await s.registry.connect(s.operator).setAgent(escrow, false);
    const effectiveAt = await s.registry.agentChangeDueAt(escrow);

    await networkHelpers.time.setNextBlockTimestamp(effectiveAt - 1n);
    await expect(s.registry.connect(s.stranger).applyAgentChange(escrow))
      .to.be.revertedWithCustomError(s.registry, "RegistryAgentChangeNotDue")
      .withArgs(escrow, effectiveAt, effectiveAt - 1n);
    expect(await s.registry.isAgent(escrow)).to.equal(true);

    await networkHelpers.time.setNextBlockTimestamp(effectiveAt);
    await expect(s.registry.connect(s.stranger).applyAgentChange(escrow))
      .to.emit(s.registry, "AgentSet")
      .withArgs(escrow, false);
    expect(await s.registry.isAgent(escrow)).to.equal(false);
    expect(await s.registry.agentChangeDueAt(escrow)).to.equal(0n);
  });
});
