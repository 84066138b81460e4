import { expect } from "chai";
import { keccak256, MaxUint256, toBigInt, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import {
  annualYield,
  bankDiscount,
  BPS,
  DAY,
  daysToMaturity,
  MAX_YIELD_BPS,
  priceForYield,
  Role,
  splitFee,
  YEAR,
  yieldBpsForPrice,
} from "@openfactor/sdk";
import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { MockStablecoin__factory, type MockStablecoin } from "../types/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** The worked example of docs/pricing.md: 10,000 USDC due in 60 days at 10 % a year, 0.25 % fee. */
const EXAMPLE = {
  outstanding: 10_000n * USD,
  yieldBps: 1_000n,
  remaining: 60n * DAY,
  price: 9_838_274_932n,
  fee: 24_595_687n,
  net: 9_813_679_245n,
} as const;

/** Deterministic pseudo-random numbers: a keccak256 chain from a label, so every run sees the same cases. */
class Rng {
  private state: string;

  constructor(label: string) {
    this.state = keccak256(toUtf8Bytes(label));
  }

  /** A uniform 256-bit value. */
  next(): bigint {
    this.state = keccak256(this.state);
    return toBigInt(this.state);
  }

  /** Uniform in [low, high]. */
  between(low: bigint, high: bigint): bigint {
    return low + (this.next() % (high - low + 1n));
  }

  /** Spread over every order of magnitude in [1, 10^maxDigits]: 10^e with e uniform, then uniform below it. */
  magnitude(maxDigits: number): bigint {
    const digits = this.between(0n, BigInt(maxDigits));
    return this.between(1n, 10n ** digits);
  }
}

/** Exact rational check of a rounded-down quotient: q = floor(n / d) iff q*d <= n < (q+1)*d. */
function expectFloor(q: bigint, n: bigint, d: bigint): void {
  expect(q * d <= n, `${q} * ${d} <= ${n}`).to.equal(true);
  expect(n < (q + 1n) * d, `${n} < (${q} + 1) * ${d}`).to.equal(true);
}

/**
 * |actual - expected| <= tolerance, for the display rates (numbers). The ethers chai matchers take over `closeTo`
 * and `lessThan` for integers, so fractions are compared here.
 */
function expectNear(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) <= tolerance, `${actual} within ${tolerance} of ${expected}`).to.equal(true);
}

/** a < b (or a <= b), for numbers. */
function expectBelow(a: number, b: number, orEqual = false): void {
  expect(orEqual ? a <= b : a < b, `${a} ${orEqual ? "<=" : "<"} ${b}`).to.equal(true);
}

describe("the SDK's pricing", () => {
  describe("priceForYield", () => {
    it("gives the worked example of docs/pricing.md to the base unit", () => {
      expect(priceForYield(EXAMPLE.outstanding, EXAMPLE.yieldBps, EXAMPLE.remaining)).to.equal(EXAMPLE.price);
      expect(priceForYield(Number(EXAMPLE.outstanding), 1_000, 60 * 86_400)).to.equal(EXAMPLE.price);
    });

    it("is the outstanding amount itself with no time left or no yield", () => {
      expect(priceForYield(12_345n, 10_000n, 0n)).to.equal(12_345n);
      expect(priceForYield(12_345n, 0n, YEAR)).to.equal(12_345n);
      expect(priceForYield(0n, 5_000n, DAY)).to.equal(0n);
    });

    it("halves the outstanding amount at 100 % a year over a full year", () => {
      expect(priceForYield(1_000_000n, MAX_YIELD_BPS, YEAR)).to.equal(500_000n);
      expect(priceForYield(1_000_001n, MAX_YIELD_BPS, YEAR)).to.equal(500_000n);
    });

    describe("when the exact price has a fraction", () => {
      it("rounds down: the buyer never pays more than its yield allows", () => {
        // 3 units at 100 % for a year is exactly 1.5.
        expect(priceForYield(3n, 10_000n, YEAR)).to.equal(1n);
        // One unit, any positive yield and time: the exact price is just below 1.
        expect(priceForYield(1n, 1n, 1n)).to.equal(0n);
        const rng = new Rng("pricing/unit/floor");
        for (let i = 0; i < 500; ++i) {
          const outstanding = rng.magnitude(33);
          const yieldBps = rng.between(1n, 10_000n);
          const remaining = rng.between(1n, YEAR);
          const scale = BPS * YEAR;
          expectFloor(
            priceForYield(outstanding, yieldBps, remaining),
            outstanding * scale,
            scale + yieldBps * remaining,
          );
        }
      });
    });

    it("never rises with the yield or the time left, and never exceeds the outstanding amount", () => {
      const rng = new Rng("pricing/unit/monotone");
      for (let i = 0; i < 300; ++i) {
        const outstanding = rng.magnitude(24);
        const yieldBps = rng.between(1n, 9_999n);
        const remaining = rng.between(1n, YEAR - 1n);
        const price = priceForYield(outstanding, yieldBps, remaining);
        expect(price).to.be.lte(outstanding);
        expect(priceForYield(outstanding, yieldBps + 1n, remaining)).to.be.lte(price);
        expect(priceForYield(outstanding, yieldBps, remaining + 1n)).to.be.lte(price);
      }
    });

    it("refuses negative and fractional arguments with a RangeError", () => {
      expect(() => priceForYield(-1n, 1n, 1n)).to.throw(RangeError, /outstanding/);
      expect(() => priceForYield(1n, -1, 1n)).to.throw(RangeError, /yieldBps/);
      expect(() => priceForYield(1n, 1n, 1.5)).to.throw(RangeError, /remainingSeconds/);
      expect(() => priceForYield(2 ** 60, 1n, 1n)).to.throw(RangeError, /outstanding/);
    });
  });

  describe("splitFee", () => {
    it("gives the worked example's fee and net", () => {
      expect(splitFee(EXAMPLE.price, 25)).to.deep.equal({ fee: EXAMPLE.fee, net: EXAMPLE.net });
    });

    it("rounds the fee down and keeps fee + net == price", () => {
      expect(splitFee(399n, 25n)).to.deep.equal({ fee: 0n, net: 399n });
      expect(splitFee(400n, 25n)).to.deep.equal({ fee: 1n, net: 399n });
      expect(splitFee(799n, 25n)).to.deep.equal({ fee: 1n, net: 798n });
      expect(splitFee(1_000n, 0n)).to.deep.equal({ fee: 0n, net: 1_000n });
      expect(splitFee(1_000n, 10_000n)).to.deep.equal({ fee: 1_000n, net: 0n });
      const rng = new Rng("pricing/unit/fee");
      for (let i = 0; i < 500; ++i) {
        const price = rng.magnitude(40);
        const feeBps = rng.between(0n, 100n);
        const { fee, net } = splitFee(price, feeBps);
        expect(fee + net).to.equal(price);
        expectFloor(fee, price * feeBps, BPS);
      }
    });

    it("refuses negative arguments", () => {
      expect(() => splitFee(-1n, 25n)).to.throw(RangeError, /price/);
      expect(() => splitFee(1n, -25)).to.throw(RangeError, /feeBps/);
    });
  });

  describe("daysToMaturity", () => {
    it("counts fractional days from now to the due date", () => {
      expect(daysToMaturity(1_000n + 60n * DAY, 1_000n)).to.equal(60);
      expect(daysToMaturity(36 * 3_600, 0)).to.equal(1.5);
      expect(daysToMaturity(1n, 0n)).to.equal(1 / 86_400);
    });

    describe("when the due date is now or past", () => {
      it("is 0, as the market's remaining tenor", () => {
        expect(daysToMaturity(1_000n, 1_000n)).to.equal(0);
        expect(daysToMaturity(1_000n, 5_000n)).to.equal(0);
      });
    });
  });

  describe("annualYield and bankDiscount", () => {
    it("read the worked example as 10.0000 % a year and a 9.7035 % discount", () => {
      const days = daysToMaturity(EXAMPLE.remaining, 0n);
      expect(days).to.equal(60);
      expectNear(annualYield(EXAMPLE.outstanding, EXAMPLE.price, days), 0.1, 1e-9);
      expectNear(bankDiscount(EXAMPLE.outstanding, EXAMPLE.price, days), 0.0970350408, 1e-12);
    });

    it("follow their definitions on round numbers", () => {
      // Pay 90 for 100 due in a year: 11.11 % yield, 9.86 % discount (10 % on a 360-day year).
      expectNear(annualYield(100n, 90n, 365), 10 / 90, 1e-15);
      expectNear(bankDiscount(100n, 90n, 360), 0.1, 1e-15);
      expectNear(bankDiscount(100n, 90n, 365), (0.1 * 360) / 365, 1e-15);
      expect(annualYield(1_000n, 1_000n, 30)).to.equal(0);
      expect(bankDiscount(1_000n, 1_000n, 30)).to.equal(0);
    });

    it("convert into each other as docs/pricing.md states, the discount always the lower", () => {
      const rng = new Rng("pricing/unit/relation");
      for (let i = 0; i < 300; ++i) {
        const face = rng.between(10n ** 6n, 10n ** 24n);
        const price = rng.between(face / 2n, face - 1n);
        const days = Number(rng.between(1n, 365n * 86_400n)) / 86_400;
        const y = annualYield(face, price, days);
        const d = bankDiscount(face, price, days);
        expectBelow(d, y);
        expectNear(d, (y * (360 / 365)) / (1 + (y * days) / 365), 1e-9 * y);
        expectNear(y, (d * (365 / 360)) / (1 - (d * days) / 360), 1e-9 * y);
      }
    });

    it("read back a standing offer's yield from its price, at or a hair above the offer", () => {
      const rng = new Rng("pricing/unit/readback");
      for (let i = 0; i < 300; ++i) {
        const outstanding = rng.between(10n ** 12n, 10n ** 30n);
        const yieldBps = rng.between(1n, 10_000n);
        const remaining = rng.between(DAY, YEAR);
        const price = priceForYield(outstanding, yieldBps, remaining);
        const shown = annualYield(outstanding, price, daysToMaturity(remaining, 0n));
        expectNear(shown, Number(yieldBps) / 10_000, 1e-6);
        expectBelow((Number(yieldBps) / 10_000) * (1 - 1e-12), shown, true);
      }
    });

    it("refuse a price of zero or above face, and no time left", () => {
      for (const rate of [annualYield, bankDiscount]) {
        expect(() => rate(100n, 0n, 30)).to.throw(RangeError, /price must be positive/);
        expect(() => rate(100n, 101n, 30)).to.throw(RangeError, /must not exceed face/);
        expect(() => rate(100n, 90n, 0)).to.throw(RangeError, /days/);
        expect(() => rate(100n, 90n, Number.POSITIVE_INFINITY)).to.throw(RangeError, /days/);
        expect(() => rate(100n, 90n, Number.NaN)).to.throw(RangeError, /days/);
        expect(() => rate(-100n, 90n, 30)).to.throw(RangeError, /face/);
      }
    });
  });

  describe("yieldBpsForPrice", () => {
    it("gives 1,241 bps for 9,800 USDC on the worked example's claim, and the example's own yield back", () => {
      expect(yieldBpsForPrice(EXAMPLE.outstanding, 9_800n * USD, EXAMPLE.remaining)).to.equal(1_241n);
      expect(priceForYield(EXAMPLE.outstanding, 1_241n, EXAMPLE.remaining)).to.equal(9_800_078_400n);
      expect(priceForYield(EXAMPLE.outstanding, 1_242n, EXAMPLE.remaining)).to.be.lessThan(9_800n * USD);
      expect(yieldBpsForPrice(EXAMPLE.outstanding, EXAMPLE.price, EXAMPLE.remaining)).to.equal(EXAMPLE.yieldBps);
    });

    it("is 0 at the outstanding amount, and may pass the 10,000 bps a standing offer allows", () => {
      expect(yieldBpsForPrice(5_000n, 5_000n, DAY)).to.equal(0n);
      expect(yieldBpsForPrice(1_000_000n, 500_000n, DAY)).to.equal(3_650_000n);
      expect(yieldBpsForPrice(1_000_000n, 500_000n, DAY)).to.be.greaterThan(MAX_YIELD_BPS);
    });

    describe("when rounding", () => {
      it("returns the highest yield whose price is still at least the price asked", () => {
        const rng = new Rng("pricing/unit/inverse");
        for (let i = 0; i < 500; ++i) {
          const outstanding = rng.magnitude(33);
          const price = rng.between(1n, outstanding);
          const remaining = rng.between(1n, YEAR);
          const y = yieldBpsForPrice(outstanding, price, remaining);
          expect(priceForYield(outstanding, y, remaining)).to.be.gte(price);
          expect(priceForYield(outstanding, y + 1n, remaining)).to.be.lessThan(price);
        }
      });

      it("round-trips a quote to its yield or above", () => {
        const rng = new Rng("pricing/unit/roundtrip");
        for (let i = 0; i < 300; ++i) {
          const outstanding = rng.magnitude(33);
          const yieldBps = rng.between(1n, 10_000n);
          const remaining = rng.between(1n, YEAR);
          const price = priceForYield(outstanding, yieldBps, remaining);
          if (price === 0n) continue;
          const y = yieldBpsForPrice(outstanding, price, remaining);
          expect(y).to.be.gte(yieldBps);
          expect(priceForYield(outstanding, y, remaining)).to.equal(price);
        }
      });
    });

    it("refuses a price of zero or above the outstanding amount, and no time left", () => {
      expect(() => yieldBpsForPrice(100n, 0n, DAY)).to.throw(RangeError, /price must be positive/);
      expect(() => yieldBpsForPrice(100n, 101n, DAY)).to.throw(RangeError, /must not exceed outstanding/);
      expect(() => yieldBpsForPrice(100n, 90n, 0n)).to.throw(RangeError, /remainingSeconds/);
      expect(() => yieldBpsForPrice(100n, -1n, DAY)).to.throw(RangeError, /price/);
    });
  });
});

/** One fuzzed case: a claim owing `outstanding` in a 6- or 18-decimal currency, quoted at `yieldBps`. */
interface Case {
  decimals: 6 | 18;
  outstanding: bigint;
  paid: bigint;
  yieldBps: bigint;
  remaining: bigint;
}

const CASES = 300;
/** Every this many cases the quote is also sold to, and the sale's price and fee checked. */
const SELL_EVERY = 10;
/** Every this many cases the operator publishes a new sale fee. */
const FEE_EVERY = 25;
/** The longest time to maturity quoted (365 days) needs claims one day longer: the tenor limit is raised. */
const MAX_TENOR = 366n * DAY;

function fuzzedCases(): Case[] {
  const rng = new Rng("pricing/chain/cases");
  const cases: Case[] = [];
  for (let i = 0; i < CASES; ++i) {
    const decimals = i % 2 === 0 ? 6 : 18;
    // 1 base unit up to 10^10 whole tokens, paid and outstanding together under the claim's 2^96 - 1 face values.
    const outstanding = rng.magnitude(10 + decimals);
    const paid = rng.between(0n, 3n) === 0n ? rng.magnitude(10 + decimals) : 0n;
    cases.push({
      decimals,
      outstanding,
      paid,
      yieldBps: rng.between(1n, 10_000n),
      remaining: rng.between(1n, YEAR),
    });
  }
  return cases;
}

/** The largest face value a claim takes (ReceivableClaim stores amounts in 96 bits). */
const MAX_FACE_VALUE = 2n ** 96n - 1n;

/** The corners: smallest and largest amounts, yields and times, and a quote that rounds to zero. */
const EDGE_CASES: Case[] = [
  { decimals: 6, outstanding: 1n, paid: 0n, yieldBps: 1n, remaining: 1n },
  { decimals: 6, outstanding: 1n, paid: 0n, yieldBps: 10_000n, remaining: YEAR },
  { decimals: 18, outstanding: MAX_FACE_VALUE, paid: 0n, yieldBps: 10_000n, remaining: YEAR },
  { decimals: 18, outstanding: MAX_FACE_VALUE, paid: 0n, yieldBps: 1n, remaining: 1n },
  { decimals: 6, outstanding: 10n ** 21n, paid: 10n ** 21n, yieldBps: 9_999n, remaining: YEAR - 1n },
  { decimals: 6, outstanding: EXAMPLE.outstanding, paid: 0n, yieldBps: 1_000n, remaining: 60n * DAY },
];

describe("the SDK's pricing against the market", () => {
  let s: MarketSystem;
  let dai: MockStablecoin;
  let feeBps: bigint;
  let debtorOffers = 0n;
  const currencyOf = (decimals: 6 | 18) => (decimals === 6 ? s.usdc : dai);

  async function setFee(bps: bigint): Promise<void> {
    const r = await s.registry.currentRules();
    await s.registry.setMarketRules({
      minTenor: r.minTenor,
      maxTenor: MAX_TENOR,
      acceptanceWindow: r.acceptanceWindow,
      defaultGrace: r.defaultGrace,
      guaranteeClaimWindow: r.guaranteeClaimWindow,
      saleFeeBps: bps,
      premiumFeeBps: r.premiumFeeBps,
      treasury: r.treasury,
    });
    feeBps = bps;
  }

  before(async () => {
    s = await deployMarketSystem(connection);
    dai = await new MockStablecoin__factory(s.operator).deploy("Dai Stablecoin", "DAI", 18);
    await s.registry.setCurrencyAllowed(await dai.getAddress(), true);
    // The clock runs a year or so per case: the cast stays verified for centuries.
    const farFuture = 100_000_000_000n;
    for (const [who, role] of [
      [s.sme, Role.Originator],
      [s.debtor, Role.Debtor],
      [s.factor, Role.Factor],
    ] as const) {
      await s.registry.verify(who.address, role, farFuture);
    }
    const big = 10n ** 40n;
    for (const token of [s.usdc, dai]) {
      await token.mint(s.factor.address, big);
      await token.mint(s.debtor.address, big);
      await token.connect(s.factor).approve(await s.market.getAddress(), MaxUint256);
      await token.connect(s.debtor).approve(await s.claims.getAddress(), MaxUint256);
    }
    await setFee(25n);
  });

  /**
   * Issues a claim due in 366 days owing `outstanding` (after a payment of `paid`), posts a standing offer at
   * `yieldBps` for it, then mines a block exactly `remaining` seconds before the due date and checks the market's
   * quote and fee against the module. With `sell`, the holder sells at that second instead, and the sale's price and
   * fee are checked.
   */
  async function check(c: Case, sell: boolean): Promise<void> {
    const token = currencyOf(c.decimals);
    const currency = await token.getAddress();
    const dueDate = (await s.now()) + MAX_TENOR;
    const id = await s.issueAccepted({ currency, faceValue: c.outstanding + c.paid, dueDate });
    if (c.paid > 0n) await s.claims.connect(s.debtor).pay(id, c.paid);
    await s.market
      .connect(s.factor)
      .postStandingOffer(s.debtor.address, currency, c.yieldBps, MAX_TENOR, 2n ** 128n - 1n, dueDate);
    const offerId = debtorOffers++;
    const at = dueDate - c.remaining;
    const expected = priceForYield(c.outstanding, c.yieldBps, c.remaining);
    const { fee, net } = splitFee(expected, feeBps);
    const label = `case ${JSON.stringify(c, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`;

    if (!sell) {
      await time.increaseTo(at);
      expect(await s.now(), label).to.equal(at);
      expect(await s.market.quote(id, offerId), label).to.equal(expected);
      expect([...(await s.market.feeFor(expected))], label).to.deep.equal([fee, net]);
      return;
    }
    const feesBefore = await s.market.feesAccrued(currency);
    await time.setNextBlockTimestamp(at);
    const tx = s.market.connect(s.sme).sellToOffer(id, offerId, expected);
    await expect(tx, label)
      .to.emit(s.market, "ClaimSold")
      .withArgs(id, s.sme.address, s.factor.address, expected, fee, 2);
    await expect(tx, label).to.changeTokenBalances(ethers, token, [s.factor, s.sme, s.market], [-expected, net, fee]);
    // The fee stays in the market, on nobody's ledger, for the treasury to collect.
    expect(await s.market.feesAccrued(currency), label).to.equal(feesBefore + fee);
  }

  it(`quotes exactly priceForYield, and feeFor equals splitFee, on ${CASES} seeded cases`, async () => {
    const cases = fuzzedCases();
    const rng = new Rng("pricing/chain/fees");
    let sold = 0;
    for (const [i, c] of cases.entries()) {
      if (i % FEE_EVERY === 0) await setFee(rng.between(0n, 100n));
      const sell = i % SELL_EVERY === SELL_EVERY - 1 && priceForYield(c.outstanding, c.yieldBps, c.remaining) > 0n;
      await check(c, sell);
      if (sell) ++sold;
    }
    expect(sold).to.be.greaterThan(CASES / SELL_EVERY / 2);
    expect(cases.filter((c) => c.decimals === 18).length).to.equal(CASES / 2);
  });

  it("quotes the corners exactly: one base unit, the largest face value (2^96 - 1), 1 s and 365 days", async () => {
    await setFee(25n);
    for (const c of EDGE_CASES) await check(c, false);
    expect(priceForYield(1n, 10_000n, YEAR)).to.equal(0n);
  });

  it("sells the worked example of docs/pricing.md at its price, fee and net", async () => {
    await setFee(25n);
    const c = EDGE_CASES[EDGE_CASES.length - 1];
    await check(c, true);
  });

  it("splits any price as feeFor does, up to the largest uint256", async () => {
    const rng = new Rng("pricing/chain/feeFor");
    for (const bps of [0n, 1n, 25n, 99n, 100n]) {
      await setFee(bps);
      const prices = [0n, 1n, 399n, 400n, MaxUint256, MaxUint256 - 1n];
      for (let i = 0; i < 40; ++i) prices.push(rng.magnitude(70));
      for (const price of prices) {
        const { fee, net } = splitFee(price, bps);
        expect([...(await s.market.feeFor(price))], `${price} at ${bps} bps`).to.deep.equal([fee, net]);
      }
    }
  });
});
