"use client";

import { useWrite } from "../../lib/data/tx";
import { ReadOnlyNote } from "./ReadOnlyNote";
import { useContractRead } from "../../lib/data/contracts";
import { contractCall } from "@openfactor/sdk";

/** Whether new business is paused, and the pauser's switch. */
export function PauseSection({ canChange }: { canChange: boolean }) {
  const { write, busy } = useWrite();
  const { data: paused, isPending } = useContractRead("registry", "paused", []);
  return (
    <section aria-labelledby="pause-title">
      <h2 id="pause-title">Pause</h2>
      {isPending || paused === undefined ? (
        <p className="muted">Reading the market&apos;s state…</p>
      ) : (
        <div className={`card ${paused ? "card-warn" : ""}`}>
          <p>
            <strong>{paused ? "New business is paused." : "The market is open."}</strong>{" "}
            {paused
              ? "No claim can be issued, listed or bid on. Payments, withdrawals, refunds and guarantee calls go on."
              : "Claims can be issued, listed, bid on and sold. A pause stops that, never payments, withdrawals, refunds or guarantee calls."}
          </p>
          {canChange ? (
            <button
              type="button"
              className={paused ? "primary" : undefined}
              disabled={busy}
              onClick={() => void write((c) => contractCall(c, "registry", paused ? "unpause" : "pause", []))}
            >
              {paused ? "Resume new business" : "Pause new business"}
            </button>
          ) : (
            <ReadOnlyNote role="pauser" />
          )}
        </div>
      )}
    </section>
  );
}
