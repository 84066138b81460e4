/**
 * H1/H3: a currency whose transfer hook re-enters the market. The ReentrantToken is allowlisted, claims are issued
 * in it, and the token contract itself is made a verified factor with its own money, bid, refund and claim, so that
 * each call its hook makes would succeed on its own (the control tests show it). Armed, the hook makes that call in
 * the middle of a legitimate market call that moves the token: the inner call fails with
 * ReentrancyGuardReentrantCall and the state is exactly the one the legitimate call alone leaves.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { cast, expectMarketSolvent, marketSnapshot } from "./helpers/marketState.js";
import { ReentrantToken__factory, type ReentrantToken } from "../types/index.js";
import { DAY } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

const E = 10n ** 18n;
const FACE = 10_000n * E;
const FACTOR_ROLE = 2;

interface Scene {
  s: MarketSystem;
  rnt: ReentrantToken;
  /** The token contract's address: a verified factor that acts through its own hook. */
  token: string;
  /** Held by the SME; the factor bids 9,000, the token bids 9,100 (lowered from 9,200: 100 credited). */
  a: bigint;
  /** Held by the token; the factor bids 9,000 (lowered from 9,100: 100 credited). */
  b: bigint;
  /** Held by the SME, listed at 9,800. */
  d: bigint;
  /** Held by the token, which listed it itself at 9,900. */
  e: bigint;
  expiry: bigint;
}

/** Makes the token contract call the market with `data` from its hook during a plain transfer between two EOAs. */
async function asToken(sc: Scene, target: string, data: string): Promise<void> {
  await sc.rnt.arm(target, data, false);
  await sc.rnt.connect(sc.s.factor).transfer(sc.s.bank.address, 1n);
  expect(await sc.rnt.reentrySucceeded(), `the token's own call to ${target}`).to.equal(true);
}

async function scene(): Promise<Scene> {
  const s = await networkHelpers.loadFixture(fixture);
  const rnt = await new ReentrantToken__factory(s.operator).deploy();
  const token = await rnt.getAddress();
  const market = await s.market.getAddress();
  await s.registry.connect(s.operator).setCurrencyAllowed(token, true);
  const yearFromNow = (await s.now()) + 365n * DAY;
  await s.registry.connect(s.operator).verify(token, FACTOR_ROLE, yearFromNow);
  for (const buyer of [s.factor, s.bank]) {
    await rnt.mint(buyer.address, 100_000n * E);
    await rnt.connect(buyer).approve(market, ethers.MaxUint256);
  }
  await rnt.mint(token, 100_000n * E);

  const a = await s.issueAccepted({ currency: token, faceValue: FACE });
  const b = await s.issueAccepted({ currency: token, faceValue: FACE });
  const d = await s.issueAccepted({ currency: token, faceValue: FACE });
  const e = await s.issueAccepted({ currency: token, faceValue: FACE });
  const expiry = (await s.now()) + 10n * DAY;
  await s.claims.connect(s.sme).transferFrom(s.sme.address, token, b);
  await s.claims.connect(s.sme).transferFrom(s.sme.address, token, e);
  await s.market.connect(s.sme).list(d, 9_800n * E, 0n, expiry);
  await s.market.connect(s.factor).bid(a, 9_000n * E, expiry);
  await s.market.connect(s.factor).bid(b, 9_100n * E, expiry);
  await s.market.connect(s.factor).bid(b, 9_000n * E, expiry);

  const sc: Scene = { s, rnt, token, a, b, d, e, expiry };
  // The token approves the market and bids for itself, through its hook: the same calls, made from outside any
  // market call, go through.
  await asToken(sc, token, rnt.interface.encodeFunctionData("approve", [market, ethers.MaxUint256]));
  await asToken(sc, market, s.market.interface.encodeFunctionData("bid", [a, 9_200n * E, expiry]));
  await asToken(sc, market, s.market.interface.encodeFunctionData("bid", [a, 9_100n * E, expiry]));
  await asToken(sc, market, s.market.interface.encodeFunctionData("list", [e, 9_900n * E, 0n, expiry]));
  expect(await s.market.credited(token, token)).to.equal(100n * E);
  expect(await s.claims.ownerOf(b)).to.equal(token);
  expect((await s.market.listing(e)).seller).to.equal(token);
  return sc;
}

type Outer = "bid" | "bidWithPermit" | "buy" | "acceptBid" | "cancelBid" | "withdraw";
type Inner = "bid" | "cancelBid" | "withdraw" | "acceptBid" | "buy" | "list" | "delist";
const OUTERS: Outer[] = ["bid", "bidWithPermit", "buy", "acceptBid", "cancelBid", "withdraw"];
const INNERS: Inner[] = ["bid", "cancelBid", "withdraw", "acceptBid", "buy", "list", "delist"];

/** The legitimate call, by an EOA, that moves the token (and so fires the hook). */
function outer(sc: Scene, fn: Outer) {
  const { s } = sc;
  const noPermit = { value: 0n, deadline: 0n, v: 0, r: ethers.ZeroHash, s: ethers.ZeroHash };
  switch (fn) {
    case "bid": // transferFrom bank -> market
      return s.market.connect(s.bank).bid(sc.a, 9_500n * E, sc.expiry);
    case "bidWithPermit": // the token has no permit: tried, ignored; then transferFrom
      return s.market.connect(s.bank).bidWithPermit(sc.a, 9_500n * E, sc.expiry, noPermit);
    case "buy": // transferFrom bank -> market, then transfer market -> SME
      return s.market.connect(s.bank).buy(sc.d, 9_800n * E);
    case "acceptBid": // transfer market -> SME
      return s.market.connect(s.sme).acceptBid(sc.a, s.factor.address, 9_000n * E);
    case "cancelBid": // transfer market -> factor
      return s.market.connect(s.factor).cancelBid(sc.a, s.factor.address);
    case "withdraw": // transfer market -> factor
      return s.market.connect(s.factor).withdraw(sc.token, s.factor.address);
  }
}

/** What the token contract calls from its hook: each one would succeed on its own (see the control tests). */
function inner(sc: Scene, fn: Inner): string {
  const i = sc.s.market.interface;
  switch (fn) {
    case "bid":
      return i.encodeFunctionData("bid", [sc.a, 9_300n * E, sc.expiry]);
    case "cancelBid":
      return i.encodeFunctionData("cancelBid", [sc.a, sc.token]);
    case "withdraw":
      return i.encodeFunctionData("withdraw", [sc.token, sc.token]);
    case "acceptBid":
      return i.encodeFunctionData("acceptBid", [sc.b, sc.s.factor.address, 0n]);
    case "buy":
      return i.encodeFunctionData("buy", [sc.d, 9_800n * E]);
    case "list":
      return i.encodeFunctionData("list", [sc.b, 9_900n * E, 0n, sc.expiry]);
    case "delist":
      return i.encodeFunctionData("delist", [sc.e]);
  }
}

/** Everything a market call can change in this scene. */
async function state(sc: Scene) {
  const { s } = sc;
  return marketSnapshot(s, {
    ids: [sc.a, sc.b, sc.d, sc.e],
    accounts: [...cast(s), sc.token],
    tokens: [sc.rnt],
  });
}

describe("ClaimMarket: reentrancy through a currency's transfer hook (H1, H3)", () => {
  describe("control: the token contract's own calls go through when no market call is running", () => {
    for (const fn of INNERS) {
      it(`${fn} from the hook during a plain transfer succeeds`, async () => {
        const sc = await scene();
        const before = await state(sc);
        await asToken(sc, await sc.s.market.getAddress(), inner(sc, fn));
        expect(await state(sc)).not.to.deep.equal(before);
        await expectMarketSolvent(sc.s, sc.rnt, [sc.a, sc.b, sc.d, sc.e], [...cast(sc.s), sc.token]);
      });
    }
  });

  for (const outerFn of OUTERS) {
    describe(`when ${outerFn} moves the token`, () => {
      for (const innerFn of INNERS) {
        for (const beforeUpdate of [true, false]) {
          const when = beforeUpdate ? "before" : "after";
          it(`the hook re-entering ${innerFn} ${when} the balance update is blocked (ReentrancyGuardReentrantCall), state as after one call`, async () => {
            const sc = await scene();
            const market = await sc.s.market.getAddress();

            // What the legitimate call alone leaves behind.
            const snapshot = await networkHelpers.takeSnapshot();
            await outer(sc, outerFn);
            const expected = await state(sc);
            await snapshot.restore();

            await sc.rnt.arm(market, inner(sc, innerFn), beforeUpdate);
            const guard = sc.s.market.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
            await expect(outer(sc, outerFn)).to.emit(sc.rnt, "ReentryAttempted").withArgs(market, false, guard);
            expect(await sc.rnt.reentryAttempted()).to.equal(true);
            expect(await sc.rnt.reentrySucceeded()).to.equal(false);
            expect(await sc.rnt.reentryReturnData()).to.equal(guard);
            expect(await sc.rnt.armed()).to.equal(false);
            expect(await state(sc)).to.deep.equal(expected);
            await expectMarketSolvent(sc.s, sc.rnt, [sc.a, sc.b, sc.d, sc.e], [...cast(sc.s), sc.token]);
          });
        }
      }
    });
  }
});
