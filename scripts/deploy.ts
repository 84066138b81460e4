/**
 * `npm run deploy -- --network <name>`: deploys OpenFactor with Ignition and regenerates the dApp's contract file.
 *
 * - Local chains (chain id 31337: `npm run dev`'s node, or `--network localhost`): the system plus the mock
 *   stablecoin (LocalStablecoin module, ignition/parameters/local.json). See scripts/local-deployment.ts.
 * - Public networks: the system with the network's real stablecoin allowlisted (Stablecoin module,
 *   ignition/parameters/<network>.json). Commit the journal Ignition writes to ignition/deployments/chain-<id>/
 *   and the regenerated packages/sdk/src/generated/contracts.ts.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import hre from "hardhat";

import StablecoinModule from "../ignition/modules/Stablecoin.js";
import { deployLocal } from "./local-deployment.js";
import { LOCAL_CHAIN_ID, ROOT, CONTRACTS_FILE, writeContracts } from "./sdk-contracts.js";

const connection = await hre.network.create();
const { ignition, networkName } = connection;
const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
const local = chainId === LOCAL_CHAIN_ID;
// The live progress display redraws lines: only on a terminal.
const displayUi = process.stdout.isTTY;

let addresses: Record<string, string>;
if (local) {
  console.log(`Deploying OpenFactor and the mock stablecoin to ${networkName} (chain ${chainId})`);
  addresses = await deployLocal(connection, displayUi);
} else {
  const parameters = path.join(ROOT, "ignition", "parameters", `${networkName}.json`);
  if (!existsSync(parameters)) {
    throw new Error(`No deployment parameters for network "${networkName}": create ${path.relative(ROOT, parameters)}`);
  }
  console.log(`Deploying OpenFactor to ${networkName} (chain ${chainId}) with ${path.relative(ROOT, parameters)}`);
  const deployed = await ignition.deploy(StablecoinModule, { parameters, displayUi });
  addresses = {};
  for (const [key, contract] of Object.entries(deployed)) addresses[key] = await contract.getAddress();
}
for (const [key, address] of Object.entries(addresses)) console.log(`  ${key.padEnd(12)} ${address}`);

const generated = await writeContracts(hre);
console.log(`Wrote ${path.relative(ROOT, CONTRACTS_FILE)}`);
if (local) {
  for (const [key, address] of Object.entries(addresses)) {
    if (generated[key] !== address) {
      throw new Error(
        `${key} is at ${address} on this chain but at ${generated[key]} on a fresh one: the dApp's contract file ` +
          "holds a fresh chain's addresses, so deploy the local system on a fresh node (npm run dev starts one).",
      );
    }
  }
}
await connection.close();
