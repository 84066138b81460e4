/**
 * `npm run generate:contracts`: regenerates packages/sdk/src/generated/contracts.ts (see scripts/sdk-contracts.ts). CI runs it and
 * fails if the committed file differs.
 */
import hre from "hardhat";

import { CONTRACTS_FILE, writeContracts } from "./sdk-contracts.js";

await writeContracts(hre);
console.log(`Wrote ${CONTRACTS_FILE}`);
