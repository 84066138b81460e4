"use client";
/**
 * Batched reads of the sealed-bid auction house: the auctions of a claim (from its AuctionOpened events), the
 * running auctions (every id, for the market), who holds a commitment in an auction (from its events) and their
 * sealed bids. Phases change with the clock, so they are read again every few seconds.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";

import { type AuctionPhaseName } from "@openfactor/sdk";
import { committedBidders, phaseName, RUNNING_PHASES, type CommitmentEvent } from "../domain/auction";
import { useDeployment } from "./hooks";
import {
  readCall,
  resultsOf,
  useContractRead,
  useContractReads,
  useContractReadsFor,
  type ResultOf,
} from "./contracts";
import { contractEvents } from "./logs";

/** The block the logs are read from (the local chain and test networks start the system near block 0). */
const FROM_BLOCK = 0n;
/** How often phases are read again (they move with the clock, not with a transaction). */
const PHASE_REFRESH_MS = 5_000;

/** An auction's record, with its id and phase, in the page's bigints. */
export interface AuctionView {
  id: bigint;
  seller: Address;
  claimId: bigint;
  currency: Address;
  biddingEnds: bigint;
  revealEnds: bigint;
  closedAt: bigint;
  sold: boolean;
  phase: AuctionPhaseName;
}

/** `auction(id)` and `phaseOf(id)` for each id, as views (an id whose reads failed is left out). */
function useAuctionViews(ids: readonly bigint[]): { auctions: AuctionView[]; loading: boolean } {
  const { data, isPending } = useContractReadsFor(
    ids,
    (id) => [readCall("auction", "auction", [id]), readCall("auction", "phaseOf", [id])],
    { refetchInterval: PHASE_REFRESH_MS },
  );
  const auctions = ids.flatMap((id, i) => {
    const [a, phase] = resultsOf(data?.[i]);
    if (a === undefined || phase === undefined) return [];
    return [
      {
        id,
        seller: a.seller,
        claimId: a.claimId,
        currency: a.currency,
        biddingEnds: BigInt(a.biddingEnds),
        revealEnds: BigInt(a.revealEnds),
        closedAt: BigInt(a.closedAt),
        sold: a.sold,
        phase: phaseName(phase),
      },
    ];
  });
  return { auctions, loading: ids.length > 0 && isPending };
}

/** Every auction ever opened on claim `claimId`, oldest first. */
export function useClaimAuctions(claimId: bigint | undefined) {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  const opened = useQuery({
    queryKey: ["auctions-of-claim", chainId, claimId?.toString()],
    enabled: client !== undefined && contracts !== undefined && claimId !== undefined,
    queryFn: async () => {
      const logs = await contractEvents(client!, contracts!, "auction", {
        eventName: "AuctionOpened",
        args: { claimId: claimId! },
        fromBlock: FROM_BLOCK,
      });
      return logs.map((l) => l.args.auctionId!);
    },
  });
  return useAuctionViews(opened.data ?? []);
}

/** The auctions running now (bidding, revealing or picking), for the market: every id's record and phase. */
export function useRunningAuctions() {
  const { data: count } = useContractRead("auction", "auctionCount", []);
  const ids = Array.from({ length: Number(count ?? 0n) }, (_, i) => BigInt(i));
  const { auctions, loading } = useAuctionViews(ids);
  return { running: auctions.filter((a) => RUNNING_PHASES.includes(a.phase)), loading };
}

/**
 * The bidders holding a commitment in auction `auctionId` (BidCommitted minus CommitmentWithdrawn, in event order),
 * or undefined while read. The events carry commitments and deposits, never an amount before its reveal.
 */
export function useCommittedBidders(auctionId: bigint): Address[] | undefined {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  const { data } = useQuery({
    queryKey: ["auction-commitments", chainId, auctionId.toString()],
    enabled: client !== undefined && contracts !== undefined,
    queryFn: async () => {
      const read = (eventName: CommitmentEvent["eventName"]) =>
        contractEvents(client!, contracts!, "auction", { eventName, args: { auctionId }, fromBlock: FROM_BLOCK });
      const [committed, withdrawn] = await Promise.all([read("BidCommitted"), read("CommitmentWithdrawn")]);
      const order = (l: { blockNumber: bigint | null; logIndex: number | null }) =>
        (l.blockNumber ?? 0n) * 1_000_000n + BigInt(l.logIndex ?? 0);
      const events = [...committed, ...withdrawn].sort((x, y) => (order(x) < order(y) ? -1 : 1));
      return committedBidders(
        events.map((e) => ({ eventName: e.eventName, args: { bidder: e.args.bidder } }) as CommitmentEvent),
      );
    },
  });
  return data;
}

/** A bid's record as the contract keeps it (`amount`: the revealed amount, 0 until revealed), with its bidder. */
export type SealedBidView = ResultOf<"auction", "sealedBid"> & { bidder: Address };

/** `sealedBid(auctionId, bidder)` for each bidder, in the order given (a bid whose read failed is left out). */
export function useSealedBids(auctionId: bigint, bidders: readonly Address[]): SealedBidView[] {
  const { data } = useContractReads(
    bidders.map((bidder) => readCall("auction", "sealedBid", [auctionId, bidder])),
    { enabled: bidders.length > 0 },
  );
  return bidders.flatMap((bidder, i) => {
    const b = data?.[i]?.result;
    if (b === undefined) return [];
    return [{ ...b, bidder }];
  });
}
