/**
 * The browser tests' view of the chain, from Node: typed reads with the dApp's generated ABIs and addresses, the
 * node's clock moved forward, and snapshots to undo what a test wrote. The node is the one `npm run test:e2e`
 * started (E2E_RPC_URL), seeded with the demo data.
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  publicActions,
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

/** A claim as the claim contract stores it. */
export async function readClaim(id: bigint) {
  return publicClient.readContract({ ...CONTRACTS.claims, functionName: "claim", args: [id] });
}

/** True if `account` is verified for `role` (the `Role` enum's number) and not suspended. */
export async function isVerified(account: Address, role: number): Promise<boolean> {
  return publicClient.readContract({ ...CONTRACTS.registry, functionName: "isVerified", args: [account, role] });
}

/** The first claim, by id, for which `accept(claim, id)` holds (every claim read in one batch). */
export async function findClaim(
  accept: (claim: Awaited<ReturnType<typeof readClaim>>, id: bigint) => boolean | Promise<boolean>,
): Promise<bigint | undefined> {
  const count = await claimCount();
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const claims = await Promise.all(ids.map((id) => readClaim(id)));
  for (const [i, claim] of claims.entries()) if (await accept(claim, ids[i])) return ids[i];
  return undefined;
}

/** The seller of the claim's listing (the zero address when not listed). */
export async function listingSeller(id: bigint): Promise<Address> {
  return (await publicClient.readContract({ ...CONTRACTS.market, functionName: "listing", args: [id] })).seller;
}

/** The market rules version new claims are issued under, and those rules. */
export async function currentRulesVersion(): Promise<number> {
  return publicClient.readContract({ ...CONTRACTS.registry, functionName: "currentRulesVersion" });
}

export async function currentRules() {
  return publicClient.readContract({ ...CONTRACTS.registry, functionName: "currentRules" });
}

/** True while new business is paused. */
export async function isPaused(): Promise<boolean> {
  return publicClient.readContract({ ...CONTRACTS.registry, functionName: "paused" });
}

/**
 * `payer` (one of the node's unlocked accounts, as every cast member is) pays `amount` towards claim `id` from Node:
 * for a step the dApp does not offer, such as a payment while the claim is disputed, which the contract holds. The
 * seed approved the claim contract for the debtors.
 */
export async function payAs(payer: Address, id: bigint, amount: bigint): Promise<void> {
  const wallet = createWalletClient({ account: payer, chain: hardhat, transport });
  const hash = await wallet.writeContract({ ...CONTRACTS.claims, functionName: "pay", args: [id, amount] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`paying claim ${id} reverted`);
}

/** What `payer` paid on claim `id` while it was disputed and is still held. */
export async function heldPaymentOf(id: bigint, payer: Address): Promise<bigint> {
  return publicClient.readContract({ ...CONTRACTS.claims, functionName: "heldPaymentOf", args: [id, payer] });
}
