/** The claim contract's events: claims, payments, disputes, the holders' pull ledger and debtors' counters. */
import type { claimsAbi } from "@openfactor/sdk";

import { claim, dispute, ledgerBalance, participant, payment, rulesVersion } from "../../ponder.schema.ts";
import * as claims from "../reduce/claims.ts";
import { credited, ledgerId, withdrawn } from "../reduce/ledger.ts";
import { acceptanceCounterIncremented, participantSeen } from "../reduce/registry.ts";
import type { At, ClaimRow } from "../reduce/types.ts";
import { load, save, type Store, type Handlers } from "./store.ts";

const CONTRACT = "ReceivableClaim";

export const loadClaim = (db: Store, id: bigint) => load(db, claim, id);

/** Runs `change` on the claim `id` and writes what it returns; a claim issued before the start block is skipped. */
export async function withClaim(db: Store, id: bigint, change: (row: ClaimRow) => ClaimRow | Promise<void>) {
  const row = await loadClaim(db, id);
  if (row === undefined) return;
  const next = await change(row);
  if (next !== undefined) await save(db, claim, next);
}

/** Credits `amount` to `account` in the claim contract's ledger, in the claim's currency. */
async function creditHolder(db: Store, row: ClaimRow, account: `0x${string}`, amount: bigint) {
  const id = ledgerId(CONTRACT, account, row.currency);
  await save(db, ledgerBalance, credited(await load(db, ledgerBalance, id), CONTRACT, account, row.currency, amount));
}

export const claimHandlers: Handlers<typeof claimsAbi> = {
  async ClaimIssued(args, at, db) {
    const rules = await load(db, rulesVersion, args.rulesVersion);
    await save(db, claim, claims.claimIssued(args, at, rules));
  },
  ClaimStateChanged: (args, at, db) => withClaim(db, args.claimId, (row) => claims.claimStateChanged(row, args, at)),
  Transfer: (args, at, db) => withClaim(db, args.tokenId, (row) => claims.claimTransferred(row, args, at)),
  Locked: (args, at, db) => withClaim(db, args.tokenId, (row) => claims.claimLocked(row, true, at)),
  Unlocked: (args, at, db) => withClaim(db, args.tokenId, (row) => claims.claimLocked(row, false, at)),
  PaymentReceived: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const next = claims.paymentReceived(row, args, at);
      await save(db, claim, next.claim);
      await save(db, payment, next.payment);
      await creditHolder(db, row, args.payee, args.amount);
    }),
  PaymentHeld: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const next = claims.paymentHeld(row, args, at);
      await save(db, claim, next.claim);
      await save(db, payment, next.payment);
    }),
  HeldPaymentsReleased: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const next = claims.heldPaymentsReleased(row, args, at);
      await save(db, claim, next.claim);
      await save(db, payment, next.payment);
      await creditHolder(db, row, args.payee, args.amount);
    }),
  HeldPaymentReclaimed: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const next = claims.heldPaymentReclaimed(row, args, at);
      await save(db, claim, next.claim);
      await save(db, payment, next.payment);
    }),
  ClaimDisputed: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const next = claims.claimDisputed(row, args, at);
      await save(db, claim, next.claim);
      await save(db, dispute, next.dispute);
    }),
  ClaimDisputeResolved: (args, at, db) =>
    withClaim(db, args.claimId, async (row) => {
      const current = await load(db, dispute, claims.disputeId(row.id, row.disputeCount));
      if (current === undefined) return;
      const next = claims.claimDisputeResolved(row, current, args, at);
      await save(db, claim, next.claim);
      await save(db, dispute, next.dispute);
    }),
  ClaimWrittenOff: (args, at, db) => withClaim(db, args.claimId, (row) => claims.claimWrittenOff(row, args, at)),
  async Withdrawn(args, at, db) {
    const id = ledgerId(CONTRACT, args.account, args.currency);
    const row = await load(db, ledgerBalance, id);
    await save(db, ledgerBalance, withdrawn(row, CONTRACT, args.account, args.currency, args.amount));
  },
  async AcceptanceCounterIncremented(args, at: At, db) {
    const seen = participantSeen(
      await load(db, participant, args.debtor.toLowerCase() as `0x${string}`),
      args.debtor,
      at,
    );
    await save(db, participant, acceptanceCounterIncremented(seen, args, at));
  },
};
