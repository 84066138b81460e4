/**
 * SealedBidAuction: reentrancy through a currency's transfer hook. The ReentrantToken is allowlisted, claims are
 * auctioned in it, and the token contract itself is a verified factor with its own sealed bid and credit, so each
 * call its hook makes would succeed on its own (the control tests show it). Armed, the hook makes that call in the
 * middle of a legitimate auction call that moves the token: the inner call fails with ReentrancyGuardReentrantCall
 * and the state is exactly the one the legitimate call alone leaves.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import {
  approveBidders,
  auctionSnapshot,
  commitBid,
  commitmentIn,
  expectAuctionSolvent,
  newSalt,
  openAuction,
  revealBid,
  toPicking,
  toRevealing,
} from "./helpers/auction.js";
import { ReentrantToken__factory, type ReentrantToken } from "../types/index.js";
import { DAY, Role } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = () => deployMarketSystem(connection);

const E = 10n ** 18n;
const FACE = 10_000n * E;

interface Scene {
  s: MarketSystem;
  rnt: ReentrantToken;
  /** The token contract's address: a verified factor that acts through its own hook. */
  token: string;
  /** In its pick window: the factor's revealed 9,000 (1,000 credited back to the factor). */
  picking: bigint;
  /** Bidding: the factor's sealed bid and the token's (deposit 9,200 lowered to 9,100: 100 credited). */
  bidding: bigint;
}

/** Makes the token contract call `target` with `data` from its hook during a plain transfer between two EOAs. */
async function asToken(sc: Scene, target: string, data: string): Promise<void> {
  await sc.rnt.arm(target, data, false);
  await sc.rnt.connect(sc.s.factor).transfer(sc.s.bank.address, 1n);
  expect(await sc.rnt.reentrySucceeded(), `the token's own call to ${target}`).to.equal(true);
}

async function scene(): Promise<Scene> {
  const s = await networkHelpers.loadFixture(base);
  const rnt = await new ReentrantToken__factory(s.operator).deploy();
  const token = await rnt.getAddress();
  const auction = await s.auction.getAddress();
  await s.registry.connect(s.operator).setCurrencyAllowed(token, true);
  await s.registry.connect(s.operator).verify(token, Role.Factor, (await s.now()) + 365n * DAY);
  for (const buyer of [s.factor, s.bank]) await rnt.mint(buyer.address, 100_000n * E);
  await approveBidders(s, [s.factor, s.bank], rnt);
  await rnt.mint(token, 100_000n * E);

  const { auctionId: picking } = await openAuction(s, await s.issueAccepted({ currency: token, faceValue: FACE }));
  const bid = await commitBid(s, picking, s.factor, 9_000n * E, FACE);
  await toRevealing(s, picking);
  await revealBid(s, picking, bid);
  await toPicking(s, picking);
  const { auctionId: bidding } = await openAuction(s, await s.issueAccepted({ currency: token, faceValue: FACE }), {
    biddingWindow: DAY,
  });
  await commitBid(s, bidding, s.factor, 9_000n * E, FACE);

  const sc: Scene = { s, rnt, token, picking, bidding };
  const sealed = async (amount: bigint) => commitmentIn(s, bidding, token, amount, newSalt());
  const i = s.auction.interface;
  await asToken(sc, token, rnt.interface.encodeFunctionData("approve", [auction, ethers.MaxUint256]));
  await asToken(sc, auction, i.encodeFunctionData("commitBid", [bidding, await sealed(9_200n * E), 9_200n * E]));
  await asToken(sc, auction, i.encodeFunctionData("commitBid", [bidding, await sealed(9_100n * E), 9_100n * E]));
  expect(await s.auction.credited(token, token)).to.equal(100n * E);
  expect(await s.auction.credited(s.factor.address, token)).to.equal(1_000n * E);
  return sc;
}

type Outer = "commitBid" | "acceptBid" | "withdraw";
type Inner = "commitBid" | "withdrawCommitment" | "withdraw";
const OUTERS: Outer[] = ["commitBid", "acceptBid", "withdraw"];
const INNERS: Inner[] = ["commitBid", "withdrawCommitment", "withdraw"];

/** The legitimate call, by an EOA, that moves the token (and so fires the hook). */
async function outer(sc: Scene, fn: Outer, commitment: string) {
  const { s } = sc;
  switch (fn) {
    case "commitBid": // transferFrom bank -> auction
      return s.auction.connect(s.bank).commitBid(sc.bidding, commitment, FACE);
    case "acceptBid": // transfer auction -> seller
      return s.auction.connect(s.sme).acceptBid(sc.picking, s.factor.address, 0n);
    case "withdraw": // transfer auction -> factor
      return s.auction.connect(s.factor).withdraw(sc.token, s.factor.address);
  }
}

/** What the token contract calls from its hook: each one would succeed on its own (see the control tests). */
async function inner(sc: Scene, fn: Inner): Promise<string> {
  const i = sc.s.auction.interface;
  switch (fn) {
    case "commitBid": {
      const commitment = await commitmentIn(sc.s, sc.bidding, sc.token, 9_300n * E, newSalt());
      return i.encodeFunctionData("commitBid", [sc.bidding, commitment, 9_300n * E]);
    }
    case "withdrawCommitment":
      return i.encodeFunctionData("withdrawCommitment", [sc.bidding]);
    case "withdraw":
      return i.encodeFunctionData("withdraw", [sc.token, sc.token]);
  }
}

const state = (sc: Scene) => auctionSnapshot(sc.s, sc.rnt, [sc.token]);

describe("SealedBidAuction: reentrancy through a currency's transfer hook", () => {
  describe("control: the token contract's own calls go through when no auction call is running", () => {
    for (const fn of INNERS) {
      it(`${fn} from the hook during a plain transfer succeeds`, async () => {
        const sc = await scene();
        const before = await state(sc);
        await asToken(sc, await sc.s.auction.getAddress(), await inner(sc, fn));
        expect(await state(sc)).not.to.deep.equal(before);
        await expectAuctionSolvent(sc.s, sc.rnt, [sc.token]);
      });
    }
  });

  for (const outerFn of OUTERS) {
    describe(`when ${outerFn} moves the token`, () => {
      for (const innerFn of INNERS) {
        for (const beforeUpdate of [true, false]) {
          const when = beforeUpdate ? "before" : "after";
          it(`the hook re-entering ${innerFn} ${when} the balance update is blocked, state as after one call`, async () => {
            const sc = await scene();
            const auction = await sc.s.auction.getAddress();
            const commitment = await commitmentIn(sc.s, sc.bidding, sc.s.bank.address, 9_500n * E, newSalt());

            // Both runs of the outer call happen at the same second (a sale records its time).
            const at = (await sc.s.now()) + 10n;
            const snapshot = await networkHelpers.takeSnapshot();
            await networkHelpers.time.setNextBlockTimestamp(at);
            await outer(sc, outerFn, commitment);
            const expected = await state(sc);
            await snapshot.restore();

            await sc.rnt.arm(auction, await inner(sc, innerFn), beforeUpdate);
            await networkHelpers.time.setNextBlockTimestamp(at);
            const guard = sc.s.auction.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
            await expect(outer(sc, outerFn, commitment))
              .to.emit(sc.rnt, "ReentryAttempted")
              .withArgs(auction, false, guard);
            expect(await sc.rnt.reentrySucceeded()).to.equal(false);
            expect(await sc.rnt.armed()).to.equal(false);
            expect(await state(sc)).to.deep.equal(expected);
            await expectAuctionSolvent(sc.s, sc.rnt, [sc.token]);
          });
        }
      }
    });
  }
});
