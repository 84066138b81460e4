/**
 * What a bank's back office might run against OpenFactor: every claim, its state, what it still owes, and the price
 * a factor would pay today for an 8 % annual yield on the ones the market trades. The node is OPENFACTOR_RPC_URL
 * (default: `npm run dev`'s). Run: `npx tsx packages/sdk/examples/read-claims.ts`.
 */
import { createPublicClient, http } from "viem";

import { abis, allows, CLAIM_STATES, deployments, priceForYield } from "@openfactor/sdk";

const client = createPublicClient({ transport: http(process.env.OPENFACTOR_RPC_URL ?? "http://127.0.0.1:8545") });
const { claims } = deployments[(await client.getChainId()) as keyof typeof deployments];
const count = await client.readContract({ address: claims, abi: abis.claims, functionName: "claimCount" });
const now = (await client.getBlock()).timestamp;
for (let id = 1n; id <= count; id++) {
  const c = await client.readContract({ address: claims, abi: abis.claims, functionName: "claimCore", args: [id] });
  const state = CLAIM_STATES[c.state];
  const owed = c.faceValue - c.amountPaid;
  const price = allows(state, "trade") && c.dueDate > now ? priceForYield(owed, 800n, c.dueDate - now) : undefined;
  console.log(`claim ${id}: ${state}, owes ${owed}${price === undefined ? "" : `, worth ${price} at 8 % a year`}`);
}
console.log(`read ${count} claims`);
