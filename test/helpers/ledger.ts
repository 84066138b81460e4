/**
 * Ledger assertions: the claim contract's liabilities in a currency equal what it owes (withdrawable credits plus
 * held payments), and its token balance covers them (I1 in docs/SECURITY.md).
 */
import { expect } from "chai";
import type { AddressLike, Addressable } from "ethers";

import type { ReceivableClaim } from "../../types/index.js";

/** The slice of an ERC-20 the ledger checks read. */
export interface BalanceToken extends Addressable {
  balanceOf(account: AddressLike): Promise<bigint>;
}

/** Sum of `owed` over `accounts` in `token`. */
export async function sumOwed(claims: ReceivableClaim, token: Addressable, accounts: AddressLike[]): Promise<bigint> {
  const currency = await token.getAddress();
  let total = 0n;
  for (const account of accounts) total += await claims.owed(account, currency);
  return total;
}

/** Sum of the held amounts of `claimIds` whose currency is `token`. */
export async function sumHeld(claims: ReceivableClaim, token: Addressable, claimIds: bigint[]): Promise<bigint> {
  const currency = (await token.getAddress()).toLowerCase();
  let total = 0n;
  for (const id of claimIds) {
    const { currency: claimCurrency } = await claims.claimCore(id);
    if (claimCurrency.toLowerCase() === currency) total += (await claims.claimExtras(id)).heldAmount;
  }
  return total;
}

/**
 * Asserts `totalLiabilities(token)` equals the owed credits of `accounts` plus the held payments of `claimIds`
 * (the caller lists every account and claim that can owe in that currency), and that the contract's balance
 * covers it. Returns the liabilities.
 */
export async function expectLedger(
  claims: ReceivableClaim,
  token: BalanceToken,
  accounts: AddressLike[],
  claimIds: bigint[],
): Promise<bigint> {
  const currency = await token.getAddress();
  const liabilities = await claims.totalLiabilities(currency);
  const owed = await sumOwed(claims, token, accounts);
  const held = await sumHeld(claims, token, claimIds);
  expect(liabilities, "totalLiabilities == sum(owed) + sum(held)").to.equal(owed + held);
  expect(await token.balanceOf(await claims.getAddress()), "balance >= totalLiabilities").to.be.gte(liabilities);
  return liabilities;
}

/** Token balances of `accounts`, for before/after comparisons around a reverted call. */
export async function balancesOf(token: BalanceToken, accounts: AddressLike[]): Promise<bigint[]> {
  const out: bigint[] = [];
  for (const account of accounts) out.push(await token.balanceOf(account));
  return out;
}
