/**
 * Registers one indexing function per event of every indexed contract (src/contracts.ts): each event goes to the
 * activity log, then to its handler (src/handlers/), which reads the rows it changes, asks src/reduce/ what the event
 * means for them, and writes them back.
 */
import { ponder } from "ponder:registry";

import { activityEvent } from "../ponder.schema.ts";
import { eventNamesOf, INDEXED_CONTRACTS, type IndexedContract } from "./contracts.ts";
import { auctionClaimId } from "./handlers/auction.ts";
import { HANDLERS } from "./handlers/index.ts";
import { save, type Db } from "./handlers/store.ts";
import { activityEvent as activityRow, claimIdOf } from "./reduce/activity.ts";
import type { At } from "./reduce/types.ts";

interface IndexedEvent {
  id: string;
  args: Record<string, unknown>;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: `0x${string}` };
  log: { logIndex: number };
}

for (const contract of Object.keys(INDEXED_CONTRACTS) as IndexedContract[]) {
  for (const name of eventNamesOf(contract)) {
    const handler = HANDLERS[contract]?.[name];
    ponder.on(`${contract}:${name}` as never, (async ({ event, context }: { event: IndexedEvent; context: { db: Db } }) => {
      const at: At = {
        id: event.id,
        blockNumber: event.block.number,
        timestamp: event.block.timestamp,
        transactionHash: event.transaction.hash,
        logIndex: event.log.logIndex,
      };
      const args = event.args ?? {};
      let claimId = claimIdOf(args);
      if (claimId === null && typeof args.auctionId === "bigint") claimId = await auctionClaimId(context.db, args.auctionId);
      await save(context.db, activityEvent, activityRow(contract, name, args, at, claimId));
      if (handler !== undefined) await handler(args as never, at, context.db);
    }) as never);
  }
}
