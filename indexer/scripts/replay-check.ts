/**
 * The replay test's comparison (`npm run test:indexer` runs it): reads every row the indexer holds through its
 * GraphQL API and compares it with what the chain's own views say now, claim by claim and table by table. Prints
 * each mismatch, then "N passed, N failed" (one check per compared field); exits 1 on any failure.
 *
 *   INDEXER_URL=http://127.0.0.1:42170 OPENFACTOR_RPC_URL=http://127.0.0.1:8645 tsx indexer/scripts/replay-check.ts
 */
import {
  ACCESS_ROLES,
  AUCTION_PHASES,
  CLAIM_STATES,
  DEFAULT_ADMIN_ROLE,
  GUARANTEE_STATUSES,
  ROLE_NAMES,
  abis,
  deployments,
} from "@openfactor/sdk";
import { createPublicClient, http, type Address, type Hex } from "viem";

import { INDEXED_CONTRACTS } from "../src/contracts.ts";

const INDEXER_URL = process.env.INDEXER_URL ?? "http://127.0.0.1:42170";
const RPC_URL = process.env.OPENFACTOR_RPC_URL ?? "http://127.0.0.1:8545";
const at = deployments[31337];
const chain = createPublicClient({ transport: http(RPC_URL) });

let passed = 0;
const failures: string[] = [];

/** One check: the indexed value equals the chain's (compared as lowercase strings). */
function same(what: string, indexed: unknown, onChain: unknown) {
  const a = String(indexed ?? "null").toLowerCase();
  const b = String(onChain ?? "null").toLowerCase();
  if (a === b) passed++;
  else failures.push(`${what}: indexed ${a}, chain ${b}`);
}

type Row = Record<string, string | number | boolean | null>;

/** Every row of a GraphQL list, `fields` selected, paged by the API's cursor. */
async function all(list: string, fields: string): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const query = `query($after: String) { ${list}(limit: 1000, after: $after) { items { ${fields} } pageInfo { hasNextPage endCursor } totalCount } }`;
    const response = await fetch(`${INDEXER_URL}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: { after } }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { items: Row[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>;
      errors?: unknown;
    };
    if (body.data === undefined) throw new Error(`GraphQL ${list}: ${JSON.stringify(body.errors)}`);
    const page = body.data[list]!;
    rows.push(...page.items);
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
  chain.readContract({ address, abi: abi as never, functionName, args } as never) as Promise<T>;

// ---------------------------------------------------------------- claims: ClaimLens.claim, ownerOf, locked, listing

const claims = await all(
  "claims",
  "id state stateBeforeDispute holder originator debtor currency faceValue amountPaid heldAmount dueDate issuedAt " +
    "acceptanceDeadline rulesVersion disputeCount locked listed listingCount guaranteeId",
);
const claimCount = await read<bigint>(at.claims, abis.claims, "claimCount");
same("claim count", claims.length, claimCount);
for (const row of claims) {
  const id = BigInt(row.id as string);
  const c = await read<Record<string, bigint | number | string | boolean>>(at.claimLens, abis.claimLens, "claim", [id]);
  const label = `claim ${id}`;
  same(`${label} state`, row.state, CLAIM_STATES[c.state as number]);
  same(`${label} stateBeforeDispute`, row.stateBeforeDispute, CLAIM_STATES[c.stateBeforeDispute as number]);
  for (const field of [
    "originator",
    "debtor",
    "currency",
    "faceValue",
    "amountPaid",
    "heldAmount",
    "dueDate",
    "issuedAt",
    "acceptanceDeadline",
    "rulesVersion",
    "disputeCount",
  ]) {
    same(`${label} ${field}`, row[field], c[field]);
  }
  same(`${label} holder`, row.holder, await read<Address>(at.claims, abis.claims, "ownerOf", [id]));
  same(`${label} locked`, row.locked, await read<boolean>(at.claims, abis.claims, "locked", [id]));
  // The market keeps a listing while it holds the claim's lock.
  const entry = await read<{ seller: Address }>(at.market, abis.market, "listing", [id]);
  const lockedBy = await read<Address>(at.claims, abis.claims, "lockedBy", [id]);
  const listedOnChain = entry.seller !== "0x0000000000000000000000000000000000000000" && lockedBy === at.market;
  same(`${label} listed`, row.listed, listedOnChain);
  const guaranteeOfClaim = await read<bigint>(at.escrow, abis.escrow, "guaranteeOfClaim", [id]);
  if (guaranteeOfClaim !== 0n) same(`${label} guaranteeId`, row.guaranteeId, guaranteeOfClaim);
}

// ---------------------------------------------------------------- listings (the active ones)

for (const row of await all("listings", "id claimId seller askPrice minBid deadline status")) {
  if (row.status !== "Active") continue;
  const entry = await read<Record<string, bigint | string>>(at.market, abis.market, "listing", [
    BigInt(row.claimId as string),
  ]);
  for (const field of ["seller", "askPrice", "minBid", "deadline"])
    same(`listing ${row.id} ${field}`, row[field], entry[field]);
}

// ---------------------------------------------------------------- escrowed bids

for (const row of await all("bids", "id claimId bidder amount expiry status")) {
  const [b] = await read<[Record<string, bigint>, boolean]>(at.market, abis.market, "bidOf", [
    BigInt(row.claimId as string),
    row.bidder,
  ]);
  same(`bid ${row.id} amount`, row.amount, b.amount);
  if (row.status === "Active") same(`bid ${row.id} expiry`, row.expiry, b.expiry);
}

// ---------------------------------------------------------------- standing offers and their exposure

for (const row of await all(
  "standingOffers",
  "id factor debtor currency yieldBps maxTenor exposureLimit exposureUsed expiry active",
)) {
  const o = await read<Record<string, bigint | number | string | boolean>>(at.market, abis.market, "standingOffer", [
    BigInt(row.id as string),
  ]);
  for (const field of [
    "factor",
    "debtor",
    "currency",
    "yieldBps",
    "maxTenor",
    "exposureLimit",
    "exposureUsed",
    "expiry",
    "active",
  ]) {
    same(`standing offer ${row.id} ${field}`, row[field], o[field]);
  }
}

// ---------------------------------------------------------------- signed-offer cancellations

for (const row of await all("signedOfferCancellations", "id bidder offerNonce minOfferNonce")) {
  if (row.offerNonce !== null) {
    same(
      `cancelled offer ${row.bidder}:${row.offerNonce}`,
      true,
      await read<boolean>(at.market, abis.market, "offerNonceUsed", [row.bidder, BigInt(row.offerNonce as string)]),
    );
  }
}

// ---------------------------------------------------------------- auctions and sealed bids

for (const row of await all("auctions", "id claimId seller biddingEnds revealEnds phase")) {
  const a = await read<Record<string, bigint | string | boolean>>(at.auction, abis.auction, "auction", [
    BigInt(row.id as string),
  ]);
  for (const field of ["claimId", "seller", "biddingEnds", "revealEnds"])
    same(`auction ${row.id} ${field}`, row[field], a[field]);
  const phase = AUCTION_PHASES[await read<number>(at.auction, abis.auction, "phaseOf", [BigInt(row.id as string)])];
  // The indexer records how an auction ended; while it runs, its phase follows the clock.
  if (row.phase !== "Bidding") same(`auction ${row.id} phase`, row.phase, phase);
}
for (const row of await all("sealedBids", "id auctionId bidder commitment deposit amount status")) {
  const b = await read<Record<string, bigint | string>>(at.auction, abis.auction, "sealedBid", [
    BigInt(row.auctionId as string),
    row.bidder,
  ]);
  if (row.status === "Committed" || row.status === "Revealed") {
    same(`sealed bid ${row.id} commitment`, row.commitment, b.commitment);
    same(`sealed bid ${row.id} deposit`, row.deposit, b.deposit);
    // A sealed bid's amount is known only once revealed: 0 on chain, null here, before.
    same(`sealed bid ${row.id} amount`, row.amount ?? 0, b.amount);
  } else {
    // Won, reclaimed or withdrawn: the auction house holds nothing for it any more.
    same(`sealed bid ${row.id} deposit`, 0, b.deposit);
  }
}

// ---------------------------------------------------------------- guarantees

const guarantees = await all("guarantees", "id claimId guarantor cover premium offerExpiry status activatedAt");
same("guarantee count", guarantees.length, await read<bigint>(at.escrow, abis.escrow, "guaranteeCount"));
for (const row of guarantees) {
  const g = await read<Record<string, bigint | number | string>>(at.escrow, abis.escrow, "guarantee", [
    BigInt(row.id as string),
  ]);
  for (const field of ["claimId", "guarantor", "cover", "premium", "offerExpiry"])
    same(`guarantee ${row.id} ${field}`, row[field], g[field]);
  same(`guarantee ${row.id} status`, row.status, GUARANTEE_STATUSES[g.status as number]);
  same(`guarantee ${row.id} activatedAt`, row.activatedAt ?? 0, g.activatedAt);
}

// ---------------------------------------------------------------- participants, roles, access roles, agents, currencies, rules

for (const row of await all("participantRoles", "id account role expiresAt revoked")) {
  const [expiresAt] = await read<[bigint, boolean]>(at.registry, abis.registry, "verification", [
    row.account,
    ROLE_NAMES.indexOf(row.role as (typeof ROLE_NAMES)[number]),
  ]);
  same(`role ${row.id} expiresAt`, row.revoked ? 0 : row.expiresAt, expiresAt);
}
for (const row of await all("participants", "id suspended")) {
  const [, suspended] = await read<[bigint, boolean]>(at.registry, abis.registry, "verification", [row.id, 0]);
  same(`participant ${row.id} suspended`, row.suspended, suspended);
}
for (const row of await all("accessRoles", "id role roleName account granted")) {
  same(
    `access role ${row.id}`,
    row.granted,
    await read<boolean>(at.registry, abis.registry, "hasRole", [row.role, row.account]),
  );
  const named = row.role === DEFAULT_ADMIN_ROLE || Object.values(ACCESS_ROLES).includes(row.role as Hex);
  same(`access role ${row.id} named`, row.roleName !== null, named);
}
for (const row of await all("agents", "id trusted pendingEffectiveAt")) {
  same(`agent ${row.id}`, row.trusted, await read<boolean>(at.registry, abis.registry, "isAgent", [row.id]));
  const due = await read<bigint>(at.registry, abis.registry, "agentChangeDueAt", [row.id]);
  same(`agent ${row.id} change due`, row.pendingEffectiveAt ?? 0, due);
}
for (const row of await all("allowedCurrencys", "id allowed")) {
  same(
    `currency ${row.id}`,
    row.allowed,
    await read<boolean>(at.registry, abis.registry, "isCurrencyAllowed", [row.id]),
  );
}
const versions = await all(
  "rulesVersions",
  "id minTenor maxTenor acceptanceWindow defaultGrace guaranteeClaimWindow saleFeeBps premiumFeeBps treasury",
);
same("rules versions", versions.length, await read<number>(at.registry, abis.registry, "currentRulesVersion"));
for (const row of versions) {
  const r = await read<Record<string, number | string>>(at.registry, abis.registry, "rulesAt", [row.id]);
  for (const field of [
    "minTenor",
    "maxTenor",
    "acceptanceWindow",
    "defaultGrace",
    "guaranteeClaimWindow",
    "saleFeeBps",
    "premiumFeeBps",
    "treasury",
  ]) {
    same(`rules ${row.id} ${field}`, row[field], r[field]);
  }
}
const [platform] = await all("platformStates", "id paused");
same("paused", platform?.paused ?? false, await read<boolean>(at.registry, abis.registry, "paused"));

// ---------------------------------------------------------------- pull ledgers

const ledgers: Record<string, { address: Address; abi: readonly unknown[]; view: string }> = {
  ReceivableClaim: { address: at.claims, abi: abis.claims, view: "owed" },
  ClaimMarket: { address: at.market, abi: abis.market, view: "credited" },
  GuaranteeEscrow: { address: at.escrow, abi: abis.escrow, view: "credited" },
  SealedBidAuction: { address: at.auction, abi: abis.auction, view: "credited" },
};
for (const row of await all("ledgerBalances", "id contract account currency credited withdrawn")) {
  const ledger = ledgers[row.contract as string]!;
  const owed = await read<bigint>(ledger.address, ledger.abi, ledger.view, [row.account, row.currency]);
  same(`ledger ${row.id}`, BigInt(row.credited as string) - BigInt(row.withdrawn as string), owed);
}

// ---------------------------------------------------------------- the activity log: one row per event

const logs = await chain.getLogs({
  address: Object.values(INDEXED_CONTRACTS).map((key) => at[key]),
  fromBlock: 0n,
});
const activity = await all("activityEvents", "id");
same("activity events", activity.length, logs.length);

for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`replay: ${claims.length} claims, ${activity.length} events, ${passed + failures.length} checks`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
