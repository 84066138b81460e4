import Link from "next/link";
import type { Address } from "viem";

import { Account } from "../components/Account";
import { BarChart } from "../components/BarChart";
import { amountToNumber } from "../lib/domain/chart";
import { connect, RPC_URL } from "../lib/data/chain";
import { contractsOn } from "../lib/data/chains";
import { readMarketFigures } from "../lib/data/claims";
import { CLAIM_STATES } from "@openfactor/sdk";
import { formatAmount, formatYield } from "../lib/domain/format";
import { pricingByTenor, weeklyVolume } from "../lib/domain/overview";
import { oncePerBlock } from "../lib/data/server-reads";
import { Attention } from "./Attention";

// Read the chain on every request, never at build time.
export const dynamic = "force-dynamic";

export default async function Home() {
  let chainView;
  try {
    chainView = await connect();
  } catch {
    return (
      <>
        <h1>OpenFactor</h1>
        <p>
          No chain answers at <code>{RPC_URL}</code>. Start the local one with <code>npm run dev</code>.
        </p>
      </>
    );
  }
  const { client, chain } = chainView;
  const deployment = contractsOn(chain.id);
  const block = await client.getBlock();
  const claims =
    deployment === undefined
      ? undefined
      : await oncePerBlock(`figures ${chain.id}`, block, () => readMarketFigures(client, deployment));

  return (
    <>
      <h1>OpenFactor</h1>
      <p>
        Receivables finance for small businesses: a supplier issues a claim on an invoice, the buyer confirms it,
        factors compete to buy it, and the buyer pays whoever holds it at maturity.
      </p>
      <ul>
        <li>
          <Link href="/issue">Issue a claim</Link> on an invoice (suppliers)
        </li>
        <li>
          <Link href="/payables">Confirm and pay</Link> what you owe (debtors)
        </li>
        <li>
          <Link href="/market">Buy claims</Link> and <Link href="/factor">post standing offers</Link> (factors)
        </li>
      </ul>
      <Attention />
      {claims !== undefined && <MarketFigures figures={claims} now={block.timestamp} />}
      <section aria-labelledby="about-title">
        <h2 id="about-title">About this deployment</h2>
        <p>
          {chain.name} (chain {chain.id}), block {block.number.toString()}, chain time{" "}
          {new Date(Number(block.timestamp) * 1000).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
        </p>
        {deployment === undefined ? (
          <p>OpenFactor is not deployed on this chain.</p>
        ) : (
          <>
            <h3>Contracts</h3>
            <table>
              <tbody>
                {Object.entries(deployment).map(([name, address]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>
                      <Account address={address as Address} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Claims by lifecycle state</h3>
            <table>
              <tbody>
                {CLAIM_STATES.filter((state) => state !== "None").map((state) => (
                  <tr key={state}>
                    <th scope="row">{state}</th>
                    <td className="number">{claims?.byState.get(state) ?? 0}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">All</th>
                  <td className="number">{claims?.total ?? 0}</td>
                </tr>
              </tbody>
            </table>
          </>
        )}
        <p className="muted">Read from {RPC_URL} with viem.</p>
      </section>
    </>
  );
}

/** Weeks of sales the volume chart covers. */
const WEEKS = 12;

/** The market in figures and charts: volume sold per week, yield and discount by tenor, claims by state. */
function MarketFigures({ figures, now }: { figures: Awaited<ReturnType<typeof readMarketFigures>>; now: bigint }) {
  const { sales, tokens, byState, total } = figures;
  const pricing = pricingByTenor(sales);
  const states = CLAIM_STATES.filter((state) => state !== "None");
  const percent = (v: number) => formatYield(v);
  return (
    <section aria-labelledby="market-title">
      <h2 id="market-title">The market</h2>
      <dl className="figures">
        <div>
          <dt>Claims issued</dt>
          <dd>{total}</dd>
        </div>
        <div>
          <dt>Sales, all time</dt>
          <dd>{sales.length}</dd>
        </div>
        {tokens.map((token) => {
          const sold = sales
            .filter((s) => s.currency.toLowerCase() === token.address && s.timestamp > now - BigInt(WEEKS * 7 * 86_400))
            .reduce((sum, s) => sum + s.price, 0n);
          return (
            <div key={token.address}>
              <dt>Sold in the last {WEEKS} weeks</dt>
              <dd>{formatAmount(sold, token.decimals, { symbol: token.symbol })}</dd>
            </div>
          );
        })}
      </dl>
      <div className="charts">
        {tokens.map((token) => (
          <BarChart
            key={token.address}
            id={`volume-${token.symbol}`}
            title={`Volume sold per week, ${token.symbol}`}
            description={`What buyers paid for claims, by week, over the last ${WEEKS} weeks (the last week ends now).`}
            bars={weeklyVolume(sales, token.address, now, WEEKS).map((w) => ({
              label: w.label,
              value: amountToNumber(w.amount, token.decimals),
              text: formatAmount(w.amount, token.decimals, { symbol: token.symbol }),
              note: `${w.count} sale${w.count === 1 ? "" : "s"}`,
            }))}
            valueHeader="Volume"
            noteHeader="Sales"
          />
        ))}
        <BarChart
          id="yield-by-tenor"
          title="Yield by tenor at the sale"
          description="The annual yield buyers locked in, by days left to the due date when they bought, weighted by price."
          bars={pricing.map((p) => ({
            label: p.label,
            value: p.yield ?? 0,
            text: p.yield === undefined ? "no sale" : `${formatYield(p.yield)} (discount ${formatYield(p.discount!)})`,
            note: `${p.count} sale${p.count === 1 ? "" : "s"}`,
          }))}
          valueHeader="Yield (bank discount)"
          noteHeader="Sales"
          short={percent}
          orientation="horizontal"
        />
        <BarChart
          id="claims-by-state"
          title="Claims by state"
          description="Every claim ever issued, by where it is in its lifecycle now."
          bars={states.map((state) => {
            const n = byState.get(state) ?? 0;
            return { label: state, value: n, text: String(n) };
          })}
          valueHeader="Claims"
          short={(v) => String(Math.round(v))}
          orientation="horizontal"
        />
      </div>
    </section>
  );
}
