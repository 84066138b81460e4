"use client";
/**
 * Batched reads of the guarantee escrow for the guarantor page and the claim page: a few requests whatever the
 * number of guarantees (the id lists in full through `usePagedIds`, then one `useReadContracts` for every record),
 * never one per row.
 */
import { useQuery } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { usePublicClient } from "wagmi";

import { CLAIM_STATES, type ClaimStateName } from "@openfactor/sdk";
import { toGuaranteeView, type GuaranteeView, type SubrogationView } from "../domain/guarantees";
import { useDeployment } from "./hooks";
import { readCall, resultsOf, useContractReads, useContractReadsFor, type ResultOf } from "./contracts";
import { contractEvents } from "./logs";

/** A claim as `claim(id)` returns it. */
export type ClaimRecord = ResultOf<"claimLens", "claim">;

/** The market rules of one version (types/Roles.sol `MarketRules`): the windows that govern a guarantee among them. */
export type RuleWindows = ResultOf<"registry", "rulesAt">;

/** The rules of each version asked for (claims keep the rules they were issued under), by version. */
export function useRulesAt(versions: readonly number[]): Map<number, RuleWindows> {
  const unique = [...new Set(versions)].sort((a, b) => a - b);
  const { data } = useContractReads(
    unique.map((v) => readCall("registry", "rulesAt", [v])),
    { enabled: unique.length > 0, staleTime: Infinity },
  );
  const map = new Map<number, RuleWindows>();
  unique.forEach((v, i) => {
    const r = data?.[i];
    if (r?.status === "success") map.set(v, r.result);
  });
  return map;
}

/** The escrow's guarantees with `ids`, in that order (one batch); those not read yet are left out. */
export function useGuarantees(ids: readonly bigint[]): { guarantees: GuaranteeView[]; loading: boolean } {
  const { data, isPending } = useContractReads(
    ids.map((id) => readCall("escrow", "guarantee", [id])),
    { enabled: ids.length > 0 },
  );
  const guarantees = ids.flatMap((id, i) => {
    const r = data?.[i];
    return r?.status === "success" ? [toGuaranteeView(id, r.result)] : [];
  });
  return { guarantees, loading: ids.length > 0 && isPending };
}

/** What the guarantor page needs about each claim it has guaranteed or offered on. */
export interface CoveredClaim {
  claim: ClaimRecord;
  state: ClaimStateName;
  holder?: Address;
  outstanding: bigint;
  subrogation?: SubrogationView;
  /** What `distribute` would credit now, while the escrow holds the claim. */
  pending?: { toHolder: bigint; toGuarantor: bigint };
}

/** Claim, holder, subrogation and pending recovery of each claim, in one batch (four calls a claim). */
export function useCoveredClaims(claimIds: readonly bigint[]): Map<string, CoveredClaim> {
  const unique = [...new Set(claimIds.map((id) => id.toString()))].map(BigInt);
  const { data } = useContractReadsFor(unique, (id) => [
    readCall("claimLens", "claim", [id]),
    readCall("claims", "ownerOf", [id]),
    readCall("escrow", "subrogation", [id]),
    readCall("escrow", "pendingRecovery", [id]),
  ]);
  const map = new Map<string, CoveredClaim>();
  unique.forEach((id, i) => {
    const [claim, holder, s, p] = resultsOf(data?.[i]);
    if (claim === undefined) return;
    map.set(id.toString(), {
      claim,
      state: CLAIM_STATES[claim.state],
      holder,
      outstanding: claim.faceValue - claim.amountPaid,
      subrogation: s !== undefined && s.guarantor !== zeroAddress ? s : undefined,
      pending: p === undefined ? undefined : { toHolder: p[0], toGuarantor: p[1] },
    });
  });
  return map;
}

/** What each call credited, from the escrow's `GuaranteeCalled` events for `guaranteeIds` (one log query). */
export interface CallRecord {
  guaranteeId: bigint;
  holder: Address;
  paid: bigint;
  returned: bigint;
  fullCover: boolean;
  blockNumber: bigint;
}

export function useCalls(guaranteeIds: readonly bigint[]) {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  const key = guaranteeIds.map(String).join(",");
  return useQuery({
    queryKey: ["guarantee-calls", chainId, key],
    enabled: client !== undefined && contracts !== undefined && guaranteeIds.length > 0,
    queryFn: async (): Promise<Map<string, CallRecord>> => {
      const logs = await contractEvents(client!, contracts!, "escrow", {
        eventName: "GuaranteeCalled",
        args: { guaranteeId: [...guaranteeIds] },
        fromBlock: 0n,
      });
      return new Map(
        logs.map(({ args: a, blockNumber }) => [
          a.guaranteeId!.toString(),
          {
            guaranteeId: a.guaranteeId!,
            holder: a.holder!,
            paid: a.paid!,
            returned: a.returned!,
            fullCover: a.fullCover!,
            blockNumber,
          },
        ]),
      );
    },
  });
}
