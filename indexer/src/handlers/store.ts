/**
 * The few database moves the handlers make, over Ponder's indexing store: read a row by id, write a row whole
 * (insert, or replace the one with its id), delete one. Rows come whole from the reducers in src/reduce/.
 */
import type { Context } from "ponder:registry";
import type { Abi, ContractEventName } from "viem";

import type { At, EventArgs } from "../reduce/types.ts";

export type Db = Context["db"];

/** Any of the indexer's tables: each has an `id` primary key. */
type Table = { $inferSelect: { id: unknown } };

/** The row of `table` with `id`, or undefined. */
export async function load<T extends Table>(db: Db, table: T, id: T["$inferSelect"]["id"]) {
  const row = await db.find(table as never, { id } as never);
  return (row ?? undefined) as T["$inferSelect"] | undefined;
}

/** Writes `row` whole: inserts it, or replaces the row with its id. */
export async function save<T extends Table>(db: Db, table: T, row: T["$inferSelect"]): Promise<void> {
  const { id: _id, ...rest } = row;
  await db
    .insert(table as never)
    .values(row as never)
    .onConflictDoUpdate(rest as never);
}

/** Writes each row that is defined. */
export async function saveAll(db: Db, writes: [Table, { id: unknown } | undefined][]): Promise<void> {
  for (const [table, row] of writes) if (row !== undefined) await save(db, table, row);
}

export async function remove<T extends Table>(db: Db, table: T, id: T["$inferSelect"]["id"]): Promise<void> {
  await db.delete(table as never, { id } as never);
}

/** Each event's handler of a contract with ABI `A`: given the event's arguments, where it happened, and the store. */
export type Handlers<A extends Abi> = {
  [N in ContractEventName<A>]?: (args: EventArgs<A, N>, at: At, db: Db) => Promise<void>;
};
