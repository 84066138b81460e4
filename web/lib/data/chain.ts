import { createPublicClient, defineChain, http } from "viem";
import { hardhat } from "viem/chains";

import { KNOWN_CHAINS } from "./chains";

/**
 * The JSON-RPC endpoint server-rendered pages read from: OPENFACTOR_RPC_URL, else the browser's
 * NEXT_PUBLIC_RPC_URL, else the local node.
 */
export const RPC_URL = process.env.OPENFACTOR_RPC_URL ?? process.env.NEXT_PUBLIC_RPC_URL ?? "http://127.0.0.1:8545";

/** A viem client for the chain behind RPC_URL, batching its requests. */
export async function connect() {
  const probe = createPublicClient({ transport: http(RPC_URL) });
  const chainId = await probe.getChainId();
  const chain =
    KNOWN_CHAINS.find((c) => c.id === chainId) ?? defineChain({ ...hardhat, id: chainId, name: `Chain ${chainId}` });
  const client = createPublicClient({ chain, transport: http(RPC_URL, { batch: { batchSize: 500 } }) });
  return { client, chain };
}
