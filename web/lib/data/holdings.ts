"use client";
/**
 * Batched reads for the portfolio, the overview and a claim's page: every claim id of an account (the claim
 * lens's scanning view `claimsOf`, 1,000 ids a call, `usePagedIds`), the claims' terms and outstanding amounts
 * (one batch, two calls a claim), the account's sales, purchases and receipts (four indexed log queries), what each
 * contract owes it (one batch), the bids on claims (one batch of `bidOf` per claim and participant) and the claims
 * an account bid on (the market's `bidsOf`). Never one request per row: a thousand claims are a handful of JSON-RPC
 * batches.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient, useReadContract } from "wagmi";

import { CLAIM_STATES, type ClaimStateName, Party, type PartyName } from "@openfactor/sdk";
import { useDeployment } from "./hooks";
import { bidQueries, bidsByClaim } from "../domain/market";
import { usePagedIds } from "./paged-reads";
import { currenciesRead } from "./reads";
import { blockTimes, contractEvents } from "./logs";
import type { Balance, ReceiptRecord, SaleRecord } from "../domain/portfolio";
import { readCall, resultsOf, useContractReads, useContractReadsFor, type ResultOf } from "./contracts";

/** The block the system was deployed in is not recorded in the generated file: logs are read from block 0. */
const FROM_BLOCK = 0n;

/**
 * Every claim id in which `account` is `party` (holds it, owes it, or issued it), in id order, however many: the
 * claim lens's `claimsOf` over every window of claim ids (`usePagedIds`).
 */
export function useIdsOf(party: PartyName, account: Address | undefined) {
  const { lists, loading, error } = usePagedIds("claimsOf", account === undefined ? [] : [[account, Party[party]]]);
  return { ids: lists[0] ?? [], loading, error };
}

/**
 * A claim's stored terms (`claim(id)`'s; `issuedByDebtor`: its originator, not its debtor, confirms it), its state
 * named, and what it still owes.
 */
export type ClaimDetail = Pick<
  ResultOf<"claimLens", "claim">,
  "originator" | "debtor" | "currency" | "faceValue" | "amountPaid" | "dueDate" | "issuedByDebtor"
> & { id: bigint; state: ClaimStateName; outstanding: bigint };

/** Terms and outstanding amount of each claim in `ids`, in one batch. */
export function useClaimDetails(ids: readonly bigint[]) {
  const { data, isPending } = useContractReadsFor(ids, (id) => [
    readCall("claimLens", "claim", [id]),
    readCall("claimLens", "outstanding", [id]),
  ]);
  const details = new Map<bigint, ClaimDetail>();
  ids.forEach((id, i) => {
    const [claim, outstanding] = resultsOf(data?.[i]);
    if (claim === undefined || outstanding === undefined) return;
    details.set(id, {
      id,
      originator: claim.originator,
      debtor: claim.debtor,
      currency: claim.currency,
      faceValue: claim.faceValue,
      amountPaid: claim.amountPaid,
      dueDate: claim.dueDate,
      state: CLAIM_STATES[claim.state],
      outstanding,
      issuedByDebtor: claim.issuedByDebtor,
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
        contractEvents(client!, c, "market", {
          eventName: "ClaimSold",
          args: { buyer: account },
          fromBlock: FROM_BLOCK,
        }),
        contractEvents(client!, c, "market", {
          eventName: "ClaimSold",
          args: { seller: account },
          fromBlock: FROM_BLOCK,
        }),
        contractEvents(client!, c, "claims", {
          eventName: "PaymentReceived",
          args: { payee: account },
          fromBlock: FROM_BLOCK,
        }),
        contractEvents(client!, c, "escrow", {
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
 * What the claim contract (`owed`), the market, the sealed-bid auction house and the escrow (`credited`) owe `account`, in every
 * currency the registry ever listed (one no longer allowed may still be owed).
 */
export function useBalances(account: Address | undefined) {
  const { chainId, contracts } = useDeployment();
  const listed = useReadContract({
    ...currenciesRead(chainId, contracts?.registry),
    query: { enabled: contracts !== undefined },
  });
  const currencies = listed.data?.[0] ?? [];
  const { data, isPending } = useContractReads(
    currencies.flatMap((currency) => [
      readCall("claims", "owed", [account, currency]),
      readCall("market", "credited", [account, currency]),
      readCall("auction", "credited", [account, currency]),
      readCall("escrow", "credited", [account, currency]),
    ]),
    { enabled: account !== undefined && currencies.length > 0 },
  );
  const sources: Balance["source"][] = ["claims", "market", "auction", "escrow"];
  const balances: Balance[] = currencies.flatMap((currency, i) =>
    sources.flatMap((source, k) => {
      const r = data?.[sources.length * i + k];
      return r?.status === "success" ? [{ source, currency, amount: r.result }] : [];
    }),
  );
  return { balances, loading: account !== undefined && (listed.isPending || (currencies.length > 0 && isPending)) };
}

/**
 * The bids of `bidders` on each claim in `ids`, live or not, in the order of `bidders` (undefined while they are
 * being read): the market keeps no list of a claim's bidders, so it is asked `bidOf` for each claim and account, in
 * one batch. Every bidder is among the registry's participants (`useParticipantAccounts`: only verified factors bid);
 * a sale goes only to a factor verified now (`useVerifiedAccounts("Factor")`), so those are the bids a holder can
 * accept.
 */
export function useBidsOn(ids: readonly bigint[], bidders: readonly Address[] | undefined) {
  const queries = bidQueries(ids, bidders ?? []);
  const { data, isPending } = useContractReads(
    queries.map(({ claimId, bidder }) => readCall("market", "bidOf", [claimId, bidder])),
    { enabled: queries.length > 0 },
  );
  const byClaim = bidsByClaim(
    queries,
    queries.map((_, i) => data?.[i]?.result),
  );
  return { byClaim, loading: ids.length > 0 && (bidders === undefined || (queries.length > 0 && isPending)) };
}

/**
 * The claims on which `account` has a bid escrowed now, live or not, in id order: the market's `bidsOf` over every
 * window of claim ids (`usePagedIds`).
 */
export function useClaimsBidOn(account: Address | undefined) {
  const { lists, loading, error } = usePagedIds("bidsOf", account === undefined ? [] : [[account]]);
  return { ids: lists[0] ?? [], loading, error };
}
