"use client";
/** Offers of cover on a claim, on the claim page. */
import { useConnection } from "wagmi";
import { formatDateTime, formatYield } from "../../../lib/domain/format";
import { guaranteeRate, offerOpen, type GuaranteeView } from "../../../lib/domain/guarantees";
import { useChainNow, useDeployment, useNamer } from "../../../lib/data/hooks";
import { useWrite } from "../../../lib/data/tx";
import type { ClaimContext } from "./context";
import { activateGuarantee, withdrawGuaranteeOffer } from "@openfactor/sdk";

/** Offers of cover on the claim: the holder activates one by paying its premium; a guarantor withdraws its own. */
export function OffersReceived({
  ctx,
  offers,
  canActivate,
}: {
  ctx: ClaimContext;
  offers: GuaranteeView[];
  canActivate: boolean;
}) {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const { write, ensureAllowance, busy } = useWrite();

  async function activate(g: GuaranteeView) {
    if (contracts === undefined) return;
    // The escrow takes exactly the premium from the holder (the net to the guarantor, the fee to itself): allow it
    // exactly that (it has no permit entry point).
    if (g.premium > 0n && !(await ensureAllowance(ctx.currency, contracts.escrow, g.premium))) return;
    await write((c) => activateGuarantee(c, g.id));
  }

  return (
    <div>
      <h3 id="cover-offers-title">Offers of cover</h3>
      <div className="table-wrap" role="region" aria-labelledby="cover-offers-title" tabIndex={0}>
        <table className="card-table">
          <thead>
            <tr>
              <th scope="col">Guarantor</th>
              <th scope="col" className="number">
                Cover
              </th>
              <th scope="col" className="number">
                Premium
              </th>
              <th scope="col" className="number">
                Annual rate
              </th>
              <th scope="col">Open until</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {offers.map((g) => {
              const open = offerOpen(g, now);
              const rate = now !== undefined ? guaranteeRate(g, ctx.dueDate, now) : undefined;
              const mine = address?.toLowerCase() === g.guarantor.toLowerCase();
              return (
                <tr key={g.id.toString()}>
                  <td data-label="Guarantor">{name(g.guarantor)}</td>
                  <td className="number" data-label="Cover">
                    {ctx.amount(g.cover)}
                  </td>
                  <td className="number" data-label="Premium">
                    {ctx.amount(g.premium)}
                  </td>
                  <td className="number" data-label="Annual rate">
                    {rate === undefined ? "—" : formatYield(rate)}
                  </td>
                  <td data-label="Open until">
                    {formatDateTime(g.offerExpiry)}
                    {!open && " (expired)"}
                  </td>
                  <td data-label="Action">
                    {mine ? (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`Withdraw offer #${g.id}`}
                        onClick={() => void write((c) => withdrawGuaranteeOffer(c, g.id))}
                      >
                        Withdraw offer
                      </button>
                    ) : canActivate && open ? (
                      <button
                        type="button"
                        className="primary"
                        disabled={busy}
                        aria-label={`Activate ${name(g.guarantor)}'s cover of ${ctx.amount(g.cover)} for ${ctx.amount(g.premium)}`}
                        onClick={() => void activate(g)}
                      >
                        Activate for {ctx.amount(g.premium)}
                      </button>
                    ) : (
                      <span className="muted small">{open ? "The holder may activate it" : "Expired"}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canActivate && (
        <p className="muted small">
          Activating pays the premium to the guarantor (you approve exactly the premium first); the cover then protects
          whoever holds the claim.
        </p>
      )}
    </div>
  );
}
