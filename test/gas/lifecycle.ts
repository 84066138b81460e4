/**
 * The lifecycle gas benchmark: every step of a claim's life, the market, the guarantee escrow and the sealed-bid
 * auction's hot steps, played once with
 * repeat participants (everyone has issued, paid, traded and withdrawn before, so balances, credits and array
 * slots are already non-zero, as they are on a live chain), measured as the transaction receipt's gas (21,000
 * base and calldata included).
 *
 * Used by `npm run gas` (scripts/gas.ts: the report docs/GAS.md) and by the budget check
 * test/gas/Lifecycle.gas.test.ts (CI).
 */
import { AbiCoder, keccak256, type ContractTransactionResponse } from "ethers";

import type { MarketSystem } from "../fixtures/market.js";
import { commitment, USD } from "../fixtures/system.js";
import {
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  DisputeOutcome as Outcome,
  Role,
  SEALED_BID_COMMITMENT_PARAMS,
  SECONDS_PER_HOUR,
} from "@openfactor/sdk";

/** One measured step. */
export interface Step {
  /** The step's name, the key of its budget in docs/gas-budgets.json. */
  step: string;
  contract: string;
  /** Receipt gas: 21,000 base, calldata and execution, after refunds. */
  gas: number;
  /** The transaction, for tracing where the gas went. */
  hash: string;
  /** What the step does, in a few words. */
  note: string;
}

interface Measured {
  gas: number;
  hash: string;
}

/** Sends `tx` and returns its receipt's gas and hash. */
async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<Measured> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("no receipt");
  return { gas: Number(receipt.gasUsed), hash: receipt.hash };
}

/**
 * Plays every step of the lifecycle, the market and the escrow once on `s` (a fresh {deployMarketSystem}), with
 * repeat participants, and returns each step's receipt gas in play order.
 */
export async function measureLifecycle(s: MarketSystem): Promise<Step[]> {
  const { claims, sme, debtor, factor, bank, operator, usdc } = s;
  const currency = await usdc.getAddress();
  const steps: Step[] = [];
  const record = (step: string, contract: string, { gas, hash }: Measured, note: string) =>
    steps.push({ step, contract, gas, hash, note });

  // Warm-up: every participant has issued, accepted, paid, received and withdrawn before.
  const warm = await s.issueAccepted();
  await claims.connect(debtor).pay(warm, 1n * USD);
  await claims.connect(sme).withdraw(currency, sme.address);
  await claims.connect(sme).transferFrom(sme.address, factor.address, warm);
  await claims.connect(debtor).pay(warm, 1n * USD);
  await claims.connect(factor).withdraw(currency, factor.address);

  const t1 = await s.terms();
  record("issue", "ReceivableClaim", await gasOf(claims.connect(sme).issue(t1, "")), "originator issues; Issued");
  const id1 = await claims.claimCount();
  record("accept", "ReceivableClaim", await gasOf(claims.connect(debtor).accept(id1)), "debtor's transaction");

  const t2 = await s.terms();
  const deadline = (await s.now()) + DAY;
  const sig2 = await s.signAcceptance(debtor, t2, deadline);
  record(
    "issueAccepted",
    "ReceivableClaim",
    await gasOf(claims.connect(sme).issueAccepted(t2, "", deadline, sig2)),
    "issue carrying the debtor's EIP-712 acceptance",
  );

  const t3 = await s.terms();
  await claims.connect(sme).issue(t3, "");
  const id3 = await claims.claimCount();
  const sig3 = await s.signAcceptance(debtor, t3, deadline);
  record(
    "acceptWithSignature",
    "ReceivableClaim",
    await gasOf(claims.connect(bank).acceptWithSignature(id3, t3.invoiceCommitment, t3.documentHash, deadline, sig3)),
    "relayed by a third party",
  );

  const t4 = await s.terms({ originator: sme.address });
  record(
    "issueByDebtor",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).issueByDebtor(t4, "")),
    "reverse factoring; Issued until the originator accepts",
  );
  const id4 = await claims.claimCount();
  record(
    "accept (originator, debtor-issued)",
    "ReceivableClaim",
    await gasOf(claims.connect(sme).accept(id4)),
    "the originator confirms a claim its debtor issued",
  );

  record(
    "pay (partial)",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).pay(id1, 2_500n * USD)),
    "credits the holder's ledger",
  );
  record(
    "pay (full, settles)",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).pay(id1, 7_500n * USD)),
    "last instalment; Settled",
  );
  const many = [await s.issueAccepted(), await s.issueAccepted(), await s.issueAccepted()];
  record(
    "payInFull (3 claims)",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).payInFull(many, 30_000n * USD)),
    "three settlements in one transaction, one pull",
  );
  record(
    "withdraw",
    "ReceivableClaim",
    await gasOf(claims.connect(sme).withdraw(currency, sme.address)),
    "holder pulls everything owed in one currency",
  );

  const idT = await s.issueAccepted();
  record(
    "transferFrom",
    "ReceivableClaim",
    await gasOf(claims.connect(sme).transferFrom(sme.address, factor.address, idT)),
    "holder to a verified participant",
  );

  const idR = await s.issue();
  record("reject", "ReceivableClaim", await gasOf(claims.connect(debtor).reject(idR)), "frees the commitment");
  const idC = await s.issue();
  record("cancel", "ReceivableClaim", await gasOf(claims.connect(sme).cancel(idC)), "frees the commitment");

  const idD = await s.issueAccepted();
  record(
    "dispute",
    "ReceivableClaim",
    await gasOf(claims.connect(debtor).dispute(idD, commitment("evidence: short delivery"))),
    "freezes the claim",
  );
  record(
    "resolve (upheld)",
    "ReceivableClaim",
    await gasOf(claims.connect(operator).resolve(idD, Outcome.Upheld, 10_000n * USD)),
    "arbiter restores the claim",
  );

  const idE = await s.issue();
  const idP = await s.issueAccepted();
  await s.connection.networkHelpers.time.increase(60n * DAY + BigInt(RULES.defaultGrace) + 1n);
  record("expire", "ReceivableClaim", await gasOf(claims.connect(bank).expire(idE)), "anyone, after the window");
  record(
    "poke (to Defaulted)",
    "ReceivableClaim",
    await gasOf(claims.connect(bank).poke(idP)),
    "anyone; Overdue and Defaulted in one call",
  );
  record("writeOff", "ReceivableClaim", await gasOf(claims.connect(sme).writeOff(idP)), "holder records the loss");

  for (const step of await measureMarket(s)) steps.push(step);
  for (const step of await measureEscrow(s)) steps.push(step);
  for (const step of await measureAuction(s)) steps.push(step);
  return steps;
}

/**
 * The market's steps. Warm-up first: the SME, the factor and the bank have each listed, bought, bid, accepted,
 * cancelled, posted or sold to a standing offer, signed or filled a signed offer, and withdrawn. Sale fees stay
 * in the market as surplus (no treasury credit), so the market's liabilities are zero after the warm-up.
 */
async function measureMarket(s: MarketSystem): Promise<Step[]> {
  const { market, sme, debtor, factor, bank, usdc } = s;
  const currency = await usdc.getAddress();
  const steps: Step[] = [];
  const record = (step: string, { gas, hash }: Measured, note: string) =>
    steps.push({ step, contract: "ClaimMarket", gas, hash, note });
  const inAWeek = async () => (await s.now()) + 7n * DAY;
  const standingOffer = async () =>
    market
      .connect(factor)
      .postStandingOffer(debtor.address, currency, 1_000, 90 * 86400, 1_000_000n * USD, await inAWeek());

  const w1 = await s.issueAccepted();
  await market.connect(sme).list(w1, 9_800n * USD, 0n, await inAWeek());
  await market.connect(factor).buy(w1, 9_800n * USD);
  await market.connect(bank).bid(w1, 9_850n * USD, await inAWeek());
  await market.connect(factor).acceptBid(w1, bank.address, 9_850n * USD);
  const w2 = await s.issueAccepted();
  await market.connect(factor).bid(w2, 9_700n * USD, await inAWeek());
  await market.connect(factor).bid(w2, 9_600n * USD, await inAWeek()); // lowering credits the difference
  await market.connect(factor).cancelBid(w2, factor.address);
  await market.connect(factor).withdraw(currency, factor.address);
  await standingOffer();
  await market.connect(sme).sellToOffer(w2, 0n, 0n);
  const w2Offer = await s.offerFor(w2, 9_900n * USD, bank, 0n);
  await market.connect(factor).acceptSignedOffer(w2Offer, await s.signOffer(bank, w2Offer));
  await market.connect(bank).cancelSignedOffer(1n);

  const m1 = await s.issueAccepted();
  record(
    "list",
    await gasOf(market.connect(sme).list(m1, 9_800n * USD, 0n, await inAWeek())),
    "holder lists; locks the claim",
  );
  record(
    "buy",
    await gasOf(market.connect(factor).buy(m1, 9_800n * USD)),
    "at the ask; fee kept, net paid, claim moved",
  );

  const m2 = await s.issueAccepted();
  await market.connect(sme).list(m2, 9_800n * USD, 0n, await inAWeek());
  record("delist", await gasOf(market.connect(sme).delist(m2)), "seller withdraws the listing; unlocks");
  record("bid", await gasOf(market.connect(bank).bid(m2, 9_700n * USD, await inAWeek())), "new escrowed bid");
  record("raise bid", await gasOf(market.connect(bank).bid(m2, 9_750n * USD, await inAWeek())), "pulls the difference");
  await market.connect(factor).bid(m2, 9_720n * USD, await inAWeek());
  await market.connect(factor).bid(m2, 9_710n * USD, await inAWeek()); // a credit for "withdraw (market)"
  record(
    "accept bid",
    await gasOf(market.connect(sme).acceptBid(m2, bank.address, 9_750n * USD)),
    "holder sells to an escrowed bid; other bids stay",
  );
  record(
    "cancel bid",
    await gasOf(market.connect(factor).cancelBid(m2, factor.address)),
    "losing bid paid straight back to the bidder",
  );
  record(
    "withdraw (market)",
    await gasOf(market.connect(factor).withdraw(currency, factor.address)),
    "refunds out of the market",
  );

  record("post standing offer", await gasOf(standingOffer()), "factor's rate, tenor and exposure limit on a debtor");
  const m3 = await s.issueAccepted();
  record(
    "sell to standing offer",
    await gasOf(market.connect(sme).sellToOffer(m3, 1n, 0n)),
    "price from the yield; takes exposure",
  );

  const m4 = await s.issueAccepted();
  const offer = await s.offerFor(m4, 9_900n * USD, bank, 2n);
  const signature = await s.signOffer(bank, offer);
  record(
    "fill signed offer",
    await gasOf(market.connect(sme).acceptSignedOffer(offer, signature)),
    "holder fills a factor's EIP-712 offer",
  );
  record("cancel signed offer", await gasOf(market.connect(bank).cancelSignedOffer(3n)), "bidder kills one nonce");
  return steps;
}

/**
 * The guarantee escrow's steps. Warm-up first: the guarantor has offered, withdrawn an offer, been activated,
 * released and withdrawn; the factor (the holder) has paid a premium before. Claims are sold to the factor, which
 * holds them while they are guaranteed.
 */
async function measureEscrow(s: MarketSystem): Promise<Step[]> {
  const { claims, escrow, registry, sme, debtor, factor, guarantor, usdc, connection } = s;
  const currency = await usdc.getAddress();
  const steps: Step[] = [];
  const record = (step: string, { gas, hash }: Measured, note: string) =>
    steps.push({ step, contract: "GuaranteeEscrow", gas, hash, note });
  const escrowAddress = await escrow.getAddress();
  await usdc.connect(guarantor).approve(escrowAddress, connection.ethers.MaxUint256);
  await usdc.connect(factor).approve(escrowAddress, connection.ethers.MaxUint256);
  const expiry = async () => (await s.now()) + 7n * DAY;
  const toFactor = async () => {
    const id = await s.issueAccepted();
    await claims.connect(sme).transferFrom(sme.address, factor.address, id);
    return id;
  };
  const offerOn = async (id: bigint, cover: bigint) => {
    await escrow.connect(guarantor).offer(id, cover, 100n * USD, await expiry());
    return escrow.guaranteeCount();
  };
  const guaranteed = async (cover: bigint) => {
    const id = await toFactor();
    const g = await offerOn(id, cover);
    await escrow.connect(factor).activate(g);
    return { id, g };
  };

  const w = await toFactor();
  await escrow.connect(guarantor).withdrawOffer(await offerOn(w, 5_000n * USD));
  await escrow.connect(factor).activate(await offerOn(w, 5_000n * USD));
  await claims.connect(debtor).pay(w, 10_000n * USD);
  await escrow.connect(debtor).release(await escrow.guaranteeOfClaim(w));
  await escrow.connect(guarantor).withdraw(currency, guarantor.address);

  const e1 = await toFactor();
  const expiryE1 = await expiry();
  record(
    "offer cover",
    await gasOf(escrow.connect(guarantor).offer(e1, 5_000n * USD, 100n * USD, expiryE1)),
    "guarantor escrows the cover",
  );
  const g1 = await escrow.guaranteeCount();
  const spare = await offerOn(e1, 4_000n * USD);
  record(
    "withdraw offer",
    await gasOf(escrow.connect(guarantor).withdrawOffer(spare)),
    "cover to the guarantor's ledger",
  );
  record(
    "activate",
    await gasOf(escrow.connect(factor).activate(g1)),
    "holder pays the premium; fee kept for the treasury",
  );
  await claims.connect(debtor).pay(e1, 10_000n * USD);
  record("release", await gasOf(escrow.connect(debtor).release(g1)), "anyone, once settled; cover back");

  const full = await guaranteed(10_000n * USD);
  const partial = await guaranteed(6_000n * USD);
  const lapsed = await guaranteed(10_000n * USD);
  await connection.networkHelpers.time.increase(60n * DAY + BigInt(RULES.defaultGrace) + 1n);
  for (const { id } of [full, partial, lapsed]) await claims.poke(id);
  record(
    "call (full cover)",
    await gasOf(escrow.connect(factor).callGuarantee(full.g, factor.address)),
    "holder paid straight; claim to the guarantor",
  );
  record(
    "call (partial cover)",
    await gasOf(escrow.connect(factor).callGuarantee(partial.g, factor.address)),
    "holder paid straight; claim into custody",
  );
  await claims.connect(debtor).pay(partial.id, 1_000n * USD);
  record(
    "distribute recovery",
    await gasOf(escrow.connect(debtor).distribute(partial.id)),
    "pro-rata split of a payment",
  );

  const until = (await registry.verification(guarantor.address, Role.Guarantor)).expiresAt;
  await registry.revoke(guarantor.address, Role.Guarantor);
  await escrow.connect(factor).callGuarantee(lapsed.g, factor.address);
  await registry.verify(guarantor.address, Role.Guarantor, until);
  await claims.connect(debtor).pay(lapsed.id, 1_000n * USD);
  record(
    "take subrogated claim",
    await gasOf(escrow.connect(guarantor).takeClaim(lapsed.id)),
    "full cover held in custody; distributes first",
  );
  record(
    "withdraw (escrow)",
    await gasOf(escrow.connect(factor).withdraw(currency, factor.address)),
    "payouts, premiums or collateral out",
  );
  return steps;
}

/**
 * The sealed-bid auction's hot steps: open, commit, reveal and accept. Warm-up first: the SME has opened and sold an
 * auction, the factor and the bank have committed, revealed, been sold to and withdrawn, and the treasury already
 * holds a fee credit; every bid is placed with a full deposit (as the dApp proposes), so a reveal credits the excess.
 */
async function measureAuction(s: MarketSystem): Promise<Step[]> {
  const { auction, sme, factor, bank, usdc, connection } = s;
  const currency = await usdc.getAddress();
  const steps: Step[] = [];
  const record = (step: string, { gas, hash }: Measured, note: string) =>
    steps.push({ step, contract: "SealedBidAuction", gas, hash, note });
  const auctionAddress = await auction.getAddress();
  for (const bidder of [factor, bank]) await usdc.connect(bidder).approve(auctionAddress, connection.ethers.MaxUint256);
  const { chainId } = await connection.ethers.provider.getNetwork();
  const sealed = (id: bigint, bidder: string, amount: bigint, salt: string) =>
    keccak256(
      AbiCoder.defaultAbiCoder().encode(
        SEALED_BID_COMMITMENT_PARAMS.map((p) => p.type),
        [chainId, auctionAddress, id, bidder, amount, salt],
      ),
    );
  const { time } = connection.networkHelpers;
  /** One auction played through: open, a bid from each bidder, reveals, the factor's bid accepted. */
  const play = async (measure: boolean) => {
    const claimId = await s.issueAccepted();
    const id = await auction.auctionCount();
    const opened = await gasOf(auction.connect(sme).open(claimId, SECONDS_PER_HOUR, SECONDS_PER_HOUR));
    const salt = commitment(`sealed-bid salt ${id}`);
    const committed = await gasOf(
      auction.connect(factor).commitBid(id, sealed(id, factor.address, 9_600n * USD, salt), 10_000n * USD),
    );
    await auction.connect(bank).commitBid(id, sealed(id, bank.address, 9_500n * USD, salt), 10_000n * USD);
    await time.increase(SECONDS_PER_HOUR + 1);
    const revealed = await gasOf(auction.connect(factor).revealBid(id, 9_600n * USD, salt));
    await auction.connect(bank).revealBid(id, 9_500n * USD, salt);
    await time.increase(SECONDS_PER_HOUR);
    const accepted = await gasOf(auction.connect(sme).acceptBid(id, factor.address, 9_600n * USD));
    await auction.connect(bank).reclaimBid(id);
    if (!measure) {
      for (const who of [factor, bank]) await auction.connect(who).withdraw(currency, who.address);
      return;
    }
    record("open auction", opened, "holder opens a sealed-bid auction; locks the claim");
    record("commit bid", committed, "sealed commitment; full deposit pulled");
    record("reveal bid", revealed, "amount and salt checked; excess deposit credited");
    record("accept sealed bid", accepted, "seller picks a revealed bid; fee credited, net paid, claim moved");
  };
  await play(false);
  await play(true);
  return steps;
}
