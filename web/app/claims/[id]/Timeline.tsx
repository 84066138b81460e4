"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";

import { formatDate, formatDateTime } from "../../../lib/domain/format";
import { useDeployment, useNamer } from "../../../lib/data/hooks";
import { describeTimeline, type ClaimEvent } from "../../../lib/domain/timeline";
import { contractEvents } from "../../../lib/data/logs";

/** The block the system was deployed in, when the deployment says; else the logs are read from block 0. */
const FROM_BLOCK = 0n;

const CLAIM_EVENTS = [
  "ClaimIssued",
  "ClaimAccepted",
  "ClaimStateChanged",
  "PaymentReceived",
  "PaymentHeld",
  "HeldPaymentsReleased",
  "ClaimDisputed",
  "ClaimDisputeResolved",
  "ClaimWrittenOff",
] as const;
const MARKET_EVENTS = ["ClaimSold", "Listed", "ListingUpdated", "Delisted", "BidPlaced", "BidCancelled"] as const;
/** The auction house's events that name the claim (bids name only the auction, and their amounts stay sealed). */
const AUCTION_EVENTS = ["AuctionOpened", "AuctionSold"] as const;
const ESCROW_EVENTS = [
  "GuaranteeOffered",
  "GuaranteeOfferWithdrawn",
  "GuaranteeActivated",
  "GuaranteeCalled",
  "Subrogated",
  "RecoveryDistributed",
  "SubrogatedClaimTaken",
  "GuaranteeReleased",
] as const;

type TimedEvent = ClaimEvent & { timestamp?: bigint };

/** Every event about claim `id` from the claim contract, the market, the auction house and the escrow, with its time. */
function useClaimEvents(id: bigint) {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["claim-timeline", chainId, id.toString()],
    enabled: client !== undefined && contracts !== undefined,
    queryFn: async (): Promise<TimedEvent[]> => {
      const c = contracts!;
      const args = { claimId: id };
      const batches = await Promise.all([
        ...CLAIM_EVENTS.map((eventName) =>
          contractEvents(client!, c, "claims", { eventName, args, fromBlock: FROM_BLOCK }),
        ),
        ...MARKET_EVENTS.map((eventName) =>
          contractEvents(client!, c, "market", { eventName, args, fromBlock: FROM_BLOCK }),
        ),
        ...AUCTION_EVENTS.map((eventName) =>
          contractEvents(client!, c, "auction", { eventName, args, fromBlock: FROM_BLOCK }),
        ),
        ...ESCROW_EVENTS.map((eventName) =>
          contractEvents(client!, c, "escrow", { eventName, args, fromBlock: FROM_BLOCK }),
        ),
      ]);
      const events = batches.flat().map((log) => ({
        eventName: log.eventName,
        args: log.args as Record<string, unknown>,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        transactionHash: log.transactionHash,
      }));
      const blocks = [...new Set(events.map((e) => e.blockNumber))];
      const times = new Map(
        await Promise.all(
          blocks.map(async (n) => [n, (await client!.getBlock({ blockNumber: n })).timestamp] as const),
        ),
      );
      return events.map((e) => ({ ...e, timestamp: times.get(e.blockNumber) }));
    },
  });
}

export function Timeline({ id, amount }: { id: bigint; amount: (value: bigint) => string }) {
  const name = useNamer();
  const { data, isPending, error } = useClaimEvents(id);
  if (isPending) return <p className="muted">Reading the history…</p>;
  if (error) return <p className="muted">The history could not be read from the network.</p>;
  const lines = describeTimeline(data, {
    name: (a: Address) => name(a),
    amount,
    date: (t) => formatDate(t),
  });
  return (
    <ol className="timeline">
      {lines.map(({ event, sentence }) => (
        <li key={`${event.blockNumber}-${event.logIndex}`}>
          {event.timestamp !== undefined && <span className="muted small">{formatDateTime(event.timestamp)} · </span>}
          {sentence}
        </li>
      ))}
    </ol>
  );
}
