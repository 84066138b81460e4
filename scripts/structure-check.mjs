/**
 * The code's shape, checked (part of `npm run lint`):
 * - no import circle among the project's TypeScript and JavaScript files (type-only imports count: a circle of
 *   types is still two files that cannot be read apart);
 * - in web/, no file imports a higher layer (LAYERS, lowest first);
 * - no file in web/app longer than MAX_PAGE_LINES lines.
 * Prints every problem and exits non-zero when there is one; `--report` prints them and exits 0.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOTS = ["web", "scripts", "test", "e2e", "packages", "indexer", "ignition", "hardhat.config.ts"];
const SKIP = new Set([
  "node_modules",
  ".next",
  ".ponder",
  "generated",
  "coverage",
  "artifacts",
  "types",
  "dist",
  "cache",
]);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const MAX_PAGE_LINES = 400;

/** web/'s layers, lowest first: a file may import its own layer and lower ones, never a higher one. */
const LAYERS = [
  { name: "domain", prefix: "web/lib/domain/" },
  { name: "data", prefix: "web/lib/data/" },
  { name: "ui", prefix: "web/components/" },
  { name: "pages", prefix: "web/app/" },
];

/** Every source file under `path` (a file or a folder), relative to the repository root. */
function sourceFiles(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return SOURCE.test(path) ? [path] : [];
  return readdirSync(full).flatMap((entry) => (SKIP.has(entry) ? [] : sourceFiles(join(path, entry))));
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm;

/** The project files `file` imports (relative specifiers only; packages are not the project's). */
function importsOf(file, known) {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found = new Set();
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith(".")) continue;
    const target = resolveSpecifier(join(dirname(file), specifier), known);
    if (target !== undefined) found.add(target);
  }
  return [...found];
}

/** The file a relative specifier names: as written, with `.js` meaning its `.ts`/`.tsx` source, or an index. */
function resolveSpecifier(base, known) {
  const stem = base.replace(/\.(js|mjs|jsx)$/, "");
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.mjs`, join(base, "index.ts")];
  return candidates.find((candidate) => known.has(candidate));
}

/** The circles of the import graph: Tarjan's strongly connected components of more than one file. */
function circles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node)) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const layerOf = (file) => LAYERS.findIndex((layer) => file.startsWith(layer.prefix));

const files = ROOTS.flatMap(sourceFiles).map((file) => relative(ROOT, join(ROOT, file)));
const known = new Set(files);
const graph = new Map(files.map((file) => [file, importsOf(file, known)]));
const problems = [];

for (const component of circles(graph)) problems.push(`import circle: ${component.join(" <-> ")}`);
for (const [file, targets] of graph) {
  const own = layerOf(file);
  if (own === -1) continue;
  for (const target of targets) {
    const theirs = layerOf(target);
    if (theirs > own) {
      problems.push(`layer: ${file} (${LAYERS[own].name}) imports ${target} (${LAYERS[theirs].name}, higher)`);
    }
  }
}
for (const file of files.filter((f) => f.startsWith("web/app/"))) {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n").length - 1;
  if (lines > MAX_PAGE_LINES) problems.push(`size: ${file} has ${lines} lines (at most ${MAX_PAGE_LINES} in web/app)`);
}

for (const problem of problems) console.log(problem);
console.log(`structure: ${files.length} files, ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
if (problems.length > 0 && !process.argv.includes("--report")) process.exitCode = 1;
