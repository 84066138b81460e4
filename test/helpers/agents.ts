import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";

import type { System } from "../fixtures/system.js";
import { HostileReceiver__factory, type ERC1271WalletMock, type HostileReceiver } from "../../types/index.js";
import { DAY } from "@openfactor/sdk";

/**
 * A contract the operator trusts as a claim agent (standing in for the market or the guarantee escrow).
 * It is a HostileReceiver in Accept mode driven by `owner` through `execute`, so a claim contract revert bubbles up
 * unchanged and `revertedWithCustomError(claims, …)` decodes it.
 */
export interface Agent {
  contract: HostileReceiver;
  address: string;
  owner: HardhatEthersSigner;
  lock(claimId: bigint): Promise<ContractTransactionResponse>;
  unlock(claimId: bigint): Promise<ContractTransactionResponse>;
  transfer(claimId: bigint, to: string): Promise<ContractTransactionResponse>;
  voidOrders(claimId: bigint): Promise<ContractTransactionResponse>;
}

export interface AgentOptions {
  /** Whether the operator trusts it (setAgent); true unless told otherwise. */
  trusted?: boolean;
  /** The EOA that drives it; the operator unless told otherwise. */
  owner?: HardhatEthersSigner;
}

/**
 * Hands out the first of `spares` its keeper still owns, now owned by `owner`: a contract the fixture trusted as an
 * agent before verifying anyone, since afterwards a new agent waits AGENT_CHANGE_DELAY (see changeAgentTrust).
 */
export async function takeSpareAgent<T extends HostileReceiver | ERC1271WalletMock>(
  s: System,
  spares: T[],
  owner: HardhatEthersSigner,
): Promise<T> {
  const { keeper } = s.spareAgents;
  for (const spare of spares) {
    if ((await spare.owner()) !== keeper.address) continue;
    // Both mocks are OpenZeppelin Ownable contracts: one transferOwnership serves either.
    await HostileReceiver__factory.connect(await spare.getAddress(), keeper).transferOwnership(owner.address);
    return spare;
  }
  throw new Error("takeSpareAgent: every spare agent is taken; add spares in test/fixtures/system.ts");
}

/**
 * A contract agent: by default one of the fixture's spare agents, trusted in the registry; with `trusted: false`, a
 * fresh contract the registry does not trust.
 */
export async function deployAgent(s: System, options: AgentOptions = {}): Promise<Agent> {
  const owner = options.owner ?? s.operator;
  const contract =
    (options.trusted ?? true)
      ? await takeSpareAgent(s, s.spareAgents.receivers, owner)
      : await new HostileReceiver__factory(owner).deploy(owner.address);
  const address = await contract.getAddress();
  const target = await s.claims.getAddress();
  const call = (data: string) => contract.connect(owner).execute(target, data);
  return {
    contract,
    address,
    owner,
    lock: (claimId) => call(s.claims.interface.encodeFunctionData("lock", [claimId])),
    unlock: (claimId) => call(s.claims.interface.encodeFunctionData("unlock", [claimId])),
    transfer: (claimId, to) => call(s.claims.interface.encodeFunctionData("agentTransfer", [claimId, to])),
    voidOrders: (claimId) => call(s.claims.interface.encodeFunctionData("voidOrders", [claimId])),
  };
}

/**
 * AGENT_CHANGE_DELAY (contracts/types/Roles.sol): how long an agent change waits once a participant is verified, in
 * seconds.
 */
export const AGENT_CHANGE_DELAY = 541n * DAY;

/**
 * Changes `agent`'s trust the only way the registry allows once a participant is verified: the operator announces
 * the change, AGENT_CHANGE_DELAY passes, anyone applies it. Before the first verification the change applies at once.
 * Every verification on record is renewed for a year afterwards, since the cast's would have lapsed during the wait.
 */
export async function changeAgentTrust(s: System, agent: string, trusted: boolean): Promise<void> {
  await s.registry.connect(s.operator).setAgent(agent, trusted);
  if ((await s.registry.agentChangeDueAt(agent)) === 0n) return;
  const { time } = s.connection.networkHelpers;
  await time.increase(AGENT_CHANGE_DELAY);
  await s.registry.connect(s.stranger).applyAgentChange(agent);
  await renewVerifications(s);
}

/** Renews every verification on record for a year from now (after a wait of AGENT_CHANGE_DELAY they lapsed). */
export async function renewVerifications(s: System): Promise<void> {
  const expiresAt = BigInt(await s.connection.networkHelpers.time.latest()) + 365n * DAY;
  for (const { account, expiries } of await s.registry.participants(0n, 1000n)) {
    for (const [role, expiry] of expiries.entries()) {
      if (expiry !== 0n) await s.registry.connect(s.operator).verify(account, role, expiresAt);
    }
  }
}
