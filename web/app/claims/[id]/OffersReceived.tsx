"use client";
/** Offers of cover on a claim, on the claim page. */
import { useConnection } from "wagmi";
import { formatDateTime, formatYield } from "../../../lib/domain/format";
import { guaranteeRate, offerOpen, type GuaranteeView } from "../../../lib/domain/guarantees";
import { useChainNow, useDeployment, useNamer } from "../../../lib/data/hooks";
import { useWrite } from "../../../lib/data/tx";
import type { ClaimContext } from "./context";
import { Table, type Column } from "../../../components/Table";
import { activateGuarantee } from "@openfactor/sdk";
import { WithdrawOfferButton } from "../../../components/WithdrawOfferButton";

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

  const open = (g: GuaranteeView) => offerOpen(g, now);
  const action = (g: GuaranteeView) => {
    if (address?.toLowerCase() === g.guarantor.toLowerCase())
      return <WithdrawOfferButton id={g.id} write={write} busy={busy} />;
    if (canActivate && open(g))
      return (
        <button
          type="button"
          className="primary"
          disabled={busy}
          aria-label={`Activate ${name(g.guarantor)}'s cover of ${ctx.amount(g.cover)} for ${ctx.amount(g.premium)}`}
          onClick={() => void activate(g)}
        >
          Activate for {ctx.amount(g.premium)}
        </button>
      );
    return <span className="muted small">{open(g) ? "The holder may activate it" : "Expired"}</span>;
  };
  const columns: Column<GuaranteeView>[] = [
    { header: "Guarantor", cell: (g) => name(g.guarantor) },
    { header: "Cover", number: true, cell: (g) => ctx.amount(g.cover) },
    { header: "Premium", number: true, cell: (g) => ctx.amount(g.premium) },
    {
      header: "Annual rate",
      number: true,
      cell: (g) => {
        const rate = now !== undefined ? guaranteeRate(g, ctx.dueDate, now) : undefined;
        return rate === undefined ? "—" : formatYield(rate);
      },
    },
    {
      header: "Open until",
      cell: (g) => (
        <>
          {formatDateTime(g.offerExpiry)}
          {!open(g) && " (expired)"}
        </>
      ),
    },
    { header: "Action", cell: action },
  ];

  return (
    <div>
      <h3 id="cover-offers-title">Offers of cover</h3>
      <Table labelledBy="cover-offers-title" columns={columns} rows={offers} rowKey={(g) => g.id.toString()} />
      {canActivate && (
        <p className="muted small">
          Activating pays the premium to the guarantor (you approve exactly the premium first); the cover then protects
          whoever holds the claim.
        </p>
      )}
    </div>
  );
}
