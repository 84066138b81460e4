#!/usr/bin/env node
// `npm run test:e2e`: the dApp's browser tests, on ports of their own (never 8545 or 3000, so `npm run dev` may run
// beside them). In order: the contracts compiled, a Hardhat node (chain 31337, like `npm run dev`'s), the system
// deployed and the demo data seeded on it (scripts/e2e-setup.ts), the dApp built for production against that node
// and served with `next start`, then Playwright (e2e/playwright.config.ts) in Debian's Chromium. Everything it
// started is stopped at the end, on failure and on Ctrl-C. The last line printed is "N passed, N failed".
//
//   npm run test:e2e                          everything
//   npm run test:e2e -- connect.spec.ts      extra arguments go to `playwright test` (a file, --grep, --project)
//   E2E_SKIP_BUILD=1 npm run test:e2e         reuse the last build (it was made for the same node port)
//   E2E_HEADED=1 npm run test:e2e             show the browser (needs a display)
//
// Logs: .e2e/chain.log, .e2e/setup.log, .e2e/build.log, .e2e/web.log; Playwright's results: .e2e/results.json,
// failure screenshots and traces under .e2e/test-results/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { createSupervisor, freePort, pageServed, portFree, rpcAnswers, waitFor } from "./lib/processes.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const hardhat = join(root, "node_modules", ".bin", "hardhat");
const next = join(root, "node_modules", "next", "dist", "bin", "next");
const playwright = join(root, "node_modules", "@playwright", "test", "cli.js");
const webDir = join(root, "web");
const outDir = join(root, ".e2e");
const buildStamp = join(outDir, "build.json");
const resultsFile = join(outDir, "results.json");
const HOST = "127.0.0.1";
/** `npm run dev`'s ports: never used here. */
const DEV_PORTS = [8545, 3000];
const skipBuild = process.env.E2E_SKIP_BUILD === "1";

const { say, elapsed, start, stopChildren, handleSignals } = createSupervisor({ prefix: "e2e" });

let finishing = false;
/** Stops everything, prints the reason and the summary line, exits. */
async function finish(code, { reason, summary } = {}) {
  if (finishing) return new Promise(() => {});
  finishing = true;
  await stopChildren();
  if (reason !== undefined) console.error(`e2e: ${reason}`);
  say(`done in ${elapsed()}`);
  // A stage that could not run its tests counts as one failure, so that the line never reads as a pass.
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

// ---------------------------------------------------------------- 0. preconditions and ports
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`e2e: Node.js 22.13 or later is needed, this is ${process.versions.node}`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

let chainPort;
if (skipBuild) {
  // NEXT_PUBLIC_RPC_URL is inlined at build time: the node must listen where the build expects it.
  const stamp = existsSync(buildStamp) ? JSON.parse(readFileSync(buildStamp, "utf8")) : undefined;
  const buildId = join(webDir, ".next", "BUILD_ID");
  const current = existsSync(buildId) ? readFileSync(buildId, "utf8").trim() : undefined;
  if (stamp === undefined || current === undefined || stamp.buildId !== current) {
    await finish(1, { reason: "E2E_SKIP_BUILD=1 but web/.next is not the browser tests' build: run without it once" });
  }
  chainPort = stamp.chainPort;
  if (!(await portFree({ host: HOST, port: chainPort }))) {
    await finish(1, { reason: `port ${chainPort}, which the last build expects the node on, is taken` });
  }
} else {
  chainPort = await freePort(HOST, DEV_PORTS);
}
const webPort = await freePort(HOST, [...DEV_PORTS, chainPort]);
const RPC_URL = `http://${HOST}:${chainPort}`;
const APP_URL = `http://${HOST}:${webPort}`;
const chainEnv = { OPENFACTOR_RPC_URL: RPC_URL, NEXT_PUBLIC_RPC_URL: RPC_URL, NEXT_TELEMETRY_DISABLED: "1" };

// ---------------------------------------------------------------- 1. contracts and chain
say(`compiling the contracts (${elapsed()})`);
await must(
  "compiling the contracts",
  start("build", [hardhat, "build", "--quiet", "--no-tests"], { cwd: root }).exited,
);

say(`starting the chain on ${RPC_URL} (${elapsed()})`);
const chain = start("chain", [hardhat, "node", "--network", "demo", "--hostname", HOST, "--port", String(chainPort)], {
  cwd: root,
  logFile: join(outDir, "chain.log"),
});
await must(
  "the chain",
  waitFor("the chain", () => rpcAnswers(RPC_URL), chain.exited, 60),
  ".e2e/chain.log",
);
chain.exited.catch((error) => finish(1, { reason: `the chain stopped: ${error.message} (see .e2e/chain.log)` }));

// ---------------------------------------------------------------- 2. deployment and demo data, the build beside
say(`deploying and seeding (${elapsed()})`);
const setup = start("setup", [hardhat, "run", "--no-compile", "scripts/e2e-setup.ts"], {
  cwd: root,
  logFile: join(outDir, "setup.log"),
  env: { E2E_RPC_URL: RPC_URL },
});
let build;
if (skipBuild) {
  say("E2E_SKIP_BUILD=1: serving the last build");
} else {
  say(`building the dApp for ${RPC_URL} (${elapsed()})`);
  rmSync(buildStamp, { force: true });
  build = start("next build", [next, "build"], { cwd: webDir, logFile: join(outDir, "build.log"), env: chainEnv });
}
await must("deploying and seeding", setup.exited, ".e2e/setup.log");
say(`chain seeded (${elapsed()})`);
if (build !== undefined) {
  await must("building the dApp", build.exited, ".e2e/build.log");
  const buildId = readFileSync(join(webDir, ".next", "BUILD_ID"), "utf8").trim();
  writeFileSync(buildStamp, `${JSON.stringify({ chainPort, buildId, builtAt: new Date().toISOString() }, null, 2)}\n`);
  say(`dApp built (${elapsed()})`);
}

// ---------------------------------------------------------------- 3. the dApp
say(`serving the dApp on ${APP_URL} (${elapsed()})`);
const web = start("web", [next, "start", "--hostname", HOST, "--port", String(webPort)], {
  cwd: webDir,
  logFile: join(outDir, "web.log"),
  env: chainEnv,
});
await must(
  "the dApp",
  waitFor("the dApp", () => pageServed(APP_URL), web.exited, 60),
  ".e2e/web.log",
);
web.exited.catch((error) => finish(1, { reason: `the dApp stopped: ${error.message} (see .e2e/web.log)` }));

// ---------------------------------------------------------------- 4. Playwright
say(`running the browser tests (${elapsed()})`);
rmSync(resultsFile, { force: true });
const tests = start(
  "playwright",
  [playwright, "test", "-c", join(root, "e2e", "playwright.config.ts"), ...process.argv.slice(2)],
  {
    cwd: root,
    inherit: true,
    env: { E2E_BASE_URL: APP_URL, E2E_RPC_URL: RPC_URL, E2E_RESULTS_FILE: resultsFile },
  },
);
let testsCode = 0;
await tests.exited.catch((error) => (testsCode = error.exitCode ?? 1));

let summary;
if (existsSync(resultsFile)) {
  const { stats } = JSON.parse(readFileSync(resultsFile, "utf8"));
  const passed = stats.expected + stats.flaky;
  if (stats.skipped > 0) say(`${stats.skipped} skipped (test.fixme / test.skip)`);
  summary = `${passed} passed, ${stats.unexpected} failed`;
}
await finish(testsCode === 0 && summary !== undefined ? 0 : 1, {
  reason: summary === undefined ? `playwright exited with code ${testsCode} and wrote no results` : undefined,
  summary,
});
