#!/usr/bin/env node
// `npm run test:indexer`: the indexer's replay test. On ports of its own (never `npm run dev`'s): the contracts
// compiled, a Hardhat node on 127.0.0.1:8645 (chain 31337), the system deployed and the demo seeded on it
// (scripts/e2e-setup.ts, journal ignition/deployments/indexer-chain-31337), then the indexer (Ponder, on PGlite in a
// fresh temporary directory) on 127.0.0.1:42170. Once it has indexed the seed (the backfill), the steps the demo
// leaves out are taken while it indexes live (indexer/scripts/extra-steps.ts); once it has reached the chain's head,
// every indexed row is compared with the chain's own views (indexer/scripts/replay-check.ts). Everything it started is stopped at
// the end, on failure and on Ctrl-C. The last line printed is "N passed, N failed".
//
// INDEXER_TEST_DATABASE_URL=postgres://… runs the indexer on that PostgreSQL database instead: a scratch one, since
// its "openfactor" and "ponder_sync" schemas are dropped first (Ponder's sync cache would hold another chain's blocks).
// Then an API replica (`ponder serve`, as production scales reads) is started on the same database and schema on
// port 42171, and every row is compared again through it.
//
// `npm run test:indexer -- --record` stops after the seed and records the unit tests' events on that chain instead
// (indexer/scripts/record-events.ts rewrites indexer/test/fixtures/events.json).
//
// Logs: .indexer-test/chain.log, setup.log, indexer.log, steps.log, check.log (record.log; replica.log and
// check-replica.log on PostgreSQL).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { createSupervisor, indexedBlock, portFree, rpcAnswers, sleep, waitFor } from "./lib/processes.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const hardhat = join(root, "node_modules", ".bin", "hardhat");
const ponder = join(root, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
const tsx = join(root, "node_modules", "tsx", "dist", "cli.mjs");
const outDir = join(root, ".indexer-test");
const HOST = "127.0.0.1";
const CHAIN_PORT = 8645;
const INDEXER_PORT = 42170;
const RPC_URL = `http://${HOST}:${CHAIN_PORT}`;
const INDEXER_URL = `http://${HOST}:${INDEXER_PORT}`;
const recording = process.argv.includes("--record");
const postgresUrl = process.env.INDEXER_TEST_DATABASE_URL ?? "";

const { say, elapsed, start, stopChildren, handleSignals } = createSupervisor({ prefix: "indexer test" });
const databaseDir = mkdtempSync(join(tmpdir(), "openfactor-indexer-"));

let finishing = false;
/** Stops everything, removes the database, prints the reason and the summary line, exits. */
async function finish(code, { reason, summary } = {}) {
  if (finishing) return new Promise(() => {});
  finishing = true;
  await stopChildren();
  rmSync(databaseDir, { recursive: true, force: true });
  if (reason !== undefined) console.error(`indexer test: ${reason}`);
  say(`done in ${elapsed()}`);
  // A run that could not compare counts as one failure, so that the line never reads as a pass.
  console.log(summary ?? "0 passed, 1 failed");
  process.exit(code);
}
handleSignals((signal) => finish(130, { reason: `${signal}: stopped` }));

/** Runs `promise`; on failure stops everything with `what` and the log to read. */
async function must(what, promise, log) {
  try {
    return await promise;
  } catch (error) {
    return finish(1, { reason: `${what} failed: ${error.message}${log ? ` (see ${log})` : ""}` });
  }
}

/** The JSON-RPC answer of `method` on the chain. */
async function rpc(method) {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
  });
  return (await response.json()).result;
}

// ---------------------------------------------------------------- 0. preconditions
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`indexer test: Node.js 22.13 or later is needed, this is ${process.versions.node}`);
  process.exit(1);
}
for (const [port, what] of [
  [CHAIN_PORT, "the test chain"],
  [INDEXER_PORT, "the test indexer"],
]) {
  if (!(await portFree({ host: HOST, port }))) await finish(1, { reason: `port ${port} (${what}) is taken` });
}
mkdirSync(outDir, { recursive: true });

// ---------------------------------------------------------------- 1. contracts, chain, deployment and demo data
say(`compiling the contracts (${elapsed()})`);
await must(
  "compiling the contracts",
  start("build", [hardhat, "build", "--quiet", "--no-tests"], { cwd: root }).exited,
);

say(`starting the chain on ${RPC_URL} (${elapsed()})`);
const chain = start("chain", [hardhat, "node", "--network", "demo", "--hostname", HOST, "--port", String(CHAIN_PORT)], {
  cwd: root,
  logFile: join(outDir, "chain.log"),
});
await must(
  "the chain",
  waitFor("the chain", () => rpcAnswers(RPC_URL), chain.exited, 60),
  ".indexer-test/chain.log",
);
chain.exited.catch((error) =>
  finish(1, { reason: `the chain stopped: ${error.message} (see .indexer-test/chain.log)` }),
);

say(`deploying and seeding the demo (${elapsed()})`);
const setup = start("setup", [hardhat, "run", "--no-compile", "scripts/e2e-setup.ts"], {
  cwd: root,
  logFile: join(outDir, "setup.log"),
  env: { E2E_RPC_URL: RPC_URL, E2E_DEPLOYMENT_ID: "indexer-chain-31337", SEED_CLAIMS: "0" },
});
await must("deploying and seeding", setup.exited, ".indexer-test/setup.log");
const head = Number(await rpc("eth_blockNumber"));
say(`chain seeded up to block ${head} (${elapsed()})`);

if (recording) {
  say(`recording the unit tests' events (${elapsed()})`);
  const record = start("record", [tsx, join(root, "indexer", "scripts", "record-events.ts")], {
    cwd: root,
    env: { OPENFACTOR_RPC_URL: RPC_URL },
    logFile: join(outDir, "record.log"),
  });
  await must("recording", record.exited, ".indexer-test/record.log");
  for (const line of readFileSync(join(outDir, "record.log"), "utf8").trim().split("\n")) say(line);
  await finish(0, { summary: "1 passed, 0 failed" });
}

// ---------------------------------------------------------------- 2. the indexer, from a fresh database
if (postgresUrl !== "") {
  // The pg client Ponder itself uses.
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: postgresUrl });
  await must("emptying the PostgreSQL database", client.connect());
  await client.query("DROP SCHEMA IF EXISTS openfactor CASCADE; DROP SCHEMA IF EXISTS ponder_sync CASCADE;");
  await client.end();
}
const database = postgresUrl === "" ? `PGlite in ${databaseDir}` : "PostgreSQL (INDEXER_TEST_DATABASE_URL)";
say(`starting the indexer on ${INDEXER_URL}, ${database} (${elapsed()})`);
const indexedFrom = Date.now();
const indexer = start(
  "indexer",
  [ponder, "start", "--schema", "openfactor", "--hostname", HOST, "--port", String(INDEXER_PORT)],
  {
    cwd: join(root, "indexer"),
    logFile: join(outDir, "indexer.log"),
    env: {
      OPENFACTOR_RPC_URL: RPC_URL,
      PONDER_PGLITE_DIR: databaseDir,
      PONDER_TELEMETRY_DISABLED: "1",
      PORT: String(INDEXER_PORT),
      DATABASE_URL: postgresUrl,
    },
  },
);
indexer.exited.catch((error) =>
  finish(1, { reason: `the indexer stopped: ${error.message} (see .indexer-test/indexer.log)` }),
);
const ready = async () => (await fetch(`${INDEXER_URL}/ready`)).status === 200;
await must("the indexer", waitFor("the indexer's /ready", ready, indexer.exited, 300), ".indexer-test/indexer.log");
// /ready answers once the backfill is done; the blocks after Ponder's finality horizon come in live right after.
const reached = (block) => async () => (await indexedBlock(INDEXER_URL)) >= block;
await must("the indexer", waitFor("the indexer at the chain's head", reached(head), indexer.exited, 120));
const backfillSeconds = ((Date.now() - indexedFrom) / 1000).toFixed(1);
say(`indexed the seed's ${head} blocks in ${backfillSeconds} s from a cold start (${elapsed()})`);

say(`taking the steps the demo leaves out, indexed live (${elapsed()})`);
const steps = start("extra steps", [tsx, join(root, "indexer", "scripts", "extra-steps.ts")], {
  cwd: root,
  env: { OPENFACTOR_RPC_URL: RPC_URL },
  logFile: join(outDir, "steps.log"),
});
await must("the extra steps", steps.exited, ".indexer-test/steps.log");
const finalHead = Number(await rpc("eth_blockNumber"));
const liveFrom = Date.now();
await must("the indexer", waitFor("the indexer at the chain's head", reached(finalHead), indexer.exited, 120));
await sleep(500);
say(
  `indexed live up to block ${finalHead}, ${((Date.now() - liveFrom) / 1000).toFixed(1)} s after the last step (${elapsed()})`,
);

// ---------------------------------------------------------------- 3. every row against the chain
/** Runs the replay check against the API at `url`; returns its exit code and its summary counts. */
async function replayCheck(url, log) {
  let exitCode = 0;
  const check = start("replay check", [tsx, join(root, "indexer", "scripts", "replay-check.ts")], {
    cwd: root,
    env: { INDEXER_URL: url, OPENFACTOR_RPC_URL: RPC_URL },
    logFile: join(outDir, log),
  });
  await check.exited.catch((error) => (exitCode = error.exitCode ?? 1));
  const lines = readFileSync(join(outDir, log), "utf8").trim().split("\n");
  for (const line of lines.slice(0, -1)) say(line);
  const counts = /^(\d+) passed, (\d+) failed$/.exec(lines.at(-1) ?? "");
  return { exitCode, counts: counts ? [Number(counts[1]), Number(counts[2])] : undefined };
}

say(`comparing every indexed row with the chain's views (${elapsed()})`);
const checks = [await replayCheck(INDEXER_URL, "check.log")];

if (postgresUrl !== "") {
  // Production's shape: one writer, API replicas that only serve. A replica on the same database and schema must
  // answer every row as the writer does.
  const REPLICA_URL = `http://${HOST}:${INDEXER_PORT + 1}`;
  say(`starting an API replica (ponder serve) on ${REPLICA_URL} and comparing again (${elapsed()})`);
  const replica = start(
    "replica",
    [ponder, "serve", "--schema", "openfactor", "--hostname", HOST, "--port", String(INDEXER_PORT + 1)],
    {
      cwd: join(root, "indexer"),
      logFile: join(outDir, "replica.log"),
      env: { OPENFACTOR_RPC_URL: RPC_URL, PONDER_TELEMETRY_DISABLED: "1", DATABASE_URL: postgresUrl },
    },
  );
  replica.exited.catch((error) =>
    finish(1, { reason: `the replica stopped: ${error.message} (see .indexer-test/replica.log)` }),
  );
  const serving = async () => (await fetch(`${REPLICA_URL}/health`)).status === 200;
  await must("the replica", waitFor("the replica's /health", serving, replica.exited, 60), ".indexer-test/replica.log");
  checks.push(await replayCheck(REPLICA_URL, "check-replica.log"));
}

const code = checks.some((c) => c.exitCode !== 0) ? 1 : 0;
const summary = checks.every((c) => c.counts !== undefined)
  ? `${checks.reduce((n, c) => n + c.counts[0], 0)} passed, ${checks.reduce((n, c) => n + c.counts[1], 0)} failed`
  : undefined;
await finish(code, {
  summary,
  reason: code === 0 ? undefined : "the replay check failed (see .indexer-test/check*.log)",
});
