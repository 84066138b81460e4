import { erc20Abi, type Address, type PublicClient } from "viem";

import { CLAIM_STATES, contractCall, type ClaimStateName, type Contracts } from "@openfactor/sdk";
import { blockTimes, contractEvents } from "./logs";
import { paidBefore, type MarketSale } from "../domain/overview";

/** The logs are read from block 0: the generated file records no deployment block. */
const FROM_BLOCK = 0n;

/**
 * The home page's server-side reads: every claim (one batch of `claim` calls, sent by a batching client), their
 * count by lifecycle state, every sale (`ClaimSold`) with what the claim still owed then (from `PaymentReceived`),
 * and the symbol and decimals of the currencies sold in.
 */
export async function readMarketFigures(client: PublicClient, contracts: Contracts) {
  const count = await client.readContract(contractCall(contracts, "claims", "claimCount", []));
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const [stored, soldLogs, paidLogs] = await Promise.all([
    Promise.all(ids.map((id) => client.readContract(contractCall(contracts, "claimLens", "claim", [id])))),
    contractEvents(client, contracts, "market", { eventName: "ClaimSold", fromBlock: FROM_BLOCK }),
    contractEvents(client, contracts, "claims", { eventName: "PaymentReceived", fromBlock: FROM_BLOCK }),
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
