/**
 * The browser tests' view of the chain, from Node: typed reads with the dApp's generated ABIs and addresses, the
 * node's clock moved forward, and snapshots to undo what a test wrote. The node is the one `npm run test:e2e`
 * started (E2E_RPC_URL), seeded with the demo data.
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  publicActions,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";

import {
  claimsAbi,
  deployments,
  escrowAbi,
  marketAbi,
  registryAbi,
  rendererAbi,
  stablecoinAbi,
} from "../web/generated/contracts.js";

/**
 * The test node's JSON-RPC endpoint. Required: the tests snapshot and revert the chain, which must never be
 * `npm run dev`'s.
 */
export const RPC_URL = requiredEnv("E2E_RPC_URL");

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set: run the browser tests with npm run test:e2e (it starts their own chain)`);
  }
  return value;
}
export const CHAIN_ID = hardhat.id;

/** The deployed system's addresses on the test chain (the same as on any fresh local chain). */
export const ADDRESSES = deployments[CHAIN_ID];

/** Each contract's address and ABI, ready for `publicClient.readContract({ ...CONTRACTS.claims, … })`. */
export const CONTRACTS = {
  claims: { address: ADDRESSES.claims, abi: claimsAbi },
  escrow: { address: ADDRESSES.escrow, abi: escrowAbi },
  market: { address: ADDRESSES.market, abi: marketAbi },
  registry: { address: ADDRESSES.registry, abi: registryAbi },
  renderer: { address: ADDRESSES.renderer, abi: rendererAbi },
  stablecoin: { address: ADDRESSES.stablecoin, abi: stablecoinAbi },
} as const;

const transport = http(RPC_URL);

/** Reads the chain. */
export const publicClient = createPublicClient({ chain: hardhat, transport });

/** Hardhat's test methods (evm_increaseTime, evm_mine, evm_snapshot, evm_revert, …), with reads as well. */
export const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport }).extend(publicActions);

/** The chain's time: the latest block's timestamp, unix seconds. */
export async function chainTime(): Promise<bigint> {
  return (await publicClient.getBlock()).timestamp;
}

/** Moves the node's clock `seconds` forward and mines a block at the new time. Returns the new chain time. */
export async function increaseTime(seconds: number | bigint): Promise<bigint> {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
  return chainTime();
}

/** Days, in seconds, for increaseTime. */
export const days = (n: number) => n * 86_400;

/** A snapshot of the whole chain; `revertTo(id)` brings it back (once: take a new one to revert again). */
export async function snapshot(): Promise<Hex> {
  return testClient.snapshot();
}

export async function revertTo(id: Hex): Promise<void> {
  await testClient.revert({ id });
}

/** Number of claims on the chain. */
export async function claimCount(): Promise<bigint> {
  return publicClient.readContract({ ...CONTRACTS.claims, functionName: "claimCount" });
}

/** The mock stablecoin balance of `account`, in the token's smallest unit. */
export async function stablecoinBalance(account: Address): Promise<bigint> {
  return publicClient.readContract({ ...CONTRACTS.stablecoin, functionName: "balanceOf", args: [account] });
}

/**
 * Sends a contract call from `from`, one of the node's unlocked accounts (the seed's cast), and waits for it to be
 * mined; throws if it reverts. For setting a scene the page then shows (a bid cancelled into refunds, say).
 */
export async function sendAs(
  from: Address,
  call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] },
): Promise<void> {
  const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args });
  // A JSON-RPC account: the node signs (eth_sendTransaction) with the unlocked key.
  const hash = await createWalletClient({ chain: hardhat, transport }).sendTransaction({
    account: from,
    to: call.address,
    data,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${call.functionName} from ${from} reverted`);
}

/** Every listed claim id, as the market's paginated `listings` view returns them (oldest first). */
export async function allListings(): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (let offset = 0n; ; offset += 500n) {
    const [page, total] = await publicClient.readContract({
      ...CONTRACTS.market,
      functionName: "listings",
      args: [zeroAddress, zeroAddress, offset, 500n],
    });
    ids.push(...page);
    if (offset + 500n >= total) return ids;
  }
}
