import type { Address, PublicClient } from "viem";

import { claimsAbi } from "../generated/contracts";

import { CLAIM_STATES, type ClaimStateName } from "../../enums/index";

/** Claim states in the order of the Solidity `ClaimState` enum (0 is None: no such claim). */
export { CLAIM_STATES, type ClaimStateName };

/** The number of claims in each lifecycle state, read claim by claim from the claim contract. */
export async function countClaimsByState(client: PublicClient, claims: Address) {
  const count = await client.readContract({ address: claims, abi: claimsAbi, functionName: "claimCount" });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const stored = await Promise.all(
    ids.map((id) => client.readContract({ address: claims, abi: claimsAbi, functionName: "claim", args: [id] })),
  );
  const byState = new Map<ClaimStateName, number>(CLAIM_STATES.map((name) => [name, 0]));
  for (const claim of stored) {
    const name = CLAIM_STATES[claim.state];
    byState.set(name, (byState.get(name) ?? 0) + 1);
  }
  return { total: Number(count), byState };
}
