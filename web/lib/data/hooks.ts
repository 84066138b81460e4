"use client";
/** Thin domain hooks shared by the pages: the deployment, chain time, tokens, participants, market rules. */
import { erc20Abi, type Address } from "viem";
import { useBlock, useReadContract, useReadContracts } from "wagmi";

import { type RoleName } from "@openfactor/sdk";
import { LOCAL_CHAIN_ID } from "./chains";
import { useDeployment } from "./deployment";

export { useDeployment };
import { demoLabel } from "../domain/demo-accounts";
import { shortAddress } from "../domain/format";
import {
  allowedOf,
  currenciesRead,
  distinctTokens,
  participantCountRead,
  participantPagesRead,
  tokenReads,
  verifiedAt,
  type ParticipantRecord,
} from "./reads";
import { useContractRead } from "./contracts";

/** The latest block's timestamp (the chain's "now", which the contracts judge tenors and deadlines by). */
export function useChainNow(): bigint | undefined {
  const { chainId } = useDeployment();
  const { data } = useBlock({ chainId, watch: true, query: { refetchInterval: 5_000 } });
  return data?.timestamp;
}

export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
}

/** Symbol and decimals of each token, in the order given (undefined until read). */
export function useTokens(addresses: readonly Address[]): Map<string, TokenInfo> {
  const { chainId } = useDeployment();
  const unique = distinctTokens(addresses);
  const { data } = useReadContracts({
    contracts: tokenReads(chainId, unique),
    query: { enabled: unique.length > 0, staleTime: Infinity },
  });
  const map = new Map<string, TokenInfo>();
  unique.forEach((address, i) => {
    const symbol = data?.[2 * i];
    const decimals = data?.[2 * i + 1];
    if (symbol?.status === "success" && decimals?.status === "success")
      map.set(address, { address, symbol: symbol.result as string, decimals: Number(decimals.result) });
  });
  return map;
}

/** Looks a token up in `useTokens`' result. */
export const tokenOf = (tokens: Map<string, TokenInfo>, address: Address | undefined) =>
  address === undefined ? undefined : tokens.get(address.toLowerCase());

/** How much `spender` may take of `token` from `owner` (the ERC-20 allowance); undefined while any is unknown. */
export function useAllowance(token?: Address, owner?: Address, spender?: Address): bigint | undefined {
  const { chainId } = useDeployment();
  return useReadContract({
    address: token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [owner!, spender!],
    chainId,
    query: { enabled: token !== undefined && owner !== undefined && spender !== undefined },
  }).data;
}

/** The currencies the operator allowlisted. */
export function useAllowedCurrencies(): Address[] {
  const { chainId, contracts } = useDeployment();
  const { data } = useReadContract({
    ...currenciesRead(chainId, contracts?.registry),
    query: { enabled: contracts !== undefined },
  });
  return allowedOf(data);
}

/** The market rules in force (tenor limits, windows, fees). */
export function useRules() {
  return useContractRead("registry", "currentRules", []).data;
}

/** One participant as the registry's `participants` view returns it. */
export type { ParticipantRecord };

/**
 * Every participant the registry lists, however many: the count, then every page of 500 in one batch. Nothing is
 * cut off at a page size. The server reads the same (lib/server-reads.ts) for the market's first view.
 */
export function useAllParticipants(): { participants: readonly ParticipantRecord[]; isPending: boolean } {
  const { chainId, contracts } = useDeployment();
  const count = useReadContract({
    ...participantCountRead(chainId, contracts?.registry),
    query: { enabled: contracts !== undefined },
  });
  // Built only once the registry's address is known: wagmi types each page's result from a read with an address.
  const pageReads = contracts === undefined ? [] : participantPagesRead(chainId, contracts.registry, count.data ?? 0n);
  const pages = useReadContracts({
    contracts: pageReads,
    allowFailure: false,
    query: { enabled: pageReads.length > 0 },
  });
  const participants = (pages.data ?? []).flat();
  return { participants, isPending: count.isPending || (pageReads.length > 0 && pages.isPending) };
}

/** Every account the registry lists (verified at least once, in order of first verification); undefined while read. */
export function useParticipantAccounts(): Address[] | undefined {
  const { participants, isPending } = useAllParticipants();
  return isPending ? undefined : participants.map((p) => p.account);
}

/**
 * Accounts currently verified for `role` (not suspended, verification not expired), from the registry's list;
 * undefined while the list or the chain time is being read.
 */
export function useVerifiedAccounts(role: RoleName): Address[] | undefined {
  const now = useChainNow();
  const { participants, isPending } = useAllParticipants();
  if (isPending || now === undefined) return undefined;
  return verifiedAt(participants, role, now);
}

/** `useVerifiedAccounts`, empty while being read. */
export function useVerifiedParticipants(role: RoleName): Address[] {
  return useVerifiedAccounts(role) ?? [];
}

/**
 * A participant's name for display: the demo label on the local chain, else the short address. OpenFactor's own
 * contracts are named (a claim in the guarantee escrow's custody has the escrow as its holder).
 */
export function useNamer(): (address: Address | undefined) => string {
  const { chainId, contracts } = useDeployment();
  return (address) => {
    if (address === undefined) return "";
    if (contracts !== undefined && address.toLowerCase() === contracts.escrow.toLowerCase()) return "Guarantee escrow";
    if (contracts !== undefined && address.toLowerCase() === contracts.market.toLowerCase()) return "Market";
    const label = chainId === LOCAL_CHAIN_ID ? demoLabel(address) : undefined;
    return label ?? shortAddress(address);
  };
}
