"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { Address } from "viem";
import { useConnection } from "wagmi";

import { BarChart } from "../../components/BarChart";
import { CLOSED_STATES } from "@openfactor/sdk";
import { amountToNumber } from "../../lib/domain/chart";
import { formatAmount } from "../../lib/domain/format";
import { useAccountHistory, useBalances, useClaimDetails, useIdsOf, type ClaimDetail } from "../../lib/data/holdings";
import {
  tokenOf,
  useAllowedCurrencies,
  useChainNow,
  useDeployment,
  useNamer,
  useTokens,
  type TokenInfo,
} from "../../lib/data/hooks";
import {
  SOURCE_NAMES,
  cashFlowCalendar,
  ledgerOf,
  maturityLadder,
  returnsOf,
  withdrawalPlan,
  type Balance,
  type Bucket,
  type ClaimLedger,
  type Position,
} from "../../lib/domain/portfolio";
import { useWithdraw } from "../../lib/data/withdraw";
import { TreasuryFees } from "./TreasuryFees";
import { HoldingsTable } from "./Holdings";

/** Holdings shown per page of the table (the charts and totals cover all of them). */
const PAGE = 25;

/** States in which a held claim is still expected to pay: its outstanding amount is a future cash flow. */
const EXPECTED: readonly Position["state"][] = ["Accepted", "Financed", "Overdue", "Defaulted", "Disputed"];

export function Portfolio() {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  if (contracts === undefined) return <p className="card">OpenFactor is not deployed on this network.</p>;
  if (address === undefined) return <p className="card">Connect a wallet to see your portfolio.</p>;
  return <PortfolioOf account={address} />;
}

function PortfolioOf({ account }: { account: Address }) {
  const now = useChainNow();
  const held = useIdsOf("Holder", account);
  const history = useAccountHistory(account);
  const ledgers = useMemo(
    () =>
      history.data ? ledgerOf(account, history.data.sales, history.data.receipts) : new Map<bigint, ClaimLedger>(),
    [account, history.data],
  );
  // The held claims and every claim the account traded: the latter's currencies price the realised returns.
  const ids = useMemo(
    () => [...new Set([...held.ids, ...ledgers.keys()])].sort((a, b) => (a < b ? -1 : 1)),
    [held.ids, ledgers],
  );
  const { details, loading: detailsLoading } = useClaimDetails(ids);
  // The allowlisted currencies first: their symbols are read at once, not after the claims.
  const allowed = useAllowedCurrencies();
  const tokens = useTokens([...allowed, ...[...details.values()].map((d) => d.currency)]);
  const { balances, loading: balancesLoading } = useBalances(account);

  if (held.error) return <p role="alert">The claims you hold could not be read. Reload the page to try again.</p>;
  if (held.loading || history.isPending || detailsLoading || now === undefined)
    return <p className="muted">Reading your portfolio…</p>;
  if (history.isError) return <p role="alert">Your trading history could not be read. Reload the page to try again.</p>;

  const positions: Position[] = held.ids.flatMap((id) => {
    const d = details.get(id);
    return d === undefined ? [] : [{ claimId: id, ...d }];
  });
  const currencies = [
    ...new Set(
      [...details.values()]
        .map((d) => d.currency.toLowerCase())
        .concat(balances.filter((b) => b.amount > 0n).map((b) => b.currency.toLowerCase())),
    ),
  ] as Address[];

  return (
    <>
      <Withdrawals account={account} balances={balances} loading={balancesLoading} tokens={tokens} />
      <TreasuryFees account={account} />
      {positions.length === 0 && ledgers.size === 0 ? (
        <p className="card">
          You hold no claims and have not traded any. Buy claims on the <Link href="/market">market</Link>, or issue one
          on an invoice from <Link href="/issue">Issue</Link>.
        </p>
      ) : (
        currencies.map((currency) => {
          const token = tokenOf(tokens, currency);
          if (token === undefined) return null;
          return (
            <CurrencySection
              key={currency}
              token={token}
              positions={positions.filter((p) => p.currency.toLowerCase() === currency)}
              ledgers={ledgers}
              details={details}
              now={now}
            />
          );
        })
      )}
    </>
  );
}

/** Totals, charts and the holdings table of one currency. */
function CurrencySection({
  token,
  positions,
  ledgers,
  details,
  now,
}: {
  token: TokenInfo;
  positions: Position[];
  ledgers: Map<bigint, ClaimLedger>;
  details: Map<bigint, ClaimDetail>;
  now: bigint;
}) {
  const name = useNamer();
  const [page, setPage] = useState(0);
  const amount = (v: bigint) => formatAmount(v, token.decimals, { symbol: token.symbol });
  const returns = returnsOf(ledgers, positions, token.address, (id) => details.get(id)?.currency);
  const open = positions.filter((p) => EXPECTED.includes(p.state) && p.outstanding > 0n);
  const flows = open.map((p) => ({ dueDate: p.dueDate, amount: p.outstanding }));
  const faceHeld = positions.filter((p) => !CLOSED_STATES.includes(p.state)).reduce((s, p) => s + p.faceValue, 0n);
  const toCollect = flows.reduce((s, f) => s + f.amount, 0n);
  const bars = (buckets: Bucket[]) =>
    buckets.map((b) => ({
      label: b.label,
      value: amountToNumber(b.amount, token.decimals),
      text: amount(b.amount),
      note: `${b.count} claim${b.count === 1 ? "" : "s"}`,
      emphasis: b.overdue,
    }));

  // Open positions by due date first, then the closed ones.
  const rows = [...positions].sort((a, b) => {
    const ca = CLOSED_STATES.includes(a.state) ? 1 : 0;
    const cb = CLOSED_STATES.includes(b.state) ? 1 : 0;
    if (ca !== cb) return ca - cb;
    return a.dueDate === b.dueDate ? (a.claimId < b.claimId ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1;
  });
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, (page + 1) * PAGE);
  const sign = (v: bigint) => (v > 0n ? "+" : "") + amount(v);
  const headingId = `holdings-${token.symbol}`;

  return (
    <section aria-labelledby={`summary-${token.symbol}`}>
      <h2 id={`summary-${token.symbol}`}>In {token.symbol}</h2>
      <dl className="figures">
        <div>
          <dt>Claims held</dt>
          <dd>{positions.length}</dd>
        </div>
        <div>
          <dt>Face value of open claims</dt>
          <dd>{amount(faceHeld)}</dd>
        </div>
        <div>
          <dt>Still to collect</dt>
          <dd>{amount(toCollect)}</dd>
        </div>
        <div>
          <dt>Cost of open claims bought</dt>
          <dd>{amount(returns.invested)}</dd>
        </div>
        <div>
          <dt>Expected return ({returns.open} open)</dt>
          <dd>{sign(returns.expected)}</dd>
        </div>
        <div>
          <dt>Realised return ({returns.closed} closed)</dt>
          <dd>{sign(returns.realised)}</dd>
        </div>
      </dl>
      <p className="muted small">
        Realised: what claims you bought brought in (payments, sales net of the fee, guarantee calls) minus what you
        paid, once sold on or settled, voided or written off. Expected: the same for the claims you still hold if every
        debtor pays in full. Claims you issued yourself cost nothing and count in neither.
      </p>

      <div className="charts">
        <BarChart
          id={`calendar-${token.symbol}`}
          title="Expected payments by month"
          description={`What the claims you hold still owe, by due date, in ${token.symbol}.`}
          bars={bars(cashFlowCalendar(flows, now))}
          valueHeader="Expected"
          noteHeader="Claims"
        />
        <BarChart
          id={`ladder-${token.symbol}`}
          title="Maturity ladder"
          description={`What is owed to you by days left to the due date, in ${token.symbol}.`}
          bars={bars(maturityLadder(flows, now))}
          valueHeader="Owed"
          noteHeader="Claims"
          orientation="horizontal"
        />
      </div>

      <h3 id={headingId}>Claims you hold</h3>
      {rows.length === 0 ? (
        <p className="card">
          You hold no claims in {token.symbol} now. <Link href="/market">The market</Link> lists those for sale.
        </p>
      ) : (
        <>
          <HoldingsTable
            headingId={headingId}
            shown={shown}
            total={rows.length}
            page={page}
            pages={pages}
            ledgers={ledgers}
            details={details}
            amount={amount}
            name={name}
            now={now}
          />
          {pages > 1 && (
            <div className="actions">
              <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                Previous
              </button>
              <span className="muted">
                Page {page + 1} of {pages}
              </span>
              <button type="button" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
                Next
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** Everything the contracts owe the account, and one button that withdraws it all, one transaction per ledger. */
function Withdrawals({
  account,
  balances,
  loading,
  tokens,
}: {
  account: Address;
  balances: Balance[];
  loading: boolean;
  tokens: Map<string, TokenInfo>;
}) {
  const { contracts } = useDeployment();
  const { withdraw, busy } = useWithdraw();
  const extra = useTokens(balances.filter((b) => b.amount > 0n).map((b) => b.currency));
  const [step, setStep] = useState<number | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const plan = withdrawalPlan(balances);
  const amount = (b: Balance) => {
    const token = tokenOf(tokens, b.currency) ?? tokenOf(extra, b.currency);
    return token ? formatAmount(b.amount, token.decimals, { symbol: token.symbol }) : "…";
  };

  /** Withdraws from each ledger in turn; stops at the first that fails or is rejected (the rest stay owed). */
  async function withdrawAll() {
    if (contracts === undefined) return;
    const steps = [...plan];
    setDone(undefined);
    for (const [i, b] of steps.entries()) {
      setStep(i);
      const result = await withdraw(b.source, b.currency, account);
      if (!result.ok) {
        setStep(undefined);
        if (i > 0) setDone(`${i} of ${steps.length} withdrawals went through; the rest is still owed to you.`);
        return;
      }
    }
    setStep(undefined);
    setDone(`All ${steps.length} withdrawal${steps.length === 1 ? "" : "s"} went through.`);
  }

  return (
    <section aria-labelledby="owed-title" className="card">
      <h2 id="owed-title">Owed to you</h2>
      {loading ? (
        <p className="muted">Reading what the contracts owe you…</p>
      ) : plan.length === 0 && step === undefined ? (
        <p className="muted">{done ?? "Nothing is waiting for you in the contracts."}</p>
      ) : (
        <>
          <ol className="steps">
            {plan.map((b, i) => (
              <li key={`${b.source}-${b.currency}`} aria-current={step === i ? "step" : undefined}>
                {SOURCE_NAMES[b.source]}: {amount(b)}
                {step === i && <span className="muted"> (withdrawing…)</span>}
              </li>
            ))}
          </ol>
          <p className="muted small">
            {plan.length === 1
              ? "One transaction sends it to your account."
              : `${plan.length} transactions, one per contract and currency, confirmed one after the other in your wallet.`}
          </p>
          <button
            type="button"
            className="primary"
            disabled={busy || step !== undefined}
            onClick={() => void withdrawAll()}
          >
            {step === undefined
              ? plan.length === 1
                ? "Withdraw everything"
                : `Withdraw everything (${plan.length} transactions)`
              : `Withdrawing ${step + 1} of ${plan.length}…`}
          </button>
          {done && <p role="status">{done}</p>}
        </>
      )}
    </section>
  );
}
