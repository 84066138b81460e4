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
      <main>
        <h1>OpenFactor</h1>
        <p>
          No chain answers at <code>{RPC_URL}</code>. Start the local one with <code>npm run dev</code>.
        </p>
      </main>
    );
  }
  const { client, chain } = chainView;
  const deployment = deploymentOn(chain.id);
  const [block, claims] = await Promise.all([
    client.getBlock(),
    deployment === undefined ? undefined : countClaimsByState(client, deployment.claims),
  ]);

  return (
    <main>
      <h1>OpenFactor</h1>
      <p>
        {chain.name} (chain {chain.id}), block {block.number.toString()}, chain time{" "}
        {new Date(Number(block.timestamp) * 1000).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
      </p>
      {deployment === undefined ? (
        <p>OpenFactor is not deployed on this chain.</p>
      ) : (
        <>
          <h2>Contracts</h2>
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
          <h2>Claims by lifecycle state</h2>
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
    </main>
  );
}
