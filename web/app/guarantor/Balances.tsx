"use client";
/** The guarantor's balances to withdraw and its exposure by debtor. */
import type { Address } from "viem";
import { formatAmount } from "../../lib/domain/format";
import type { exposureByDebtor } from "../../lib/domain/guarantees";
import { tokenOf, useNamer, useTokens, type TokenInfo } from "../../lib/data/hooks";
import { Table } from "../../components/Table";
import { WithdrawLine } from "../../components/WithdrawLine";
import type { Amount } from "./amount";
import { readCall, useContractReads } from "../../lib/data/contracts";

// ---------------------------------------------------------------- balances and exposure

/**
 * What the guarantor may withdraw in each currency: from the escrow (collateral back, recoveries, and a premium the
 * currency refused to pay straight to it) and from the claim contract (payments on claims it took over by
 * subrogation).
 */
export function Balances({ me, currencies }: { me: Address; currencies: Address[] }) {
  const tokens = useTokens(currencies);
  const { data } = useContractReads(
    currencies.flatMap((c) => [readCall("escrow", "credited", [me, c]), readCall("claims", "owed", [me, c])]),
  );
  const rows = currencies.flatMap((c, i) => {
    const t = tokenOf(tokens, c);
    const value = (k: number) => {
      const r = data?.[2 * i + k];
      return r?.result ?? 0n;
    };
    return t === undefined ? [] : [{ token: t, escrow: value(0), claims: value(1) }];
  });
  const any = rows.some((r) => r.escrow > 0n || r.claims > 0n);
  const fmt = (t: TokenInfo, v: bigint) => formatAmount(v, t.decimals, { symbol: t.symbol });
  return (
    <section className="card" aria-labelledby="balance-title">
      <h2 id="balance-title">What you can withdraw</h2>
      {!any ? (
        <p className="muted">
          Nothing to withdraw. Collateral that comes back and recoveries are credited to you here; premiums go straight
          to your wallet when the holder activates your cover.
        </p>
      ) : (
        <ul className="plain">
          {rows.map(({ token, escrow, claims }) => (
            <li key={token.address}>
              {escrow > 0n && (
                <WithdrawLine
                  ledger="escrow"
                  currency={token.address}
                  to={me}
                  button={`Withdraw ${fmt(token, escrow)} from the escrow`}
                  className="withdraw-line"
                >
                  From the guarantee escrow: {fmt(token, escrow)}.
                </WithdrawLine>
              )}
              {claims > 0n && (
                <WithdrawLine
                  ledger="claims"
                  currency={token.address}
                  to={me}
                  button={`Withdraw ${fmt(token, claims)} of payments`}
                  className="withdraw-line"
                >
                  Payments on claims you hold: {fmt(token, claims)}.
                </WithdrawLine>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Exposure({
  rows,
  amount,
  reading,
}: {
  rows: ReturnType<typeof exposureByDebtor>;
  amount: Amount;
  reading: boolean;
}) {
  const name = useNamer();
  return (
    <section aria-labelledby="exposure-title">
      <h2 id="exposure-title">Exposure by debtor</h2>
      {reading ? (
        <p className="muted">Reading your guarantees…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No collateral at risk: you have no active guarantee or open offer.</p>
      ) : (
        <Table
          labelledBy="exposure-title"
          rowKey={(r) => `${r.debtor}/${r.currency}`}
          rows={rows}
          columns={[
            { header: "Debtor", cell: (r) => name(r.debtor) },
            { header: "Active cover", number: true, cell: (r) => amount(r.active, r.currency) },
            { header: "In open offers", number: true, cell: (r) => amount(r.offered, r.currency) },
            { header: "Total escrowed", number: true, cell: (r) => amount(r.total, r.currency) },
          ]}
        />
      )}
    </section>
  );
}
