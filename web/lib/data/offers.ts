"use client";
/** Standing rate offers on debtors, read in batches (the offer ids of every debtor, in full, then every offer). */
import type { Address } from "viem";

import { usePagedIds } from "./paged-reads";
import { readCall, useContractReads, type ResultOf } from "./contracts";

export type StandingOfferView = ResultOf<"market", "standingOffer"> & { id: bigint };

/** Every standing offer ever posted on `debtors` (live or not), newest first. */
export function useStandingOffersOn(debtors: readonly Address[]): StandingOfferView[] {
  // Every offer on every debtor, however many (the first page of each, then one batch for the rest).
  const { lists } = usePagedIds(
    "standingOffersOf",
    debtors.map((debtor) => [debtor] as const),
  );
  const ids = [...new Set(lists.flat())];
  const { data: offers } = useContractReads(
    ids.map((id) => readCall("market", "standingOffer", [id])),
    { enabled: ids.length > 0 },
  );
  return ids
    .flatMap((id, i) => {
      const o = offers?.[i];
      return o?.status === "success" ? [{ id, ...o.result }] : [];
    })
    .sort((a, b) => Number(b.id - a.id));
}

/** Whether a standing offer can be sold to at chain time `now` (active, not expired, exposure left). */
export const offerLive = (o: StandingOfferView, now: bigint | undefined) =>
  o.active && now !== undefined && o.expiry >= now && o.exposureUsed < o.exposureLimit;
