#!/usr/bin/env node
// `npm run dev`: the whole of OpenFactor on this machine, in order: the contracts compiled, a Hardhat node on 127.0.0.1:8545 (chain 31337,
// starting DEMO_HISTORY_DAYS in the past), the system deployed with Ignition (which also regenerates the dApp's
// contract file), the demo data seeded (SEED_CLAIMS=N adds N claims), the indexer (Ponder, on an embedded PGlite
// database in .dev/indexer, emptied on every run since the chain is new) on http://127.0.0.1:42069 (/ready, /graphql,
// /sql), then the dApp on http://localhost:3000.
// Any step that fails stops everything started so far and exits 1; Ctrl-C stops it all. Nothing to clean up
// between runs: the chain's deployment journal is rewritten on every run (scripts/local-deployment.ts).
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { createSupervisor, indexerCaughtUp, pageServed, portFree, rpcAnswers, waitFor } from "./lib/processes.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const hardhat = join(root, "node_modules", ".bin", "hardhat");
const next = join(root, "node_modules", "next", "dist", "bin", "next");
const ponder = join(root, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
const CHAIN = { host: "127.0.0.1", port: 8545 };
const WEB = { host: "127.0.0.1", port: 3000 };
const INDEXER = { host: "127.0.0.1", port: 42069 };
const RPC_URL = `http://${CHAIN.host}:${CHAIN.port}`;
const APP_URL = `http://localhost:${WEB.port}`;
const INDEXER_URL = `http://${INDEXER.host}:${INDEXER.port}`;
const logDir = join(root, ".dev");

const { say, elapsed, start: startIn, step: stepIn, shutdown, handleSignals } = createSupervisor({ prefix: "dev" });
const start = (name, args, options = {}) => startIn(name, args, { cwd: root, ...options });
const step = (title, name, args, options = {}) => stepIn(title, name, args, { cwd: root, ...options });
handleSignals();

// ---------------------------------------------------------------- 0. preconditions
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`dev: Node.js 22.13 or later is needed, this is ${process.versions.node} (nvm use reads .nvmrc)`);
  process.exit(1);
}
const taken = [];
if (!(await portFree(CHAIN))) taken.push(`${CHAIN.port} (the local chain)`);
if (!(await portFree(WEB))) taken.push(`${WEB.port} (the dApp)`);
if (!(await portFree(INDEXER))) taken.push(`${INDEXER.port} (the indexer)`);
if (taken.length > 0) {
  console.error(
    `dev: port ${taken.join(" and port ")} ${taken.length === 1 ? "is" : "are"} taken; stop what uses it and run again`,
  );
  process.exit(1);
}
mkdirSync(logDir, { recursive: true });

// ---------------------------------------------------------------- 1. the contracts and the chain
await step("compiling the contracts (the Solidity tests are left out; slow only the first time)", "build", [
  hardhat,
  "build",
  "--quiet",
  "--no-tests",
]);

say(`starting the local chain on ${RPC_URL} (log: .dev/chain.log)`);
const chain = start(
  "chain",
  [hardhat, "node", "--network", "demo", "--hostname", CHAIN.host, "--port", String(CHAIN.port)],
  {
    logFile: join(logDir, "chain.log"),
  },
);
try {
  await waitFor("the local chain", () => rpcAnswers(RPC_URL), chain.exited, 60);
} catch (error) {
  await shutdown(1, `the local chain failed: ${error.message} (see .dev/chain.log)`);
}
chain.exited.catch((error) => shutdown(1, `the local chain stopped: ${error.message} (see .dev/chain.log)`));
say(`chain 31337 is up (${elapsed()})`);

// ---------------------------------------------------------------- 2-3. deployment, contract file, demo data
await step("deploying the system and generating packages/sdk/src/generated/contracts.ts", "deploy", [
  hardhat,
  "run",
  "--no-compile",
  "--network",
  "localhost",
  "scripts/deploy.ts",
]);
await step("seeding the demo data", "seed", [
  hardhat,
  "run",
  "--no-compile",
  "--network",
  "localhost",
  "scripts/seed.ts",
]);

// ---------------------------------------------------------------- 4. the indexer, on a database as new as the chain
// Ponder keeps the blocks it synced in the database: a new chain reuses their numbers, so the old ones must go.
const indexerDir = join(logDir, "indexer");
rmSync(indexerDir, { recursive: true, force: true });
say(`starting the indexer on ${INDEXER_URL} (log: .dev/indexer.log) (${elapsed()})`);
const indexer = start(
  "indexer",
  [ponder, "start", "--schema", "openfactor", "--hostname", INDEXER.host, "--port", String(INDEXER.port)],
  {
    cwd: join(root, "indexer"),
    logFile: join(logDir, "indexer.log"),
    env: {
      OPENFACTOR_RPC_URL: RPC_URL,
      PONDER_PGLITE_DIR: indexerDir,
      PONDER_TELEMETRY_DISABLED: "1",
      PORT: String(INDEXER.port),
      DATABASE_URL: "",
    },
  },
);
indexer.exited.catch((error) => shutdown(1, `the indexer stopped: ${error.message} (see .dev/indexer.log)`));

// ---------------------------------------------------------------- 5. the dApp
say(`starting the dApp on ${APP_URL} (log: .dev/web.log)`);
const web = start("web", [next, "dev", "--hostname", WEB.host, "--port", String(WEB.port)], {
  cwd: join(root, "web"),
  logFile: join(logDir, "web.log"),
  env: { NEXT_TELEMETRY_DISABLED: "1", OPENFACTOR_RPC_URL: RPC_URL },
});
try {
  await waitFor("the dApp", () => pageServed(APP_URL), web.exited, 120);
} catch (error) {
  await shutdown(1, `the dApp failed: ${error.message} (see .dev/web.log)`);
}
web.exited.catch((error) => shutdown(1, `the dApp stopped: ${error.message} (see .dev/web.log)`));

say(`waiting for the indexer to index the demo (${elapsed()})`);
try {
  await waitFor("the indexer", () => indexerCaughtUp(INDEXER_URL, RPC_URL), indexer.exited, 300);
} catch (error) {
  await shutdown(1, `the indexer failed: ${error.message} (see .dev/indexer.log)`);
}
say(`indexer ready: ${INDEXER_URL}/graphql (${elapsed()})`);

say(
  `ready in ${elapsed()}: open ${APP_URL} (chain ${RPC_URL}, chain id 31337; indexer ${INDEXER_URL}/graphql). ` +
    "Ctrl-C stops everything.",
);
