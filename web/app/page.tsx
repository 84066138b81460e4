import Link from "next/link";

import { connect, deploymentOn, RPC_URL } from "../lib/chain";
import { CLAIM_STATES, countClaimsByState } from "../lib/claims";

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
  const deployment = deploymentOn(chain.id);
  const [block, claims] = await Promise.all([
    client.getBlock(),
    deployment === undefined ? undefined : countClaimsByState(client, deployment.claims),
  ]);

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
                      <code>{address}</code>
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
