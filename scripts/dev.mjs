#!/usr/bin/env node
// `npm run dev`: the whole of OpenFactor on this machine, in order: the contracts compiled, a Hardhat node on 127.0.0.1:8545 (chain 31337,
// starting DEMO_HISTORY_DAYS in the past), the system deployed with Ignition (which also regenerates the dApp's
// contract file), the demo data seeded (SEED_CLAIMS=N adds N claims), then the dApp on http://localhost:3000.
// Any step that fails stops everything started so far and exits 1; Ctrl-C stops it all. Nothing to clean up
// between runs: the chain's deployment journal is rewritten on every run (scripts/local-deployment.ts).
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const hardhat = join(root, "node_modules", ".bin", "hardhat");
const next = join(root, "node_modules", "next", "dist", "bin", "next");
const CHAIN = { host: "127.0.0.1", port: 8545 };
const WEB = { host: "127.0.0.1", port: 3000 };
const RPC_URL = `http://${CHAIN.host}:${CHAIN.port}`;
const APP_URL = `http://localhost:${WEB.port}`;
const logDir = join(root, ".dev");

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line) => console.log(`dev: ${line}`);

/** Children still running, each the leader of its own process group (so its own children stop with it). */
const children = new Set();
let stopping = false;

function stopAll(signal = "SIGTERM") {
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Stops every child and exits; a second call (a child stopping meanwhile) waits for the first to exit. */
async function shutdown(code, reason) {
  if (stopping) return new Promise(() => {});
  stopping = true;
  if (reason !== undefined) console.error(`dev: ${reason}`);
  if (children.size > 0) say(`stopping ${children.size} process${children.size === 1 ? "" : "es"}`);
  stopAll("SIGTERM");
  const deadline = Date.now() + 5_000;
  while (children.size > 0 && Date.now() < deadline) await sleep(100);
  if (children.size > 0) stopAll("SIGKILL");
  process.exit(code);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `args` with this Node, in its own process group. Output goes to the console with a prefix, or to `logFile`.
 * The returned promise settles when the process exits (resolves on exit code 0).
 */
function start(name, args, { cwd = root, logFile, env = {} } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    detached: true,
    env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? "1" : "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const log = logFile === undefined ? undefined : createWriteStream(logFile);
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      if (log !== undefined) {
        log.write(chunk);
        return;
      }
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) console.log(`[${name}] ${line}`);
    });
  }
  const exited = new Promise((resolve, reject) => {
    child.on("error", (error) => {
      children.delete(child);
      reject(new Error(`${name} could not start: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      log?.end();
      if (code === 0) resolve();
      else reject(new Error(`${name} exited with ${signal ?? `code ${code}`}`));
    });
  });
  return { child, exited };
}

/** Runs a step to completion; fails the whole run if it fails. */
async function step(title, name, args, options) {
  say(`${title} (${elapsed()})`);
  try {
    await start(name, args, options).exited;
  } catch (error) {
    await shutdown(1, `${title} failed: ${error.message}`);
  }
}

/** True if nothing listens on `port` and it can be bound on `host`. */
async function portFree({ host, port }) {
  const answers = await new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (answers) return false;
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Polls until `probe` resolves true, a child exits, or `seconds` pass. */
async function waitFor(what, probe, exited, seconds) {
  let failure;
  exited.catch((error) => (failure = error));
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (failure !== undefined) throw failure;
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} did not answer within ${seconds} s`);
}

const rpcAnswers = async () => {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  return response.ok && (await response.json()).result === "0x7a69";
};

const pageServed = async () => (await fetch(APP_URL, { signal: AbortSignal.timeout(60_000) })).status === 200;

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.log();
    void shutdown(0, `${signal}: stopping`);
  });
}

// ---------------------------------------------------------------- 0. preconditions
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`dev: Node.js 22.13 or later is needed, this is ${process.versions.node} (nvm use reads .nvmrc)`);
  process.exit(1);
}
const taken = [];
if (!(await portFree(CHAIN))) taken.push(`${CHAIN.port} (the local chain)`);
if (!(await portFree(WEB))) taken.push(`${WEB.port} (the dApp)`);
if (taken.length > 0) {
  console.error(
    `dev: port ${taken.join(" and port ")} ${taken.length === 1 ? "is" : "are"} taken; stop what uses it and run again`,
  );
  process.exit(1);
}
mkdirSync(logDir, { recursive: true });

// ---------------------------------------------------------------- 1. the contracts and the chain
await step("compiling the contracts (a minute the first time, then cached)", "build", [hardhat, "build", "--quiet"]);

say(`starting the local chain on ${RPC_URL} (log: .dev/chain.log)`);
const chain = start(
  "chain",
  [hardhat, "node", "--network", "demo", "--hostname", CHAIN.host, "--port", String(CHAIN.port)],
  {
    logFile: join(logDir, "chain.log"),
  },
);
try {
  await waitFor("the local chain", rpcAnswers, chain.exited, 60);
} catch (error) {
  await shutdown(1, `the local chain failed: ${error.message} (see .dev/chain.log)`);
}
chain.exited.catch((error) => shutdown(1, `the local chain stopped: ${error.message} (see .dev/chain.log)`));
say(`chain 31337 is up (${elapsed()})`);

// ---------------------------------------------------------------- 2-3. deployment, contract file, demo data
await step("deploying the system and generating web/generated/contracts.ts", "deploy", [
  hardhat,
  "run",
  "--network",
  "localhost",
  "scripts/deploy.ts",
]);
await step("seeding the demo data", "seed", [hardhat, "run", "--network", "localhost", "scripts/seed.ts"]);

// ---------------------------------------------------------------- 4. the dApp
say(`starting the dApp on ${APP_URL} (log: .dev/web.log)`);
const web = start("web", [next, "dev", "--hostname", WEB.host, "--port", String(WEB.port)], {
  cwd: join(root, "web"),
  logFile: join(logDir, "web.log"),
  env: { NEXT_TELEMETRY_DISABLED: "1", OPENFACTOR_RPC_URL: RPC_URL },
});
try {
  await waitFor("the dApp", pageServed, web.exited, 120);
} catch (error) {
  await shutdown(1, `the dApp failed: ${error.message} (see .dev/web.log)`);
}
web.exited.catch((error) => shutdown(1, `the dApp stopped: ${error.message} (see .dev/web.log)`));

say(`ready in ${elapsed()}: open ${APP_URL} (chain ${RPC_URL}, chain id 31337). Ctrl-C stops everything.`);
