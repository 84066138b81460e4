"use client";
/** A called claim in the escrow's custody, on the claim page. */
import { formatYield } from "../../../lib/domain/format";
import { recoveryShares, type SubrogationView } from "../../../lib/domain/guarantees";
import { useNamer } from "../../../lib/data/hooks";
import { useWrite } from "../../../lib/data/tx";
import type { ClaimContext } from "./context";
import { distributeRecovery, takeClaimFromCustody } from "@openfactor/sdk";

/** A called claim in the escrow's custody: the pro-rata shares, distribute, and take the claim (full cover). */
export function Custody({
  ctx,
  sub,
  pending,
  me,
}: {
  ctx: ClaimContext;
  sub: SubrogationView;
  pending: readonly [bigint, bigint] | undefined;
  me: string | undefined;
}) {
  const name = useNamer();
  const { write, busy } = useWrite();
  const shares = recoveryShares(sub);
  const waiting = pending !== undefined ? pending[0] + pending[1] : 0n;
  const full = sub.covered === sub.outstandingAtCall;
  return (
    <>
      <p>
        Subrogated, in custody: the escrow holds the claim
        {full
          ? ` for ${name(sub.guarantor)}, which can take it out once it may receive it.`
          : ` and splits what the debtor pays from now on: ${formatYield(shares.guarantor)} to ${name(sub.guarantor)} (the guarantor), ${formatYield(shares.holder)} to ${name(sub.holder)} (the holder at the call).`}{" "}
        Distributed so far: {ctx.amount(sub.recovered)}, of which {ctx.amount(sub.guarantorRecovered)} to the guarantor.
      </p>
      <div className="actions">
        {waiting > 0n && (
          <button type="button" disabled={busy} onClick={() => void write((c) => distributeRecovery(c, ctx.id))}>
            Distribute {ctx.amount(waiting)}: {ctx.amount(pending![1])} to the guarantor, {ctx.amount(pending![0])} to
            the holder
          </button>
        )}
        {full && me === sub.guarantor.toLowerCase() && ctx.state !== "Settled" && (
          <button type="button" disabled={busy} onClick={() => void write((c) => takeClaimFromCustody(c, ctx.id))}>
            Take the claim
          </button>
        )}
      </div>
      {waiting === 0n && <p className="muted small">No payment from the debtor is waiting to be distributed.</p>}
    </>
  );
}
