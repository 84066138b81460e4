#!/usr/bin/env node
// `npm run bench:scale`: the scale benchmark's chain. Starts its own Hardhat node on 127.0.0.1:8745 (chain 31337,
// `--network bench`: blocks big enough for its batches), deploys the system with the production Ignition module
// and seeds M participants and N claims through the production contracts (scripts/bench/seed.ts), then stops the
// node, or leaves it running with --keep for an indexer and the dApp. Logs go to .bench/*.log, figures to
// .bench/scale.json and docs/SCALE.md. Any step that fails stops everything and exits 1; Ctrl-C stops it all.
//
//   npm run bench:scale                                             100,000 claims, 1,000 participants
//   npm run bench:scale -- --claims 2000 --participants 100         the CI size
//   npm run bench:scale -- --keep                                   leave the node running afterwards
// BENCH_CLAIMS and BENCH_PARTICIPANTS set the sizes too (the flags win); BENCH_BATCH the transactions a block.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { createSupervisor, portFree, rpcAnswers, waitFor } from "../lib/processes.mjs";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const hardhat = join(root, "node_modules", ".bin", "hardhat");
const CHAIN = { host: "127.0.0.1", port: 8745 };
const RPC_URL = `http://${CHAIN.host}:${CHAIN.port}`;
const logDir = join(root, ".bench");

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      claims: { type: "string", default: process.env.BENCH_CLAIMS ?? "100000" },
      participants: { type: "string", default: process.env.BENCH_PARTICIPANTS ?? "1000" },
      keep: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  console.error(`bench: ${error.message}`);
  console.error("usage: npm run bench:scale -- [--claims N] [--participants M] [--keep]");
  process.exit(2);
}

for (const [name, min] of [
  ["claims", 1],
  ["participants", 20],
]) {
  const value = Number(options[name]);
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(`bench: --${name} must be a whole number of at least ${min}, got "${options[name]}"`);
    process.exit(2);
  }
}

const { say, elapsed, start, step, shutdown, handleSignals } = createSupervisor({ prefix: "bench" });
handleSignals();

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`bench: Node.js 22.13 or later is needed, this is ${process.versions.node}`);
  process.exit(1);
}
if (!(await portFree(CHAIN))) {
  console.error(`bench: port ${CHAIN.port} (the benchmark's chain) is taken; stop what uses it and run again`);
  process.exit(1);
}
mkdirSync(logDir, { recursive: true });

await step("compiling the contracts (the Solidity tests are left out)", "build", [
  hardhat,
  "build",
  "--quiet",
  "--no-tests",
]);

say(`starting the benchmark's chain on ${RPC_URL} (log: .bench/chain.log)`);
const chain = start(
  "chain",
  [hardhat, "node", "--network", "bench", "--hostname", CHAIN.host, "--port", String(CHAIN.port)],
  { cwd: root, logFile: join(logDir, "chain.log") },
);
try {
  await waitFor("the benchmark's chain", () => rpcAnswers(RPC_URL), chain.exited, 60);
} catch (error) {
  await shutdown(1, `the benchmark's chain failed: ${error.message} (see .bench/chain.log)`);
}
chain.exited.catch((error) => shutdown(1, `the benchmark's chain stopped: ${error.message} (see .bench/chain.log)`));

await step(
  `deploying the system and seeding ${options.participants} participants and ${options.claims} claims`,
  "seed",
  [hardhat, "run", "--no-compile", "scripts/bench/seed.ts"],
  {
    cwd: root,
    inherit: true,
    env: { BENCH_RPC_URL: RPC_URL, BENCH_CLAIMS: options.claims, BENCH_PARTICIPANTS: options.participants },
  },
);

if (!options.keep) await shutdown(0, `done in ${elapsed()}`);
say(`done in ${elapsed()}; the chain stays up at ${RPC_URL} (chain id 31337). Ctrl-C stops it.`);
