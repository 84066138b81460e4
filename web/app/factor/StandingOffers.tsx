"use client";

import { useState, type FormEvent } from "react";
import { maxUint256, type Address } from "viem";
import { useConnection } from "wagmi";

import { cancelStandingOffer, postStandingOffer, SECONDS_PER_DAY } from "@openfactor/sdk";
import { formatAmount, formatBps, formatDate, parseAmount } from "../../lib/domain/format";
import { dateInputToUnix } from "../../lib/domain/invoice";
import {
  tokenOf,
  useAllowance,
  useAllowedCurrencies,
  useChainNow,
  useDeployment,
  useNamer,
  useTokens,
  useVerifiedParticipants,
} from "../../lib/data/hooks";
import { useStandingOffersOn, type StandingOfferView } from "../../lib/data/offers";
import { useWrite } from "../../lib/data/tx";
import { Problems } from "../../components/Problems";
import { Table } from "../../components/Table";

/** Every standing offer of `factor`, found through the verified debtors' offer lists. */
function useOffersOf(factor: Address | undefined, debtors: Address[]): StandingOfferView[] {
  const offers = useStandingOffersOn(debtors);
  return factor === undefined ? [] : offers.filter((o) => o.factor.toLowerCase() === factor.toLowerCase());
}

export function StandingOffers() {
  const { address } = useConnection();
  const { contracts } = useDeployment();
  const now = useChainNow();
  const name = useNamer();
  const debtors = useVerifiedParticipants("Debtor");
  const currencies = useAllowedCurrencies();
  const offers = useOffersOf(address, debtors);
  const tokens = useTokens([...currencies, ...offers.map((o) => o.currency)]);
  const { write, ensureAllowance, busy } = useWrite();

  const [debtor, setDebtor] = useState("");
  const [currency, setCurrency] = useState("");
  const [yieldPct, setYieldPct] = useState("");
  const [maxTenorDays, setMaxTenorDays] = useState("180");
  const [limit, setLimit] = useState("");
  const [expiry, setExpiry] = useState("");
  const [errors, setErrors] = useState<string[]>([]);

  const chosenCurrency = (currency || currencies[0]) as Address | undefined;
  const token = tokenOf(tokens, chosenCurrency);
  const allowance = useAllowance(chosenCurrency, address, contracts?.market);

  async function post(event: FormEvent) {
    event.preventDefault();
    if (contracts === undefined || now === undefined) return;
    const problems: string[] = [];
    if (!debtors.includes(debtor as Address)) problems.push("Choose a verified debtor.");
    if (chosenCurrency === undefined || token === undefined) problems.push("Choose a currency.");
    const yieldBps = Math.round(Number(yieldPct.replace(",", ".")) * 100);
    if (!/^\d+([.,]\d{1,2})?$/.test(yieldPct.trim()) || yieldBps < 1 || yieldBps > 10_000)
      problems.push("Enter the annual yield in percent, from 0.01 to 100, with at most two decimals.");
    const tenorDays = Number(maxTenorDays);
    if (!Number.isInteger(tenorDays) || tenorDays < 1 || tenorDays > 3650)
      problems.push("Enter the longest time to maturity you accept, in whole days.");
    const exposure = token === undefined ? undefined : parseAmount(limit, token.decimals);
    if (exposure === undefined || exposure === 0n) problems.push("Enter the exposure limit as an amount.");
    const expiryDay = dateInputToUnix(expiry);
    const expiresAt = expiryDay === undefined ? undefined : expiryDay + 86_399n;
    if (expiresAt === undefined || expiresAt <= now) problems.push("Choose an expiry date in the future.");
    setErrors(problems);
    if (problems.length > 0) return;

    // Sales pull the price from the factor's account: keep the allowance at exactly the open exposure.
    const open = offers
      .filter((o) => o.active && o.expiry >= now && o.currency.toLowerCase() === chosenCurrency!.toLowerCase())
      .reduce((sum, o) => sum + (o.exposureLimit - o.exposureUsed), 0n);
    const result = await write((c) =>
      postStandingOffer(
        c,
        debtor as Address,
        chosenCurrency!,
        yieldBps,
        tenorDays * SECONDS_PER_DAY,
        exposure!,
        expiresAt!,
      ),
    );
    if (result.ok) {
      await ensureAllowance(chosenCurrency!, contracts.market, open + exposure!);
      setYieldPct("");
      setLimit("");
    }
  }

  return (
    <>
      <form onSubmit={(e) => void post(e)} noValidate className="card form">
        <h2>Post an offer</h2>
        <label htmlFor="offer-debtor">Debtor</label>
        <select id="offer-debtor" value={debtor} onChange={(e) => setDebtor(e.target.value)}>
          <option value="">Choose…</option>
          {debtors.map((d) => (
            <option key={d} value={d}>
              {name(d)}
            </option>
          ))}
        </select>
        <label htmlFor="offer-currency">Currency</label>
        <select id="offer-currency" value={chosenCurrency ?? ""} onChange={(e) => setCurrency(e.target.value)}>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {tokenOf(tokens, c)?.symbol ?? c}
            </option>
          ))}
        </select>
        <label htmlFor="offer-yield">
          Annual yield (%)<span className="field-hint">Simple yield on the price, 365-day year.</span>
        </label>
        <input id="offer-yield" inputMode="decimal" value={yieldPct} onChange={(e) => setYieldPct(e.target.value)} />
        <label htmlFor="offer-tenor">Longest time to maturity (days)</label>
        <input
          id="offer-tenor"
          inputMode="numeric"
          value={maxTenorDays}
          onChange={(e) => setMaxTenorDays(e.target.value)}
        />
        <label htmlFor="offer-limit">
          Exposure limit<span className="field-hint">Outstanding face value you hold on this debtor at most.</span>
        </label>
        <input id="offer-limit" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} />
        <label htmlFor="offer-expiry">Valid until</label>
        <input id="offer-expiry" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
        <Problems list={errors} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || now === undefined}>
            Post the offer
          </button>
        </div>
        {token && allowance !== undefined && (
          <p className="muted small">
            {allowance === maxUint256
              ? `The market may currently take any amount of ${token.symbol} from your account (an unlimited approval).`
              : `The market may currently take up to ${formatAmount(allowance, token.decimals, { symbol: token.symbol })} from your account for sales.`}
          </p>
        )}
      </form>

      <h2 id="your-offers-title">Your offers</h2>
      {offers.length === 0 ? (
        <p className="muted">No standing offers yet.</p>
      ) : (
        <Table
          labelledBy="your-offers-title"
          rows={offers.map((o) => {
            const t = tokenOf(tokens, o.currency);
            const amount = (v: bigint) => (t ? formatAmount(v, t.decimals, { symbol: t.symbol }) : "…");
            return { o, amount, expired: now !== undefined && o.expiry < now };
          })}
          rowKey={({ o }) => o.id.toString()}
          columns={[
            { header: "Offer", cell: ({ o }) => `#${o.id.toString()}` },
            { header: "Debtor", cell: ({ o }) => name(o.debtor) },
            { header: "Yield", number: true, cell: ({ o }) => formatBps(o.yieldBps) },
            { header: "Max tenor", cell: ({ o }) => `${Math.round(o.maxTenor / SECONDS_PER_DAY)} days` },
            {
              header: "Exposure used / limit",
              number: true,
              cell: ({ o, amount }) => `${amount(o.exposureUsed)} / ${amount(o.exposureLimit)}`,
            },
            { header: "Valid until", cell: ({ o }) => formatDate(o.expiry) },
            {
              header: "Status",
              cell: ({ o, expired }) =>
                !o.active ? (
                  "Cancelled"
                ) : expired ? (
                  "Expired"
                ) : (
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Cancel offer #${o.id}`}
                    onClick={() => void write((c) => cancelStandingOffer(c, o.id))}
                  >
                    Cancel
                  </button>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
