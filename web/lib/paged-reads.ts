"use client";
/**
 * Paginated id lists read in full, in two batches whatever their number and length: the first page of every list
 * (which tells each list's total), then every later page of every list (`web/lib/paging.ts` plans and joins them).
 * Nothing is cut off silently at a page size.
 */
import type { Abi, Address, ContractFunctionParameters } from "viem";
import { useReadContracts } from "wagmi";

import { claimsAbi, escrowAbi, marketAbi } from "../generated/contracts";
import { useDeployment } from "./hooks";
import { joinPages, laterPages, type IdPage } from "./paging";

/** Ids read per call of a paginated view. */
export const ID_PAGE = 500n;

/** The contracts' paginated views `(key, offset, limit) → (ids, total)`, by contract. */
const VIEWS = {
  claimsOfDebtor: { contract: "claims", abi: claimsAbi },
  claimsOfHolder: { contract: "claims", abi: claimsAbi },
  guaranteesOfClaim: { contract: "escrow", abi: escrowAbi },
  guaranteesOfGuarantor: { contract: "escrow", abi: escrowAbi },
  standingOffersOf: { contract: "market", abi: marketAbi },
} as const satisfies Record<string, { contract: "claims" | "escrow" | "market"; abi: Abi }>;

export type PagedView = keyof typeof VIEWS;

/**
 * Every id of `view` for each of `keys` (an account, or a claim id for `guaranteesOfClaim`), in the contract's
 * order: `lists[i]` is the whole list of `keys[i]`. `loading` while any page is still being read.
 */
export function usePagedIds(
  view: PagedView,
  keys: readonly (Address | bigint)[],
  enabled = true,
): { lists: bigint[][]; loading: boolean; error: Error | undefined } {
  const { chainId, contracts } = useDeployment();
  const { contract, abi } = VIEWS[view];
  const address = contracts?.[contract];
  const call = (key: Address | bigint, offset: bigint): ContractFunctionParameters => ({
    address: address!,
    abi,
    functionName: view,
    args: [key, offset, ID_PAGE],
  });
  const on = enabled && address !== undefined && keys.length > 0;
  const first = useReadContracts({
    contracts: keys.map((key) => ({ ...call(key, 0n), chainId })),
    query: { enabled: on },
  });
  const answer = (r: { status: string; result?: unknown } | undefined) =>
    r?.status === "success" ? (r.result as IdPage) : undefined;
  const firstPages = keys.map((_, i) => answer(first.data?.[i]));
  const plan = laterPages(
    firstPages.map((p) => p?.[1]),
    ID_PAGE,
  );
  const rest = useReadContracts({
    contracts: plan.map(({ list, offset }) => ({ ...call(keys[list], offset), chainId })),
    query: { enabled: on && plan.length > 0 },
  });
  const { lists } = joinPages(
    firstPages,
    plan,
    plan.map((_, i) => answer(rest.data?.[i])),
  );
  const loading = on && (first.isPending || (plan.length > 0 && rest.isPending));
  return { lists, loading, error: first.error ?? rest.error ?? undefined };
}
