/**
 * The browser tests' chain (`npm run test:e2e`): deploys the local system on the node at E2E_RPC_URL, checks that it
 * landed where the dApp's contract file says (the dApp is built from that file), and seeds the demo data. Its
 * Ignition journal is `ignition/deployments/e2e-chain-31337`, apart from `npm run dev`'s, so both can run at once.
 *
 *   E2E_RPC_URL=http://127.0.0.1:<port> npx hardhat run scripts/e2e-setup.ts
 *   SEED_CLAIMS=1000 E2E_RPC_URL=… npx hardhat run scripts/e2e-setup.ts     with 1,000 extra claims (the scale tests)
 *
 * E2E_DEPLOYMENT_ID names another journal, for a third chain beside these two (the indexer's replay test).
 */
import hre from "hardhat";

import { deployments } from "@openfactor/sdk";
import { deployLocal } from "./local-deployment.js";
import { seed } from "./seed/index.js";
import { LOCAL_CHAIN_ID } from "./sdk-contracts.js";

export const E2E_DEPLOYMENT_ID = process.env.E2E_DEPLOYMENT_ID || `e2e-chain-${LOCAL_CHAIN_ID}`;

const url = process.env.E2E_RPC_URL;
if (url === undefined || url === "") throw new Error("E2E_RPC_URL must name the browser tests' node");

const connection = await hre.network.create({ network: "localhost", override: { url } });
const addresses = await deployLocal(connection, false, E2E_DEPLOYMENT_ID);
const expected: Record<string, string> = deployments[LOCAL_CHAIN_ID];
for (const [key, address] of Object.entries(addresses)) {
  if (expected[key] !== undefined && expected[key].toLowerCase() !== address.toLowerCase()) {
    throw new Error(
      `${key} is at ${address} on the test chain but at ${expected[key]} in packages/sdk/src/generated/contracts.ts: ` +
        "run npm run generate:contracts (the test chain must be fresh)",
    );
  }
}
console.log(
  `deployed: ${Object.entries(addresses)
    .map(([key, address]) => `${key} ${address}`)
    .join(", ")}`,
);

const extraClaims = Number(process.env.SEED_CLAIMS ?? "0");
if (!Number.isSafeInteger(extraClaims) || extraClaims < 0) {
  throw new Error(`SEED_CLAIMS must be a whole number, got "${process.env.SEED_CLAIMS}"`);
}
const report = await seed(connection, addresses, { extraClaims, log: (line) => console.log(`seed: ${line}`) });
const missing = report.claims.filter((c) => c.state !== c.expected);
if (missing.length > 0) {
  throw new Error(
    `claims not in their scenario's state: ${missing.map((c) => `${c.scenario} (${c.state})`).join(", ")}`,
  );
}
console.log(
  `seeded ${report.claims.length} + ${report.extraClaims} claims in ${report.transactions} transactions (${report.seconds} s)`,
);
await connection.close();
