/**
 * Records the events the indexer's unit tests replay (test/fixtures/events.json): on a chain just seeded with the
 * demo, it takes the steps the demo leaves out (extra-steps.ts), then writes every log of every indexed contract as
 * the node returns it, with its block's timestamp. `npm run test:indexer -- --record` runs it on the replay test's
 * chain; by hand, on a chain just seeded:
 *
 *   OPENFACTOR_RPC_URL=http://127.0.0.1:8645 tsx indexer/scripts/record-events.ts
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { deployments } from "@openfactor/sdk";
import { createPublicClient, http } from "viem";

import { INDEXED_CONTRACTS } from "../src/contracts.ts";
import { takeExtraSteps } from "./extra-steps.ts";

const RPC_URL = process.env.OPENFACTOR_RPC_URL ?? "http://127.0.0.1:8645";
const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "events.json");
const contracts = deployments[31337];
const reader = createPublicClient({ transport: http(RPC_URL) });

await takeExtraSteps(RPC_URL, (line) => console.log(`record: ${line}`));

// ---------------------------------------------------------------- every log of the indexed contracts

const addresses = Object.values(INDEXED_CONTRACTS).map((key) => contracts[key]);
const logs = await reader.getLogs({ address: addresses, fromBlock: 0n });
const timestamps = new Map<bigint, bigint>();
for (const log of logs) {
  if (!timestamps.has(log.blockNumber))
    timestamps.set(log.blockNumber, (await reader.getBlock({ blockNumber: log.blockNumber })).timestamp);
}
const recorded = logs.map((log) => ({
  address: log.address,
  topics: log.topics,
  data: log.data,
  blockNumber: log.blockNumber.toString(),
  timestamp: timestamps.get(log.blockNumber)!.toString(),
  transactionHash: log.transactionHash,
  logIndex: log.logIndex,
}));
writeFileSync(OUT, `${JSON.stringify(recorded, null, 1)}\n`);
console.log(`record: ${recorded.length} logs written to indexer/test/fixtures/events.json`);
