/** Log helpers shared by server and client reads: OpenFactor's events read by contract name, and their times. */
import {
  parseEventLogs,
  type ContractEventName,
  type GetContractEventsParameters,
  type Log,
  type PublicClient,
} from "viem";

import { abis, type AbiOf, type ContractName, type Contracts } from "@openfactor/sdk";

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

/** An event of contract `name`. */
export type EventOf<name extends ContractName> = ContractEventName<AbiOf<name>>;

/**
 * The logs of contract `name` on `client`'s chain (viem's `getContractEvents`), by name: all its events, or those
 * of `params.eventName`, filtered by `params.args` and the block range.
 */
export function contractEvents<
  name extends ContractName,
  const eventName extends EventOf<name> | undefined = undefined,
>(
  client: PublicClient,
  contracts: Contracts,
  name: name,
  params: Omit<GetContractEventsParameters<AbiOf<name>, eventName, false, bigint, bigint>, "address" | "abi">,
) {
  return client.getContractEvents<AbiOf<name>, eventName, false, bigint, bigint>({
    ...params,
    address: contracts[name],
    abi: abis[name],
  } as GetContractEventsParameters<AbiOf<name>, eventName, false, bigint, bigint>);
}

/** The `eventName` events contract `name` emitted among `logs` (a receipt's), decoded. */
export function eventsIn<name extends ContractName, const eventName extends EventOf<name>>(
  logs: Log[],
  name: name,
  eventName: eventName,
) {
  return parseEventLogs({ abi: abis[name] as AbiOf<name>, eventName, logs });
}
