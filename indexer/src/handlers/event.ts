/**
 * One event, indexed: it goes to the activity log (with the claim it concerns; an auction's events name their
 * auction, whose claim the auction row holds), then to its handler, if it has one.
 */
import { activityEvent } from "../../ponder.schema.ts";
import { activityEvent as activityRow, claimIdOf } from "../reduce/activity.ts";
import type { At } from "../reduce/types.ts";
import { auctionClaimId } from "./auction.ts";
import { HANDLERS } from "./index.ts";
import { save, type Store } from "./store.ts";

export async function indexEvent(
  contract: string,
  name: string,
  args: Record<string, unknown>,
  at: At,
  db: Store,
): Promise<void> {
  let claimId = claimIdOf(args);
  if (claimId === null && typeof args.auctionId === "bigint") claimId = await auctionClaimId(db, args.auctionId);
  await save(db, activityEvent, activityRow(contract, name, args, at, claimId));
  await HANDLERS[contract]?.[name]?.(args as never, at, db);
}
