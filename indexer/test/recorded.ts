/**
 * The recorded events (fixtures/events.json, written by scripts/record-events.ts from a seeded chain), decoded with
 * the SDK's ABIs, and an in-memory store to replay them through the indexer's own handlers.
 */
import { readFileSync } from "node:fs";

import { decodeEventLog, type Abi, type Hex } from "viem";

import { abiOf, addressesOn, type IndexedContract } from "../src/contracts.ts";
import { indexEvent } from "../src/handlers/event.ts";
import type { Store, Table } from "../src/handlers/store.ts";
import type { At, StandingOfferRow } from "../src/reduce/types.ts";
import { standingOffer } from "../ponder.schema.ts";

interface RecordedLog {
  address: Hex;
  topics: [Hex, ...Hex[]];
  data: Hex;
  blockNumber: string;
  timestamp: string;
  transactionHash: Hex;
  logIndex: number;
}

export interface RecordedEvent {
  contract: IndexedContract;
  name: string;
  args: Record<string, unknown>;
  at: At;
}

const logs = JSON.parse(readFileSync(new URL("./fixtures/events.json", import.meta.url), "utf8")) as RecordedLog[];
const contractAt = new Map(
  Object.entries(addressesOn(31337)).map(([name, address]) => [address.toLowerCase(), name as IndexedContract]),
);

/** Every recorded event, in chain order, decoded with its contract's ABI from the SDK. */
export const recorded: RecordedEvent[] = logs.map((log) => {
  const contract = contractAt.get(log.address.toLowerCase());
  if (contract === undefined) throw new Error(`a recorded log of ${log.address}, which is not indexed`);
  const decoded = decodeEventLog({ abi: abiOf(contract) as Abi, topics: log.topics, data: log.data });
  return {
    contract,
    name: decoded.eventName!,
    args: (decoded.args ?? {}) as Record<string, unknown>,
    at: {
      id: `${log.blockNumber}-${log.logIndex}`,
      blockNumber: BigInt(log.blockNumber),
      timestamp: BigInt(log.timestamp),
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
    },
  };
});

/** The recorded events named `name` (of `contract`, when given). */
export const eventsNamed = (name: string, contract?: IndexedContract) =>
  recorded.filter((e) => e.name === name && (contract === undefined || e.contract === contract));

/** A store in memory: each table's rows by id. */
export function memoryStore() {
  const tables = new Map<Table, Map<string, { id: unknown }>>();
  const of = (table: Table) => tables.get(table) ?? tables.set(table, new Map()).get(table)!;
  const store: Store = {
    find: async (table, id) => of(table).get(String(id)),
    put: async (table, row) => void of(table).set(String(row.id), structuredClone(row)),
    delete: async (table, id) => void of(table).delete(String(id)),
    standingOffers: async (factor, debtor) =>
      [...of(standingOffer).values()].filter(
        (o) => (o as StandingOfferRow).factor === factor && (o as StandingOfferRow).debtor === debtor,
      ) as StandingOfferRow[],
  };
  /** Every row of `table`. */
  const rows = <T extends Table>(table: T) => [...of(table).values()] as T["$inferSelect"][];
  /** The row of `table` with `id`. */
  const row = <T extends Table>(table: T, id: T["$inferSelect"]["id"]) =>
    of(table).get(String(id)) as T["$inferSelect"] | undefined;
  return { store, rows, row };
}

/** Replays `events` (all recorded ones by default) through the indexer's handlers into a fresh memory store. */
export async function replay(events: RecordedEvent[] = recorded) {
  const memory = memoryStore();
  for (const e of events) await indexEvent(e.contract, e.name, e.args, e.at, memory.store);
  return memory;
}
