/**
 * Drives claims through the lifecycle for the payment, time, dispute and token tests: a trusted agent (to make
 * a claim Financed), the clock (overdue, default) and one builder per state.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id as hashLabel, resolveAddress, type AddressLike, type ContractTransactionResponse } from "ethers";

import type { ERC1271WalletMock } from "../../types/index.js";
import type { ClaimTermsStruct, System } from "../fixtures/system.js";
import { takeSpareAgent } from "./agents.js";
import { DAY, DisputeOutcome as Outcome, type ClaimState as State } from "@openfactor/sdk";

export type StateName = keyof typeof State;

/** A contract the registry trusts as an agent (one of the fixture's spares), driven by the operator via `execute`. */
export async function deployAgent(s: System): Promise<ERC1271WalletMock> {
  return takeSpareAgent(s, s.spareAgents.wallets, s.operator);
}

/** The agent moves claim `id` to `to` (a sale): an Accepted claim becomes Financed. */
export async function agentTransfer(
  s: System,
  agent: ERC1271WalletMock,
  id: bigint,
  to: AddressLike,
): Promise<ContractTransactionResponse> {
  const data = s.claims.interface.encodeFunctionData("agentTransfer", [id, await resolveAddress(to)]);
  return agent.connect(s.operator).execute(await s.claims.getAddress(), data);
}

/** The claim's due date (unix seconds). */
export async function dueDateOf(s: System, id: bigint): Promise<bigint> {
  return (await s.claimLens.claim(id)).dueDate;
}

/** The default grace (seconds) of the rules version the claim was issued under. */
export async function graceOf(s: System, id: bigint): Promise<bigint> {
  const rules = await s.registry.rulesAt((await s.claimLens.claim(id)).rulesVersion);
  return rules.defaultGrace;
}

/** Mines a block at `timestamp` unless the chain is already there or past it. */
export async function timeTravelTo(s: System, timestamp: bigint): Promise<void> {
  if ((await s.now()) < timestamp) await s.connection.networkHelpers.time.increaseTo(timestamp);
}

/** Moves the clock past the due date and pokes: Accepted/Financed -> Overdue. */
export async function makeOverdue(s: System, id: bigint): Promise<void> {
  await timeTravelTo(s, (await dueDateOf(s, id)) + 1n);
  await s.claims.connect(s.stranger).poke(id);
}

/** Moves the clock past the due date plus the claim's grace and pokes: -> Defaulted. */
export async function makeDefaulted(s: System, id: bigint): Promise<void> {
  await timeTravelTo(s, (await dueDateOf(s, id)) + (await graceOf(s, id)) + 1n);
  await s.claims.connect(s.stranger).poke(id);
}

/** The signer holding claim `id` now. */
export async function holderOf(s: System, id: bigint): Promise<HardhatEthersSigner> {
  return s.connection.ethers.getSigner(await s.claims.ownerOf(id));
}

/**
 * Builds a claim (from `sme` on `debtor`, 10,000 USD unless overridden) in the named state. Financed claims
 * are held by `factor`; every other claim by `sme`. Disputed claims were disputed by the debtor; Voided ones
 * were disputed and voided by the operator (the arbiter), with nothing held.
 */
export async function claimIn(s: System, state: StateName, overrides: Partial<ClaimTermsStruct> = {}): Promise<bigint> {
  const { claims, debtor, sme, operator } = s;
  switch (state) {
    case "Issued":
      return s.issue(overrides);
    case "Rejected": {
      const id = await s.issue(overrides);
      await claims.connect(debtor).reject(id);
      return id;
    }
    case "Cancelled": {
      const id = await s.issue(overrides);
      await claims.connect(sme).cancel(id);
      return id;
    }
    case "Expired": {
      const id = await s.issue(overrides);
      await timeTravelTo(s, (await s.claimLens.claim(id)).acceptanceDeadline + 1n);
      await claims.connect(s.stranger).expire(id);
      return id;
    }
    case "Accepted":
      return s.issueAccepted(overrides);
    case "Financed": {
      // An agent is trusted at once only before the first claim: deploy it before issuing.
      const agent = await deployAgent(s);
      const id = await s.issueAccepted(overrides);
      await agentTransfer(s, agent, id, s.factor.address);
      return id;
    }
    case "Overdue": {
      const id = await s.issueAccepted(overrides);
      await makeOverdue(s, id);
      return id;
    }
    case "Defaulted": {
      const id = await s.issueAccepted(overrides);
      await makeDefaulted(s, id);
      return id;
    }
    case "WrittenOff": {
      const id = await s.issueAccepted(overrides);
      await makeDefaulted(s, id);
      await claims.connect(sme).writeOff(id);
      return id;
    }
    case "Disputed": {
      const id = await s.issueAccepted(overrides);
      await claims.connect(debtor).dispute(id, evidence("dispute"));
      return id;
    }
    case "Voided": {
      const id = await s.issueAccepted(overrides);
      await claims.connect(debtor).dispute(id, evidence("dispute"));
      const { faceValue } = await s.claimLens.claim(id);
      await claims.connect(operator).resolve(id, Outcome.Voided, faceValue);
      return id;
    }
    case "Settled": {
      const id = await s.issueAccepted(overrides);
      const { faceValue } = await s.claimLens.claim(id);
      await claims.connect(debtor).pay(id, faceValue);
      return id;
    }
    case "None":
      throw new Error("a claim cannot be built in state None");
  }
}

/** A 32-byte evidence hash for a dispute (keccak of a label, as the dApp hashes the evidence file). */
export function evidence(label: string): string {
  return hashLabel(label);
}

/** Days in seconds, as bigint. */
export const days = (n: number | bigint): bigint => BigInt(n) * DAY;
