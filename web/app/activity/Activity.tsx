"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";

import {
  ACTIVITY_CONTRACTS,
  blockRange,
  claimIdOf,
  describeActivity,
  newestFirst,
  parseBlockParam,
  type ActivityContract,
  type ProtocolEvent,
} from "../../lib/domain/activity";
import { transactionLink } from "../../lib/data/chains";
import { formatAmount, formatDate, formatDateTime, shortAddress } from "../../lib/domain/format";
import { tokenOf, useDeployment, useNamer, useTokens } from "../../lib/data/hooks";
import { readCall, useContractReads } from "../../lib/data/contracts";
import { contractEvents } from "../../lib/data/logs";

/** Blocks per page: on the local chain one transaction is one block. */
const PAGE_BLOCKS = 50n;

const CONTRACT_LABELS: Record<ActivityContract, string> = {
  registry: "Registry",
  claims: "Claims",
  market: "Market",
  escrow: "Guarantees",
};

type TimedEvent = ProtocolEvent & { timestamp?: bigint };

/** One page of events: four log reads (one per contract) over the block range, and the blocks' times. */
function useActivity(to: bigint | undefined) {
  const { chainId, contracts } = useDeployment();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["activity", chainId, to?.toString() ?? "latest"],
    enabled: client !== undefined && contracts !== undefined,
    queryFn: async () => {
      const latest = await client!.getBlockNumber();
      const range = blockRange(to, latest, PAGE_BLOCKS);
      const batches = await Promise.all(
        ACTIVITY_CONTRACTS.map(async (contract) => {
          const logs = await contractEvents(client!, contracts!, contract, {
            fromBlock: range.fromBlock,
            toBlock: range.toBlock,
          });
          return logs.map((log) => ({
            contract,
            eventName: log.eventName,
            args: (log.args ?? {}) as Record<string, unknown>,
            blockNumber: log.blockNumber,
            logIndex: log.logIndex,
            transactionHash: log.transactionHash,
          }));
        }),
      );
      const events: TimedEvent[] = newestFirst(batches.flat());
      const blocks = [...new Set(events.map((e) => e.blockNumber))];
      const times = new Map(
        await Promise.all(
          blocks.map(async (n) => [n, (await client!.getBlock({ blockNumber: n })).timestamp] as const),
        ),
      );
      for (const e of events) e.timestamp = times.get(e.blockNumber);
      return { range, events };
    },
  });
}

export function Activity({ to }: { to?: string }) {
  const { chainId, contracts } = useDeployment();
  const namer = useNamer();
  const [only, setOnly] = useState<ActivityContract | "all">("all");
  const { data, isPending, error } = useActivity(parseBlockParam(to));
  const events = data?.events ?? [];

  // Amounts are in the claim's currency: one batched read of the claims the page names.
  const claimIds = [...new Set(events.map(claimIdOf).filter((id) => id !== undefined))];
  const { data: claimReads } = useContractReads(claimIds.map((id) => readCall("claimLens", "claim", [id])));
  const currencyOfClaim = new Map<bigint, Address>();
  claimIds.forEach((id, i) => {
    const r = claimReads?.[i];
    if (r?.status === "success") currencyOfClaim.set(id, r.result.currency);
  });
  const currencyOf = (e: ProtocolEvent): Address | undefined => {
    if (typeof e.args.currency === "string") return e.args.currency as Address;
    const id = claimIdOf(e);
    return id === undefined ? undefined : currencyOfClaim.get(id);
  };
  const tokens = useTokens(events.map(currencyOf).filter((c) => c !== undefined));

  if (contracts === undefined) return <p className="card">OpenFactor is not deployed on this network.</p>;
  if (isPending) return <p className="muted">Reading the chain…</p>;
  if (error || data === undefined)
    return <p role="alert">The activity could not be read from the network. Reload the page to try again.</p>;

  const ownNames: Record<string, string> = Object.fromEntries(
    ACTIVITY_CONTRACTS.map((c) => [
      contracts[c].toLowerCase(),
      c === "claims" ? "the claim contract" : `the ${c === "escrow" ? "guarantee escrow" : c}`,
    ]),
  );
  const name = (address: Address) => ownNames[address.toLowerCase()] ?? namer(address);
  const lines = events
    .filter((e) => only === "all" || e.contract === only)
    .flatMap((e) => {
      const token = tokenOf(tokens, currencyOf(e));
      const sentence = describeActivity(e, {
        name,
        amount: (v) => (token ? formatAmount(v, token.decimals, { symbol: token.symbol }) : "…"),
        date: (t) => formatDate(t),
        token: (a) => tokenOf(tokens, a)?.symbol ?? shortAddress(a),
      });
      return sentence === undefined ? [] : [{ e, sentence: sentence[0].toUpperCase() + sentence.slice(1) }];
    });
  const { range } = data;

  const pager = (
    <nav className="actions pager" aria-label="Block ranges">
      {range.newer !== undefined && <Link href="/activity">Latest</Link>}
      {range.newer !== undefined && <Link href={`/activity?to=${range.newer}`}>Newer events</Link>}
      {range.older !== undefined && <Link href={`/activity?to=${range.older}`}>Older events</Link>}
    </nav>
  );

  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title">
        Blocks {range.fromBlock.toString()} to {range.toBlock.toString()}
      </h2>
      <div className="filters">
        <label htmlFor="activity-contract">
          Contract
          <select
            id="activity-contract"
            value={only}
            onChange={(e) => setOnly(e.target.value as ActivityContract | "all")}
          >
            <option value="all">All four</option>
            {ACTIVITY_CONTRACTS.map((c) => (
              <option key={c} value={c}>
                {CONTRACT_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {lines.length === 0 ? (
        <p className="card">
          Nothing {only === "all" ? "" : `from the ${CONTRACT_LABELS[only].toLowerCase()} contract `}in these blocks.
          {range.older !== undefined ? " Older events are a page back." : ""}
        </p>
      ) : (
        <ol className="activity">
          {lines.map(({ e, sentence }) => {
            const claimId = claimIdOf(e);
            const tx = e.transactionHash ? transactionLink(chainId, e.transactionHash) : undefined;
            return (
              <li key={`${e.blockNumber}-${e.logIndex}-${e.contract}`}>
                <p>{sentence}</p>
                <p className="muted small">
                  {e.timestamp !== undefined && `${formatDateTime(e.timestamp)} · `}
                  {CONTRACT_LABELS[e.contract]}
                  {claimId !== undefined && (
                    <>
                      {" · "}
                      <Link href={`/claims/${claimId}`}>Claim #{claimId.toString()}</Link>
                    </>
                  )}
                  {tx && (
                    <>
                      {" · "}
                      {tx.external ? (
                        <a href={tx.href} target="_blank" rel="noreferrer">
                          Transaction (block {e.blockNumber.toString()})
                        </a>
                      ) : (
                        <Link href={tx.href}>Transaction (block {e.blockNumber.toString()})</Link>
                      )}
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {pager}
    </section>
  );
}
