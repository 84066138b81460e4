/**
 * Sealed-bid auctions for display and for bidding (pure): the seller's windows, the phases in words and their
 * deadlines, the commitment hashed locally, the reveal code a bidder keeps, the commitments counted from the
 * contract's events, and the revealed bids ranked for the seller. No React, no chain.
 *
 * A bid's amount never leaves the bidder's browser before its reveal: the commitment is computed here with viem
 * (never with the contract's `commitmentOf`, which would send the amount to a node), and the amount and salt are kept
 * in the browser's storage and shown to the bidder as a reveal code to save.
 */
import { encodeAbiParameters, isAddressEqual, isHex, keccak256, toHex, type Address, type Hex } from "viem";

import {
  AUCTION_LIMITS,
  AUCTION_PHASES,
  type AuctionPhaseName,
  SEALED_BID_COMMITMENT_PARAMS,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
} from "@openfactor/sdk";

export { AUCTION_LIMITS };

/** The windows the dApp proposes: two days of bidding, then a day to reveal. */
export const DEFAULT_BIDDING_DAYS = "2";
export const DEFAULT_REVEAL_DAYS = "1";

/** A number of seconds as words: "2 days", "1 day 6 hours", "45 minutes". */
export function formatDuration(seconds: number | bigint): string {
  const s = Math.max(0, Number(seconds));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const d = Math.floor(s / SECONDS_PER_DAY);
  const h = Math.floor((s % SECONDS_PER_DAY) / SECONDS_PER_HOUR);
  const m = Math.floor((s % SECONDS_PER_HOUR) / 60);
  if (d > 0) return h > 0 ? `${plural(d, "day")} ${plural(h, "hour")}` : plural(d, "day");
  if (h > 0) return m > 0 ? `${plural(h, "hour")} ${plural(m, "minute")}` : plural(h, "hour");
  return m > 0 ? plural(m, "minute") : "less than a minute";
}

/**
 * A window typed in days ("2", "0.5") as whole seconds, checked against the contract's bounds; a sentence when the
 * text is not a number or the window is out of bounds.
 */
export function parseWindow(
  text: string,
  what: string,
  minimum: number,
  maximum: number,
): { seconds: number } | { problem: string } {
  const bounds = `between ${formatDuration(minimum)} and ${formatDuration(maximum)}`;
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) return { problem: `Enter the ${what} in days, ${bounds}.` };
  const seconds = Math.round(Number(text) * SECONDS_PER_DAY);
  if (seconds < minimum || seconds > maximum) return { problem: `The ${what} must be ${bounds}.` };
  return { seconds };
}

/** The seller's two windows, or the sentences saying what is wrong with them. */
export function parseWindows(
  bidding: string,
  reveal: string,
): { bidding: number; reveal: number; problems: [] } | { problems: string[] } {
  const b = parseWindow(
    bidding,
    "bidding window",
    AUCTION_LIMITS.MIN_BIDDING_WINDOW,
    AUCTION_LIMITS.MAX_BIDDING_WINDOW,
  );
  const r = parseWindow(reveal, "reveal window", AUCTION_LIMITS.MIN_REVEAL_WINDOW, AUCTION_LIMITS.MAX_REVEAL_WINDOW);
  if ("seconds" in b && "seconds" in r) return { bidding: b.seconds, reveal: r.seconds, problems: [] };
  return { problems: [b, r].flatMap((x) => ("problem" in x ? [x.problem] : [])) };
}

/** What an unrevealed bid forfeits to the seller once the reveal window ran its course (1 % of its deposit). */
export const forfeitOf = (deposit: bigint) => (deposit * BigInt(AUCTION_LIMITS.UNREVEALED_FORFEIT_BPS)) / 10_000n;

/** `phaseOf`'s number as its name ("None" for a number the enum does not have). */
export const phaseName = (phase: number | bigint | undefined): AuctionPhaseName =>
  AUCTION_PHASES[Number(phase ?? 0)] ?? "None";

/** A phase in words for a page: "Bidding", "Revealing bids", "Seller picking", … */
export const PHASE_WORDS: Record<AuctionPhaseName, string> = {
  None: "No auction",
  Bidding: "Bidding",
  Revealing: "Revealing bids",
  Picking: "Seller picking",
  Sold: "Sold",
  Closed: "Closed",
  Void: "Void (the claim changed)",
};

/** The phases during which an auction runs (its claim locked, bids held). */
export const RUNNING_PHASES: readonly AuctionPhaseName[] = ["Bidding", "Revealing", "Picking"];

/** The last second of the auction's current phase (unix seconds), or undefined for a phase without an end. */
export function phaseEnd(
  auction: { biddingEnds: bigint | number; revealEnds: bigint | number },
  phase: AuctionPhaseName,
): bigint | undefined {
  if (phase === "Bidding") return BigInt(auction.biddingEnds);
  if (phase === "Revealing") return BigInt(auction.revealEnds);
  if (phase === "Picking") return BigInt(auction.revealEnds) + BigInt(AUCTION_LIMITS.PICK_WINDOW);
  return undefined;
}

/** "ends in 1 day 4 hours" for a phase ending at `end`, at chain time `now`. */
export function timeLeft(end: bigint | undefined, now: bigint | undefined): string | undefined {
  if (end === undefined || now === undefined) return undefined;
  return end >= now ? `${formatDuration(end - now)} left` : "ended";
}

// ---------------------------------------------------------------- the bidder's secret

/** Where a sealed bid lives: the chain, the auction contract, the auction and the bidder. */
export interface SealedBidKey {
  chainId: number | bigint;
  auction: Address;
  auctionId: bigint;
  bidder: Address;
}

/** A sealed bid's secret: the amount and the salt it was committed with. */
export interface SealedSecret {
  amount: bigint;
  salt: Hex;
}

/** The commitment of a bid, as the contract's `commitmentOf` computes it, hashed here. */
export function sealedCommitment(key: SealedBidKey, secret: SealedSecret): Hex {
  return keccak256(
    encodeAbiParameters(SEALED_BID_COMMITMENT_PARAMS, [
      BigInt(key.chainId),
      key.auction,
      key.auctionId,
      key.bidder,
      secret.amount,
      secret.salt,
    ]),
  );
}

/** 32 random bytes from the browser's (or Node's) cryptographic generator. */
export function randomSalt(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): Hex {
  return toHex(random(new Uint8Array(32)));
}

/** The browser storage key of a sealed bid. */
export const sealedBidStorageKey = (key: SealedBidKey) =>
  `openfactor:sealed-bid:${key.chainId}:${key.auction.toLowerCase()}:${key.auctionId}:${key.bidder.toLowerCase()}`;

const CODE_PREFIX = "SEALED";

/** The reveal code a bidder saves: "SEALED-<auction id>-<amount in base units>-<salt>". */
export const revealCode = (auctionId: bigint, secret: SealedSecret) =>
  `${CODE_PREFIX}-${auctionId}-${secret.amount}-${secret.salt}`;

/** A reveal code read back (spaces around it ignored), or undefined when it is not one for `auctionId`. */
export function parseRevealCode(text: string, auctionId: bigint): SealedSecret | undefined {
  const match = /^SEALED-(\d{1,78})-(\d{1,39})-(0x[0-9a-fA-F]{64})$/.exec(text.trim());
  if (match === null || BigInt(match[1]) !== auctionId) return undefined;
  const amount = BigInt(match[2]);
  const salt = match[3].toLowerCase() as Hex;
  return amount > 0n && isHex(salt) ? { amount, salt } : undefined;
}

/** The small part of the Web Storage API used here (localStorage in the browser, a Map in tests). */
export interface SecretStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** How many secrets are kept per sealed bid (a bidder may replace its commitment). */
const KEPT_SECRETS = 5;

const storedCodes = (store: SecretStore, key: SealedBidKey) =>
  (store.getItem(sealedBidStorageKey(key)) ?? "").split("\n").filter((line) => line !== "");

/**
 * Keeps the secret of a sealed bid in `store` (as its reveal code), after the secrets kept before: it is saved
 * before the commitment is sent, so a commitment that fails or is replaced never loses the secret of the one on
 * chain.
 */
export function saveSecret(store: SecretStore, key: SealedBidKey, secret: SealedSecret): void {
  const codes = [...storedCodes(store, key), revealCode(key.auctionId, secret)].slice(-KEPT_SECRETS);
  store.setItem(sealedBidStorageKey(key), codes.join("\n"));
}

/**
 * The secret kept for a sealed bid: the one that hashes to `commitment` (the bid on chain), or without a commitment
 * the latest kept; undefined when none is.
 */
export function loadSecret(store: SecretStore, key: SealedBidKey, commitment?: Hex): SealedSecret | undefined {
  const secrets = storedCodes(store, key).flatMap((code) => parseRevealCode(code, key.auctionId) ?? []);
  if (commitment === undefined) return secrets.at(-1);
  return secrets.findLast((secret) => sealedCommitment(key, secret) === commitment);
}

// ---------------------------------------------------------------- the field of bids

/** The auction events that tell who holds a commitment, oldest first. */
export type CommitmentEvent =
  | { eventName: "BidCommitted"; args: { bidder?: Address } }
  | { eventName: "CommitmentWithdrawn"; args: { bidder?: Address } };

/**
 * The bidders holding a commitment after `events` (oldest first), in order of first commitment: a commitment
 * replaced counts once, a withdrawn one not at all. Never an amount: the events carry none before a reveal.
 */
export function committedBidders(events: readonly CommitmentEvent[]): Address[] {
  const bidders: Address[] = [];
  for (const { eventName, args } of events) {
    if (args.bidder === undefined) continue;
    const at = bidders.findIndex((b) => isAddressEqual(b, args.bidder!));
    if (eventName === "BidCommitted" && at < 0) bidders.push(args.bidder);
    if (eventName === "CommitmentWithdrawn" && at >= 0) bidders.splice(at, 1);
  }
  return bidders;
}

/** A bid as the seller sees it in the pick phase. */
export interface FieldBid {
  bidder: Address;
  deposit: bigint;
  /** The revealed amount; 0 until revealed. */
  amount: bigint;
}

/**
 * The bids for the seller: the revealed ones best first (highest amount; equal amounts in the order given), then
 * those never revealed, which cannot be accepted.
 */
export function rankBids<B extends FieldBid>(bids: readonly B[]): { revealed: B[]; unrevealed: B[] } {
  const revealed = bids.filter((b) => b.amount > 0n);
  const order = new Map(revealed.map((b, i) => [b, i]));
  revealed.sort((x, y) => (x.amount === y.amount ? order.get(x)! - order.get(y)! : x.amount > y.amount ? -1 : 1));
  return { revealed, unrevealed: bids.filter((b) => b.amount === 0n && b.deposit > 0n) };
}
