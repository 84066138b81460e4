import { erc20Abi, type Address, type PublicClient } from "viem";

import { CLAIM_STATES, claimsAbi, type ClaimStateName, marketAbi } from "@openfactor/sdk";
import { blockTimes } from "./logs";
import { paidBefore, type MarketSale } from "../domain/overview";

/** The logs are read from block 0: the generated file records no deployment block. */
const FROM_BLOCK = 0n;

/**
 * The home page's server-side reads: every claim (one batch of `claim` calls, sent by a batching client), their
 * count by lifecycle state, every sale (`ClaimSold`) with what the claim still owed then (from `PaymentReceived`),
 * and the symbol and decimals of the currencies sold in.
 */
export async function readMarketFigures(client: PublicClient, addresses: { claims: Address; market: Address }) {
  const count = await client.readContract({ address: addresses.claims, abi: claimsAbi, functionName: "claimCount" });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const [stored, soldLogs, paidLogs] = await Promise.all([
    Promise.all(
      ids.map((id) =>
        client.readContract({ address: addresses.claims, abi: claimsAbi, functionName: "claim", args: [id] }),
      ),
    ),
    client.getContractEvents({
      address: addresses.market,
      abi: marketAbi,
      eventName: "ClaimSold",
      fromBlock: FROM_BLOCK,
    }),
    client.getContractEvents({
      address: addresses.claims,
      abi: claimsAbi,
      eventName: "PaymentReceived",
      fromBlock: FROM_BLOCK,
    }),
  ]);
  const byState = new Map<ClaimStateName, number>(CLAIM_STATES.map((name) => [name, 0]));
  for (const claim of stored) {
    const name = CLAIM_STATES[claim.state];
    byState.set(name, (byState.get(name) ?? 0) + 1);
  }
  const [soldAt, paidAt] = await Promise.all([blockTimes(client, soldLogs), blockTimes(client, paidLogs)]);
  const paid = paidBefore(
    paidLogs.map((l, i) => ({ claimId: l.args.claimId!, amountPaid: l.args.amountPaid!, timestamp: paidAt[i] })),
  );
  const sales: MarketSale[] = soldLogs.flatMap((l, i) => {
    const claim = stored[Number(l.args.claimId!) - 1];
    if (claim === undefined) return [];
    return [
      {
        claimId: l.args.claimId!,
        currency: claim.currency,
        price: l.args.price!,
        outstanding: claim.faceValue - paid(l.args.claimId!, soldAt[i]),
        dueDate: claim.dueDate,
        timestamp: soldAt[i],
      },
    ];
  });
  const currencies = [...new Set(sales.map((s) => s.currency.toLowerCase() as Address))];
  const tokens = await Promise.all(
    currencies.map(async (address) => {
      const [symbol, decimals] = await Promise.all([
        client.readContract({ address, abi: erc20Abi, functionName: "symbol" }),
        client.readContract({ address, abi: erc20Abi, functionName: "decimals" }),
      ]);
      return { address, symbol, decimals };
    }),
  );
  return { total: Number(count), byState, sales, tokens };
}
