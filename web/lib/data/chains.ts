import { defineChain, type Chain, type Hash } from "viem";
import { arbitrumSepolia, baseSepolia, hardhat, sepolia } from "viem/chains";

import { deployments, type DeployedChainId } from "@openfactor/sdk";

/** Chain id of `npm run dev`'s Hardhat node. */
export const LOCAL_CHAIN_ID = 31337;

/** The local node's JSON-RPC endpoint as the browser reaches it (NEXT_PUBLIC_RPC_URL, inlined at build time). */
export const LOCAL_RPC_URL = process.env.NEXT_PUBLIC_RPC_URL ?? "http://127.0.0.1:8545";

/** The local chain with the endpoint above. */
export const localChain = defineChain({ ...hardhat, rpcUrls: { default: { http: [LOCAL_RPC_URL] } } });

/** Every chain OpenFactor has deployment parameters for, the local one first. */
export const KNOWN_CHAINS: readonly Chain[] = [localChain, sepolia, baseSepolia, arbitrumSepolia];

/**
 * The chains this build of the dApp works on: those the generated contract file holds a deployment for,
 * optionally narrowed by NEXT_PUBLIC_CHAIN_IDS (comma-separated ids, e.g. "84532" for a public Base Sepolia build).
 */
export function supportedChains(
  only: string | undefined = process.env.NEXT_PUBLIC_CHAIN_IDS,
): readonly [Chain, ...Chain[]] {
  const wanted = only
    ?.split(",")
    .map((s) => Number(s.trim()))
    .filter(Number.isInteger);
  const chains = KNOWN_CHAINS.filter((c) => c.id in deployments && (wanted === undefined || wanted.includes(c.id)));
  if (chains.length === 0) throw new Error("No chain with an OpenFactor deployment is enabled for this build");
  return chains as [Chain, ...Chain[]];
}

export const CHAINS = supportedChains();

/** True when this build includes the local demo chain (the demo accounts exist only then). */
export const LOCAL_CHAIN_ENABLED = CHAINS.some((c) => c.id === LOCAL_CHAIN_ID);

/** The contract addresses on `chainId`, or undefined where OpenFactor is not deployed. */
export function contractsOn(chainId: number | undefined) {
  if (chainId === undefined || !(chainId in deployments)) return undefined;
  return deployments[chainId as DeployedChainId];
}

/** Where to look at a transaction: the chain's block explorer, or the dApp's own page on the local chain. */
export function transactionLink(chainId: number, hash: Hash): { href: string; external: boolean } {
  const chain = KNOWN_CHAINS.find((c) => c.id === chainId);
  const explorer = chain?.blockExplorers?.default.url;
  if (chainId === LOCAL_CHAIN_ID || explorer === undefined) return { href: `/tx/${hash}`, external: false };
  return { href: `${explorer}/tx/${hash}`, external: true };
}
