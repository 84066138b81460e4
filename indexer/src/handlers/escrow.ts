/** The guarantee escrow's events: guarantees offered, activated, released and called, subrogation, its ledger. */
import type { escrowAbi } from "@openfactor/sdk";

import { claim, guarantee } from "../../ponder.schema.ts";
import * as escrow from "../reduce/escrow.ts";
import type { GuaranteeRow } from "../reduce/types.ts";
import { loadClaim } from "./claims.ts";
import { ledgerHandlers } from "./ledgers.ts";
import { load, save, type Store, type Handlers } from "./store.ts";

/** Runs `change` on the guarantee `id` and writes what it returns. */
async function withGuarantee(db: Store, id: bigint | null | undefined, change: (g: GuaranteeRow) => GuaranteeRow) {
  if (id === null || id === undefined) return;
  const g = await load(db, guarantee, id);
  if (g !== undefined) await save(db, guarantee, change(g));
}

/** The guarantee last activated on a claim: the one a call, a subrogation or a recovery concerns. */
const activeGuaranteeOf = async (db: Store, claimId: bigint) => (await loadClaim(db, claimId))?.guaranteeId;

export const escrowHandlers: Handlers<typeof escrowAbi> = {
  ...ledgerHandlers("GuaranteeEscrow"),
  async GuaranteeOffered(args, at, db) {
    await save(db, guarantee, escrow.guaranteeOffered(args, at));
  },
  GuaranteeOfferWithdrawn: (args, _at, db) => withGuarantee(db, args.guaranteeId, escrow.guaranteeOfferWithdrawn),
  async GuaranteeActivated(args, at, db) {
    const g = await load(db, guarantee, args.guaranteeId);
    const row = await load(db, claim, args.claimId);
    if (g === undefined || row === undefined) return;
    const next = escrow.guaranteeActivated(g, row, args, at);
    await save(db, guarantee, next.guarantee);
    await save(db, claim, next.claim);
  },
  GuaranteeReleased: (args, _at, db) => withGuarantee(db, args.guaranteeId, (g) => escrow.guaranteeReleased(g, args)),
  GuaranteeCalled: (args, _at, db) => withGuarantee(db, args.guaranteeId, (g) => escrow.guaranteeCalled(g, args)),
  Subrogated: async (args, _at, db) =>
    withGuarantee(db, await activeGuaranteeOf(db, args.claimId), (g) => escrow.subrogated(g, args)),
  RecoveryDistributed: async (args, _at, db) =>
    withGuarantee(db, await activeGuaranteeOf(db, args.claimId), (g) => escrow.recoveryDistributed(g, args)),
  SubrogatedClaimTaken: async (args, _at, db) =>
    withGuarantee(db, await activeGuaranteeOf(db, args.claimId), escrow.subrogatedClaimTaken),
};
