#!/usr/bin/env node
// `npm run lint:errors`: fails when an error name is declared more than once across contracts/interfaces. Each
// error has one declaration, in the interface that owns the fact; another contract that reverts with it names that
// declaration (`revert IReceivableClaim.ClaimMarketPaused()`), so the ABIs still carry it. Reads the sources, so it
// needs no build.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const interfaces = join(root, "contracts", "interfaces");

/** A Solidity source without its comments (a commented-out or documented error is not a declaration). */
const withoutComments = (source) =>
  source.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, "")).replace(/\/\/[^\n]*/g, "");

/** Every `error Name(` declaration in the interfaces, as file:line by error name. */
const declarations = new Map();
for (const name of readdirSync(interfaces).filter((f) => f.endsWith(".sol"))) {
  const file = join(interfaces, name);
  const lines = withoutComments(readFileSync(file, "utf8")).split("\n");
  lines.forEach((line, index) => {
    const match = /^\s*error\s+(\w+)\s*\(/.exec(line);
    if (!match) return;
    const where = `${relative(root, file)}:${index + 1}`;
    declarations.set(match[1], [...(declarations.get(match[1]) ?? []), where]);
  });
}

const twice = [...declarations].filter(([, places]) => places.length > 1);
for (const [error, places] of twice)
  console.error(`error ${error} is declared ${places.length} times: ${places.join(", ")}`);
if (twice.length > 0) {
  console.error(`${twice.length} error name(s) declared more than once across contracts/interfaces`);
  process.exit(1);
}
console.log(`errors-check: ${declarations.size} error names, each declared once across contracts/interfaces`);
