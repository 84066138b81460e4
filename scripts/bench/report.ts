/**
 * The scale benchmark's figures: the machine they were measured on, `.bench/scale.json`, and the "Seeding" section
 * of docs/SCALE.md. The other sections of that file (written by other measurements) are kept as they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";

import { format, resolveConfig } from "prettier";

export interface Machine {
  cpu: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export interface PhaseFigures {
  phase: string;
  transactions: number;
  blocks: number;
  seconds: number;
}

export interface SeedingFigures {
  claims: number;
  participants: number;
  transactions: number;
  blocks: number;
  events: number;
  gasUsed: string;
  /** From the first onboarding transaction to the last receipt checked (the deployment excluded). */
  seconds: number;
  transactionsPerSecond: number;
  claimsPerSecond: number;
  batchSize: number;
  phases: PhaseFigures[];
  /** Claims of each fate, by fate name. */
  fates: Record<string, number>;
  machine: Machine;
  /** ISO 8601, when the run ended. */
  date: string;
}

export function machine(): Machine {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() ?? "unknown",
    cpus: all.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

const HEADER = [
  "# Scale",
  "",
  "Written by `npm run bench:scale` (`npm run bench:scale -- --claims N --participants M`); do not edit by hand.",
  "Each section holds the figures of the last run that measured it.",
  "",
].join("\n");

const START = "<!-- seeding:start -->";
const END = "<!-- seeding:end -->";

/** The "Seeding" section in Markdown. */
export function seedingSection(f: SeedingFigures): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const rows = [
    ["claims", n(f.claims)],
    ["participants", n(f.participants)],
    ["transactions", n(f.transactions)],
    ["blocks (one per batch)", n(f.blocks)],
    ["events emitted", n(f.events)],
    ["gas used", n(Number(f.gasUsed))],
    ["seconds (deployment excluded)", f.seconds.toFixed(1)],
    ["transactions a second", f.transactionsPerSecond.toFixed(0)],
    ["claims a second", f.claimsPerSecond.toFixed(0)],
  ];
  const m = f.machine;
  return [
    START,
    "## Seeding",
    "",
    `${f.date.slice(0, 10)}, on ${m.cpu} (${m.cpus} cores), ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}.`,
    `Participants and claims created through the production contracts in the mix of \`scripts/bench/mix.ts\`,`,
    `transactions signed by the benchmark and mined up to ${n(f.batchSize)} to a block. The seconds run from the`,
    "first onboarding transaction to the last receipt checked; the deployment is left out.",
    "",
    "| figure | value |",
    "|---|---:|",
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    "",
    "| phase | transactions | blocks | seconds |",
    "|---|---:|---:|---:|",
    ...f.phases.map((p) => `| ${p.phase} | ${n(p.transactions)} | ${n(p.blocks)} | ${p.seconds.toFixed(1)} |`),
    "",
    "| claims | count |",
    "|---|---:|",
    ...Object.entries(f.fates).map(([fate, count]) => `| ${fate} | ${n(count)} |`),
    END,
  ].join("\n");
}

/** Writes `.bench/scale.json` and replaces (or adds) the "Seeding" section of docs/SCALE.md, formatted by prettier. */
export async function writeFigures(root: string, figures: SeedingFigures): Promise<void> {
  const dir = path.join(root, ".bench");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "scale.json"), `${JSON.stringify(figures, null, 2)}\n`);
  const doc = path.join(root, "docs", "SCALE.md");
  const old = existsSync(doc) ? readFileSync(doc, "utf8") : `${HEADER}\n${START}\n${END}\n`;
  const section = seedingSection(figures);
  const start = old.indexOf(START);
  const end = old.indexOf(END);
  const text =
    start === -1 || end === -1
      ? `${old.trimEnd()}\n\n${section}\n`
      : `${old.slice(0, start)}${section}${old.slice(end + END.length)}`;
  writeFileSync(doc, await format(text, { ...(await resolveConfig(doc)), filepath: doc }));
}
