/**
 * Sealed-bid auction helpers: commitments hashed locally (as a front end must, so the amount never reaches a node
 * before the reveal), random salts, open/commit/reveal shortcuts, time travel to each phase, and the auction's
 * solvency check (its token balance equals its liabilities, which equal its live deposits plus its credits).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { AbiCoder, hexlify, keccak256, randomBytes, resolveAddress, type AddressLike, type BaseContract } from "ethers";

import type { MarketSystem } from "../fixtures/market.js";
import type { BalanceToken } from "./ledger.js";
import { AUCTION_LIMITS, HOUR, SEALED_BID_COMMITMENT_PARAMS } from "@openfactor/sdk";

/** A fresh 32-byte secret. */
export const newSalt = (): string => hexlify(randomBytes(32));

/** keccak256(abi.encode(chainId, auction, auctionId, bidder, amount, salt)), computed locally. */
export function commitmentFor(
  chainId: bigint,
  auction: string,
  auctionId: bigint,
  bidder: string,
  amount: bigint,
  salt: string,
): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      SEALED_BID_COMMITMENT_PARAMS.map((p) => p.type),
      [chainId, auction, auctionId, bidder, amount, salt],
    ),
  );
}

/** The commitment of `bidder`'s bid of `amount` with `salt` in auction `auctionId` of the fixture's auction. */
export async function commitmentIn(
  s: MarketSystem,
  auctionId: bigint,
  bidder: AddressLike,
  amount: bigint,
  salt: string,
): Promise<string> {
  const { chainId } = await s.connection.ethers.provider.getNetwork();
  return commitmentFor(chainId, await s.auction.getAddress(), auctionId, await resolveAddress(bidder), amount, salt);
}

/** The factor and the bank (both verified factors) approve the auction for the fixture's USDC. */
export async function approveBidders(
  s: MarketSystem,
  bidders: HardhatEthersSigner[] = [s.factor, s.bank],
  token: { connect(signer: HardhatEthersSigner): { approve(a: string, v: bigint): Promise<unknown> } } = s.usdc,
): Promise<void> {
  const auction = await s.auction.getAddress();
  for (const b of bidders) await token.connect(b).approve(auction, s.connection.ethers.MaxUint256);
}

export interface OpenOptions {
  seller?: HardhatEthersSigner;
  biddingWindow?: bigint;
  revealWindow?: bigint;
}

/** Opens an auction of `claimId` (a fresh Accepted claim of the sme unless given); returns both ids. */
export async function openAuction(
  s: MarketSystem,
  claimId?: bigint,
  options: OpenOptions = {},
): Promise<{ claimId: bigint; auctionId: bigint }> {
  const id = claimId ?? (await s.issueAccepted());
  const auctionId = await s.auction.auctionCount();
  await s.auction
    .connect(options.seller ?? s.sme)
    .open(id, options.biddingWindow ?? HOUR, options.revealWindow ?? HOUR);
  return { claimId: id, auctionId };
}

/** A bid as its bidder keeps it off-chain until the reveal. */
export interface Bid {
  bidder: HardhatEthersSigner;
  amount: bigint;
  salt: string;
  deposit: bigint;
  commitment: string;
}

/** A sealed bid of `amount` by `bidder` (deposit = `deposit`, the amount unless told) in `auctionId`, committed. */
export async function commitBid(
  s: MarketSystem,
  auctionId: bigint,
  bidder: HardhatEthersSigner,
  amount: bigint,
  deposit: bigint = amount,
  salt: string = newSalt(),
): Promise<Bid> {
  const commitment = await commitmentIn(s, auctionId, bidder.address, amount, salt);
  await s.auction.connect(bidder).commitBid(auctionId, commitment, deposit);
  return { bidder, amount, salt, deposit, commitment };
}

/** Reveals `bid`. */
export function revealBid(s: MarketSystem, auctionId: bigint, bid: Bid) {
  return s.auction.connect(bid.bidder).revealBid(auctionId, bid.amount, bid.salt);
}

/** Moves the chain's clock so that the next block is at `timestamp`. */
async function at(s: MarketSystem, timestamp: bigint): Promise<void> {
  const { time } = s.connection.networkHelpers;
  if (BigInt(await time.latest()) < timestamp) await time.setNextBlockTimestamp(timestamp);
}

/** The next block is the first second of the reveal window. */
export async function toRevealing(s: MarketSystem, auctionId: bigint): Promise<void> {
  await at(s, (await s.auction.auction(auctionId)).biddingEnds + 1n);
}

/** The next block is the first second of the pick window. */
export async function toPicking(s: MarketSystem, auctionId: bigint): Promise<void> {
  await at(s, (await s.auction.auction(auctionId)).revealEnds + 1n);
}

/** The next block is the first second after the pick window. */
export async function toPickEnd(s: MarketSystem, auctionId: bigint): Promise<void> {
  await at(s, (await s.auction.auction(auctionId)).revealEnds + BigInt(AUCTION_LIMITS.PICK_WINDOW) + 1n);
}

/** Mines a block so that views read at the time set by the helpers above. */
export async function mine(s: MarketSystem): Promise<void> {
  await s.connection.networkHelpers.mine();
}

/** The accounts that can hold an auction credit in the fixture: the cast and the treasury. */
export async function auctionAccounts(s: MarketSystem, extra: AddressLike[] = []): Promise<string[]> {
  const treasury = (await s.registry.currentRules()).treasury;
  const cast = [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger];
  const all = [...cast.map((c) => c.address), treasury, ...(await Promise.all(extra.map((a) => resolveAddress(a))))];
  return [...new Set(all)];
}

/**
 * Asserts the auction's solvency in `token`: its balance equals totalLiabilities plus the sale fees not yet collected
 * (from its AuctionSold and FeesWithdrawn events), and totalLiabilities equals the deposits of the live bids of every
 * auction in that currency (over the fixture's accounts and `extra`) plus every credit.
 */
export async function expectAuctionSolvent(
  s: MarketSystem,
  token: BalanceToken = s.usdc,
  extra: AddressLike[] = [],
): Promise<bigint> {
  const currency = await token.getAddress();
  const accounts = await auctionAccounts(s, extra);
  let deposits = 0n;
  const count = await s.auction.auctionCount();
  for (let id = 0n; id < count; id++) {
    if ((await s.auction.auction(id)).currency.toLowerCase() !== currency.toLowerCase()) continue;
    for (const a of accounts) deposits += (await s.auction.sealedBid(id, a)).deposit;
  }
  let credits = 0n;
  for (const a of accounts) credits += await s.auction.credited(a, currency);
  const liabilities = await s.auction.totalLiabilities(currency);
  expect(liabilities, "totalLiabilities == live deposits + credits").to.equal(deposits + credits);
  // The sale fees stay in the auction house, above its liabilities, until the treasury collects them.
  let fees = 0n;
  for (const sold of await s.auction.queryFilter(s.auction.filters.AuctionSold())) {
    if ((await s.auction.auction(sold.args.auctionId)).currency.toLowerCase() === currency.toLowerCase()) {
      fees += sold.args.fee;
    }
  }
  for (const collected of await s.auction.queryFilter(s.auction.filters.FeesWithdrawn(undefined, currency))) {
    fees -= collected.args.amount;
  }
  expect(await s.auction.feesAccrued(currency), "feesAccrued == fees of the sales not yet collected").to.equal(fees);
  expect(await token.balanceOf(await s.auction.getAddress()), "balance == totalLiabilities + fees").to.equal(
    liabilities + fees,
  );
  return liabilities;
}

/** A comparable picture of everything the auction holds or moves in `token`, and the claims it auctions. */
export async function auctionSnapshot(s: MarketSystem, token: BalanceToken = s.usdc, extra: AddressLike[] = []) {
  const currency = await token.getAddress();
  const accounts = await auctionAccounts(s, extra);
  const count = await s.auction.auctionCount();
  const auctions = [];
  for (let id = 0n; id < count; id++) {
    const a = await s.auction.auction(id);
    auctions.push({
      record: [...a],
      phase: await s.auction.phaseOf(id),
      bids: await Promise.all(accounts.map(async (b) => [...(await s.auction.sealedBid(id, b))])),
      claim: {
        owner: await s.claims.ownerOf(a.claimId),
        lockedBy: await s.claims.lockedBy(a.claimId),
        nonce: await s.claimLens.claimNonce(a.claimId),
        running: [...(await s.auction.runningAuction(a.claimId))],
      },
    });
  }
  return {
    auctions,
    balance: await token.balanceOf(await s.auction.getAddress()),
    liabilities: await s.auction.totalLiabilities(currency),
    balances: await Promise.all(accounts.map((a) => token.balanceOf(a))),
    credits: await Promise.all(accounts.map((a) => s.auction.credited(a, currency))),
  };
}

/**
 * Sends a call that must revert with `error(...args)` of the auction (or of `contract`), and checks that nothing
 * the auction snapshot watches moved.
 */
export async function expectAuctionRevert(
  s: MarketSystem,
  send: () => Promise<unknown>,
  error: string,
  args: unknown[],
  contract: BaseContract = s.auction,
): Promise<void> {
  const before = await auctionSnapshot(s);
  await expect(send())
    .to.be.revertedWithCustomError(contract, error)
    .withArgs(...args);
  expect(await auctionSnapshot(s), `${error}: nothing moved`).to.deep.equal(before);
}
