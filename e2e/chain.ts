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
  encodeFunctionData,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";

import {
  auctionAbi,
  CLAIM_STATES,
  claimLensAbi,
  lensAbi,
  claimsAbi,
  type ClaimStateName,
  deployments,
  escrowAbi,
  marketAbi,
  Party,
  type PartyName,
  registryAbi,
  rendererAbi,
  stablecoinAbi,
} from "@openfactor/sdk";
import { idWindows } from "../web/lib/domain/paging.js";

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
  auction: { address: ADDRESSES.auction, abi: auctionAbi },
  claims: { address: ADDRESSES.claims, abi: claimsAbi },
  claimLens: { address: ADDRESSES.claimLens, abi: claimLensAbi },
  lens: { address: ADDRESSES.lens, abi: lensAbi },
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
  return publicClient.readContract({ ...CONTRACTS.claimLens, functionName: "claim", args: [id] });
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

/** Claim ids a scanning view looks at per call, as the dApp reads them (web/lib/paged-reads.ts SCAN_WINDOW). */
const WINDOW = 1_000n;

/**
 * Every id a scanning view finds over claim ids 1 to `claimCount`, in id order: `read(fromId, count)` is one window
 * of the view (claimsOf, listings, bidsOf), all windows read at once.
 */
async function scanClaimIds(read: (fromId: bigint, count: bigint) => Promise<readonly bigint[]>): Promise<bigint[]> {
  const windows = await Promise.all(idWindows(await claimCount(), WINDOW).map((fromId) => read(fromId, WINDOW)));
  return windows.flat();
}

/** Every listed claim id, as the market lens's `listings` view returns them over every window of claim ids (id order). */
export async function allListings(): Promise<bigint[]> {
  return scanClaimIds((fromId, count) =>
    publicClient.readContract({
      ...CONTRACTS.lens,
      functionName: "listings",
      args: [zeroAddress, zeroAddress, fromId, count],
    }),
  );
}

/** Every claim id in which `account` is `party` (the claim lens's `claimsOf`), in id order. */
export async function claimsOf(account: Address, party: PartyName): Promise<bigint[]> {
  return scanClaimIds((fromId, count) =>
    publicClient.readContract({
      ...CONTRACTS.claimLens,
      functionName: "claimsOf",
      args: [account, Party[party], fromId, count],
    }),
  );
}

/** A claim as the claim contract stores it. */
export type StoredClaim = Awaited<ReturnType<typeof readClaim>>;

/** The name of the claim's lifecycle state ("Issued", "Accepted", …). */
export async function claimState(id: bigint): Promise<ClaimStateName> {
  return CLAIM_STATES[(await readClaim(id)).state];
}

/** The claim's holder (its NFT owner). */
export async function holderOf(id: bigint): Promise<Address> {
  return publicClient.readContract({ ...CONTRACTS.claims, functionName: "ownerOf", args: [id] });
}

/** What the claim still owes: face value minus amount paid. */
export async function outstandingOf(id: bigint): Promise<bigint> {
  return publicClient.readContract({ ...CONTRACTS.claimLens, functionName: "outstanding", args: [id] });
}

/** The claim's market listing; `listed` is false when no listing stands. */
export async function listingOf(id: bigint) {
  const listing = await publicClient.readContract({ ...CONTRACTS.market, functionName: "listing", args: [id] });
  // The deadline (uint40) and the claim nonce (uint48) come back as numbers; the specs work in bigints.
  const deadline = BigInt(listing.deadline);
  const claimNonce = BigInt(listing.claimNonce);
  return { ...listing, deadline, claimNonce, listed: listing.seller !== zeroAddress };
}

/** `bidder`'s escrowed bid on the claim (amount 0 when none) and whether it is live. */
export async function bidOf(id: bigint, bidder: Address) {
  const [bid, live] = await publicClient.readContract({
    ...CONTRACTS.market,
    functionName: "bidOf",
    args: [id, bidder],
  });
  return { ...bid, live };
}

/** Every account the registry lists (verified at least once, in order of first verification). */
export async function participants(): Promise<Address[]> {
  const count = await publicClient.readContract({ ...CONTRACTS.registry, functionName: "participantCount" });
  const list = await publicClient.readContract({
    ...CONTRACTS.registry,
    functionName: "participants",
    args: [0n, count],
  });
  return list.map((p) => p.account);
}

/**
 * The accounts with a bid escrowed on the claim (live or not), in the registry's order: the market keeps no list of
 * a claim's bidders, so each participant's `bidOf` is read (only verified factors bid, and every one is a
 * participant). `among` saves reading the participants again when many claims are looked at.
 */
export async function biddersOf(id: bigint, among?: readonly Address[]): Promise<Address[]> {
  const accounts = among ?? (await participants());
  const bids = await Promise.all(accounts.map((account) => bidOf(id, account)));
  return accounts.filter((_, i) => bids[i].amount > 0n);
}

/** Payments the claim contract holds for `account` to withdraw, in the demo stablecoin. */
export async function owedTo(account: Address): Promise<bigint> {
  return publicClient.readContract({
    ...CONTRACTS.claims,
    functionName: "owed",
    args: [account, ADDRESSES.stablecoin],
  });
}

/** Refunds the market holds for `account` to withdraw, in the demo stablecoin. */
export async function creditedTo(account: Address): Promise<bigint> {
  return publicClient.readContract({
    ...CONTRACTS.market,
    functionName: "credited",
    args: [account, ADDRESSES.stablecoin],
  });
}

/** The market's sale fee on `price` under the rules in force: `{ fee, net }`, net being what the seller receives. */
export async function saleFee(price: bigint): Promise<{ fee: bigint; net: bigint }> {
  const [fee, net] = await publicClient.readContract({ ...CONTRACTS.market, functionName: "feeFor", args: [price] });
  return { fee, net };
}

/** A claim with what the tests choose seeded claims by: its terms, holder, listing and number of bidders. */
export interface ClaimView {
  id: bigint;
  claim: StoredClaim;
  state: ClaimStateName;
  holder: Address;
  listing: Awaited<ReturnType<typeof listingOf>>;
  bidders: readonly Address[];
}

/**
 * The first seeded claim (lowest id) that `matches`; fails if none does. The seed's claim ids follow its calendar,
 * not its list of scenarios, so the tests find the situation they need by what the chain says.
 */
export async function findSeededClaim(matches: (view: ClaimView) => boolean, what: string): Promise<ClaimView> {
  const [count, accounts] = await Promise.all([claimCount(), participants()]);
  for (let id = 1n; id <= count; id++) {
    const [claim, holder, listing, bidders] = await Promise.all([
      readClaim(id),
      holderOf(id),
      listingOf(id),
      biddersOf(id, accounts),
    ]);
    const view = { id, claim, state: CLAIM_STATES[claim.state], holder, listing, bidders };
    if (matches(view)) return view;
  }
  throw new Error(`no seeded claim is ${what}`);
}

/** The seeded claim on auction: listed for offers only, with the factors' bids. */
export const seededAuction = () =>
  findSeededClaim((c) => c.listing.listed && c.listing.askPrice === 0n && c.bidders.length > 0, "on auction with bids");

/** The seeded claim waiting for its debtor's acceptance. */
export const seededIssued = () => findSeededClaim((c) => c.state === "Issued", "issued and waiting for its debtor");

/** The hash of the transaction that issued claim `id`. */
export async function issueTransaction(id: bigint): Promise<Hex> {
  const [log] = await publicClient.getContractEvents({
    ...CONTRACTS.claims,
    eventName: "ClaimIssued",
    args: { claimId: id },
    fromBlock: 0n,
  });
  return log.transactionHash;
}

/** The invoice commitment and document hash claim `id` was issued with, as its `ClaimIssued` carries them. */
export async function issuedHashes(id: bigint): Promise<{ invoiceCommitment: Hex; documentHash: Hex }> {
  const [log] = await publicClient.getContractEvents({
    ...CONTRACTS.claims,
    eventName: "ClaimIssued",
    args: { claimId: id },
    fromBlock: 0n,
  });
  return { invoiceCommitment: log.args.invoiceCommitment!, documentHash: log.args.documentHash! };
}

/**
 * Another party's transaction, sent from Node by the node's unlocked account `from` (one of the seed's cast): what
 * happens on chain while a user looks at a page. `data` is the encoded call (viem's encodeFunctionData). Resolves
 * with the hash once mined; fails if it reverts.
 */
export async function sendDataAs(from: Address, to: Address, data: Hex): Promise<Hex> {
  const hash = await walletClient.sendTransaction({ account: from, to, data, chain: hardhat });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`the transaction ${hash} reverted`);
  return hash;
}

const walletClient = createWalletClient({ chain: hardhat, transport });

/** `factor`'s live standing offer on `debtor`: its id and terms; fails if it has none. */
export async function standingOfferOf(factor: Address, debtor: Address) {
  const [ids] = await publicClient.readContract({
    ...CONTRACTS.market,
    functionName: "standingOffersOf",
    args: [debtor, 0n, 200n],
  });
  for (const id of ids) {
    const offer = await publicClient.readContract({ ...CONTRACTS.market, functionName: "standingOffer", args: [id] });
    if (offer.factor === factor && offer.active) return { id, ...offer };
  }
  throw new Error(`${factor} has no standing offer on ${debtor}`);
}

/** What standing offer `offerId` pays for the claim now (at the latest block), as the market quotes it. */
export async function quote(claimId: bigint, offerId: bigint): Promise<bigint> {
  return publicClient.readContract({ ...CONTRACTS.market, functionName: "quote", args: [claimId, offerId] });
}

/** The claim's sales (ClaimSold events), oldest first, each with the time of its block. */
export async function salesOf(claimId: bigint) {
  const logs = await publicClient.getContractEvents({
    ...CONTRACTS.market,
    eventName: "ClaimSold",
    args: { claimId },
    fromBlock: 0n,
  });
  return Promise.all(
    logs.map(async ({ args, blockNumber }) => ({
      seller: args.seller!,
      buyer: args.buyer!,
      price: args.price!,
      fee: args.fee!,
      kind: args.kind!,
      timestamp: (await publicClient.getBlock({ blockNumber })).timestamp,
    })),
  );
}

/** The next block (and only it) is mined at `timestamp`, unix seconds: the chain's clock pinned for one step. */
export async function setNextBlockTimestamp(timestamp: bigint): Promise<void> {
  await testClient.setNextBlockTimestamp({ timestamp });
}

/** The sealed-bid auction running on claim `claimId`, if any: `{ running, auctionId }`. */
export async function runningAuctionOf(claimId: bigint): Promise<{ running: boolean; auctionId: bigint }> {
  const [running, auctionId] = await publicClient.readContract({
    ...CONTRACTS.auction,
    functionName: "runningAuction",
    args: [claimId],
  });
  return { running, auctionId };
}

/** A sealed-bid auction's record. */
export async function auctionOf(auctionId: bigint) {
  return publicClient.readContract({ ...CONTRACTS.auction, functionName: "auction", args: [auctionId] });
}

/** A bidder's sealed bid in an auction: `{ commitment, deposit, amount }` (amount 0 until revealed). */
export async function sealedBidOf(auctionId: bigint, bidder: Address) {
  return publicClient.readContract({ ...CONTRACTS.auction, functionName: "sealedBid", args: [auctionId, bidder] });
}

/** Refunds and forfeits the auction house holds for `account` to withdraw, in the demo stablecoin. */
export async function auctionCreditedTo(account: Address): Promise<bigint> {
  return publicClient.readContract({
    ...CONTRACTS.auction,
    functionName: "credited",
    args: [account, ADDRESSES.stablecoin],
  });
}

/** The seed's sealed-bid auction (the first one running): its id, its claim and its bidders. */
export async function seededSealedAuction(): Promise<{ auctionId: bigint; claimId: bigint; bidders: Address[] }> {
  const count = await publicClient.readContract({ ...CONTRACTS.auction, functionName: "auctionCount" });
  for (let auctionId = 0n; auctionId < count; auctionId++) {
    const { claimId } = await auctionOf(auctionId);
    const running = await runningAuctionOf(claimId);
    if (!running.running || running.auctionId !== auctionId) continue;
    const logs = await publicClient.getContractEvents({
      ...CONTRACTS.auction,
      eventName: "BidCommitted",
      args: { auctionId },
      fromBlock: 0n,
    });
    return { auctionId, claimId, bidders: [...new Set(logs.map((l) => l.args.bidder!))] };
  }
  throw new Error("the seed has no running sealed-bid auction");
}
