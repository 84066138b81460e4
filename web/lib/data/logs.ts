/** Log helpers shared by server and client reads. */
import type { PublicClient } from "viem";

/** Each log's block time: the node's `blockTimestamp` when it sends one, else its block's (one batch of blocks). */
export async function blockTimes(
  client: PublicClient,
  logs: readonly { blockNumber: bigint | null; blockTimestamp?: bigint | null }[],
): Promise<bigint[]> {
  const missing = [
    ...new Set(
      logs.filter((l) => l.blockTimestamp === undefined || l.blockTimestamp === null).map((l) => l.blockNumber ?? 0n),
    ),
  ];
  const blocks = await Promise.all(missing.map((blockNumber) => client.getBlock({ blockNumber })));
  const times = new Map(blocks.map((b) => [b.number, b.timestamp]));
  return logs.map((l) => l.blockTimestamp ?? times.get(l.blockNumber ?? 0n) ?? 0n);
}
