/** The pull ledgers' Credited and Withdrawn events, shared by the market, the escrow and the auction house. */
import type { Hex } from "viem";

import { ledgerBalance } from "../../ponder.schema.ts";
import { credited, ledgerId, withdrawn } from "../reduce/ledger.ts";
import type { At } from "../reduce/types.ts";
import { load, save, type Store } from "./store.ts";

type Move = { account: Hex; currency: Hex; amount: bigint };

/** The Credited and Withdrawn handlers of the ledger of `contract`. */
export function ledgerHandlers(contract: string) {
  const current = (db: Store, a: Move) => load(db, ledgerBalance, ledgerId(contract, a.account, a.currency));
  return {
    async Credited(args: Move, _at: At, db: Store) {
      await save(
        db,
        ledgerBalance,
        credited(await current(db, args), contract, args.account, args.currency, args.amount),
      );
    },
    async Withdrawn(args: Move, _at: At, db: Store) {
      await save(
        db,
        ledgerBalance,
        withdrawn(await current(db, args), contract, args.account, args.currency, args.amount),
      );
    },
  };
}
