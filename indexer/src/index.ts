/**
 * Registers one indexing function per event of every indexed contract (src/contracts.ts). Each hands the event to
 * src/handlers/event.ts: the activity log, then its handler, which reads the rows it changes, asks src/reduce/ what
 * the event means for them, and writes them back.
 */
import { ponder, type Context } from "ponder:registry";

import { eventNamesOf, INDEXED_CONTRACTS, type IndexedContract } from "./contracts.ts";
import { indexEvent } from "./handlers/event.ts";
import { ponderStore } from "./handlers/ponder-store.ts";

interface IndexedEvent {
  id: string;
  args: Record<string, unknown> | undefined;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: `0x${string}` };
  log: { logIndex: number };
}

for (const contract of Object.keys(INDEXED_CONTRACTS) as IndexedContract[]) {
  for (const name of eventNamesOf(contract)) {
    const index = async ({ event, context }: { event: IndexedEvent; context: { db: Context["db"] } }) => {
      const at = {
        id: event.id,
        blockNumber: event.block.number,
        timestamp: event.block.timestamp,
        transactionHash: event.transaction.hash,
        logIndex: event.log.logIndex,
      };
      await indexEvent(contract, name, event.args ?? {}, at, ponderStore(context.db));
    };
    ponder.on(`${contract}:${name}` as never, index as never);
  }
}
