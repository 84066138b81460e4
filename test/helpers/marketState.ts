/**
 * Market-side assertions: a comparable picture of what the market holds (listings, bids, standing offers,
 * signed-offer nonces, credits, liabilities, fees to collect, token balances) next to the claim contract's
 * snapshot, a revert check that nothing in it moved (docs/SECURITY.md: a refused call leaves every balance, owner,
 * nonce and claim state as it was), and the solvency check (docs/SECURITY.md I1) that the market's liabilities are exactly
 * its escrowed bids plus its credits, and that its token balance covers them. The market keeps no list of a
 * claim's bidders: bids are read with `bidOf` for the accounts a test watches (every account that may bid).
 */
import { expect } from "chai";
import { MaxUint256, resolveAddress, ZeroAddress, type AddressLike, type BaseContract } from "ethers";

import type { System } from "../fixtures/system.js";
import type { BalanceToken } from "./ledger.js";
import { snapshot } from "./snapshot.js";

/** What a market snapshot looks at. */
export interface MarketWatch {
  /** Claims whose record, listing and bids (of `accounts`) are compared. */
  ids?: bigint[];
  /** Accounts whose token balances, market credits and bids (`bidOf`, `bidsOf`) are compared; the fixture's cast
   * by default. */
  accounts?: AddressLike[];
  /** Tokens whose balances, credits and liabilities are compared; the fixture's USDC by default. */
  tokens?: BalanceToken[];
  /** Standing offers compared field by field. */
  offerIds?: bigint[];
  /** Signed-offer nonces `[bidder, offerNonce]` whose used flag is compared, with the bidders' minimum nonce. */
  offerNonces?: [AddressLike, bigint][];
}

/** Deeply turns ethers `Result`s (structs, tuples) into plain arrays, so that chai's deep equality compares values. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return [...value].map(plain);
  return value;
}

/** The fixture's cast, the accounts a market test usually watches. */
export function cast(s: System): string[] {
  return [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger].map(
    (x) => x.address,
  );
}

/** A plain, comparable picture of the market (and the claim contract) as far as `watch` looks. */
export async function marketSnapshot(s: System, watch: MarketWatch = {}) {
  const { market, lens } = s;
  const marketAddress = await market.getAddress();
  const accounts = await Promise.all((watch.accounts ?? cast(s)).map((a) => resolveAddress(a)));
  const tokens = watch.tokens ?? [s.usdc];
  const ids = watch.ids ?? [];
  const money = await Promise.all(
    tokens.map(async (token) => {
      const currency = await token.getAddress();
      return {
        currency,
        liabilities: await market.totalLiabilities(currency),
        feesAccrued: await market.feesAccrued(currency),
        marketBalance: await token.balanceOf(marketAddress),
        balances: await Promise.all(accounts.map((a) => token.balanceOf(a))),
        credits: await Promise.all(accounts.map((a) => market.credited(a, currency))),
      };
    }),
  );
  const books = await Promise.all(
    ids.map(async (id) => ({
      id,
      listing: plain(await market.listing(id)),
      bids: await Promise.all(accounts.map(async (a) => plain(await market.bidOf(id, a)))),
    })),
  );
  const offers = await Promise.all((watch.offerIds ?? []).map(async (id) => plain(await market.standingOffer(id))));
  const nonces = await Promise.all(
    (watch.offerNonces ?? []).map(async ([bidder, nonce]) => ({
      used: await market.offerNonceUsed(bidder, nonce),
      minimum: await market.minOfferNonce(bidder),
    })),
  );
  return {
    claims: await snapshot(s, { ids, accounts }),
    money,
    books,
    offers,
    nonces,
    bidsOf: await Promise.all(accounts.map(async (a) => plain(await lens.bidsOf(a, 0n, MaxUint256)))),
    listed: plain(await lens.listings(ZeroAddress, ZeroAddress, 0n, MaxUint256)),
  };
}

/**
 * Sends a transaction that must revert with `contract`'s custom error `error(...args)` (the market's unless told),
 * and checks that nothing `watch` looks at moved (claims, listings, bids, standing offers, signed-offer nonces,
 * credits, liabilities, fees to collect, balances).
 */
export async function expectMarketRevertUnchanged(
  s: System,
  send: () => Promise<unknown>,
  error: string,
  args: unknown[],
  watch: MarketWatch = {},
  contract: BaseContract = s.market,
): Promise<void> {
  const before = await marketSnapshot(s, watch);
  await expect(send())
    .to.be.revertedWithCustomError(contract, error)
    .withArgs(...args);
  expect(await marketSnapshot(s, watch)).to.deep.equal(before);
}

/**
 * I1 for the market in `token`: `totalLiabilities` equals the escrowed bids of `accounts` on `ids` plus the credits
 * of `accounts` (the caller lists every claim and account that can hold escrow or credit in that token: a bidder
 * left out makes the check fail), and the market's token balance covers it. Returns the liabilities.
 */
export async function expectMarketSolvent(
  s: System,
  token: BalanceToken,
  ids: bigint[],
  accounts: AddressLike[] = cast(s),
): Promise<bigint> {
  const { market } = s;
  const currency = await token.getAddress();
  let escrow = 0n;
  for (const id of ids) {
    if ((await s.claimLens.claim(id)).currency !== currency) continue;
    for (const account of accounts) escrow += (await market.bidOf(id, account))[0].amount;
  }
  let credits = 0n;
  for (const account of accounts) credits += await market.credited(account, currency);
  const liabilities = await market.totalLiabilities(currency);
  expect(liabilities, "totalLiabilities = escrowed bids + credits").to.equal(escrow + credits);
  expect(await token.balanceOf(await market.getAddress()), "market balance covers its liabilities").to.be.gte(
    liabilities,
  );
  return liabilities;
}
