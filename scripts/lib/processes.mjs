// Child processes for the orchestration scripts (`npm run dev`, `npm run test:e2e`, `npm run bench:scale`): each
// child started in its own process group so that stopping it stops its children too, output prefixed on the console
// or sent to a log file, one shutdown that stops everything (also on Ctrl-C), and the probes that wait for a chain or
// a page to answer.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { connect, createServer } from "node:net";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A set of child processes stopped together.
 * @param {{ prefix: string }} options `prefix` starts every line the supervisor prints ("dev", "e2e").
 */
export function createSupervisor({ prefix }) {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const say = (line) => console.log(`${prefix}: ${line}`);

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

  /** Stops every child, gives them up to 5 s before SIGKILL; resolves once they are gone. Idempotent. */
  async function stopChildren() {
    if (children.size > 0) say(`stopping ${children.size} process${children.size === 1 ? "" : "es"}`);
    stopAll("SIGTERM");
    const deadline = Date.now() + 5_000;
    while (children.size > 0 && Date.now() < deadline) await sleep(100);
    if (children.size > 0) stopAll("SIGKILL");
  }

  /** Stops every child and exits; a second call (a child stopping meanwhile) waits for the first to exit. */
  async function shutdown(code, reason) {
    if (stopping) return new Promise(() => {});
    stopping = true;
    if (reason !== undefined) console.error(`${prefix}: ${reason}`);
    await stopChildren();
    process.exit(code);
  }

  /**
   * Starts `command` (this Node unless `command` is given) with `args`, in its own process group. Output goes to
   * the console with a prefix, or to `logFile`, or is inherited (`inherit: true`). The returned promise settles
   * when the process exits (resolves on exit code 0, rejects with an error carrying `exitCode` otherwise).
   */
  function start(name, args, { cwd, logFile, env = {}, command = process.execPath, inherit = false } = {}) {
    const child = spawn(command, args, {
      cwd,
      detached: true,
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? "1" : "0", ...env },
      stdio: inherit ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    const log = logFile === undefined ? undefined : createWriteStream(logFile);
    for (const stream of inherit ? [] : [child.stdout, child.stderr]) {
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
        else reject(Object.assign(new Error(`${name} exited with ${signal ?? `code ${code}`}`), { exitCode: code }));
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

  /** Ctrl-C and SIGTERM stop everything; `onSignal` may replace the default exit. */
  function handleSignals(onSignal = (signal) => shutdown(0, `${signal}: stopping`)) {
    for (const signal of ["SIGINT", "SIGTERM"]) {
      process.on(signal, () => {
        console.log();
        void onSignal(signal);
      });
    }
  }

  return { say, elapsed, start, step, shutdown, stopChildren, handleSignals };
}

/** True if nothing listens on `port` and it can be bound on `host`. */
export async function portFree({ host, port }) {
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

/** A port the system hands out as free on `host`, other than those in `avoid`. */
export async function freePort(host, avoid = []) {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, host, () => {
        const { port: picked } = server.address();
        server.close(() => resolve(picked));
      });
    });
    if (!avoid.includes(port) && (await portFree({ host, port }))) return port;
  }
}

/** Polls until `probe` resolves true, the child behind `exited` exits, or `seconds` pass. */
export async function waitFor(what, probe, exited, seconds) {
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

/** True when the JSON-RPC endpoint at `url` answers eth_chainId with `chainIdHex`. */
export async function rpcAnswers(url, chainIdHex = "0x7a69") {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  return response.ok && (await response.json()).result === chainIdHex;
}

/** True when `url` answers 200 (within a minute: a page's first render may be slow). */
export async function pageServed(url) {
  return (await fetch(url, { signal: AbortSignal.timeout(60_000) })).status === 200;
}

/** The block the indexer at `url` (Ponder) has indexed up to on its chain, or -1 before it has one. */
export async function indexedBlock(url) {
  const status = await (await fetch(`${url}/status`)).json();
  return Object.values(status)[0]?.block?.number ?? -1;
}

/** True when the indexer at `url` is ready (its backfill done) and has indexed the chain at `rpcUrl` up to its head. */
export async function indexerCaughtUp(url, rpcUrl) {
  if ((await fetch(`${url}/ready`)).status !== 200) return false;
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  return (await indexedBlock(url)) >= Number((await response.json()).result);
}
