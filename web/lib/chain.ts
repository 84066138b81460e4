import { createPublicClient, defineChain, http, type Address, type Chain } from "viem";
import { arbitrumSepolia, baseSepolia, hardhat, sepolia } from "viem/chains";

import { deployments, type DeployedChainId } from "../generated/contracts";

/** The chains OpenFactor has deployment parameters for; the local one is `npm run dev`'s node. */
export const CHAINS: readonly Chain[] = [hardhat, sepolia, baseSepolia, arbitrumSepolia];

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
    CHAINS.find((c) => c.id === chainId) ?? defineChain({ ...hardhat, id: chainId, name: `Chain ${chainId}` });
  const client = createPublicClient({ chain, transport: http(RPC_URL, { batch: { batchSize: 500 } }) });
  return { client, chain };
}

/** The addresses the generated contract file holds for `chainId`, if OpenFactor is deployed there. */
export function deploymentOn(chainId: number): Record<string, Address> | undefined {
  return chainId in deployments ? deployments[chainId as DeployedChainId] : undefined;
}
