import { AbiCoder, keccak256 as ethersKeccak } from "ethers";
import { describe, expect, it } from "vitest";

import {
  committedBidders,
  forfeitOf,
  formatDuration,
  loadSecret,
  parseRevealCode,
  parseWindows,
  phaseEnd,
  phaseName,
  randomSalt,
  rankBids,
  revealCode,
  saveSecret,
  sealedBidStorageKey,
  sealedCommitment,
  timeLeft,
  type SealedBidKey,
  type SecretStore,
} from "./auction";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as const;
const C = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as const;
const KEY: SealedBidKey = {
  chainId: 31_337,
  auction: "0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6",
  auctionId: 3n,
  bidder: A,
};
const SECRET = { amount: 117_250_000_000n, salt: `0x${"5a".repeat(32)}` as const };

const memoryStore = (): SecretStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};

describe("sealedCommitment", () => {
  it("is keccak256(abi.encode(chainId, auction, auctionId, bidder, amount, salt)), as another encoder computes it", () => {
    const encoded = AbiCoder.defaultAbiCoder().encode(
      ["uint256", "address", "uint256", "address", "uint256", "bytes32"],
      [31_337, KEY.auction, 3, A, SECRET.amount, SECRET.salt],
    );
    expect(sealedCommitment(KEY, SECRET)).toBe(ethersKeccak(encoded));
  });

  it("changes with the bidder, the auction, the amount and the salt", () => {
    const base = sealedCommitment(KEY, SECRET);
    expect(sealedCommitment({ ...KEY, bidder: B }, SECRET)).not.toBe(base);
    expect(sealedCommitment({ ...KEY, auctionId: 4n }, SECRET)).not.toBe(base);
    expect(sealedCommitment(KEY, { ...SECRET, amount: SECRET.amount + 1n })).not.toBe(base);
    expect(sealedCommitment(KEY, { ...SECRET, salt: `0x${"5b".repeat(32)}` })).not.toBe(base);
  });
});

describe("the bidder's secret", () => {
  it("draws 32 random bytes as the salt", () => {
    expect(randomSalt(() => new Uint8Array(32).fill(0xab))).toBe(`0x${"ab".repeat(32)}`);
    expect(randomSalt()).toMatch(/^0x[0-9a-f]{64}$/);
    expect(randomSalt()).not.toBe(randomSalt());
  });

  it("round-trips through the reveal code, for its auction only", () => {
    const code = revealCode(3n, SECRET);
    expect(code).toBe(`SEALED-3-117250000000-0x${"5a".repeat(32)}`);
    expect(parseRevealCode(`  ${code}\n`, 3n)).toEqual(SECRET);
    expect(parseRevealCode(code, 4n)).toBeUndefined();
    expect(parseRevealCode("SEALED-3-0-0x" + "5a".repeat(32), 3n)).toBeUndefined();
    expect(parseRevealCode("SEALED-3-100-0x1234", 3n)).toBeUndefined();
    expect(parseRevealCode("not a code", 3n)).toBeUndefined();
  });

  it("is stored under the chain, the auction contract, the auction and the bidder", () => {
    expect(sealedBidStorageKey(KEY)).toBe(
      "openfactor:sealed-bid:31337:0x2279b7a0a67db372996a5fab50d91eaa73d2ebe6:3:0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    );
    const store = memoryStore();
    saveSecret(store, KEY, SECRET);
    expect(loadSecret(store, KEY)).toEqual(SECRET);
    expect(loadSecret(store, { ...KEY, bidder: B })).toBeUndefined();
    expect(loadSecret(store, { ...KEY, chainId: 1 })).toBeUndefined();
  });

  it("is loaded only when it hashes to the bid's commitment on chain", () => {
    const store = memoryStore();
    saveSecret(store, KEY, SECRET);
    expect(loadSecret(store, KEY, sealedCommitment(KEY, SECRET))).toEqual(SECRET);
    expect(loadSecret(store, KEY, `0x${"00".repeat(31)}01`)).toBeUndefined();
  });

  it("keeps earlier secrets, so a replacement that never reached the chain loses nothing", () => {
    const store = memoryStore();
    const later = { amount: 1n, salt: `0x${"01".repeat(32)}` as const };
    saveSecret(store, KEY, SECRET);
    saveSecret(store, KEY, later);
    expect(loadSecret(store, KEY)).toEqual(later);
    expect(loadSecret(store, KEY, sealedCommitment(KEY, SECRET))).toEqual(SECRET);
    for (let i = 2n; i < 8n; i++) saveSecret(store, KEY, { ...later, amount: i });
    expect(loadSecret(store, KEY, sealedCommitment(KEY, SECRET))).toBeUndefined();
    expect(store.map.get(sealedBidStorageKey(KEY))!.split("\n")).toHaveLength(5);
  });
});

describe("windows and phases", () => {
  it("reads windows in days within the contract's bounds", () => {
    expect(parseWindows("2", "1")).toEqual({ bidding: 172_800, reveal: 86_400, problems: [] });
    expect(parseWindows("0.5", "0.25")).toEqual({ bidding: 43_200, reveal: 21_600, problems: [] });
    expect(parseWindows("31", "1").problems).toEqual(["The bidding window must be between 1 hour and 30 days."]);
    expect(parseWindows("1", "8").problems).toEqual(["The reveal window must be between 1 hour and 7 days."]);
    expect(parseWindows("0.01", "x").problems).toEqual([
      "The bidding window must be between 1 hour and 30 days.",
      "Enter the reveal window in days, between 1 hour and 7 days.",
    ]);
  });

  it("names phases and the end of each running one", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9].map(phaseName)).toEqual([
      "None",
      "Bidding",
      "Revealing",
      "Picking",
      "Sold",
      "Closed",
      "Void",
      "None",
    ]);
    const auction = { biddingEnds: 1_000n, revealEnds: 2_000n };
    expect(phaseEnd(auction, "Bidding")).toBe(1_000n);
    expect(phaseEnd(auction, "Revealing")).toBe(2_000n);
    expect(phaseEnd(auction, "Picking")).toBe(2_000n + 172_800n);
    expect(phaseEnd(auction, "Sold")).toBeUndefined();
  });

  it("says how long is left", () => {
    expect(formatDuration(2 * 86_400)).toBe("2 days");
    expect(formatDuration(86_400 + 6 * 3_600 + 59)).toBe("1 day 6 hours");
    expect(formatDuration(3_600 + 60)).toBe("1 hour 1 minute");
    expect(formatDuration(45 * 60)).toBe("45 minutes");
    expect(formatDuration(30)).toBe("less than a minute");
    expect(timeLeft(1_000n + 7_200n, 1_000n)).toBe("2 hours left");
    expect(timeLeft(999n, 1_000n)).toBe("ended");
    expect(timeLeft(undefined, 1_000n)).toBeUndefined();
  });

  it("forfeits 1 % of an unrevealed deposit, rounded down", () => {
    expect(forfeitOf(120_000_000_000n)).toBe(1_200_000_000n);
    expect(forfeitOf(199n)).toBe(1n);
  });
});

describe("the field of bids", () => {
  it("counts bidders holding a commitment: replaced once, withdrawn not at all", () => {
    expect(
      committedBidders([
        { eventName: "BidCommitted", args: { bidder: A } },
        { eventName: "BidCommitted", args: { bidder: B } },
        { eventName: "BidCommitted", args: { bidder: A } },
        { eventName: "CommitmentWithdrawn", args: { bidder: B } },
        { eventName: "BidCommitted", args: { bidder: C } },
        { eventName: "BidCommitted", args: { bidder: B.toLowerCase() as typeof B } },
      ]),
    ).toEqual([A, C, B.toLowerCase()]);
    expect(committedBidders([])).toEqual([]);
  });

  it("ranks revealed bids best first and lists the unrevealed apart", () => {
    const bids = [
      { bidder: A, deposit: 100n, amount: 90n },
      { bidder: B, deposit: 100n, amount: 0n },
      { bidder: C, deposit: 100n, amount: 95n },
      { bidder: B, deposit: 0n, amount: 0n },
      { bidder: A, deposit: 95n, amount: 95n },
    ];
    const { revealed, unrevealed } = rankBids(bids);
    expect(revealed).toEqual([bids[2], bids[4], bids[0]]);
    expect(unrevealed).toEqual([bids[1]]);
  });
});
