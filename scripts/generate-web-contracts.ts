/**
 * `npm run generate:web`: regenerates web/generated/contracts.ts (see scripts/web-contracts.ts). CI runs it and
 * fails if the committed file differs.
 */
import hre from "hardhat";

import { WEB_CONTRACTS_FILE, writeWebContracts } from "./web-contracts.js";

await writeWebContracts(hre);
console.log(`Wrote ${WEB_CONTRACTS_FILE}`);
