"use client";

import type { Address } from "viem";
import { useReadContract } from "wagmi";

import { formatAmount } from "../../lib/domain/format";
import { tokenOf, useDeployment, useRules, useTokens } from "../../lib/data/hooks";
import { currenciesRead } from "../../lib/data/reads";
import { WithdrawLine } from "../../components/WithdrawLine";
import { readCall, useContractReads } from "../../lib/data/contracts";

/** One contract's fees in one currency, as the market's, the auction house's or the escrow's `feesAccrued` reports. */
interface FeeLine {
  source: "market" | "auction" | "escrow";
  currency: Address;
  amount: bigint;
}

const FEE_SOURCES: Record<FeeLine["source"], string> = {
  market: "Sale fees (market)",
  auction: "Sale fees (sealed-bid auctions)",
  escrow: "Premium fees (escrow)",
};

/**
 * The sale and premium fees the market, the auction house and the escrow keep for the treasury, in every currency the registry ever
 * listed, each with a Collect button (`withdrawFees` to the connected account). Shown only to the account that is
 * the registry's treasury now: fees belong to whoever is the treasury when they are collected.
 */
export function TreasuryFees({ account }: { account: Address }) {
  const rules = useRules();
  if (rules === undefined || rules.treasury.toLowerCase() !== account.toLowerCase()) return null;
  return <FeesToCollect account={account} />;
}

function FeesToCollect({ account }: { account: Address }) {
  const { chainId, contracts } = useDeployment();
  const listed = useReadContract({
    ...currenciesRead(chainId, contracts?.registry),
    query: { enabled: contracts !== undefined },
  });
  const currencies = listed.data?.[0] ?? [];
  const { data, isPending } = useContractReads(
    currencies.flatMap((currency) => [
      readCall("market", "feesAccrued", [currency]),
      readCall("auction", "feesAccrued", [currency]),
      readCall("escrow", "feesAccrued", [currency]),
    ]),
  );
  const tokens = useTokens(currencies);
  const lines: FeeLine[] = currencies.flatMap((currency, i) =>
    (["market", "auction", "escrow"] as const).flatMap((source, k) => {
      const r = data?.[3 * i + k];
      const amount = r?.result ?? 0n;
      return amount > 0n ? [{ source, currency, amount }] : [];
    }),
  );
  const amountOf = (line: FeeLine) => {
    const token = tokenOf(tokens, line.currency);
    return token ? formatAmount(line.amount, token.decimals, { symbol: token.symbol }) : "…";
  };

  return (
    <section aria-labelledby="fees-title" className="card">
      <h2 id="fees-title">Fees to collect</h2>
      <p className="muted small">
        Your account is the treasury: the market, the sealed-bid auction house and the guarantee escrow keep every sale
        and premium fee (and any tokens sent to them by mistake) for you to collect, to this account.
      </p>
      {listed.isPending || (isPending && currencies.length > 0) ? (
        <p className="muted">Reading the fees…</p>
      ) : lines.length === 0 ? (
        <p className="muted">No fees to collect.</p>
      ) : (
        <ul className="plain">
          {lines.map((line) => (
            <WithdrawLine
              key={`${line.source}-${line.currency}`}
              as="li"
              className="withdraw-line"
              ledger={line.source}
              fees
              currency={line.currency}
              to={account}
              button={`Collect ${amountOf(line)}`}
            >
              {FEE_SOURCES[line.source]}: {amountOf(line)}.
            </WithdrawLine>
          ))}
        </ul>
      )}
    </section>
  );
}
