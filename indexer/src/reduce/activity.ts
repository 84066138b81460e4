/**
 * The activity log: every event of every indexed contract, as it came, with the claim it concerns when it names one
 * (auction events name their auction; the handler passes the auction's claim).
 */
import type { ActivityEventRow, At } from "./types.ts";

/** An event's arguments as JSON: amounts and ids as decimal strings, nested structs kept. */
export function jsonArgs(args: unknown): unknown {
  if (typeof args === "bigint") return args.toString();
  if (Array.isArray(args)) return args.map(jsonArgs);
  if (args !== null && typeof args === "object") {
    return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, jsonArgs(value)]));
  }
  return args;
}

/** The claim an event names: its `claimId`, or the ERC-721 `tokenId` / ERC-4906 `_tokenId`. */
export function claimIdOf(args: Record<string, unknown>): bigint | null {
  for (const key of ["claimId", "tokenId", "_tokenId"]) {
    if (typeof args[key] === "bigint") return args[key];
  }
  return null;
}

export function activityEvent(
  contract: string,
  name: string,
  args: Record<string, unknown>,
  at: At,
  claimId: bigint | null = claimIdOf(args),
): ActivityEventRow {
  return {
    id: at.id,
    blockNumber: at.blockNumber,
    timestamp: at.timestamp,
    transactionHash: at.transactionHash,
    logIndex: at.logIndex,
    contract,
    name,
    claimId,
    args: jsonArgs(args),
  };
}
