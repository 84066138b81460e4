/**
 * What the handlers ask of the database, and nothing more: read a row by id, write a row whole, delete one, and find
 * a factor's standing offers on a debtor. src/handlers/ponder-store.ts answers it with Ponder's indexing store; the
 * unit tests answer it from memory. Rows come whole from the reducers in src/reduce/.
 */
import type { Abi, ContractEventName, Hex } from "viem";

import type { At, EventArgs, StandingOfferRow } from "../reduce/types.ts";

/** Any of the indexer's tables: each has an `id` primary key. */
export type Table = { $inferSelect: { id: unknown } };

export interface Store {
  find(table: Table, id: unknown): Promise<unknown>;
  /** Inserts `row`, or replaces the row with its id. */
  put(table: Table, row: { id: unknown }): Promise<void>;
  delete(table: Table, id: unknown): Promise<void>;
  /** The standing offers `factor` posted on `debtor`. */
  standingOffers(factor: Hex, debtor: Hex): Promise<StandingOfferRow[]>;
}

/** The row of `table` with `id`, or undefined. */
export async function load<T extends Table>(db: Store, table: T, id: T["$inferSelect"]["id"]) {
  return ((await db.find(table, id)) ?? undefined) as T["$inferSelect"] | undefined;
}

/** Writes `row` whole: inserts it, or replaces the row with its id. */
export const save = <T extends Table>(db: Store, table: T, row: T["$inferSelect"]) => db.put(table, row);

/** Writes each row that is defined. */
export async function saveAll(db: Store, writes: [Table, { id: unknown } | undefined][]): Promise<void> {
  for (const [table, row] of writes) if (row !== undefined) await db.put(table, row);
}

export const remove = <T extends Table>(db: Store, table: T, id: T["$inferSelect"]["id"]) => db.delete(table, id);

/** Each event's handler of a contract with ABI `A`: given the event's arguments, where it happened, and the store. */
export type Handlers<A extends Abi> = {
  [N in ContractEventName<A>]?: (args: EventArgs<A, N>, at: At, db: Store) => Promise<void>;
};
