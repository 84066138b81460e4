import Link from "next/link";
import { getAddress, isHash, type Hash } from "viem";

import { Account } from "../../../components/Account";
import { connect, RPC_URL } from "../../../lib/data/chain";
import { formatDateTime } from "../../../lib/domain/format";

export const dynamic = "force-dynamic";

/** A transaction on the local chain (public chains link to their block explorer instead). */
export default async function TransactionPage({ params }: { params: Promise<{ hash: string }> }) {
  const { hash } = await params;
  if (!isHash(hash)) {
    return (
      <>
        <h1>Transaction</h1>
        <p role="alert">This is not a transaction hash.</p>
      </>
    );
  }
  let view;
  try {
    const { client } = await connect();
    const receipt = await client.getTransactionReceipt({ hash: hash as Hash }).catch(() => undefined);
    const block = receipt && (await client.getBlock({ blockNumber: receipt.blockNumber }));
    view = { receipt, block };
  } catch {
    return (
      <>
        <h1>Transaction</h1>
        <p>No chain answers at {RPC_URL}.</p>
      </>
    );
  }
  const { receipt, block } = view;
  return (
    <>
      <h1>Transaction</h1>
      <p>
        <code>{hash}</code>
      </p>
      {receipt === undefined ? (
        <p>Not mined yet (or unknown on this chain). Reload in a moment.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <tbody>
              <tr>
                <th scope="row">Status</th>
                <td>{receipt.status === "success" ? "Confirmed" : "Failed (reverted)"}</td>
              </tr>
              <tr>
                <th scope="row">Block</th>
                <td>
                  {receipt.blockNumber.toString()}
                  {block && `, ${formatDateTime(block.timestamp, { locale: "en-GB", timeZone: "UTC" })} UTC`}
                </td>
              </tr>
              <tr>
                <th scope="row">From</th>
                <td>
                  <Account address={getAddress(receipt.from)} />
                </td>
              </tr>
              <tr>
                <th scope="row">To</th>
                <td>
                  {(receipt.to ?? receipt.contractAddress) ? (
                    <Account address={getAddress((receipt.to ?? receipt.contractAddress)!)} />
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
              <tr>
                <th scope="row">Events</th>
                <td>{receipt.logs.length}</td>
              </tr>
              <tr>
                <th scope="row">Gas used</th>
                <td>{receipt.gasUsed.toString()}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link href="/">Back to OpenFactor</Link>
      </p>
    </>
  );
}
