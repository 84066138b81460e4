/**
 * The scale benchmark's transactions, phase by phase: each phase's transactions are independent of one another and
 * depend only on earlier phases (claim and guarantee ids come from the receipts), so a phase goes out in batches
 * mined many to a block. Every step is the SDK's, against the production contracts.
 */
import { type Address, keccak256, stringToHex } from "viem";
import { type LocalAccount, privateKeyToAccount } from "viem/accounts";

import {
  acceptBid,
  activateGuarantee,
  approve,
  CLAIM_ACCEPTANCE_TYPES,
  claimDomain,
  type Contracts,
  DAY,
  issueAccepted,
  issueClaim,
  listClaim,
  mintTestDollars,
  offerGuarantee,
  payClaim,
  placeBid,
  premiumForRate,
  priceForYield,
  type Spender,
  verifyParticipants,
} from "@openfactor/sdk";
import {
  ASK_YIELD_BPS,
  BID_YIELDS_BPS,
  type ClaimPlan,
  COVER_PERCENT,
  FUNDING_USD,
  type Part,
  type Participant,
  PREMIUM_RATE_BPS,
  USD,
} from "./mix.js";
import type { Tx } from "./rpc.js";

/** Ether each participant gets for gas, in wei. */
const GAS_MONEY = 10n ** 18n;
/** Registry verifications per `verifyBatch` transaction, and that transaction's gas. */
const VERIFICATIONS_PER_TX = 100;
const VERIFY_GAS = 8_000_000n;
/** How long signatures, listings, bids, guarantee offers and verifications stay valid. */
const SIGNATURE_LIFE = 7n * DAY;
const LISTING_LIFE = 30n * DAY;
const BID_LIFE = 20n * DAY;
const VERIFICATION_LIFE = 730n * DAY;
/** The contracts each part lets pull its stablecoins. */
const SPENDERS: Record<Part, Spender[]> = {
  SME: ["escrow"], // guarantee premiums
  debtor: ["claims"], // payments
  factor: ["market"], // bids
  guarantor: ["escrow"], // cover
  bank: ["market", "escrow"],
};

/** Participant `index`'s account: a key derived from a public label, so every run has the same accounts. */
export const participantAccount = (index: number): LocalAccount =>
  privateKeyToAccount(keccak256(stringToHex(`openfactor scale benchmark participant ${index}`)));

export interface BenchContext {
  contracts: Contracts;
  chainId: number;
  /** The node's unlocked deployer: admin and operator of the registry, owner of the mock stablecoin. */
  operator: Address;
  participants: readonly Participant[];
  accounts: readonly LocalAccount[];
  /** The chain's clock when the phase was planned, unix seconds. */
  now: bigint;
}

/** The operator gives every participant gas money, its roles and its stablecoins. */
export function onboarding(ctx: BenchContext): Tx[] {
  const txs: Tx[] = ctx.accounts.map((account) => ({ from: ctx.operator, to: account.address, value: GAS_MONEY }));
  const verifications = ctx.participants.flatMap((p) =>
    p.roles.map((role) => ({ account: ctx.accounts[p.index].address, role, expiresAt: ctx.now + VERIFICATION_LIFE })),
  );
  for (let i = 0; i < verifications.length; i += VERIFICATIONS_PER_TX) {
    const call = verifyParticipants(ctx.contracts, verifications.slice(i, i + VERIFICATIONS_PER_TX));
    txs.push({ from: ctx.operator, call, gas: VERIFY_GAS });
  }
  for (const account of ctx.accounts) {
    txs.push({ from: ctx.operator, call: mintTestDollars(ctx.contracts, account.address, FUNDING_USD * USD) });
  }
  return txs;
}

/** Each participant approves the contracts that pull its stablecoins. */
export function approvals(ctx: BenchContext): Tx[] {
  return ctx.participants.flatMap((p) =>
    SPENDERS[p.part].map((spender) => ({
      from: ctx.accounts[p.index],
      call: approve(ctx.contracts, spender, 2n ** 256n - 1n),
    })),
  );
}

/** The claims' terms: unique invoice hashes per claim index. */
function termsOf(ctx: BenchContext, claim: ClaimPlan) {
  return {
    originator: ctx.accounts[claim.sme].address,
    debtor: ctx.accounts[claim.debtor].address,
    currency: ctx.contracts.stablecoin,
    faceValue: claim.face,
    dueDate: ctx.now + BigInt(claim.tenorDays) * DAY,
    invoiceCommitment: keccak256(stringToHex(`scale benchmark invoice ${claim.index}`)),
    documentHash: keccak256(stringToHex(`scale benchmark document ${claim.index}`)),
  };
}

/**
 * Every claim issued by its originator: with the debtor's EIP-712 acceptance (signed here by the debtor's key, as
 * its wallet would) in one `issueAccepted`, or plainly for those left for the debtor to accept.
 */
export function issues(ctx: BenchContext, claims: readonly ClaimPlan[]): Tx[] {
  const deadline = ctx.now + SIGNATURE_LIFE;
  const domain = { ...claimDomain(ctx.chainId, ctx.contracts.claims), verifyingContract: ctx.contracts.claims };
  return claims.map((claim) => {
    const terms = termsOf(ctx, claim);
    if (!claim.fate.accepted) return { from: ctx.accounts[claim.sme], call: issueClaim(ctx.contracts, terms) };
    return {
      from: ctx.accounts[claim.sme],
      call: async () => {
        const signature = await ctx.accounts[claim.debtor].signTypedData({
          domain,
          types: CLAIM_ACCEPTANCE_TYPES,
          primaryType: "ClaimAcceptance",
          // A fresh debtor's acceptance counter is 0; the claim has no metadata URI (the hash of "").
          message: { ...terms, metadataHash: keccak256("0x"), counter: 0n, deadline },
        });
        return issueAccepted(ctx.contracts, terms, "", deadline, signature);
      },
    };
  });
}

const tenorOf = (claim: ClaimPlan) => BigInt(claim.tenorDays) * DAY;

/** A bid's amount: the price at which the claim yields the bidder's rate over its tenor. */
export const bidAmount = (claim: ClaimPlan, rank: number) =>
  priceForYield(claim.face, BID_YIELDS_BPS[rank], tenorOf(claim));

/** After the issue: listings, payments on claims that will not be sold, guarantee offers. */
export function firstMoves(ctx: BenchContext, claims: readonly ClaimPlan[], ids: readonly bigint[]): Tx[] {
  const txs: Tx[] = [];
  for (const claim of claims) {
    const id = ids[claim.index];
    const { fate } = claim;
    if (fate.listed) {
      const ask = priceForYield(claim.face, ASK_YIELD_BPS, tenorOf(claim));
      const minBid = (claim.face * 85n) / 100n;
      const call = listClaim(ctx.contracts, id, ask, minBid, ctx.now + LISTING_LIFE);
      txs.push({ from: ctx.accounts[claim.sme], call });
    }
    if (fate.payment !== "none" && !fate.sold) txs.push(payment(ctx, claim, id));
    if (claim.guarantor !== undefined) {
      const cover = (claim.face * COVER_PERCENT) / 100n;
      const premium = premiumForRate(cover, PREMIUM_RATE_BPS, tenorOf(claim));
      const call = offerGuarantee(ctx.contracts, id, cover, premium, ctx.now + SIGNATURE_LIFE);
      txs.push({ from: ctx.accounts[claim.guarantor], call });
    }
  }
  return txs;
}

/** The debtor pays 40 % of the face value, or all of it. */
function payment(ctx: BenchContext, claim: ClaimPlan, id: bigint): Tx {
  const amount = claim.fate.payment === "full" ? claim.face : (claim.face * 40n) / 100n;
  return { from: ctx.accounts[claim.debtor], call: payClaim(ctx.contracts, id, amount) };
}

/** Escrowed bids on the listings, and the originators activating the guarantees offered to them. */
export function bidsAndActivations(
  ctx: BenchContext,
  claims: readonly ClaimPlan[],
  ids: readonly bigint[],
  guaranteeIds: ReadonlyMap<number, bigint>,
): Tx[] {
  const txs: Tx[] = [];
  for (const claim of claims) {
    for (const [rank, bidder] of claim.bidders.entries()) {
      const call = placeBid(ctx.contracts, ids[claim.index], bidAmount(claim, rank), ctx.now + BID_LIFE);
      txs.push({ from: ctx.accounts[bidder], call });
    }
    const guaranteeId = guaranteeIds.get(claim.index);
    if (claim.fate.guarantee === "active" && guaranteeId !== undefined) {
      txs.push({ from: ctx.accounts[claim.sme], call: activateGuarantee(ctx.contracts, guaranteeId) });
    }
  }
  return txs;
}

/** The originators of the claims to sell accept the best bid. */
export function sales(ctx: BenchContext, claims: readonly ClaimPlan[], ids: readonly bigint[]): Tx[] {
  return claims
    .filter((claim) => claim.fate.sold)
    .map((claim) => {
      const bidder = ctx.accounts[claim.bidders[0]].address;
      const call = acceptBid(ctx.contracts, ids[claim.index], bidder, bidAmount(claim, 0));
      return { from: ctx.accounts[claim.sme], call };
    });
}

/** The debtors pay off the sold claims meant to end Settled; the money reaches the factor that bought them. */
export function paymentsAfterSales(ctx: BenchContext, claims: readonly ClaimPlan[], ids: readonly bigint[]): Tx[] {
  return claims
    .filter((claim) => claim.fate.sold && claim.fate.payment !== "none")
    .map((claim) => payment(ctx, claim, ids[claim.index]));
}
