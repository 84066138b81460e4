/**
 * The indexer's tables: what OpenFactor's events say, in the names a person would use. Every row is built from events
 * only (src/reduce/ holds what each event means); amounts are in base units of the claim's currency, times in unix
 * seconds. The GraphQL API names each list after its table's export plus "s" (`claims`, `listings`, `bids`, ...).
 */
import {
  AUCTION_PHASES,
  CLAIM_STATES,
  DISPUTE_OUTCOMES,
  GUARANTEE_STATUSES,
  ROLE_NAMES,
  SALE_KINDS,
} from "@openfactor/sdk";
import { index, onchainEnum, onchainTable, relations } from "ponder";

import { BID_STATUSES, LISTING_STATUSES, PAYMENT_KINDS, SEALED_BID_STATUSES } from "./src/statuses.ts";

// ---------------------------------------------------------------- enums (the contracts' own, from the SDK)

export const claimState = onchainEnum("claim_state", CLAIM_STATES);
export const disputeOutcome = onchainEnum("dispute_outcome", DISPUTE_OUTCOMES);
export const guaranteeStatus = onchainEnum("guarantee_status", GUARANTEE_STATUSES);
export const participantRoleName = onchainEnum("participant_role_name", ROLE_NAMES);
export const saleKind = onchainEnum("sale_kind", SALE_KINDS);
export const auctionPhase = onchainEnum("auction_phase", AUCTION_PHASES);

// ---------------------------------------------------------------- the indexer's own statuses

export const listingStatus = onchainEnum("listing_status", LISTING_STATUSES);
export const bidStatus = onchainEnum("bid_status", BID_STATUSES);
export const sealedBidStatus = onchainEnum("sealed_bid_status", SEALED_BID_STATUSES);
export const paymentKind = onchainEnum("payment_kind", PAYMENT_KINDS);

// ---------------------------------------------------------------- claims

export const claim = onchainTable(
  "claim",
  (t) => ({
    id: t.bigint().primaryKey(),
    state: claimState("state").notNull(),
    /** Where an upheld or diluted dispute returns the claim to; None until a dispute. */
    stateBeforeDispute: claimState("state_before_dispute").notNull(),
    holder: t.hex().notNull(),
    originator: t.hex().notNull(),
    debtor: t.hex().notNull(),
    currency: t.hex().notNull(),
    faceValue: t.bigint().notNull(),
    amountPaid: t.bigint().notNull(),
    /** Paid during a dispute and not yet released to the holder or reclaimed by its payer. */
    heldAmount: t.bigint().notNull(),
    dueDate: t.bigint().notNull(),
    issuedAt: t.bigint().notNull(),
    /** Last second an Issued claim may be accepted (its issue time when it was issued Accepted). */
    acceptanceDeadline: t.bigint().notNull(),
    acceptedAt: t.bigint(),
    rulesVersion: t.integer().notNull(),
    invoiceCommitment: t.hex().notNull(),
    documentHash: t.hex().notNull(),
    /** The claim this one was split from; null for a claim issued on an invoice. */
    parentId: t.bigint(),
    disputeCount: t.integer().notNull(),
    /** Locked by an agent (listed in the market, auctioned, or held in a guarantee's custody). */
    locked: t.boolean().notNull(),
    /** Listed in the market now; its listing is `listing` `${id}:${listingCount}`. */
    listed: t.boolean().notNull(),
    listingCount: t.integer().notNull(),
    /** The last guarantee activated on it (see its status), or null. */
    guaranteeId: t.bigint(),
    saleCount: t.integer().notNull(),
    lastSalePrice: t.bigint(),
    /** Face value minus amount paid when the holder wrote it off. */
    writtenOffLoss: t.bigint(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    holderIndex: index().on(table.holder),
    debtorIndex: index().on(table.debtor),
    originatorIndex: index().on(table.originator),
    stateIndex: index().on(table.state),
  }),
);

export const payment = onchainTable(
  "payment",
  (t) => ({
    id: t.text().primaryKey(),
    claimId: t.bigint().notNull(),
    kind: paymentKind("kind").notNull(),
    /** Who paid (Received, Held) or took back (Reclaimed); null for a release. */
    payer: t.hex(),
    /** The holder credited (Received, Released) or where a reclaim was sent. */
    payee: t.hex(),
    amount: t.bigint().notNull(),
    /** The claim's amount paid after it (Received, Released). */
    amountPaid: t.bigint(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId) }),
);

export const dispute = onchainTable(
  "dispute",
  (t) => ({
    /** `${claimId}:${number}`, the number counting the claim's disputes from 1. */
    id: t.text().primaryKey(),
    claimId: t.bigint().notNull(),
    number: t.integer().notNull(),
    openedBy: t.hex().notNull(),
    evidenceHash: t.hex().notNull(),
    openedAt: t.bigint().notNull(),
    outcome: disputeOutcome("outcome"),
    oldFaceValue: t.bigint(),
    newFaceValue: t.bigint(),
    arbiter: t.hex(),
    resolvedAt: t.bigint(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId) }),
);

// ---------------------------------------------------------------- the market

export const listing = onchainTable(
  "listing",
  (t) => ({
    /** `${claimId}:${n}`, n counting the claim's listings from 1. */
    id: t.text().primaryKey(),
    claimId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    /** 0 for offers only. */
    askPrice: t.bigint().notNull(),
    minBid: t.bigint().notNull(),
    deadline: t.bigint().notNull(),
    status: listingStatus("status").notNull(),
    listedAt: t.bigint().notNull(),
    endedAt: t.bigint(),
    salePrice: t.bigint(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId), statusIndex: index().on(table.status) }),
);

export const sale = onchainTable(
  "sale",
  (t) => ({
    id: t.text().primaryKey(),
    claimId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    buyer: t.hex().notNull(),
    price: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    kind: saleKind("kind").notNull(),
    /** The standing offer it filled (kind StandingOffer), when the events name exactly one. */
    standingOfferId: t.bigint(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId) }),
);

export const bid = onchainTable(
  "bid",
  (t) => ({
    /** `${claimId}:${bidder}`: the market keeps one bid per bidder and claim. */
    id: t.text().primaryKey(),
    claimId: t.bigint().notNull(),
    bidder: t.hex().notNull(),
    /** Escrowed in the market while Active. */
    amount: t.bigint().notNull(),
    expiry: t.bigint().notNull(),
    status: bidStatus("status").notNull(),
    placedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId), bidderIndex: index().on(table.bidder) }),
);

export const standingOffer = onchainTable(
  "standing_offer",
  (t) => ({
    id: t.bigint().primaryKey(),
    factor: t.hex().notNull(),
    debtor: t.hex().notNull(),
    currency: t.hex().notNull(),
    yieldBps: t.integer().notNull(),
    maxTenor: t.integer().notNull(),
    exposureLimit: t.bigint().notNull(),
    /** Outstanding face value of the claims bought through it and not yet released. */
    exposureUsed: t.bigint().notNull(),
    expiry: t.bigint().notNull(),
    active: t.boolean().notNull(),
    postedAt: t.bigint().notNull(),
    cancelledAt: t.bigint(),
  }),
  (table) => ({ debtorIndex: index().on(table.debtor), factorIndex: index().on(table.factor) }),
);

/** The exposure a claim holds on a standing offer: from its sale to the offer until the market frees it. */
export const offerExposure = onchainTable("offer_exposure", (t) => ({
  /** The claim's id. */
  id: t.bigint().primaryKey(),
  offerId: t.bigint().notNull(),
  amount: t.bigint().notNull(),
}));

export const signedOfferCancellation = onchainTable(
  "signed_offer_cancellation",
  (t) => ({
    id: t.text().primaryKey(),
    bidder: t.hex().notNull(),
    /** The one offer nonce cancelled, or null when every nonce below `minOfferNonce` was. */
    offerNonce: t.bigint(),
    minOfferNonce: t.bigint(),
    cancelledAt: t.bigint().notNull(),
  }),
  (table) => ({ bidderIndex: index().on(table.bidder) }),
);

// ---------------------------------------------------------------- sealed-bid auctions

export const auction = onchainTable(
  "auction",
  (t) => ({
    id: t.bigint().primaryKey(),
    claimId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    claimNonce: t.bigint().notNull(),
    biddingEnds: t.bigint().notNull(),
    revealEnds: t.bigint().notNull(),
    /** Bidding (running: its phase then follows the clock), Sold or Closed. */
    phase: auctionPhase("phase").notNull(),
    buyer: t.hex(),
    price: t.bigint(),
    fee: t.bigint(),
    closedBy: t.hex(),
    openedAt: t.bigint().notNull(),
    endedAt: t.bigint(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId) }),
);

export const sealedBid = onchainTable(
  "sealed_bid",
  (t) => ({
    /** `${auctionId}:${bidder}`. */
    id: t.text().primaryKey(),
    auctionId: t.bigint().notNull(),
    bidder: t.hex().notNull(),
    commitment: t.hex().notNull(),
    deposit: t.bigint().notNull(),
    /** Null until revealed: a sealed bid's amount is never known before. */
    amount: t.bigint(),
    status: sealedBidStatus("status").notNull(),
    refund: t.bigint(),
    forfeit: t.bigint(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ auctionIndex: index().on(table.auctionId) }),
);

// ---------------------------------------------------------------- guarantees

export const guarantee = onchainTable(
  "guarantee",
  (t) => ({
    id: t.bigint().primaryKey(),
    claimId: t.bigint().notNull(),
    guarantor: t.hex().notNull(),
    cover: t.bigint().notNull(),
    premium: t.bigint().notNull(),
    offerExpiry: t.bigint().notNull(),
    status: guaranteeStatus("status").notNull(),
    offeredAt: t.bigint().notNull(),
    activatedAt: t.bigint(),
    activatedBy: t.hex(),
    premiumFee: t.bigint(),
    releasedAmount: t.bigint(),
    calledBy: t.hex(),
    payoutTo: t.hex(),
    paid: t.bigint(),
    returned: t.bigint(),
    fullCover: t.boolean(),
    /** After a call: true if the escrow keeps the claim and splits recoveries, false if the guarantor took it. */
    custody: t.boolean(),
    recoveredToHolder: t.bigint().notNull(),
    recoveredToGuarantor: t.bigint().notNull(),
    claimTakenByGuarantor: t.boolean().notNull(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId), guarantorIndex: index().on(table.guarantor) }),
);

// ---------------------------------------------------------------- participants, roles and rules

export const participant = onchainTable("participant", (t) => ({
  id: t.hex().primaryKey(),
  suspended: t.boolean().notNull(),
  /** The debtor's acceptance counter: signatures under a lower one no longer verify. */
  acceptanceCounter: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const participantRole = onchainTable(
  "participant_role",
  (t) => ({
    /** `${account}:${role}`. */
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    role: participantRoleName("role").notNull(),
    /** Verified until (exclusive); meaningless once revoked. */
    expiresAt: t.bigint().notNull(),
    revoked: t.boolean().notNull(),
    /** The operator that verified or revoked it last. */
    by: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ accountIndex: index().on(table.account) }),
);

export const accessRole = onchainTable("access_role", (t) => ({
  /** `${role}:${account}`. */
  id: t.text().primaryKey(),
  role: t.hex().notNull(),
  /** The role's name (Admin, Operator, Arbiter, Pauser), or null for a role the SDK does not name. */
  roleName: t.text(),
  account: t.hex().notNull(),
  granted: t.boolean().notNull(),
  by: t.hex().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const agent = onchainTable("agent", (t) => ({
  id: t.hex().primaryKey(),
  trusted: t.boolean().notNull(),
  /** A change announced and not yet applied: the trust it gives and when it may be applied. */
  pendingTrusted: t.boolean(),
  pendingEffectiveAt: t.bigint(),
  updatedAt: t.bigint().notNull(),
}));

export const allowedCurrency = onchainTable("allowed_currency", (t) => ({
  id: t.hex().primaryKey(),
  allowed: t.boolean().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const rulesVersion = onchainTable("rules_version", (t) => ({
  id: t.integer().primaryKey(),
  minTenor: t.integer().notNull(),
  maxTenor: t.integer().notNull(),
  acceptanceWindow: t.integer().notNull(),
  defaultGrace: t.integer().notNull(),
  guaranteeClaimWindow: t.integer().notNull(),
  saleFeeBps: t.integer().notNull(),
  premiumFeeBps: t.integer().notNull(),
  treasury: t.hex().notNull(),
  publishedAt: t.bigint().notNull(),
}));

/** One row, id "registry": whether new business is paused. */
export const platformState = onchainTable("platform_state", (t) => ({
  id: t.text().primaryKey(),
  paused: t.boolean().notNull(),
  updatedAt: t.bigint().notNull(),
}));

// ---------------------------------------------------------------- money owed by the contracts' pull ledgers

export const ledgerBalance = onchainTable("ledger_balance", (t) => ({
  /** `${contract}:${account}:${currency}`. */
  id: t.text().primaryKey(),
  /** ReceivableClaim, ClaimMarket, GuaranteeEscrow or SealedBidAuction. */
  contract: t.text().notNull(),
  account: t.hex().notNull(),
  currency: t.hex().notNull(),
  credited: t.bigint().notNull(),
  withdrawn: t.bigint().notNull(),
}));

// ---------------------------------------------------------------- the activity log: every event, as it came

export const activityEvent = onchainTable(
  "activity_event",
  (t) => ({
    id: t.text().primaryKey(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    /** The claim it concerns, when it concerns one. */
    claimId: t.bigint(),
    /** The event's arguments, amounts as decimal strings. */
    args: t.json().notNull(),
  }),
  (table) => ({ claimIndex: index().on(table.claimId), nameIndex: index().on(table.name) }),
);

// ---------------------------------------------------------------- relations (nested GraphQL fields)

export const claimRelations = relations(claim, ({ many }) => ({
  payments: many(payment),
  disputes: many(dispute),
  listings: many(listing),
  sales: many(sale),
  bids: many(bid),
  guarantees: many(guarantee),
  activity: many(activityEvent),
}));
export const paymentRelations = relations(payment, ({ one }) => ({
  claim: one(claim, { fields: [payment.claimId], references: [claim.id] }),
}));
export const disputeRelations = relations(dispute, ({ one }) => ({
  claim: one(claim, { fields: [dispute.claimId], references: [claim.id] }),
}));
export const listingRelations = relations(listing, ({ one }) => ({
  claim: one(claim, { fields: [listing.claimId], references: [claim.id] }),
}));
export const saleRelations = relations(sale, ({ one }) => ({
  claim: one(claim, { fields: [sale.claimId], references: [claim.id] }),
}));
export const bidRelations = relations(bid, ({ one }) => ({
  claim: one(claim, { fields: [bid.claimId], references: [claim.id] }),
}));
export const guaranteeRelations = relations(guarantee, ({ one }) => ({
  claim: one(claim, { fields: [guarantee.claimId], references: [claim.id] }),
}));
export const activityEventRelations = relations(activityEvent, ({ one }) => ({
  claim: one(claim, { fields: [activityEvent.claimId], references: [claim.id] }),
}));
export const auctionRelations = relations(auction, ({ one, many }) => ({
  claim: one(claim, { fields: [auction.claimId], references: [claim.id] }),
  bids: many(sealedBid),
}));
export const sealedBidRelations = relations(sealedBid, ({ one }) => ({
  auction: one(auction, { fields: [sealedBid.auctionId], references: [auction.id] }),
}));
export const participantRelations = relations(participant, ({ many }) => ({
  roles: many(participantRole),
}));
export const participantRoleRelations = relations(participantRole, ({ one }) => ({
  participant: one(participant, { fields: [participantRole.account], references: [participant.id] }),
}));
