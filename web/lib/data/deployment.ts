"use client";
/** The deployment the dApp reads: the chain (the wallet's when connected and supported) and OpenFactor's contracts on it. */
import { useChainId, useConnection } from "wagmi";

import { CHAINS, contractsOn } from "./chains";

/** The chain the dApp reads (the wallet's when connected, else the default) and OpenFactor's contracts on it. */
export function useDeployment() {
  const { chainId: walletChainId } = useConnection();
  const configChainId = useChainId();
  const onSupportedChain = walletChainId === undefined || CHAINS.some((c) => c.id === walletChainId);
  // On an unsupported chain nothing is read from it (wagmi has no client for it): `contracts` is undefined, the
  // pages say OpenFactor is not there, and the banner offers the switch.
  const chainId = onSupportedChain ? (walletChainId ?? configChainId) : configChainId;
  return { chainId, contracts: onSupportedChain ? contractsOn(chainId) : undefined };
}
