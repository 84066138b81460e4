"use client";
/** The guarantor's "Withdraw offer" button for one offer of cover, on the claim page and the guarantor's page. */
import { withdrawGuaranteeOffer } from "@openfactor/sdk";
import type { useWrite } from "../lib/data/tx";

/** Withdraws offer `id` with the table's `write`, disabled while that table's write is `busy`. */
export function WithdrawOfferButton({
  id,
  write,
  busy,
}: { id: bigint } & Pick<ReturnType<typeof useWrite>, "write" | "busy">) {
  return (
    <button
      type="button"
      disabled={busy}
      aria-label={`Withdraw offer #${id}`}
      onClick={() => void write((c) => withdrawGuaranteeOffer(c, id))}
    >
      Withdraw offer
    </button>
  );
}
