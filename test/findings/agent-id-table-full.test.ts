/**
 * Finding: the claim contract gives each agent an 8-bit locker id the first time it locks a claim (and each currency
 * a 16-bit id the first time a claim is issued in it). The 256th agent's first lock overflowed the id counter and
 * reverted with an arithmetic Panic, which told nobody what was wrong. Both tables now share one library (IdTable)
 * that refuses a new entry once the ids are used up with ClaimIdTableFull(item, maxId), and nothing moves.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deploySystem } from "../fixtures/system.js";
import { AGENT_CHANGE_DELAY, renewVerifications } from "../helpers/agents.js";
import { HostileReceiver__factory, type HostileReceiver } from "../../types/index.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

/** Locker ids are uint8: agents 1 to 255. */
const MAX_AGENTS = 255n;

describe("finding: the agent id table refuses the 256th agent by name", () => {
  it("lets 255 agents lock, then reverts the 256th agent's first lock with ClaimIdTableFull", async function () {
    this.timeout(600_000);
    const s = await networkHelpers.loadFixture(fixture);
    const { operator, registry, claims } = s;
    const target = await claims.getAddress();

    // 256 contract agents, trusted the way the registry allows once participants are verified: scheduled, then
    // applied after AGENT_CHANGE_DELAY.
    const agents: HostileReceiver[] = [];
    for (let i = 0n; i <= MAX_AGENTS; ++i) {
      const agent = await new HostileReceiver__factory(operator).deploy(operator.address);
      await registry.connect(operator).setAgent(await agent.getAddress(), true);
      agents.push(agent);
    }
    await networkHelpers.time.increase(AGENT_CHANGE_DELAY);
    for (const agent of agents) await registry.connect(s.stranger).applyAgentChange(await agent.getAddress());
    await renewVerifications(s);

    const id = await s.issueAccepted();
    const lock = claims.interface.encodeFunctionData("lock", [id]);
    const unlock = claims.interface.encodeFunctionData("unlock", [id]);
    for (const agent of agents.slice(0, Number(MAX_AGENTS))) {
      await agent.connect(operator).execute(target, lock);
      await agent.connect(operator).execute(target, unlock);
    }
    const last = agents[Number(MAX_AGENTS)];
    const lastAddress = await last.getAddress();
    await expect(last.connect(operator).execute(target, lock))
      .to.be.revertedWithCustomError(claims, "ClaimIdTableFull")
      .withArgs(lastAddress, MAX_AGENTS);
    expect(await claims.lockedBy(id)).to.equal(ZeroAddress);
    // The 255th agent still holds its id: it locks again.
    await expect(agents[Number(MAX_AGENTS) - 1].connect(operator).execute(target, lock))
      .to.emit(claims, "Locked")
      .withArgs(id);
  });
});
