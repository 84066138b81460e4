/**
 * `npm run deploy -- --network <name>`: deploys OpenFactor with Ignition and regenerates the dApp's contract file.
 *
 * - Local chains (chain id 31337: `npm run dev`'s node, or `--network localhost`): the system plus the mock
 *   stablecoin (LocalStablecoin module, ignition/parameters/local.json). A journal left by an earlier node whose
 *   contracts are gone is wiped first, so a fresh node never needs manual clean-up.
 * - Public networks: the system with the network's real stablecoin allowlisted (Stablecoin module,
 *   ignition/parameters/<network>.json). The journal in ignition/deployments/chain-<id>/ is committed.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import hre from "hardhat";

import LocalStablecoinModule from "../ignition/modules/LocalStablecoin.js";
import StablecoinModule from "../ignition/modules/Stablecoin.js";
import { LOCAL_CHAIN_ID, ROOT, WEB_CONTRACTS_FILE, writeWebContracts } from "./web-contracts.js";

const connection = await hre.network.create();
const { ethers, ignition, networkName } = connection;
const chainId = Number((await ethers.provider.getNetwork()).chainId);
const local = chainId === LOCAL_CHAIN_ID;
const deploymentDir = path.join(ROOT, "ignition", "deployments", `chain-${chainId}`);

if (local && connection.networkConfig.type === "http") await wipeStaleJournal();

// The live progress display redraws lines: only on a terminal.
const displayUi = process.stdout.isTTY;
const parameters = path.join(ROOT, "ignition", "parameters", `${local ? "local" : networkName}.json`);
if (!existsSync(parameters)) {
  throw new Error(`No deployment parameters for network "${networkName}": create ${path.relative(ROOT, parameters)}`);
}

console.log(`Deploying OpenFactor to ${networkName} (chain ${chainId}) with ${path.relative(ROOT, parameters)}`);
const deployed = local
  ? await ignition.deploy(LocalStablecoinModule, { parameters, displayUi })
  : await ignition.deploy(StablecoinModule, { parameters, displayUi });

const addresses: Record<string, string> = {};
for (const [key, contract] of Object.entries(deployed)) addresses[key] = await contract.getAddress();
console.table(addresses);

const generated = await writeWebContracts(hre);
console.log(`Wrote ${path.relative(ROOT, WEB_CONTRACTS_FILE)}`);
if (local) {
  for (const [key, address] of Object.entries(addresses)) {
    if (generated[key] !== address) {
      throw new Error(
        `${key} is at ${address} on this chain but at ${generated[key]} on a fresh one: the dApp's contract file ` +
          "holds the fresh chain's addresses, so deploy the local system on a fresh node (npm run dev does).",
      );
    }
  }
}
await connection.close();

/** Removes the local journal when its contracts are not on this chain (a node restarted since). */
async function wipeStaleJournal(): Promise<void> {
  const file = path.join(deploymentDir, "deployed_addresses.json");
  if (!existsSync(file)) {
    rmSync(deploymentDir, { recursive: true, force: true });
    return;
  }
  const deployedBefore = Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  const codes = await Promise.all(deployedBefore.map((address) => ethers.provider.getCode(address)));
  if (codes.some((code) => code === "0x")) {
    console.log(`The chain does not hold the deployment journaled in ${path.relative(ROOT, deploymentDir)}: wiping it`);
    rmSync(deploymentDir, { recursive: true, force: true });
  }
}
