/**
 * Finding: bids were readable by every other bidder before the auction closed. The rules of a claim's auction say
 * bids stay hidden from the other bidders until it closes; the market's open auction (`bid`) publishes each amount
 * in its BidPlaced event and in its storage, so a rival reads it and outbids by one unit. That part documents the
 * open auction and stays true: it is the transparent choice a seller may still make. The sealed-bid auction is the
 * hidden one: before a bid is revealed, no log of the commit transaction, none of its calldata and no storage word
 * of the auction contract holds the amount, and the seller cannot accept a bid it cannot read.
 */
import { expect } from "chai";
import { toBeHex } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "../fixtures/market.js";
import { USD } from "../fixtures/system.js";
import {
  approveBidders,
  commitmentIn,
  newSalt,
  openAuction,
  revealBid,
  toPicking,
  toRevealing,
} from "../helpers/auction.js";
import { AuctionPhase, DAY } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = async () => {
  const s = await deployMarketSystem(connection);
  await approveBidders(s);
  return s;
};

/** A bid with an unusual digit pattern, so that finding its bytes by chance in a hash is out of the question. */
const AMOUNT = 9_187_654_321n;
const DEPOSIT = 10_000n * USD;

/** The amount's big-endian bytes, as hex without 0x (even length). */
const AMOUNT_HEX = toBeHex(AMOUNT).slice(2).toLowerCase();

/** Whether `hex` (0x-prefixed) holds the amount's bytes at a byte boundary. */
function holdsAmount(hex: string): boolean {
  const body = hex.slice(2).toLowerCase();
  for (let i = 0; i + AMOUNT_HEX.length <= body.length; i += 2) {
    if (body.slice(i, i + AMOUNT_HEX.length) === AMOUNT_HEX) return true;
  }
  return false;
}

/** Every storage slot a transaction sent to the auction wrote in it, from the node's struct-log trace. */
async function slotsWritten(hash: string): Promise<string[]> {
  const trace = (await ethers.provider.send("debug_traceTransaction", [hash, { enableMemory: false }])) as {
    structLogs: { op: string; stack?: string[]; depth: number }[];
  };
  // The auction is called at depth 1 by the EOA; its own SSTOREs run at that depth (its calls out go deeper).
  const slots = new Set<string>();
  for (const log of trace.structLogs) {
    if (log.op !== "SSTORE" || log.depth !== 1 || log.stack === undefined) continue;
    slots.add(toBeHex(BigInt(log.stack[log.stack.length - 1]), 32));
  }
  return [...slots];
}

/** The storage words the auction contract uses for its records, its bids and its ledger, read back. */
async function auctionWords(s: MarketSystem, extraSlots: string[]): Promise<string[]> {
  const target = await s.auction.getAddress();
  const slots = new Set<string>(extraSlots);
  // The declared variables' slots (the arrays' and mappings' heads) and the first auction's record.
  for (let i = 0n; i < 8n; i++) slots.add(toBeHex(i, 32));
  const base = BigInt(ethers.keccak256(toBeHex(0n, 32)));
  for (let i = 0n; i < 6n; i++) slots.add(toBeHex(base + i, 32));
  return Promise.all([...slots].map((slot) => ethers.provider.getStorage(target, slot)));
}

describe("Finding: bids hidden from other bidders until the auction closes", () => {
  it("the market's open auction publishes each bid's amount (documented, unchanged)", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    await s.market.connect(s.sme).list(id, 9_800n * USD, 0n, (await s.now()) + 7n * DAY);
    const tx = await s.market.connect(s.factor).bid(id, AMOUNT, (await s.now()) + DAY);
    const receipt = await tx.wait();
    const placed = receipt!.logs
      .map((log) => s.market.interface.parseLog(log))
      .find((parsed) => parsed?.name === "BidPlaced");
    expect(placed?.args.amount, "a rival reads the amount from the event").to.equal(AMOUNT);
    expect(holdsAmount(tx.data), "and from the calldata").to.equal(true);
  });

  it("a sealed bid's amount is in no log, no calldata and no storage word before its reveal", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { auctionId } = await openAuction(s, undefined, { biddingWindow: DAY });
    const salt = newSalt();
    const commitment = await commitmentIn(s, auctionId, s.factor.address, AMOUNT, salt);
    const tx = await s.auction.connect(s.factor).commitBid(auctionId, commitment, DEPOSIT);
    const receipt = (await tx.wait())!;

    expect(holdsAmount(tx.data), "calldata").to.equal(false);
    expect(receipt.logs.length).to.be.greaterThan(0);
    for (const log of receipt.logs) {
      for (const topic of log.topics) expect(holdsAmount(topic), `log topic ${topic}`).to.equal(false);
      expect(holdsAmount(log.data), `log data ${log.data}`).to.equal(false);
    }
    const written = await slotsWritten(tx.hash);
    expect(written.length, "the commit wrote the bid").to.be.greaterThan(0);
    for (const word of await auctionWords(s, written)) {
      expect(holdsAmount(word), `storage word ${word}`).to.equal(false);
    }
    const bid = await s.auction.sealedBid(auctionId, s.factor.address);
    expect(bid.amount).to.equal(0n);
    expect(bid.deposit).to.equal(DEPOSIT);

    // The seller cannot pick a bid it cannot read: not before the pick window, nor an unrevealed one in it.
    await toRevealing(s, auctionId);
    await networkHelpers.mine();
    await expect(s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n))
      .to.be.revertedWithCustomError(s.auction, "AuctionWrongPhase")
      .withArgs(auctionId, AuctionPhase.Revealing, AuctionPhase.Picking);
    await toPicking(s, auctionId);
    await networkHelpers.mine();
    await expect(s.auction.connect(s.sme).acceptBid(auctionId, s.factor.address, 0n))
      .to.be.revertedWithCustomError(s.auction, "AuctionBidNotRevealed")
      .withArgs(auctionId, s.factor.address);
  });

  it("the amount becomes readable only when its bidder reveals it", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { auctionId } = await openAuction(s, undefined, { biddingWindow: DAY });
    const salt = newSalt();
    const commitment = await commitmentIn(s, auctionId, s.factor.address, AMOUNT, salt);
    await s.auction.connect(s.factor).commitBid(auctionId, commitment, DEPOSIT);
    await toRevealing(s, auctionId);
    const tx = await revealBid(s, auctionId, { bidder: s.factor, amount: AMOUNT, salt, deposit: DEPOSIT, commitment });
    expect(holdsAmount(tx.data)).to.equal(true);
    // The same storage scan that found nothing before the reveal finds the amount once it is revealed.
    const words = await auctionWords(s, await slotsWritten(tx.hash));
    expect(words.some(holdsAmount), "a storage word holds the revealed amount").to.equal(true);
    expect((await s.auction.sealedBid(auctionId, s.factor.address)).amount).to.equal(AMOUNT);
  });
});
