/**
 * Finding: lock and unlock changed the "Locked" trait of a claim's metadata without emitting ERC-4906
 * MetadataUpdate, so indexers showed a stale lock state. Both now emit it.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deploySystem } from "../fixtures/system.js";
import { deployAgent } from "../helpers/agents.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("finding: lock and unlock update the metadata", () => {
  it("emits MetadataUpdate with Locked and with Unlocked", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const agent = await deployAgent(s); // before the first claim, so it is trusted at once
    const id = await s.issueAccepted();
    await expect(agent.lock(id))
      .to.emit(s.claims, "Locked")
      .withArgs(id)
      .and.to.emit(s.claims, "MetadataUpdate")
      .withArgs(id);
    await expect(agent.unlock(id))
      .to.emit(s.claims, "Unlocked")
      .withArgs(id)
      .and.to.emit(s.claims, "MetadataUpdate")
      .withArgs(id);
  });
});
