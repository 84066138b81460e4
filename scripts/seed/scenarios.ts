/**
 * The demo's lifecycle scenarios: one self-contained function per situation a claim can be in, each driving one
 * fresh claim there with the calls real participants make, on its own calendar (days 0 to DEMO_HISTORY_DAYS of
 * the history). The seed runs every scenario once for the named demo, and again with other participants,
 * amounts and dates for `SEED_CLAIMS` extra claims. A new scenario is one more entry in SCENARIOS.
 */
import { type Address, createWalletClient, custom, encodeAbiParameters, keccak256, stringToHex } from "viem";

import {
  abis,
  acceptBid,
  acceptClaim,
  activateGuarantee,
  buyClaim,
  callGuarantee,
  cancelClaim,
  type CastKey,
  type ClaimStateName,
  commitSealedBid as commitSealedBidStep,
  contractCall,
  type Contracts,
  DAY,
  disputeClaim,
  expireClaim,
  fillSignedOffer,
  issueClaim,
  listClaim,
  markOverdue,
  marketDomain,
  OFFER_TYPES,
  offerGuarantee,
  openAuction,
  payClaim,
  placeBid,
  premiumForRate,
  priceForYield,
  rejectClaim,
  resolveDispute,
  SEALED_BID_COMMITMENT_PARAMS,
  sellToStandingOffer as sellToStandingOfferStep,
  writeOff,
} from "@openfactor/sdk";
import { type Chain, type Connection, eventOf, type Timeline } from "./chain.js";

/** One US dollar in the 6-decimal demo stablecoin. */
export const USD = 1_000_000n;

/** Who plays a scenario, for how much, and how many days earlier than the named demo. */
export interface Variant {
  /** 0 for the named demo's first scenario; extra claims count on from there. */
  index: number;
  sme: CastKey;
  debtor: CastKey;
  factor: CastKey;
  /** The claim's face value, in stablecoin base units. */
  face: bigint;
  /** Days by which every date of the scenario moves earlier (0 to 4; scenarios start on day 5 or later). */
  shift: number;
}

const SMES: CastKey[] = ["sme1", "sme2"];
const DEBTORS: CastKey[] = ["debtor1", "debtor2"];
const FACTORS: CastKey[] = ["factor1", "factor2", "factor3"];

/** The variant of scenario run number `index`: participants rotate, amounts and dates vary deterministically. */
export function variant(index: number, extra: boolean): Variant {
  // Knuth's multiplicative hash: amounts look random but are the same on every run.
  const random = Math.imul(index + 1, 2_654_435_761) >>> 0;
  const thousands = 5 + (random % 246); // 5,000 to 250,000 USD
  return {
    index,
    sme: SMES[index % 2],
    debtor: DEBTORS[Math.floor(index / 2) % 2],
    factor: FACTORS[index % 3],
    face: BigInt(thousands) * 1_000n * USD,
    shift: extra ? index % 5 : 0,
  };
}

/** What a scenario may do: the system's contracts, the participants, the timeline. */
export interface SeedContext {
  chain: Chain;
  timeline: Timeline;
  connection: Connection;
  chainId: bigint;
  /** The deployed system's addresses by contract name. */
  contracts: Contracts;
  /** Account address of each participant. */
  address: Record<CastKey, Address>;
  /** Standing offer id of each factor on each debtor (key `${factor}/${debtor}`). */
  standingOffers: Map<string, bigint>;
  /** A unique label for the scenario run's next invoice. */
  nextInvoice(prefix: string): string;
  /** The next signed-offer nonce of `bidder`. */
  nextOfferNonce(bidder: CastKey): bigint;
}

export interface Scenario {
  /** What the claim shows in the demo, as the summary names it. */
  name: string;
  /** The state the claim ends in. */
  state: ClaimStateName;
  /** Drives one fresh claim through the scenario and returns its id. */
  run(ctx: SeedContext, v: Variant): Promise<bigint>;
}

// ---------------------------------------------------------------- the participants' calls

/** Awaits `day` of the history, moved earlier by the variant's shift. */
const at = (ctx: SeedContext, v: Variant, day: number) => ctx.timeline.at(day - v.shift);

/** The originator issues a claim on the debtor, due `tenorDays` from now, and returns its id (state Issued). */
async function issue(ctx: SeedContext, v: Variant, tenorDays: number, prefix: string): Promise<bigint> {
  const invoice = ctx.nextInvoice(prefix);
  const terms = {
    originator: ctx.address[v.sme],
    debtor: ctx.address[v.debtor],
    currency: ctx.contracts.stablecoin,
    faceValue: v.face,
    dueDate: (await ctx.chain.now()) + BigInt(tenorDays) * DAY,
    invoiceCommitment: keccak256(stringToHex(`commitment:${invoice}`)),
    documentHash: keccak256(stringToHex(`document:${invoice}`)),
  };
  const logs = await ctx.chain.send(ctx.address[v.sme], issueClaim(ctx.contracts, terms, ""));
  return eventOf(abis.claims, "ClaimIssued", logs).args.claimId;
}

/** Issues a claim and has its debtor accept it (state Accepted). */
async function issueAccepted(ctx: SeedContext, v: Variant, tenorDays: number, prefix: string): Promise<bigint> {
  const id = await issue(ctx, v, tenorDays, prefix);
  await ctx.chain.send(ctx.address[v.debtor], acceptClaim(ctx.contracts, id));
  return id;
}

const claimOf = (ctx: SeedContext, id: bigint) =>
  ctx.chain.read(contractCall(ctx.contracts, "claimLens", "claim", [id]));

/** Seconds from the chain's clock to the claim's due date. */
async function remaining(ctx: SeedContext, id: bigint): Promise<bigint> {
  const [claim, now] = await Promise.all([claimOf(ctx, id), ctx.chain.now()]);
  return claim.dueDate > now ? claim.dueDate - now : 0n;
}

/** The price at which the claim yields `yieldBps` a year to its buyer now. */
async function priceAt(ctx: SeedContext, id: bigint, yieldBps: number): Promise<bigint> {
  const claim = await claimOf(ctx, id);
  return priceForYield(claim.faceValue - claim.amountPaid, yieldBps, await remaining(ctx, id));
}

/** The holder sells the claim to `factor`'s standing offer on the claim's debtor at the price it quotes. */
async function sellToStandingOffer(ctx: SeedContext, holder: CastKey, id: bigint, factor: CastKey, debtor: CastKey) {
  const offerId = ctx.standingOffers.get(`${factor}/${debtor}`);
  if (offerId === undefined) throw new Error(`${factor} has no standing offer on ${debtor}`);
  const quote = await ctx.chain.read(contractCall(ctx.contracts, "market", "quote", [id, offerId]));
  await ctx.chain.send(ctx.address[holder], sellToStandingOfferStep(ctx.contracts, id, offerId, quote));
}

/** `bidder` places an escrowed bid at `yieldBps`, live until `expiryDay`; returns the amount. */
async function bid(ctx: SeedContext, v: Variant, id: bigint, bidder: CastKey, yieldBps: number, expiryDay: number) {
  const amount = await priceAt(ctx, id, yieldBps);
  await ctx.chain.send(
    ctx.address[bidder],
    placeBid(ctx.contracts, id, amount, ctx.timeline.timeOf(expiryDay - v.shift)),
  );
  return amount;
}

/** The holder fills a private EIP-712 offer `bidder` signed at `yieldBps`. */
async function sellToSignedOffer(ctx: SeedContext, holder: CastKey, id: bigint, bidder: CastKey, yieldBps: number) {
  const offer = {
    claimId: id,
    claimNonce: await ctx.chain.read(contractCall(ctx.contracts, "claimLens", "claimNonce", [id])),
    price: await priceAt(ctx, id, yieldBps),
    currency: ctx.contracts.stablecoin,
    deadline: (await ctx.chain.now()) + DAY,
    bidder: ctx.address[bidder],
    offerNonce: ctx.nextOfferNonce(bidder),
  };
  // The node signs for its unlocked account (eth_signTypedData_v4), as a wallet would for the factor.
  const wallet = createWalletClient({ transport: custom(ctx.connection.provider) });
  const signature = await wallet.signTypedData({
    account: ctx.address[bidder],
    domain: { ...marketDomain(ctx.chainId, ctx.contracts.market), verifyingContract: ctx.contracts.market },
    types: OFFER_TYPES,
    primaryType: "Offer",
    message: offer,
  });
  await ctx.chain.send(ctx.address[holder], fillSignedOffer(ctx.contracts, offer, signature));
}

const pay = (ctx: SeedContext, v: Variant, id: bigint, amount: bigint) =>
  ctx.chain.send(ctx.address[v.debtor], payClaim(ctx.contracts, id, amount));

const poke = (ctx: SeedContext, v: Variant, id: bigint) =>
  ctx.chain.send(ctx.address.operator, markOverdue(ctx.contracts, id));

/**
 * The guarantor offers `coverPercent` % of the claim's outstanding amount, for a premium of `rateBps` a year of the
 * cover over the claim's remaining tenor, open for a week; the holder activates it. Returns the guarantee id.
 */
async function guarantee(ctx: SeedContext, holder: CastKey, id: bigint, coverPercent: bigint, rateBps: bigint) {
  const claim = await claimOf(ctx, id);
  const cover = ((claim.faceValue - claim.amountPaid) * coverPercent) / 100n;
  const premium = premiumForRate(cover, rateBps, await remaining(ctx, id));
  const logs = await ctx.chain.send(
    ctx.address.guarantor,
    offerGuarantee(ctx.contracts, id, cover, premium, (await ctx.chain.now()) + 7n * DAY),
  );
  const guaranteeId = eventOf(abis.escrow, "GuaranteeOffered", logs).args.guaranteeId;
  await ctx.chain.send(ctx.address[holder], activateGuarantee(ctx.contracts, guaranteeId));
  return guaranteeId;
}

/**
 * `bidder` commits a sealed bid at `yieldBps` in auction `auctionId`, depositing all the claim owes (so the deposit
 * tells nothing), with a salt derived from the auction and the bidder (the seed stays deterministic). The commitment
 * is hashed here, as the dApp does, never by the contract's `commitmentOf`.
 */
async function commitSealedBid(
  ctx: SeedContext,
  claimId: bigint,
  auctionId: bigint,
  bidder: CastKey,
  yieldBps: number,
) {
  const claim = await claimOf(ctx, claimId);
  const amount = await priceAt(ctx, claimId, yieldBps);
  const salt = keccak256(stringToHex(`sealed-bid salt: auction ${auctionId}, ${bidder}`));
  const commitment = keccak256(
    encodeAbiParameters(SEALED_BID_COMMITMENT_PARAMS, [
      ctx.chainId,
      ctx.contracts.auction,
      auctionId,
      ctx.address[bidder],
      amount,
      salt,
    ]),
  );
  await ctx.chain.send(
    ctx.address[bidder],
    commitSealedBidStep(ctx.contracts, auctionId, commitment, claim.faceValue - claim.amountPaid),
  );
}

const evidence = (id: bigint) => keccak256(stringToHex(`evidence: goods not delivered on claim ${id}`));

// ---------------------------------------------------------------- the scenarios

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "issued",
    state: "Issued",
    async run(ctx, v) {
      await at(ctx, v, 118);
      return issue(ctx, v, 60, "issued");
    },
  },
  {
    name: "accepted",
    state: "Accepted",
    async run(ctx, v) {
      await at(ctx, v, 100);
      return issueAccepted(ctx, v, 90, "accepted");
    },
  },
  {
    name: "listed",
    state: "Accepted",
    async run(ctx, v) {
      await at(ctx, v, 110);
      const id = await issueAccepted(ctx, v, 75, "listed");
      const ask = await priceAt(ctx, id, 900);
      await ctx.chain.send(
        ctx.address[v.sme],
        listClaim(ctx.contracts, id, ask, 0n, ctx.timeline.timeOf(140 - v.shift)),
      );
      return id;
    },
  },
  {
    name: "with live bids",
    state: "Accepted",
    async run(ctx, v) {
      await at(ctx, v, 112);
      const id = await issueAccepted(ctx, v, 60, "auction");
      const minBid = (v.face * 90n) / 100n;
      const deadlineDay = 125;
      await ctx.chain.send(
        ctx.address[v.sme],
        listClaim(ctx.contracts, id, 0n, minBid, ctx.timeline.timeOf(deadlineDay - v.shift)),
      );
      const yields = [1_200, 1_050, 980];
      for (const [i, factor] of FACTORS.entries()) {
        await at(ctx, v, 113 + 2 * i);
        await bid(ctx, v, id, factor, yields[i], deadlineDay);
      }
      return id;
    },
  },
  {
    name: "sold",
    state: "Financed",
    async run(ctx, v) {
      await at(ctx, v, 60);
      const id = await issueAccepted(ctx, v, 120, "sold");
      await at(ctx, v, 61);
      await sellToStandingOffer(ctx, v.sme, id, v.factor, v.debtor);
      return id;
    },
  },
  {
    name: "resold to the bank",
    state: "Financed",
    async run(ctx, v) {
      await at(ctx, v, 40);
      const id = await issueAccepted(ctx, v, 150, "resold");
      const ask = await priceAt(ctx, id, 1_000);
      await ctx.chain.send(
        ctx.address[v.sme],
        listClaim(ctx.contracts, id, ask, 0n, ctx.timeline.timeOf(50 - v.shift)),
      );
      await at(ctx, v, 42);
      const { askPrice } = await ctx.chain.read(contractCall(ctx.contracts, "market", "listing", [id]));
      await ctx.chain.send(ctx.address[v.factor], buyClaim(ctx.contracts, id, askPrice));
      await at(ctx, v, 75);
      const amount = await bid(ctx, v, id, "bank", 700, 80);
      await at(ctx, v, 76);
      await ctx.chain.send(ctx.address[v.factor], acceptBid(ctx.contracts, id, ctx.address.bank, amount));
      return id;
    },
  },
  {
    name: "paid in part",
    state: "Financed",
    async run(ctx, v) {
      await at(ctx, v, 30);
      const id = await issueAccepted(ctx, v, 100, "partial");
      await at(ctx, v, 35);
      await sellToSignedOffer(ctx, v.sme, id, v.factor, 1_000);
      await at(ctx, v, 80);
      await pay(ctx, v, id, (v.face * 40n) / 100n);
      return id;
    },
  },
  {
    name: "settled",
    state: "Settled",
    async run(ctx, v) {
      await at(ctx, v, 5);
      const id = await issueAccepted(ctx, v, 60, "settled");
      await at(ctx, v, 8);
      await sellToStandingOffer(ctx, v.sme, id, v.factor, v.debtor);
      await at(ctx, v, 64);
      await pay(ctx, v, id, v.face);
      return id;
    },
  },
  {
    name: "overdue",
    state: "Overdue",
    async run(ctx, v) {
      await at(ctx, v, 70);
      const id = await issueAccepted(ctx, v, 30, "overdue");
      await at(ctx, v, 101);
      await poke(ctx, v, id);
      return id;
    },
  },
  {
    name: "defaulted",
    state: "Defaulted",
    async run(ctx, v) {
      await at(ctx, v, 10);
      const id = await issueAccepted(ctx, v, 30, "defaulted");
      await at(ctx, v, 12);
      const amount = await bid(ctx, v, id, v.factor, 1_300, 20);
      await at(ctx, v, 13);
      await ctx.chain.send(ctx.address[v.sme], acceptBid(ctx.contracts, id, ctx.address[v.factor], amount));
      await at(ctx, v, 71);
      await poke(ctx, v, id);
      return id;
    },
  },
  {
    name: "guaranteed",
    state: "Financed",
    async run(ctx, v) {
      await at(ctx, v, 65);
      const id = await issueAccepted(ctx, v, 110, "guaranteed");
      await at(ctx, v, 66);
      await sellToStandingOffer(ctx, v.sme, id, v.factor, v.debtor);
      await at(ctx, v, 68);
      await guarantee(ctx, v.factor, id, 80n, 150n);
      return id;
    },
  },
  {
    name: "guarantee called",
    state: "Defaulted",
    async run(ctx, v) {
      await at(ctx, v, 6);
      const id = await issueAccepted(ctx, v, 20, "called");
      await at(ctx, v, 7);
      await sellToStandingOffer(ctx, v.sme, id, v.factor, v.debtor);
      await at(ctx, v, 9);
      const guaranteeId = await guarantee(ctx, v.factor, id, 100n, 200n);
      // Due on day 26, defaultable after day 56: the holder calls, and the claim goes to the guarantor.
      await at(ctx, v, 58);
      await ctx.chain.send(ctx.address[v.factor], callGuarantee(ctx.contracts, guaranteeId, ctx.address[v.factor]));
      await at(ctx, v, 95);
      await pay(ctx, v, id, (v.face * 25n) / 100n);
      return id;
    },
  },
  {
    name: "disputed",
    state: "Disputed",
    async run(ctx, v) {
      await at(ctx, v, 95);
      const id = await issueAccepted(ctx, v, 60, "disputed");
      await at(ctx, v, 105);
      await ctx.chain.send(ctx.address[v.debtor], disputeClaim(ctx.contracts, id, evidence(id)));
      return id;
    },
  },
  {
    name: "written off",
    state: "WrittenOff",
    async run(ctx, v) {
      await at(ctx, v, 5);
      const id = await issueAccepted(ctx, v, 20, "written-off");
      await at(ctx, v, 7);
      await sellToStandingOffer(ctx, v.sme, id, v.factor, v.debtor);
      await at(ctx, v, 56);
      await poke(ctx, v, id);
      await at(ctx, v, 90);
      await ctx.chain.send(ctx.address[v.factor], writeOff(ctx.contracts, id));
      return id;
    },
  },
  {
    name: "rejected",
    state: "Rejected",
    async run(ctx, v) {
      await at(ctx, v, 50);
      const id = await issue(ctx, v, 45, "rejected");
      await at(ctx, v, 52);
      await ctx.chain.send(ctx.address[v.debtor], rejectClaim(ctx.contracts, id));
      return id;
    },
  },
  {
    name: "expired",
    state: "Expired",
    async run(ctx, v) {
      await at(ctx, v, 85);
      const id = await issue(ctx, v, 45, "expired");
      await at(ctx, v, 93);
      await ctx.chain.send(ctx.address.operator, expireClaim(ctx.contracts, id));
      return id;
    },
  },
  {
    name: "cancelled",
    state: "Cancelled",
    async run(ctx, v) {
      await at(ctx, v, 90);
      const id = await issue(ctx, v, 45, "cancelled");
      await at(ctx, v, 91);
      await ctx.chain.send(ctx.address[v.sme], cancelClaim(ctx.contracts, id));
      return id;
    },
  },
  {
    name: "voided after a dispute",
    state: "Voided",
    async run(ctx, v) {
      await at(ctx, v, 45);
      const id = await issueAccepted(ctx, v, 60, "voided");
      await at(ctx, v, 55);
      await ctx.chain.send(ctx.address[v.debtor], disputeClaim(ctx.contracts, id, evidence(id)));
      await at(ctx, v, 60);
      await ctx.chain.send(ctx.address.operator, resolveDispute(ctx.contracts, id, "Voided", v.face));
      return id;
    },
  },
  {
    name: "in a sealed-bid auction",
    state: "Accepted",
    async run(ctx, v) {
      await at(ctx, v, 116);
      const id = await issueAccepted(ctx, v, 75, "sealed");
      // Ten days of bidding from day 116, then a day to reveal: the demo ends (day 120) in the bidding phase.
      const logs = await ctx.chain.send(
        ctx.address[v.sme],
        openAuction(ctx.contracts, id, 10 * Number(DAY), Number(DAY)),
      );
      const auctionId = eventOf(abis.auction, "AuctionOpened", logs).args.auctionId;
      const rival = FACTORS[(FACTORS.indexOf(v.factor) + 1) % FACTORS.length];
      await at(ctx, v, 117);
      await commitSealedBid(ctx, id, auctionId, v.factor, 1_100);
      await at(ctx, v, 118);
      await commitSealedBid(ctx, id, auctionId, rival, 1_000);
      return id;
    },
  },
];
