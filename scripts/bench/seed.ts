/**
 * The scale benchmark's chain side (run by `npm run bench:scale`, scripts/bench/scale.mjs): deploys the local
 * system with the production Ignition module on the benchmark's node, then seeds BENCH_PARTICIPANTS participants
 * and BENCH_CLAIMS claims through the production contracts (scripts/bench/mix.ts says who does what), many
 * transactions to a block, and writes the figures (.bench/scale.json, docs/SCALE.md).
 *
 *   BENCH_RPC_URL=http://127.0.0.1:8745 BENCH_CLAIMS=2000 BENCH_PARTICIPANTS=100 npx hardhat run scripts/bench/seed.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import hre from "hardhat";
import {
  type Address,
  decodeFunctionResult,
  encodeFunctionData,
  type EncodeFunctionDataParameters,
  type Hex,
  toEventSelector,
} from "viem";

import { abis, CLAIM_STATES, type ClaimStateName, type ContractCall, contractCall, deployments } from "@openfactor/sdk";
import { deployLocal } from "../local-deployment.js";
import { LOCAL_CHAIN_ID, ROOT } from "../sdk-contracts.js";
import { checkCount, CLAIM_MIX, type ClaimFate, countFates, planClaims, planParticipants } from "./mix.js";
import {
  approvals,
  type BenchContext,
  bidsAndActivations,
  firstMoves,
  issues,
  onboarding,
  participantAccount,
  paymentsAfterSales,
  sales,
} from "./phases.js";
import { machine, type PhaseFigures, writeFigures } from "./report.js";
import { Batcher, Rpc, type RpcReceipt, type Tx } from "./rpc.js";

/** The benchmark's Ignition journal, apart from `npm run dev`'s and the browser tests'. */
const BENCH_DEPLOYMENT_ID = `bench-chain-${LOCAL_CHAIN_ID}`;

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const url = env("BENCH_RPC_URL", "http://127.0.0.1:8745");
const claimCount = checkCount("BENCH_CLAIMS", Number(env("BENCH_CLAIMS", "100000")), 1);
const participantCount = checkCount("BENCH_PARTICIPANTS", Number(env("BENCH_PARTICIPANTS", "1000")), 20);
const batchSize = checkCount("BENCH_BATCH", Number(env("BENCH_BATCH", "50")), 1);

// ---------------------------------------------------------------- the system, deployed as in production
const connection = await hre.network.create({ network: "localhost", override: { url } });
const contracts = await deployLocal(connection, false, BENCH_DEPLOYMENT_ID);
await connection.close();
const fresh: Record<string, string> = deployments[LOCAL_CHAIN_ID];
if (Object.entries(contracts).some(([key, address]) => fresh[key]?.toLowerCase() !== address.toLowerCase())) {
  console.log("bench: the system is not at a fresh chain's addresses: the dApp's contract file will not find it");
}

const rpc = new Rpc(url);
const chainId = Number(await rpc.call<Hex>("eth_chainId"));
const claimsCall = contractCall(contracts, "claims", "claimCount", []);
/** Calls a view function (a `contractCall`) on the latest block and returns its result. */
async function read<T>(call: ContractCall): Promise<T> {
  const data = encodeFunctionData(call as EncodeFunctionDataParameters);
  const result = await rpc.call<Hex>("eth_call", [{ to: call.address, data }, "latest"]);
  return decodeFunctionResult({ abi: call.abi, functionName: call.functionName, data: result } as never) as T;
}
if ((await read<bigint>(claimsCall)) !== 0n) throw new Error("the benchmark needs a fresh chain: its node has claims");

// ---------------------------------------------------------------- the plan
const participants = planParticipants(participantCount);
const claims = planClaims(claimCount, participants);
const accounts = participants.map((p) => participantAccount(p.index));
const [operator] = await rpc.call<Address[]>("eth_accounts");
const now = async () =>
  BigInt((await rpc.call<{ timestamp: Hex }>("eth_getBlockByNumber", ["latest", false])).timestamp);
const context = async (): Promise<BenchContext> => ({
  contracts,
  chainId,
  operator,
  participants,
  accounts,
  now: await now(),
});
mkdirSync(path.join(ROOT, ".bench"), { recursive: true });
writeFileSync(
  path.join(ROOT, ".bench", "participants.json"),
  `${JSON.stringify(
    participants.map((p) => ({ ...p, address: accounts[p.index].address })),
    null,
    2,
  )}\n`,
);

// ---------------------------------------------------------------- many transactions to a block
// The node logs every transaction when logging is on: off for the run, back on (with automine) for whoever uses
// the chain after it.
await rpc.call("hardhat_setLoggingEnabled", [false]);
await rpc.call("evm_setAutomine", [false]);
await rpc.call("evm_setIntervalMining", [0]);
const batcher = new Batcher(rpc, chainId, batchSize, (done, total) =>
  console.log(`bench:   ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} mined`),
);
const phases: PhaseFigures[] = [];
const started = Date.now();

async function phase(name: string, txs: Tx[], onReceipt?: (receipt: RpcReceipt, index: number) => void) {
  const t0 = Date.now();
  const [transactions, blocks] = [batcher.transactions, batcher.blocks];
  await batcher.run(txs, onReceipt);
  const seconds = (Date.now() - t0) / 1000;
  const sent = batcher.transactions - transactions;
  phases.push({ phase: name, transactions: sent, blocks: batcher.blocks - blocks, seconds });
  console.log(
    `bench: ${name}: ${sent.toLocaleString("en-US")} transactions in ${seconds.toFixed(1)} s ` +
      `(${(sent / seconds).toFixed(0)} a second; ${Object.entries(batcher.time)
        .map(([stage, t]) => `${stage} ${t.toFixed(1)} s`)
        .join(", ")} so far)`,
  );
}

/** The first indexed argument (the id) of the first `event` log in `receipt`. */
function firstId(receipt: RpcReceipt, selector: Hex): bigint {
  const log = receipt.logs.find((l) => l.topics[0] === selector);
  if (log === undefined) throw new Error(`transaction ${receipt.transactionHash} emitted no ${selector}`);
  return BigInt(log.topics[1]);
}

const ids: bigint[] = new Array<bigint>(claimCount);
let failure: unknown;
try {
  console.log(
    `bench: seeding ${participantCount.toLocaleString("en-US")} participants and ` +
      `${claimCount.toLocaleString("en-US")} claims on ${url}, up to ${batchSize} transactions a block`,
  );
  await phase("onboarding", onboarding(await context()));
  await phase("approvals", approvals(await context()));

  const issued = toEventSelector(abis.claims.find((e) => e.type === "event" && e.name === "ClaimIssued")!);
  await phase("issue", issues(await context(), claims), (receipt, i) => (ids[i] = firstId(receipt, issued)));

  const claimIndex = new Map(ids.map((id, index) => [id, index]));
  const guaranteeIds = new Map<number, bigint>();
  const offered = toEventSelector(abis.escrow.find((e) => e.type === "event" && e.name === "GuaranteeOffered")!);
  await phase("list, pay, offer cover", firstMoves(await context(), claims, ids), (receipt) => {
    // GuaranteeOffered(uint256 indexed guaranteeId, uint256 indexed claimId, address indexed guarantor, …)
    const log = receipt.logs.find((l) => l.topics[0] === offered);
    if (log !== undefined) guaranteeIds.set(claimIndex.get(BigInt(log.topics[2]))!, BigInt(log.topics[1]));
  });
  await phase("bid, activate cover", bidsAndActivations(await context(), claims, ids, guaranteeIds));
  await phase("accept bids", sales(await context(), claims, ids));
  await phase("pay sold claims", paymentsAfterSales(await context(), claims, ids));
} catch (error) {
  failure = error;
}
await rpc.call("evm_setAutomine", [true]);
await rpc.call("hardhat_setLoggingEnabled", [true]);
if (failure !== undefined) {
  // The reason alone (a reverted step with its custom error, a node that refused a transaction), without a stack.
  console.error(`bench: ${failure instanceof Error ? failure.message : String(failure)}`);
  process.exit(1);
}
const seconds = (Date.now() - started) / 1000;

// ---------------------------------------------------------------- checks and figures
if ((await read<bigint>(claimsCall)) !== BigInt(claimCount)) throw new Error("the chain holds another claim count");
const expected = (fate: ClaimFate): ClaimStateName =>
  !fate.accepted ? "Issued" : fate.payment === "full" ? "Settled" : fate.sold ? "Financed" : "Accepted";
for (const fate of CLAIM_MIX) {
  const claim = claims.find((c) => c.fate === fate);
  if (claim === undefined) continue;
  const { state } = await read<{ state: number }>(contractCall(contracts, "claimLens", "claim", [ids[claim.index]]));
  if (CLAIM_STATES[state] !== expected(fate)) {
    throw new Error(`claim ${ids[claim.index]} (${fate.name}) is ${CLAIM_STATES[state]}, not ${expected(fate)}`);
  }
}

const figures = {
  claims: claimCount,
  participants: participantCount,
  transactions: batcher.transactions,
  blocks: batcher.blocks,
  events: batcher.events,
  gasUsed: batcher.gasUsed.toString(),
  seconds,
  transactionsPerSecond: batcher.transactions / seconds,
  claimsPerSecond: claimCount / seconds,
  batchSize,
  phases,
  fates: Object.fromEntries(countFates(claims)),
  machine: machine(),
  date: new Date().toISOString(),
};
await writeFigures(ROOT, figures);
console.log(
  `bench: seeded ${claimCount.toLocaleString("en-US")} claims in ${figures.transactions.toLocaleString("en-US")} ` +
    `transactions, ${figures.blocks} blocks, ${figures.events.toLocaleString("en-US")} events, ${seconds.toFixed(1)} s: ` +
    `${figures.transactionsPerSecond.toFixed(0)} transactions and ${figures.claimsPerSecond.toFixed(0)} claims a second`,
);
console.log("bench: wrote .bench/scale.json and the Seeding section of docs/SCALE.md");
