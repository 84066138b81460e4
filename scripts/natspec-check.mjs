#!/usr/bin/env node
// `npm run lint:natspec`: fails unless every production contract, interface and library under contracts/ (mocks and
// tests aside) documents itself, and every external or public function, public variable, event and error it
// declares, with NatSpec: a notice (`@notice` or untagged text) or `@inheritdoc`; and, where NatSpec is written
// on the declaration itself, a `@param` for every named parameter. Reads the ASTs of the last `hardhat build`
// (artifacts/build-info), so run the build first.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const buildInfo = join(root, "artifacts", "build-info");

/** The ASTs of the production sources, by source name, from every build-info output. */
function productionAsts() {
  const asts = new Map();
  // Oldest first, so that a source compiled again by a later build replaces its stale AST.
  const outputs = readdirSync(buildInfo)
    .filter((name) => name.endsWith(".output.json"))
    .map((name) => join(buildInfo, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  for (const file of outputs) {
    const { output } = JSON.parse(readFileSync(file, "utf8"));
    for (const [name, source] of Object.entries(output.sources ?? {})) {
      if (!name.startsWith("project/contracts/")) continue;
      if (name.includes("/mocks/") || name.includes("/test/") || name.endsWith(".t.sol")) continue;
      asts.set(name.slice("project/".length), source.ast);
    }
  }
  return asts;
}

/** NatSpec text of a node, or "". */
const docOf = (node) =>
  typeof node.documentation === "string" ? node.documentation : (node.documentation?.text ?? "");

/** True if the NatSpec has a notice: `@notice`, `@inheritdoc`, or text before the first tag. */
function hasNotice(doc) {
  if (/@inheritdoc\b/.test(doc) || /@notice\b/.test(doc)) return true;
  const untagged = doc.split(/\n?\s*@\w+/)[0];
  return untagged.trim().length > 0;
}

/** Named parameters the NatSpec does not describe with `@param` (none if it inherits its docs). */
function undocumentedParams(doc, parameters) {
  if (/@inheritdoc\b/.test(doc)) return [];
  return parameters.map((p) => p.name).filter((name) => name && !new RegExp(`@param\\s+${name}\\b`).test(doc));
}

const problems = [];
let checked = 0;
for (const [file, ast] of productionAsts()) {
  for (const unit of ast.nodes.filter((n) => n.nodeType === "ContractDefinition")) {
    const where = `${file}: ${unit.contractKind} ${unit.name}`;
    checked++;
    if (!hasNotice(docOf(unit)) && !/@title\b/.test(docOf(unit))) problems.push(`${where} has no NatSpec`);
    for (const node of unit.nodes) {
      let label;
      let parameters = [];
      if (node.nodeType === "FunctionDefinition") {
        if (node.kind !== "function" || !["external", "public"].includes(node.visibility)) continue;
        label = `function ${node.name}`;
        parameters = node.parameters.parameters;
      } else if (node.nodeType === "VariableDeclaration") {
        if (node.visibility !== "public") continue;
        label = `public variable ${node.name}`;
      } else if (node.nodeType === "EventDefinition") {
        label = `event ${node.name}`;
        parameters = node.parameters.parameters;
      } else if (node.nodeType === "ErrorDefinition") {
        label = `error ${node.name}`;
        parameters = node.parameters.parameters;
      } else {
        continue;
      }
      checked++;
      const doc = docOf(node);
      if (!hasNotice(doc)) problems.push(`${where}: ${label} has no @notice`);
      const missing = undocumentedParams(doc, parameters);
      if (missing.length > 0) problems.push(`${where}: ${label} does not describe ${missing.join(", ")} (@param)`);
    }
  }
}

if (checked === 0) {
  console.error("natspec: no production sources found in artifacts/build-info: run `npx hardhat build` first.");
  process.exit(1);
}
for (const problem of problems) console.error(problem);
console.log(`natspec: ${checked} declarations checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
