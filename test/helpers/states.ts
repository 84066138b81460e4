import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { keccak256, toUtf8Bytes } from "ethers";

import {
  ClaimState as State,
  DisputeOutcome as Outcome,
  TRANSFERABLE_STATES as SDK_TRANSFERABLE,
} from "@openfactor/sdk";

import type { ClaimTermsStruct, System } from "../fixtures/system.js";
import { deployAgent, type Agent } from "./agents.js";

export type StateName = keyof typeof State;
export type StateValue = (typeof State)[StateName];

/** Every state a claim can be in (None excluded), in enum order, with its name. */
export const CLAIM_STATES: readonly (readonly [StateName, StateValue])[] = (
  Object.entries(State) as [StateName, StateValue][]
).filter(([, value]) => value !== State.None);

/** The states in which a claim may move between holders, as numbers (the SDK's TRANSFERABLE_STATES). */
export const TRANSFERABLE_STATES: readonly StateValue[] = SDK_TRANSFERABLE.map((name) => State[name]);

/** The name of a state number, for test titles and messages. */
export function nameOf(state: number | bigint): StateName {
  const entry = Object.entries(State).find(([, value]) => BigInt(value) === BigInt(state));
  if (entry === undefined) throw new Error(`no claim state ${state}`);
  return entry[0] as StateName;
}

export interface ReachOptions {
  /** Terms of the new claim (defaults: `s.terms()`). Its debtor pays for Settled, so it must be funded. */
  terms?: Partial<ClaimTermsStruct>;
  /** The agent that makes the first sale for Financed; a fresh trusted agent is deployed if absent. */
  agent?: Agent;
  /** Who buys the claim for Financed; `s.factor` if absent. */
  buyer?: HardhatEthersSigner;
}

/** The evidence hash `reachState` files its disputes with. */
export const EVIDENCE = keccak256(toUtf8Bytes("evidence: goods not delivered"));

/**
 * Issues a fresh claim and drives it into `state` with the real calls a participant would make, and returns its id.
 * Issued/Accepted: issue (and accept). Rejected, Cancelled: the debtor rejects, the originator cancels. Expired:
 * time moves past the acceptance deadline and a stranger expires it. Financed: an agent sells it to `buyer`.
 * Overdue, Defaulted: time moves past the due date (plus the default grace) and a stranger pokes it. Disputed: the
 * debtor disputes it. Settled: the debtor pays it in full. Voided: the operator (ARBITER_ROLE) voids the dispute.
 * WrittenOff: the holder writes off a Defaulted claim.
 *
 * Mind that the time-driven states move the chain's clock for every claim.
 */
export async function reachState(s: System, state: StateValue, options: ReachOptions = {}): Promise<bigint> {
  const { claims, connection } = s;
  const { ethers, networkHelpers } = connection;
  const signerOf = (address: string) => ethers.getSigner(address);

  if (state === State.None) throw new Error("a claim cannot be driven into state None");
  if (state === State.Issued || state === State.Rejected || state === State.Cancelled || state === State.Expired) {
    const id = await s.issue(options.terms);
    const c = await s.claimLens.claim(id);
    if (state === State.Rejected) await claims.connect(await signerOf(c.debtor)).reject(id);
    if (state === State.Cancelled) await claims.connect(await signerOf(c.originator)).cancel(id);
    if (state === State.Expired) {
      await networkHelpers.time.setNextBlockTimestamp(c.acceptanceDeadline + 1n);
      await claims.connect(s.stranger).expire(id);
    }
    return id;
  }

  // An agent is trusted at once only before the first claim: deploy the sale agent before issuing.
  const saleAgent = state === State.Financed ? (options.agent ?? (await deployAgent(s))) : undefined;
  const id = await s.issueAccepted(options.terms);
  const c = await s.claimLens.claim(id);
  switch (state) {
    case State.Accepted:
      break;
    case State.Financed: {
      const agent = saleAgent!;
      await agent.transfer(id, (options.buyer ?? s.factor).address);
      break;
    }
    case State.Overdue:
      await networkHelpers.time.setNextBlockTimestamp(c.dueDate + 1n);
      await claims.connect(s.stranger).poke(id);
      break;
    case State.Defaulted:
    case State.WrittenOff: {
      const { defaultGrace } = await s.registry.rulesAt(c.rulesVersion);
      await networkHelpers.time.setNextBlockTimestamp(c.dueDate + defaultGrace + 1n);
      await claims.connect(s.stranger).poke(id);
      if (state === State.WrittenOff) await claims.connect(await signerOf(await claims.ownerOf(id))).writeOff(id);
      break;
    }
    case State.Disputed:
    case State.Voided:
      await claims.connect(await signerOf(c.debtor)).dispute(id, EVIDENCE);
      if (state === State.Voided) await claims.connect(s.operator).resolve(id, Outcome.Voided, c.faceValue);
      break;
    case State.Settled:
      await claims.connect(await signerOf(c.debtor)).pay(id, c.faceValue);
      break;
  }
  const reached = (await s.claimLens.claim(id)).state;
  if (reached !== BigInt(state)) throw new Error(`reachState: wanted ${nameOf(state)}, got ${nameOf(reached)}`);
  return id;
}
