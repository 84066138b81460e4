/**
 * The local system (chain 31337): OpenFactor plus the mock stablecoin, deployed by Ignition through the same
 * modules as everywhere else. Used by `npm run deploy` on a local chain and by `npm run seed`.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import LocalStablecoinModule from "../ignition/modules/LocalStablecoin.js";
import type { Connection } from "./seed/chain.js";
import type { SystemAddresses } from "./seed/index.js";
import { LOCAL_CHAIN_ID, ROOT } from "./sdk-contracts.js";

export const LOCAL_PARAMETERS = path.join(ROOT, "ignition", "parameters", "local.json");
/** Ignition's own name for a chain's deployment, and so the folder of its journal. */
export const LOCAL_DEPLOYMENT_ID = `chain-${LOCAL_CHAIN_ID}`;
const journalDir = (deploymentId: string) => path.join(ROOT, "ignition", "deployments", deploymentId);

/**
 * Deploys the local system, or finds it if this chain already has it. A journal left by an earlier node whose
 * contracts are not on this chain is wiped first, so restarting the node never needs manual clean-up. A second chain
 * running beside `npm run dev`'s (the browser tests') passes its own `deploymentId`, so the two journals never mix.
 */
export async function deployLocal(
  connection: Connection,
  displayUi = false,
  deploymentId = LOCAL_DEPLOYMENT_ID,
): Promise<SystemAddresses & Record<string, string>> {
  if (connection.networkConfig.type === "http") await wipeStaleJournal(connection, journalDir(deploymentId));
  const deployed = await connection.ignition.deploy(LocalStablecoinModule, {
    parameters: LOCAL_PARAMETERS,
    displayUi,
    deploymentId,
  });
  const addresses: Record<string, string> = {};
  for (const [key, contract] of Object.entries(deployed)) addresses[key] = await contract.getAddress();
  return addresses as SystemAddresses & Record<string, string>;
}

async function wipeStaleJournal(connection: Connection, dir: string): Promise<void> {
  const file = path.join(dir, "deployed_addresses.json");
  if (!existsSync(file)) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const journaled = Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  const codes = await Promise.all(journaled.map((address) => connection.ethers.provider.getCode(address)));
  if (codes.some((code) => code === "0x")) {
    console.log(`This chain does not hold the deployment journaled in ${path.relative(ROOT, dir)}: wiping it`);
    rmSync(dir, { recursive: true, force: true });
  }
}
