#!/usr/bin/env node
// `npm run size:web`: the JavaScript each route of the dApp's production build loads on first load, gzipped, read
// from the manifests `next build` writes in web/.next (Next 16 no longer prints sizes). Build first
// (`cd web && npx next build`).
//
// A route's first-load JS is the union of
//   - the app's root main files (`rootMainFiles` of .next/build-manifest.json: the runtime, React, the router), and
//   - the chunks of the entries it renders, the root layout's and its page's (`entryJSFiles` of the route's
//     .next/server/app/<route>/page_client-reference-manifest.js).
// Polyfills (`polyfillFiles`) load only in browsers without ES modules and are left out. Each chunk is counted once
// per route, at its gzip size (level 9). Prints a table: the route, its first-load JS, and how much of it is the
// route's own (not loaded by every route).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const nextDir = join(root, "web", ".next");

if (!existsSync(join(nextDir, "BUILD_ID"))) {
  console.error("size:web: no production build in web/.next; run `cd web && npx next build` first");
  process.exit(1);
}

const readJson = (file) => JSON.parse(readFileSync(join(nextDir, file), "utf8"));

/** The route's client reference manifest, a script assigning one JSON object to globalThis.__RSC_MANIFEST[key]. */
function clientManifest(entry) {
  const file = join(nextDir, "server", "app", `${entry}_client-reference-manifest.js`);
  if (!existsSync(file)) return undefined;
  const source = readFileSync(file, "utf8");
  const json = source
    .slice(source.indexOf("= {") + 2)
    .trim()
    .replace(/;$/, "");
  return JSON.parse(json);
}

const gzipSizes = new Map();
/** Gzip size of a chunk, in bytes (files are named relative to .next, with or without a leading /_next/). */
function gzipSize(chunk) {
  const path = chunk.replace(/^\/?_next\//, "");
  if (!gzipSizes.has(path)) gzipSizes.set(path, gzipSync(readFileSync(join(nextDir, path)), { level: 9 }).length);
  return gzipSizes.get(path);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const buildManifest = readJson("build-manifest.json");
const rootMain = buildManifest.rootMainFiles;
const routes = Object.entries(readJson("app-path-routes-manifest.json"))
  // Pages only: Next's own routes (/_not-found, …) and route handlers such as the icon (/icon.svg/route) load no
  // JavaScript in the browser.
  .filter(([entry, route]) => !route.startsWith("/_") && entry.endsWith("/page"))
  .map(([entry, route]) => {
    const manifest = clientManifest(entry);
    if (manifest === undefined) throw new Error(`no client reference manifest for ${route} (${entry})`);
    const chunks = new Set(rootMain);
    for (const files of Object.values(manifest.entryJSFiles)) for (const file of files) chunks.add(file);
    return { route, chunks };
  })
  .sort((a, b) => a.route.localeCompare(b.route));

const shared = [...routes[0].chunks].filter((chunk) => routes.every((r) => r.chunks.has(chunk)));
const sum = (chunks) => [...chunks].reduce((total, chunk) => total + gzipSize(chunk), 0);
const rows = routes.map(({ route, chunks }) => [
  route,
  kB(sum(chunks)),
  kB(sum([...chunks].filter((c) => !shared.includes(c)))),
]);
const header = ["Route", "First-load JS (gzip)", "Of which the route's own"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
console.log(line(header));
console.log(`| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`);
for (const row of rows) console.log(line(row));
console.log();
console.log(
  `Shared by every route: ${kB(sum(shared))} in ${shared.length} chunks (build ${readFileSync(join(nextDir, "BUILD_ID"), "utf8").trim()}).`,
);
