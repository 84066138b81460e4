#!/usr/bin/env node
// `npm run test:e2e`: the dApp's browser tests, on ports of their own (never 8545 or 3000, so `npm run dev` may run
// beside them). In order: the contracts compiled, a Hardhat node (chain 31337, like `npm run dev`'s), the system
// deployed and the demo data seeded on it (scripts/e2e-setup.ts), the dApp built for production against that node
// and served with `next start`, then Playwright (e2e/playwright.config.ts) in Debian's Chromium. Everything it
// started is stopped at the end, on failure and on Ctrl-C. The last line printed is "N passed, N failed".
//
// Then the scale tests (Playwright project "scale", e2e/tests/scale.spec.ts): the chain is restarted on the same
// port (the build reads it there), deployed again and seeded with SCALE_CLAIMS (1,000) extra claims, and the
// project runs against the same dApp; the seeding time is printed.
//
//   npm run test:e2e                          everything: the demo seed's projects, then the scale project
//   npm run test:e2e -- connect.spec.ts      extra arguments go to `playwright test` (a file, --grep, --project);
//                                             with arguments, only the demo seed's stage runs, unless they name
//                                             "scale" (--project=scale, scale.spec.ts): then only the scale stage
//   E2E_SCALE=0 npm run test:e2e              everything but the scale stage
//   E2E_SKIP_BUILD=1 npm run test:e2e         reuse the last build (it was made for the same node port)
//   E2E_HEADED=1 npm run test:e2e             show the browser (needs a display)
//
// After the seed, the SDK's example (packages/sdk/examples/read-claims.ts) runs against the chain, as an
// integrator would run it; its last line is printed.
//
// Logs: .e2e/chain.log, .e2e/setup.log, .e2e/sdk-example.log, .e2e/build.log, .e2e/web.log (.e2e/chain-scale.log and
// .e2e/setup-scale.log for the scale stage); Playwright's results: .e2e/results.json (.e2e/results-scale.json),
// failure screenshots and traces under .e2e/test-results/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { createSupervisor, freePort, pageServed, portFree, rpcAnswers, waitFor } from "./lib/processes.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const hardhat = join(root, "node_modules", ".bin", "hardhat");
const next = join(root, "node_modules", "next", "dist", "bin", "next");
const playwright = join(root, "node_modules", "@playwright", "test", "cli.js");
const tsx = join(root, "node_modules", "tsx", "dist", "cli.mjs");
const webDir = join(root, "web");
const outDir = join(root, ".e2e");
const buildStamp = join(outDir, "build.json");
const resultsFile = join(outDir, "results.json");
const HOST = "127.0.0.1";
/** `npm run dev`'s ports: never used here. */
const DEV_PORTS = [8545, 3000];
const skipBuild = process.env.E2E_SKIP_BUILD === "1";
/** Extra claims the scale stage seeds. */
const SCALE_CLAIMS = 1000;
const userArgs = process.argv.slice(2);
const scaleOnly = userArgs.some((arg) => /scale/.test(arg));
const runScale = scaleOnly || (userArgs.length === 0 && process.env.E2E_SCALE !== "0");

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

/** The chain running now; `stoppingChain` is set while the scale stage replaces it. */
let chain;
let stoppingChain = false;
/** Starts a fresh node on the chain port, logging to .e2e/<log>, and waits until it answers. */
async function startChain(log) {
  say(`starting the chain on ${RPC_URL} (${elapsed()})`);
  chain = start("chain", [hardhat, "node", "--network", "demo", "--hostname", HOST, "--port", String(chainPort)], {
    cwd: root,
    logFile: join(outDir, log),
  });
  await must(
    "the chain",
    waitFor("the chain", () => rpcAnswers(RPC_URL), chain.exited, 60),
    `.e2e/${log}`,
  );
  chain.exited.catch((error) => {
    if (!stoppingChain) finish(1, { reason: `the chain stopped: ${error.message} (see .e2e/${log})` });
  });
}
await startChain("chain.log");

// ---------------------------------------------------------------- 2. deployment and demo data, the build beside
say(`deploying and seeding (${elapsed()})`);
// Scale tests alone: the first chain is seeded with the scale stage's claims at once.
const setup = start("setup", [hardhat, "run", "--no-compile", "scripts/e2e-setup.ts"], {
  cwd: root,
  logFile: join(outDir, "setup.log"),
  env: { E2E_RPC_URL: RPC_URL, SEED_CLAIMS: String(scaleOnly ? SCALE_CLAIMS : 0) },
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
// The SDK's example, as an integrator runs it, against the seeded chain.
const exampleLog = join(outDir, "sdk-example.log");
const example = start("sdk example", [tsx, join(root, "packages", "sdk", "examples", "read-claims.ts")], {
  cwd: root,
  logFile: exampleLog,
  env: { OPENFACTOR_RPC_URL: RPC_URL },
});
await must("the SDK example", example.exited, ".e2e/sdk-example.log");
say(`the SDK example: ${readFileSync(exampleLog, "utf8").trim().split("\n").at(-1)}`);
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
/** Runs Playwright with `args`, its JSON results in `file`; resolves with its stats, or undefined without results. */
async function playwrightRun(args, file) {
  rmSync(file, { force: true });
  const run = start("playwright", [playwright, "test", "-c", join(root, "e2e", "playwright.config.ts"), ...args], {
    cwd: root,
    inherit: true,
    env: { E2E_BASE_URL: APP_URL, E2E_RPC_URL: RPC_URL, E2E_RESULTS_FILE: file },
  });
  let code = 0;
  await run.exited.catch((error) => (code = error.exitCode ?? 1));
  if (!existsSync(file)) return { code, stats: undefined };
  return { code, stats: JSON.parse(readFileSync(file, "utf8")).stats };
}

const runs = [];
if (!scaleOnly) {
  say(`running the browser tests (${elapsed()})`);
  runs.push(
    await playwrightRun(userArgs.length > 0 ? userArgs : ["--project=desktop", "--project=phone"], resultsFile),
  );
}

// ---------------------------------------------------------------- 5. the scale stage
if (runScale) {
  if (!scaleOnly) {
    say(`restarting the chain for the scale tests (${elapsed()})`);
    stoppingChain = true;
    try {
      process.kill(-chain.child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await chain.exited.catch(() => {});
    await must(
      "freeing the chain port",
      waitFor("the chain port", () => portFree({ host: HOST, port: chainPort }), new Promise(() => {}), 30),
    );
    stoppingChain = false;
    await startChain("chain-scale.log");
    say(`deploying and seeding ${SCALE_CLAIMS} extra claims (${elapsed()})`);
    const seededFrom = Date.now();
    const scaleSetup = start("setup", [hardhat, "run", "--no-compile", "scripts/e2e-setup.ts"], {
      cwd: root,
      logFile: join(outDir, "setup-scale.log"),
      env: { E2E_RPC_URL: RPC_URL, SEED_CLAIMS: String(SCALE_CLAIMS) },
    });
    await must("deploying and seeding the scale chain", scaleSetup.exited, ".e2e/setup-scale.log");
    say(
      `chain seeded with ${SCALE_CLAIMS} extra claims in ${((Date.now() - seededFrom) / 1000).toFixed(1)} s (${elapsed()})`,
    );
  }
  say(`running the scale tests (${elapsed()})`);
  runs.push(await playwrightRun(scaleOnly ? userArgs : ["--project=scale"], join(outDir, "results-scale.json")));
}

let summary;
if (runs.every((r) => r.stats !== undefined)) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const { stats } of runs) {
    total.passed += stats.expected + stats.flaky;
    total.failed += stats.unexpected;
    total.skipped += stats.skipped;
  }
  if (total.skipped > 0) say(`${total.skipped} skipped (test.fixme / test.skip)`);
  summary = `${total.passed} passed, ${total.failed} failed`;
}
const failedRun = runs.find((r) => r.code !== 0);
await finish(failedRun === undefined && summary !== undefined ? 0 : 1, {
  reason:
    summary === undefined ? `playwright exited with code ${failedRun?.code ?? 1} and wrote no results` : undefined,
  summary,
});
