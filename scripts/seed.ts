/**
 * `npm run seed` (`SEED_CLAIMS=N npm run seed` for N extra claims): fills a fresh local deployment with the demo
 * data of scripts/seed/ and prints what it created. Deploys the local system first if the chain lacks it.
 */
import hre from "hardhat";

import { deployLocal } from "./local-deployment.js";
import { castAddresses, formatReport, seed } from "./seed/index.js";

const extraClaims = Number(process.env.SEED_CLAIMS ?? "0");
if (!Number.isSafeInteger(extraClaims) || extraClaims < 0) {
  throw new Error(`SEED_CLAIMS must be a whole number, got "${process.env.SEED_CLAIMS}"`);
}

const connection = await hre.network.create();
const addresses = await deployLocal(connection);
const report = await seed(connection, addresses, { extraClaims, log: (line) => console.log(`seed: ${line}`) });
console.log();
console.log(formatReport(report, await castAddresses(connection)));
const missing = report.claims.filter((c) => c.state !== c.expected);
if (missing.length > 0) {
  throw new Error(
    `claims not in their scenario's state: ${missing.map((c) => `${c.scenario} (${c.state})`).join(", ")}`,
  );
}
await connection.close();
