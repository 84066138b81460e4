/**
 * A book of what every party should hold, for the flow tests: each step records the value it moves, and
 * `check` compares every party's token balance and claim-contract credit with the book, and the contract's
 * liabilities and balance with the sum of what it owes. Opened with a market, it also keeps the market's side:
 * escrowed bids, every party's market credit (refunds), the market's liabilities, and the fees it keeps above
 * them for the treasury to collect.
 */
import { expect } from "chai";
import { resolveAddress, type AddressLike } from "ethers";

import type { ClaimMarket, ReceivableClaim } from "../../types/index.js";
import type { BalanceToken } from "./ledger.js";

/** The market a book follows: the contract, the party name of its own entry, and the treasury's (who collects). */
export interface MarketSide<Party extends string> {
  market: ClaimMarket;
  party: Party;
  treasury: Party;
}

export class Book<Party extends string> {
  private readonly balances = new Map<Party, bigint>();
  private readonly owed = new Map<Party, bigint>();
  private held = 0n;
  private readonly credits = new Map<Party, bigint>();
  private escrow = 0n;
  private fees = 0n;

  private constructor(
    private readonly claims: ReceivableClaim,
    private readonly token: BalanceToken,
    private readonly parties: Record<Party, string>,
    private readonly contract: Party,
    private readonly marketSide?: MarketSide<Party>,
  ) {}

  /**
   * Opens a book on `token` for `parties` (by name); `contract` names the claim contract's own entry, and
   * `marketSide`, when given, the market the book also follows. Starts from the parties' current balances and
   * credits (the market's escrow is what it owes beyond the parties' credits).
   */
  static async open<P extends string>(
    claims: ReceivableClaim,
    token: BalanceToken,
    parties: Record<P, AddressLike>,
    contract: NoInfer<P>,
    marketSide?: MarketSide<NoInfer<P>>,
  ): Promise<Book<P>> {
    const resolved = {} as Record<P, string>;
    for (const name of Object.keys(parties) as P[]) resolved[name] = await resolveAddress(parties[name]);
    const book = new Book<P>(claims, token, resolved, contract, marketSide);
    const currency = await token.getAddress();
    for (const name of Object.keys(resolved) as P[]) {
      book.balances.set(name, await token.balanceOf(resolved[name]));
      book.owed.set(name, await claims.owed(resolved[name], currency));
      book.credits.set(name, marketSide ? await marketSide.market.credited(resolved[name], currency) : 0n);
    }
    book.held = (await claims.totalLiabilities(currency)) - [...book.owed.values()].reduce((a, b) => a + b, 0n);
    if (marketSide) {
      const credited = [...book.credits.values()].reduce((a, b) => a + b, 0n);
      book.escrow = (await marketSide.market.totalLiabilities(currency)) - credited;
      book.fees = await marketSide.market.feesAccrued(currency);
    }
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

  // ---------------------------------------------------------------- the market side

  /** `bidder` escrowed `amount` in the market (a new bid, or the raise of one). */
  escrowed(bidder: Party, amount: bigint): this {
    this.transfer(bidder, this.market().party, amount);
    this.escrow += amount;
    return this;
  }

  /** `amount` of `bidder`'s escrow went to its refund ledger (the cut of a lowered bid). */
  refunded(bidder: Party, amount: bigint): this {
    this.escrow -= amount;
    this.credits.set(bidder, this.credits.get(bidder)! + amount);
    return this;
  }

  /** `bidder` cancelled its bid: its escrowed `amount` left the market for `to`'s wallet, credited to no one. */
  cancelled(bidder: Party, amount: bigint, to: Party = bidder): this {
    this.escrow -= amount;
    this.transfer(this.market().party, to, amount);
    return this;
  }

  /**
   * A sale at `price` with fee `fee`: the price comes from `buyer`'s wallet (or, `fromEscrow`, from its escrowed
   * bid), the net goes to `seller`'s wallet, the fee stays in the market as fees to collect (no one's credit).
   */
  sold(seller: Party, buyer: Party, price: bigint, fee: bigint, fromEscrow = false): this {
    const { party } = this.market();
    if (fromEscrow) this.escrow -= price;
    else this.transfer(buyer, party, price);
    this.transfer(party, seller, price - fee);
    this.fees += fee;
    return this;
  }

  /** The treasury collected every fee the market kept (`withdrawFees`) to `to`; returns the amount. */
  collectedFees(to: Party = this.market().treasury): bigint {
    const amount = this.fees;
    this.fees = 0n;
    this.transfer(this.market().party, to, amount);
    return amount;
  }

  /** What the book says the market keeps as fees for the treasury. */
  feesToCollect(): bigint {
    return this.fees;
  }

  /** `account` withdrew all its market credit to `to`; returns the amount. */
  withdrewFromMarket(account: Party, to: Party = account): bigint {
    const amount = this.credits.get(account)!;
    this.credits.set(account, 0n);
    this.transfer(this.market().party, to, amount);
    return amount;
  }

  /** What the book says the market owes `party` (refunds). */
  creditOf(party: Party): bigint {
    return this.credits.get(party)!;
  }

  /** What the book says `party`'s wallet holds. */
  balanceOf(party: Party): bigint {
    return this.balances.get(party)!;
  }

  private market(): MarketSide<Party> {
    if (!this.marketSide) throw new Error("this book was opened without a market");
    return this.marketSide;
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
    if (!this.marketSide) return;
    const { market, party } = this.marketSide;
    for (const name of Object.keys(this.parties) as Party[]) {
      const credited = await market.credited(this.parties[name], currency);
      expect(credited, `${step}: market credit of ${name}`).to.equal(this.credits.get(name));
    }
    const marketLiabilities = [...this.credits.values()].reduce((a, b) => a + b, 0n) + this.escrow;
    expect(await market.totalLiabilities(currency), `${step}: market totalLiabilities`).to.equal(marketLiabilities);
    expect(await market.feesAccrued(currency), `${step}: market feesAccrued`).to.equal(this.fees);
    expect(this.balances.get(party), `${step}: market balance == liabilities + fees`).to.equal(
      marketLiabilities + this.fees,
    );
  }
}
