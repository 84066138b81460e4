/**
 * Demo data for a freshly deployed OpenFactor system: the cast verified and funded, standing rate offers from the
 * factors, one claim per scenario of scenarios.ts (every lifecycle state and market situation) spread over
 * DEMO_HISTORY_DAYS of history, and optionally many extra claims for scale tests. Used by `npm run seed`,
 * `npm run dev` and the seed test.
 */
import type { Address } from "viem";

import {
  abis,
  approve,
  CAST,
  type CastKey,
  CLAIM_STATES,
  ClaimState,
  type ClaimStateName,
  contractCall,
  type Contracts,
  DAY,
  mintTestDollars,
  postStandingOffer,
  type Spender,
  STANDING_OFFER_YIELDS_BPS,
  verifyParticipants,
} from "@openfactor/sdk";
import { Chain, eventOf, Timeline, type Connection } from "./chain.js";
import { DEMO_HISTORY_DAYS } from "./history.js";
import { SCENARIOS, USD, variant, type SeedContext } from "./scenarios.js";

export { DEMO_HISTORY_DAYS } from "./history.js";
export { SCENARIOS } from "./scenarios.js";

/** Addresses of the deployed system by contract name, as the local deployment module returns them. */
export type SystemAddresses = Contracts;

export interface SeedOptions {
  /** Extra claims spread across the participants and the scenarios (SEED_CLAIMS). */
  extraClaims?: number;
  /** Progress lines; silent if absent. */
  log?: (line: string) => void;
}

export interface SeededClaim {
  scenario: string;
  id: bigint;
  expected: ClaimStateName;
  state: ClaimStateName;
  originator: string;
  debtor: string;
  holder: string;
  face: bigint;
  paid: bigint;
}

export interface SeedReport {
  /** The named demo: one claim per scenario, with the state read back from the chain. */
  claims: SeededClaim[];
  /** Every claim on the chain, by state. */
  byState: Record<ClaimStateName, number>;
  extraClaims: number;
  standingOffers: number;
  transactions: number;
  /** Chain time when the seed ended, unix seconds. */
  chainTime: bigint;
  seconds: number;
}

/** Money each participant starts with, in whole US dollars. */
const FUNDING_USD = 500_000_000n;

const nameOfState = (value: number): ClaimStateName => {
  const name = CLAIM_STATES[value];
  if (name === undefined) throw new Error(`unknown claim state ${value}`);
  return name;
};

export async function seed(
  connection: Connection,
  contracts: SystemAddresses,
  options: SeedOptions = {},
): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const extraClaims = options.extraClaims ?? 0;

  const chain = new Chain(connection);

  if ((await chain.read(contractCall(contracts, "claims", "claimCount", []))) !== 0n) {
    throw new Error("the claim contract already holds claims: the seed needs a fresh deployment (restart the node)");
  }

  const accounts = await chain.request<Address[]>("eth_accounts");
  if (accounts.length < CAST.length) throw new Error(`the seed needs ${CAST.length} unlocked accounts`);
  const address = Object.fromEntries(CAST.map((m) => [m.key, accounts[m.account]])) as Record<CastKey, Address>;
  const operator = address.operator;

  const start = await chain.now();
  const timeline = new Timeline(chain, start);

  const verified = CAST.filter((m) => m.roles.length > 0).length;
  log(`Verifying ${verified} participants and funding them and the applicant with the mock stablecoin`);
  const expiresAt = start + BigInt(DEMO_HISTORY_DAYS + 365) * DAY;
  const verifications = CAST.flatMap((m) => m.roles.map((role) => ({ account: address[m.key], role, expiresAt })));
  await chain.send(operator, verifyParticipants(contracts, verifications));
  const max = 2n ** 256n - 1n;
  await Promise.all(
    CAST.filter((m) => m.key !== "operator").map(async (m) => {
      await chain.send(operator, mintTestDollars(contracts, address[m.key], FUNDING_USD * USD));
      // Debtors pay the claim contract; everyone else buys in the market or the auction house and pays premiums or
      // cover to the escrow.
      const spenders: Spender[] = m.part === "debtor" ? ["claims"] : ["market", "auction", "escrow"];
      for (const spender of spenders) await chain.send(address[m.key], approve(contracts, spender, max));
    }),
  );

  log("Posting the factors' standing rate offers");
  const standingOffers = new Map<string, bigint>();
  for (const [factor, yieldBps] of Object.entries(STANDING_OFFER_YIELDS_BPS) as [CastKey, number][]) {
    for (const debtor of ["debtor1", "debtor2"] as const) {
      const logs = await chain.send(
        address[factor],
        postStandingOffer(
          contracts,
          address[debtor],
          contracts.stablecoin,
          yieldBps,
          Number(180n * DAY),
          100_000_000n * USD,
          start + BigInt(DEMO_HISTORY_DAYS + 90) * DAY,
        ),
      );
      const posted = eventOf(abis.market, "StandingOfferPosted", logs);
      standingOffers.set(`${factor}/${debtor}`, posted.args.offerId);
    }
  }

  let invoices = 0;
  const offerNonces = new Map<CastKey, bigint>();
  const ctx: SeedContext = {
    chain,
    timeline,
    connection,
    chainId: BigInt(await chain.request<string>("eth_chainId")),
    contracts,
    address,
    standingOffers,
    nextInvoice: (prefix) => `${prefix}-${++invoices}`,
    nextOfferNonce: (bidder) => {
      const nonce = offerNonces.get(bidder) ?? 0n;
      offerNonces.set(bidder, nonce + 1n);
      return nonce;
    },
  };

  log(
    `Running ${SCENARIOS.length} scenarios${extraClaims > 0 ? ` and ${extraClaims} extra claims` : ""} over ` +
      `${DEMO_HISTORY_DAYS} days of history`,
  );
  const named: { scenario: (typeof SCENARIOS)[number]; id?: bigint }[] = SCENARIOS.map((scenario) => ({ scenario }));
  const runs: (() => Promise<void>)[] = named.map((entry, i) => async () => {
    entry.id = await entry.scenario.run(ctx, variant(i, false));
  });
  for (let i = 0; i < extraClaims; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length];
    runs.push(async () => {
      await scenario.run(ctx, variant(SCENARIOS.length + i, true));
    });
  }
  await timeline.run(runs);
  // End the history on its last day: on the demo node, which starts DEMO_HISTORY_DAYS in the past, that is now.
  await chain.travelTo(timeline.timeOf(DEMO_HISTORY_DAYS));

  log("Reading the claims back");
  const label = (account: string) =>
    CAST.find((m) => address[m.key].toLowerCase() === account.toLowerCase())?.label ?? account;
  const seeded: SeededClaim[] = [];
  for (const { scenario, id } of named) {
    if (id === undefined) throw new Error(`scenario ${scenario.name} returned no claim`);
    const [c, holder] = await Promise.all([
      chain.read(contractCall(contracts, "claimLens", "claim", [id])),
      chain.read(contractCall(contracts, "claims", "ownerOf", [id])),
    ]);
    seeded.push({
      scenario: scenario.name,
      id,
      expected: scenario.state,
      state: nameOfState(c.state),
      originator: label(c.originator),
      debtor: label(c.debtor),
      holder: label(holder),
      face: c.faceValue,
      paid: c.amountPaid,
    });
  }
  const count = await chain.read(contractCall(contracts, "claims", "claimCount", []));
  const byState = Object.fromEntries(Object.keys(ClaimState).map((name) => [name, 0])) as Record<
    ClaimStateName,
    number
  >;
  const states = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      chain.read(contractCall(contracts, "claimLens", "claim", [BigInt(i + 1)])).then((c) => nameOfState(c.state)),
    ),
  );
  for (const state of states) byState[state]++;

  return {
    claims: seeded,
    byState,
    extraClaims,
    standingOffers: standingOffers.size,
    transactions: chain.transactions,
    chainTime: await chain.now(),
    seconds: (Date.now() - started) / 1000,
  };
}

/** The cast's addresses, for printing. */
export async function castAddresses(
  connection: Connection,
): Promise<{ label: string; part: string; address: string }[]> {
  const accounts = (await connection.provider.request({ method: "eth_accounts" })) as string[];
  return CAST.map((m) => ({ label: m.label, part: m.part, address: accounts[m.account] }));
}

/** The summary `npm run seed` prints: the cast, the named claims, the count of claims by state. */
export function formatReport(report: SeedReport, cast: { label: string; part: string; address: string }[]): string {
  const usd = (amount: bigint) => `${(amount / USD).toLocaleString("en-US")} USDC`;
  const table = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
  };
  const lines = [
    "Participants",
    table(
      ["participant", "part", "address"],
      cast.map((c) => [c.label, c.part, c.address]),
    ),
    "",
    "Claims, one per scenario",
    table(
      ["scenario", "claim", "state", "originator", "debtor", "holder", "face", "paid"],
      report.claims.map((c) => [
        c.scenario,
        `#${c.id}`,
        c.state,
        c.originator,
        c.debtor,
        c.holder,
        usd(c.face),
        usd(c.paid),
      ]),
    ),
    "",
    "All claims by state",
    table(
      ["state", "claims"],
      Object.entries(report.byState)
        .filter(([name]) => name !== "None")
        .map(([name, n]) => [name, String(n)]),
    ),
    "",
    `${report.claims.length} scenario claims and ${report.extraClaims} extra claims, ${report.standingOffers} ` +
      `standing offers, ${report.transactions} transactions in ${report.seconds.toFixed(1)} s; chain time ` +
      `${new Date(Number(report.chainTime) * 1000).toISOString()}`,
  ];
  return lines.join("\n");
}
