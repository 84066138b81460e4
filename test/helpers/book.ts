/**
 * A book of what every party should hold, for the flow tests: each step records the value it moves, and
 * `check` compares every party's token balance and claim-contract credit with the book, and the contract's
 * liabilities and balance with the sum of what it owes.
 */
import { expect } from "chai";
import { resolveAddress, type AddressLike } from "ethers";

import type { ReceivableClaim } from "../../types/index.js";
import type { BalanceToken } from "./ledger.js";

export class Book<Party extends string> {
  private readonly balances = new Map<Party, bigint>();
  private readonly owed = new Map<Party, bigint>();
  private held = 0n;

  private constructor(
    private readonly claims: ReceivableClaim,
    private readonly token: BalanceToken,
    private readonly parties: Record<Party, string>,
    private readonly contract: Party,
  ) {}

  /**
   * Opens a book on `token` for `parties` (by name); `contract` names the claim contract's own entry. Starts from
   * the parties' current balances and credits.
   */
  static async open<P extends string>(
    claims: ReceivableClaim,
    token: BalanceToken,
    parties: Record<P, AddressLike>,
    contract: NoInfer<P>,
  ): Promise<Book<P>> {
    const resolved = {} as Record<P, string>;
    for (const name of Object.keys(parties) as P[]) resolved[name] = await resolveAddress(parties[name]);
    const book = new Book<P>(claims, token, resolved, contract);
    const currency = await token.getAddress();
    for (const name of Object.keys(resolved) as P[]) {
      book.balances.set(name, await token.balanceOf(resolved[name]));
      book.owed.set(name, await claims.owed(resolved[name], currency));
    }
    book.held = (await claims.totalLiabilities(currency)) - [...book.owed.values()].reduce((a, b) => a + b, 0n);
    return book;
  }

  /** `amount` moved from `from`'s wallet to `to`'s. */
  transfer(from: Party, to: Party, amount: bigint): this {
    this.balances.set(from, this.balances.get(from)! - amount);
    this.balances.set(to, this.balances.get(to)! + amount);
    return this;
  }

  /** `payer` paid `amount` into the contract, credited to `payee`. */
  paid(payer: Party, payee: Party, amount: bigint): this {
    this.transfer(payer, this.contract, amount);
    this.owed.set(payee, this.owed.get(payee)! + amount);
    return this;
  }

  /** `payer` paid `amount` into the contract while the claim was Disputed: held. */
  heldFrom(payer: Party, amount: bigint): this {
    this.transfer(payer, this.contract, amount);
    this.held += amount;
    return this;
  }

  /** Held payments of `amount` were credited to `payee`. */
  released(payee: Party, amount: bigint): this {
    this.held -= amount;
    this.owed.set(payee, this.owed.get(payee)! + amount);
    return this;
  }

  /** A payer took back `amount` it paid while Disputed, to `to`. */
  reclaimed(to: Party, amount: bigint): this {
    this.held -= amount;
    this.transfer(this.contract, to, amount);
    return this;
  }

  /** `account` withdrew everything it was owed to `to`; returns the amount. */
  withdrew(account: Party, to: Party = account): bigint {
    const amount = this.owed.get(account)!;
    this.owed.set(account, 0n);
    this.transfer(this.contract, to, amount);
    return amount;
  }

  /** What the book says `party` is owed by the contract. */
  owedTo(party: Party): bigint {
    return this.owed.get(party)!;
  }

  /** Asserts every party's balance and credit, and the contract's liabilities and balance, against the book. */
  async check(step: string): Promise<void> {
    const currency = await this.token.getAddress();
    for (const name of Object.keys(this.parties) as Party[]) {
      const address = this.parties[name];
      expect(await this.token.balanceOf(address), `${step}: balance of ${name}`).to.equal(this.balances.get(name));
      expect(await this.claims.owed(address, currency), `${step}: owed to ${name}`).to.equal(this.owed.get(name));
    }
    const liabilities = [...this.owed.values()].reduce((a, b) => a + b, 0n) + this.held;
    expect(await this.claims.totalLiabilities(currency), `${step}: totalLiabilities`).to.equal(liabilities);
    expect(this.balances.get(this.contract), `${step}: contract balance covers liabilities`).to.be.gte(liabilities);
  }
}
