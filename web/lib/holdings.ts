"use client";
/**
 * Batched reads for the portfolio and the overview: every claim id of an account (the claim contract's paginated
 * views, 500 ids a call), the claims' terms and outstanding amounts (one batch, two calls a claim), the account's
 * sales, purchases and receipts (four indexed log queries), and what each contract owes it (one batch). Never one
 * request per row: a thousand claims are a handful of JSON-RPC batches.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient, useReadContract, useReadContracts } from "wagmi";

import { claimsAbi, escrowAbi, marketAbi } from "../generated/contracts";
import { CLAIM_STATES, type ClaimStateName } from "./claims";
import { useDeployment } from "./hooks";
import { usePagedIds } from "./paged-reads";
import { currenciesRead } from "./reads";
import { blockTimes } from "./logs";
import type { Balance, ReceiptRecord, SaleRecord } from "./portfolio";

/** The block the system was deployed in is not recorded in the generated file: logs are read from block 0. */
const FROM_BLOCK = 0n;

/** Every claim id `account` holds (`claimsOfHolder`) or owes (`claimsOfDebtor`), however many (`usePagedIds`). */
export function useIdsOf(view: "claimsOfHolder" | "claimsOfDebtor", account: Address | undefined) {
  const { lists, loading, error } = usePagedIds(view, account === undefined ? [] : [account]);
  return { ids: lists[0] ?? [], loading, error };
}

/** A claim's stored terms and state, and what it still owes. */
export interface ClaimDetail {
  id: bigint;
  originator: Address;
  debtor: Address;
  currency: Address;
  faceValue: bigint;
  amountPaid: bigint;
  dueDate: bigint;
  state: ClaimStateName;
  outstanding: bigint;
}

/** Terms and outstanding amount of each claim in `ids`, in one batch. */
export function useClaimDetails(ids: readonly bigint[]) {
  const { chainId, contracts } = useDeployment();
  const { data, isPending } = useReadContracts({
    contracts: ids.flatMap((id) => [
      { address: contracts?.claims, abi: claimsAbi, functionName: "claim", args: [id], chainId } as const,
      { address: contracts?.claims, abi: claimsAbi, functionName: "outstanding", args: [id], chainId } as const,
    ]),
    query: { enabled: contracts !== undefined && ids.length > 0 },
  });
  const details = new Map<bigint, ClaimDetail>();
  ids.forEach((id, i) => {
    const c = data?.[2 * i];
    const o = data?.[2 * i + 1];
    if (c?.status !== "success" || o?.status !== "success") return;
    const claim = c.result as Omit<ClaimDetail, "id" | "state" | "outstanding"> & { state: number };
    details.set(id, {
      id,
      originator: claim.originator,
      debtor: claim.debtor,
      currency: claim.currency,
      faceValue: claim.faceValue,
      amountPaid: claim.amountPaid,
      dueDate: claim.dueDate,
      state: CLAIM_STATES[claim.state],
      outstanding: o.result as bigint,
    });
  });
  return { details, loading: ids.length > 0 && isPending };
}

/**
 * The account's trading history: every sale it bought or sold in (`ClaimSold` by buyer and by seller), every
 * payment credited to it (`PaymentReceived` by payee) and every guarantee it called (`GuaranteeCalled` by holder).
 * Four log queries on indexed topics.
 */
export function useAccountHistory(account: Address | undefined) {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["account-history", chainId, account],
    enabled: client !== undefined && contracts !== undefined && account !== undefined,
    queryFn: async (): Promise<{ sales: SaleRecord[]; receipts: ReceiptRecord[] }> => {
      const c = contracts!;
      const [bought, sold, paid, called] = await Promise.all([
        client!.getContractEvents({
          address: c.market,
          abi: marketAbi,
          eventName: "ClaimSold",
          args: { buyer: account },
          fromBlock: FROM_BLOCK,
        }),
        client!.getContractEvents({
          address: c.market,
          abi: marketAbi,
          eventName: "ClaimSold",
          args: { seller: account },
          fromBlock: FROM_BLOCK,
        }),
        client!.getContractEvents({
          address: c.claims,
          abi: claimsAbi,
          eventName: "PaymentReceived",
          args: { payee: account },
          fromBlock: FROM_BLOCK,
        }),
        client!.getContractEvents({
          address: c.escrow,
          abi: escrowAbi,
          eventName: "GuaranteeCalled",
          args: { holder: account },
          fromBlock: FROM_BLOCK,
        }),
      ]);
      const saleLogs = [...bought, ...sold];
      const [saleTimes, paidTimes, calledTimes] = await Promise.all([
        blockTimes(client!, saleLogs),
        blockTimes(client!, paid),
        blockTimes(client!, called),
      ]);
      // A sale from the account to itself cannot happen (the market refuses self-trades), so no log is counted twice.
      const sales: SaleRecord[] = saleLogs.map((l, i) => ({
        claimId: l.args.claimId!,
        seller: l.args.seller!,
        buyer: l.args.buyer!,
        price: l.args.price!,
        fee: l.args.fee!,
        timestamp: saleTimes[i],
      }));
      const receipts: ReceiptRecord[] = [
        ...paid.map((l, i) => ({
          claimId: l.args.claimId!,
          payee: l.args.payee!,
          amount: l.args.amount!,
          timestamp: paidTimes[i],
        })),
        ...called.map((l, i) => ({
          claimId: l.args.claimId!,
          payee: l.args.holder!,
          amount: l.args.paid!,
          timestamp: calledTimes[i],
        })),
      ];
      return { sales, receipts };
    },
  });
}

/**
 * What the claim contract (`owed`), the market (`credited`) and the escrow (`credited`) owe `account`, in every
 * currency the registry ever listed (one no longer allowed may still be owed).
 */
export function useBalances(account: Address | undefined) {
  const { chainId, contracts } = useDeployment();
  const listed = useReadContract({
    ...currenciesRead(chainId, contracts?.registry),
    query: { enabled: contracts !== undefined },
  });
  const currencies = listed.data?.[0] ?? [];
  const { data, isPending } = useReadContracts({
    contracts: currencies.flatMap((currency) => [
      {
        address: contracts?.claims,
        abi: claimsAbi,
        functionName: "owed",
        args: [account!, currency],
        chainId,
      } as const,
      {
        address: contracts?.market,
        abi: marketAbi,
        functionName: "credited",
        args: [account!, currency],
        chainId,
      } as const,
      {
        address: contracts?.escrow,
        abi: escrowAbi,
        functionName: "credited",
        args: [account!, currency],
        chainId,
      } as const,
    ]),
    query: { enabled: account !== undefined && contracts !== undefined && currencies.length > 0 },
  });
  const sources: Balance["source"][] = ["claims", "market", "escrow"];
  const balances: Balance[] = currencies.flatMap((currency, i) =>
    sources.flatMap((source, k) => {
      const r = data?.[3 * i + k];
      return r?.status === "success" ? [{ source, currency, amount: r.result as bigint }] : [];
    }),
  );
  return { balances, loading: account !== undefined && (listed.isPending || (currencies.length > 0 && isPending)) };
}

/** A bid on a claim, as `bidOf` reads it. */
export interface BidSeen {
  bidder: Address;
  amount: bigint;
  live: boolean;
}

/** Bidders read per claim. */
const BIDDERS_PER_CLAIM = 50n;

/** The bids on each claim in `ids`: one batch of `bidders`, one of `bidOf`. */
export function useBidsOn(ids: readonly bigint[]) {
  const { chainId, contracts } = useDeployment();
  const { data: lists, isPending } = useReadContracts({
    contracts: ids.map(
      (id) =>
        ({
          address: contracts?.market,
          abi: marketAbi,
          functionName: "bidders",
          args: [id, 0n, BIDDERS_PER_CLAIM],
          chainId,
        }) as const,
    ),
    query: { enabled: contracts !== undefined && ids.length > 0 },
  });
  const pairs = ids.flatMap((id, i) => {
    const r = lists?.[i];
    return r?.status === "success"
      ? (r.result as readonly [readonly Address[], bigint])[0].map((b) => [id, b] as const)
      : [];
  });
  const { data: bids, isPending: bidsPending } = useReadContracts({
    contracts: pairs.map(
      ([id, bidder]) =>
        ({ address: contracts?.market, abi: marketAbi, functionName: "bidOf", args: [id, bidder], chainId }) as const,
    ),
    query: { enabled: pairs.length > 0 },
  });
  const byClaim = new Map<bigint, BidSeen[]>();
  pairs.forEach(([id, bidder], j) => {
    const r = bids?.[j];
    if (r?.status !== "success") return;
    const [bid, live] = r.result as readonly [{ amount: bigint }, boolean];
    byClaim.set(id, [...(byClaim.get(id) ?? []), { bidder, amount: bid.amount, live }]);
  });
  return { byClaim, loading: ids.length > 0 && (isPending || (pairs.length > 0 && bidsPending)) };
}

/** The claims `account` placed a bid on, ever (`BidPlaced` by bidder): one log query. */
export function useClaimsBidOn(account: Address | undefined) {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["claims-bid-on", chainId, account],
    enabled: client !== undefined && contracts !== undefined && account !== undefined,
    queryFn: async (): Promise<bigint[]> => {
      const logs = await client!.getContractEvents({
        address: contracts!.market,
        abi: marketAbi,
        eventName: "BidPlaced",
        args: { bidder: account },
        fromBlock: FROM_BLOCK,
      });
      return [...new Set(logs.map((l) => l.args.claimId!))];
    },
  });
}
