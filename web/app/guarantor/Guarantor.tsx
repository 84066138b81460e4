"use client";
/**
 * The guarantor's desk: what the escrow owes it (withdraw), its exposure by debtor, the claims it could cover (with
 * the offer form), its open offers, its active guarantees, the calls it paid with its subrogation, and the
 * collateral that came back. Reads are batched: the guarantor's guarantee ids, every guarantee, every claim they
 * cover, and one log query for the calls; the candidates take the verified debtors' claim lists and one batch.
 */
import Link from "next/link";
import { useConnection } from "wagmi";
import { formatAmount } from "../../lib/domain/format";
import { useCalls, useCoveredClaims, useGuarantees, useRulesAt } from "../../lib/data/guarantee-reads";
import { exposureByDebtor, type GuaranteeView } from "../../lib/domain/guarantees";
import { tokenOf, useAllowedCurrencies, useChainNow, useDeployment, useTokens } from "../../lib/data/hooks";
import { usePagedIds } from "../../lib/data/paged-reads";
import type { Amount } from "./amount";
import { Balances, Exposure } from "./Balances";
import { Candidates } from "./Candidates";
import { ActiveTable, CallItem, OffersTable } from "./GuaranteeTables";
import { Table } from "../../components/Table";

export function Guarantor() {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();

  // Every guarantee of the guarantor, however many (the escrow's guarantee ids, 1,000 a call).
  const {
    lists: [ids],
    loading: listing,
  } = usePagedIds("guaranteesOf", address === undefined ? [] : [[0n, address]]);
  const { guarantees, loading } = useGuarantees(ids ?? []);
  const covered = useCoveredClaims(guarantees.map((g) => g.claimId));
  const rules = useRulesAt([...covered.values()].map((c) => c.claim.rulesVersion));
  const calledIds = guarantees.filter((g) => g.status === "Called").map((g) => g.id);
  const { data: calls } = useCalls(calledIds);

  const currencies = useAllowedCurrencies();
  const tokens = useTokens([...currencies, ...guarantees.map((g) => g.currency)]);
  const amount: Amount = (value, currency) => {
    const t = tokenOf(tokens, currency);
    return t ? formatAmount(value, t.decimals, { symbol: t.symbol }) : "…";
  };

  if (contracts === undefined || address === undefined) return null;
  const claimOf = (g: GuaranteeView) => covered.get(g.claimId.toString());
  const offers = guarantees.filter((g) => g.status === "Offered");
  const active = guarantees.filter((g) => g.status === "Active");
  const called = guarantees.filter((g) => g.status === "Called");
  const ended = guarantees.filter((g) => g.status === "Released" || g.status === "Withdrawn");
  const exposure = exposureByDebtor(
    guarantees.flatMap((g) => {
      const c = claimOf(g);
      return c ? [{ debtor: c.claim.debtor, guarantee: g }] : [];
    }),
  );
  const reading = listing || loading;

  return (
    <>
      <Balances me={address} currencies={[...new Set([...currencies, ...guarantees.map((g) => g.currency)])]} />
      <Exposure rows={exposure} amount={amount} reading={reading} />
      <Candidates me={address} myOffers={offers} tokens={tokens} />

      <section aria-labelledby="offers-title">
        <h2 id="offers-title">Your offers</h2>
        {reading ? (
          <p className="muted">Reading your offers…</p>
        ) : offers.length === 0 ? (
          <p className="card">
            No open offer. Offer cover on a claim above; the holder activates it by paying the premium.
          </p>
        ) : (
          <OffersTable offers={offers} claimOf={claimOf} amount={amount} now={now} />
        )}
      </section>

      <section aria-labelledby="active-title">
        <h2 id="active-title">Active guarantees</h2>
        {reading ? (
          <p className="muted">Reading your guarantees…</p>
        ) : active.length === 0 ? (
          <p className="card">No active guarantee. An offer becomes one when the claim&apos;s holder activates it.</p>
        ) : (
          <ActiveTable me={address} list={active} claimOf={claimOf} rules={rules} amount={amount} now={now} />
        )}
      </section>

      <section aria-labelledby="calls-title">
        <h2 id="calls-title">Calls paid</h2>
        {called.length === 0 ? (
          <p className="muted">No guarantee of yours has been called.</p>
        ) : (
          <ul className="plain">
            {called.map((g) => (
              <CallItem
                key={g.id.toString()}
                me={address}
                g={g}
                c={claimOf(g)}
                paid={calls?.get(g.id.toString())}
                amount={amount}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="released-title">
        <h2 id="released-title">Collateral released</h2>
        {ended.length === 0 ? (
          <p className="muted">No collateral has come back yet.</p>
        ) : (
          <Table
            labelledBy="released-title"
            rows={ended}
            rowKey={(g) => g.id.toString()}
            columns={[
              { header: "Guarantee", cell: (g) => `#${g.id.toString()}` },
              {
                header: "Claim",
                cell: (g) => <Link href={`/claims/${g.claimId}`}>Claim #{g.claimId.toString()}</Link>,
              },
              { header: "Collateral", number: true, cell: (g) => amount(g.cover, g.currency) },
              {
                header: "Why",
                cell: (g) =>
                  g.status === "Withdrawn"
                    ? "You withdrew the offer"
                    : `Released (claim ${claimOf(g)?.state.toLowerCase() ?? "…"})`,
              },
            ]}
          />
        )}
        <p className="muted small">Collateral that comes back is credited to you in the escrow: withdraw it above.</p>
      </section>
    </>
  );
}
