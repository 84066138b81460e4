/**
 * Market assertions: a comparable picture of what the market and the claims it trades hold, so that a refused
 * call can be shown to have moved nothing (docs/SECURITY.md: a refused call leaves every balance, owner, nonce and
 * claim state as it was), and the signature tampering helpers the market's signed offers need.
 */
import { expect } from "chai";
import { getBytes, resolveAddress, Signature, type AddressLike, type BaseContract } from "ethers";

import type { MarketSystem } from "../fixtures/market.js";
import type { BalanceToken } from "./ledger.js";

/** What a market snapshot looks at. */
export interface MarketWatch {
  /** Claims whose owner, state, nonce, amount paid, lock and listing are compared. */
  claimIds?: bigint[];
  /** Standing offers compared field by field. */
  offerIds?: bigint[];
  /** Accounts whose token balances and market credits are compared; the fixture's cast by default. */
  accounts?: AddressLike[];
  /** Tokens the balances, credits and liabilities are read in; the fixture's USDC by default. */
  tokens?: BalanceToken[];
  /** Signed-offer nonces `[bidder, offerNonce]` whose used flag is compared, with the bidders' minimum nonce. */
  offerNonces?: [AddressLike, bigint][];
}

/** A plain, comparable picture of the market and the watched claims. */
export async function marketSnapshot(s: MarketSystem, watch: MarketWatch = {}) {
  const { market, claims } = s;
  const marketAddress = await market.getAddress();
  const cast = [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger];
  const accounts = await Promise.all((watch.accounts ?? cast).map((a) => resolveAddress(a)));
  const tokens = watch.tokens ?? [s.usdc];
  const money = [];
  for (const token of tokens) {
    const currency = await token.getAddress();
    money.push({
      currency,
      marketBalance: await token.balanceOf(marketAddress),
      liabilities: await market.totalLiabilities(currency),
      balances: await Promise.all(accounts.map((a) => token.balanceOf(a))),
      credits: await Promise.all(accounts.map((a) => market.credited(a, currency))),
    });
  }
  const claimRecords = await Promise.all(
    (watch.claimIds ?? []).map(async (id) => {
      const c = await s.claimLens.claim(id);
      return {
        id,
        owner: await claims.ownerOf(id),
        state: c.state,
        nonce: c.nonce,
        amountPaid: c.amountPaid,
        lockedBy: await claims.lockedBy(id),
        listing: [...(await market.listing(id))],
      };
    }),
  );
  const offers = await Promise.all((watch.offerIds ?? []).map(async (id) => [...(await market.standingOffer(id))]));
  const nonces = await Promise.all(
    (watch.offerNonces ?? []).map(async ([bidder, nonce]) => ({
      used: await market.offerNonceUsed(bidder, nonce),
      minimum: await market.minOfferNonce(bidder),
    })),
  );
  return { money, claims: claimRecords, offers, nonces };
}

/**
 * Sends a transaction that must revert with `contract`'s custom error `error(...args)` (the market's unless told),
 * and checks that nothing the snapshot watches moved.
 */
export async function expectMarketRevert(
  s: MarketSystem,
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

/** The ERC-2098 compact (64-byte) form of a 65-byte signature: r and yParity-and-s. */
export function compact(signature: string): string {
  const compacted = Signature.from(signature).compactSerialized;
  expect(getBytes(compacted).length).to.equal(64);
  return compacted;
}
