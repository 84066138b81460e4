"use client";
/**
 * Id lists read in full, in two steps whatever their number and length (`web/lib/paging.ts` plans and joins them):
 *
 * 1. the size: for a scanning view, the count of ids the contract walks (`claimCount`, `guaranteeCount`: one read,
 *    shared by every list and every page that asks for it); for a paginated view, the first page of each list,
 *    which tells its total;
 * 2. every window of every list, in one batch: `SCAN_WINDOW` ids a call from id 1 to the count, or the later pages.
 *
 * Nothing is cut off silently: a window that could not be read makes `error` say so.
 */
import type { Address, ContractFunctionParameters } from "viem";
import { useReadContracts } from "wagmi";

import { abis, type ContractName } from "@openfactor/sdk";
import { useDeployment } from "./hooks";
import { idWindows, joinWindows, laterOffsets, planWindows } from "../domain/paging";

/**
 * Ids a scanning view looks at per call. A window of the claim lens's `claimsOf` costs about 3,400 gas an id for a
 * holder and 14,300 for a debtor or an originator (14.3 million for 1,000 ids), the market lens's `bidsOf` 3,600 to
 * 8,000, `guaranteesOf` less: within a 30–60 million block gas limit.
 */
export const SCAN_WINDOW = 1_000n;
/** Ids read per call of a paginated view. */
export const LIST_PAGE = 500n;

/** The count of ids a scanning view walks, by the contract that keeps it: `claimCount` or `guaranteeCount`. */
const COUNTS = {
  claimCount: "claims",
  guaranteeCount: "escrow",
} as const satisfies Record<string, ContractName>;

/**
 * The list views read in full, by name: the contract that answers, and what tells the size (a scanning view's id
 * count, or `"total"` for a paginated view, whose first page tells it).
 */
const VIEWS = {
  claimsOf: { contract: "claimLens", size: "claimCount" },
  bidsOf: { contract: "lens", size: "claimCount" },
  guaranteesOf: { contract: "escrow", size: "guaranteeCount" },
  standingOffersOf: { contract: "market", size: "total" },
} as const satisfies Record<string, { contract: ContractName; size: keyof typeof COUNTS | "total" }>;

/** What selects one list of each view: the view's arguments before its window (`fromId, count` or `offset, limit`). */
export interface ListKeys {
  /** The account and how it stands to the claims (`Party` in the SDK). */
  claimsOf: readonly [account: Address, party: number];
  /** The bidder. */
  bidsOf: readonly [bidder: Address];
  /** The claim (0 for any) and the guarantor (zero for any). */
  guaranteesOf: readonly [claimId: bigint, guarantor: Address];
  /** The debtor. */
  standingOffersOf: readonly [debtor: Address];
}

export type ListView = keyof typeof VIEWS;

/** A read's result when it succeeded. */
const answer = <T>(r: { status: string; result?: unknown } | undefined) =>
  r?.status === "success" ? (r.result as T) : undefined;

/**
 * Every id of `view` for each of `keys`, in the contract's order (id order for a scanning view): `lists[i]` is the
 * whole list of `keys[i]`. `loading` while the size or any window is still being read; `error` when a read failed
 * or a window is missing (the lists then hold what was read).
 */
export function usePagedIds<V extends ListView>(
  view: V,
  keys: readonly ListKeys[V][],
  enabled = true,
): { lists: bigint[][]; loading: boolean; error: Error | undefined } {
  const { chainId, contracts } = useDeployment();
  const { contract, size } = VIEWS[view] as (typeof VIEWS)[ListView];
  const address = contracts?.[contract];
  const on = enabled && address !== undefined && keys.length > 0;
  const scanning = size !== "total";
  const pageSize = scanning ? SCAN_WINDOW : LIST_PAGE;
  const call = (key: ListKeys[V], from: bigint): ContractFunctionParameters & { chainId: number } => ({
    address: address!,
    abi: abis[contract],
    functionName: view,
    args: [...key, from, pageSize],
    chainId,
  });

  // 1. The size: the id count (scanning), or each list's first page (paginated), in one read or batch.
  const counter = scanning ? COUNTS[size] : undefined;
  const sizes = useReadContracts({
    contracts:
      counter === undefined
        ? keys.map((key) => call(key, 0n))
        : [{ address: contracts?.[counter], abi: abis[counter], functionName: size, chainId }],
    query: { enabled: on },
  });
  const count = scanning ? answer<bigint>(sizes.data?.[0]) : undefined;
  const firstPages = scanning ? [] : keys.map((_, i) => answer<readonly [readonly bigint[], bigint]>(sizes.data?.[i]));

  // 2. Every window of every list, in one batch.
  const plan = planWindows(
    scanning
      ? keys.map(() => (count === undefined ? [] : idWindows(count, SCAN_WINDOW)))
      : firstPages.map((page) => (page === undefined ? [] : laterOffsets(page[1], LIST_PAGE))),
  );
  const rest = useReadContracts({
    contracts: plan.map(({ list, from }) => call(keys[list], from)),
    query: { enabled: on && plan.length > 0 },
  });
  const { lists, complete } = joinWindows(
    scanning ? keys.map(() => (count === undefined ? undefined : [])) : firstPages.map((page) => page?.[0]),
    plan,
    plan.map((_, i) => {
      const ids = rest.data?.[i];
      return scanning ? answer<readonly bigint[]>(ids) : answer<readonly [readonly bigint[], bigint]>(ids)?.[0];
    }),
  );
  const loading = on && (sizes.isPending || (plan.length > 0 && rest.isPending));
  const failed = sizes.error ?? rest.error ?? undefined;
  const error =
    failed ?? (on && !loading && !complete ? new Error(`part of the ${view} lists could not be read`) : undefined);
  return { lists: on ? lists : keys.map(() => []), loading, error };
}
