/** The handlers' store over Ponder's indexing store (`context.db`). */
import type { Context } from "ponder:registry";
import { and, eq } from "ponder";
import type { Hex } from "viem";

import { standingOffer } from "../../ponder.schema.ts";
import type { StandingOfferRow } from "../reduce/types.ts";
import type { Store } from "./store.ts";

export function ponderStore(db: Context["db"]): Store {
  return {
    find: (table, id) => db.find(table as never, { id } as never),
    async put(table, row) {
      const { id: _id, ...rest } = row;
      await db
        .insert(table as never)
        .values(row as never)
        .onConflictDoUpdate(rest as never);
    },
    async delete(table, id) {
      await db.delete(table as never, { id } as never);
    },
    async standingOffers(factor: Hex, debtor: Hex) {
      return (await db.sql
        .select()
        .from(standingOffer)
        .where(and(eq(standingOffer.factor, factor), eq(standingOffer.debtor, debtor)))) as StandingOfferRow[];
    },
  };
}
