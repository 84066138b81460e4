"use client";
/** Standing rate offers on debtors, read in two batches (the offer ids of every debtor, then every offer). */
import type { Address } from "viem";
import { useReadContracts } from "wagmi";

import { marketAbi } from "../generated/contracts";
import { useDeployment } from "./hooks";

export interface StandingOfferView {
  id: bigint;
  factor: Address;
  expiry: bigint;
  maxTenor: number;
  debtor: Address;
  yieldBps: number;
  active: boolean;
  currency: Address;
  exposureLimit: bigint;
  exposureUsed: bigint;
}

/** Every standing offer ever posted on `debtors` (live or not), newest first. */
export function useStandingOffersOn(debtors: readonly Address[]): StandingOfferView[] {
  const { chainId, contracts } = useDeployment();
  const { data: lists } = useReadContracts({
    contracts: debtors.map(
      (debtor) =>
        ({
          address: contracts?.market,
          abi: marketAbi,
          functionName: "standingOffersOf",
          args: [debtor, 0n, 200n],
          chainId,
        }) as const,
    ),
    query: { enabled: contracts !== undefined && debtors.length > 0 },
  });
  const ids = [
    ...new Set(
      (lists ?? []).flatMap((l) =>
        l.status === "success" ? [...(l.result as readonly [readonly bigint[], bigint])[0]] : [],
      ),
    ),
  ];
  const { data: offers } = useReadContracts({
    contracts: ids.map(
      (id) =>
        ({ address: contracts?.market, abi: marketAbi, functionName: "standingOffer", args: [id], chainId }) as const,
    ),
    query: { enabled: ids.length > 0 },
  });
  return ids
    .flatMap((id, i) => {
      const o = offers?.[i];
      return o?.status === "success" ? [{ id, ...(o.result as Omit<StandingOfferView, "id">) }] : [];
    })
    .sort((a, b) => Number(b.id - a.id));
}

/** Whether a standing offer can be sold to at chain time `now` (active, not expired, exposure left). */
export const offerLive = (o: StandingOfferView, now: bigint | undefined) =>
  o.active && now !== undefined && o.expiry >= now && o.exposureUsed < o.exposureLimit;
