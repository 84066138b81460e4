/**
 * The whole (state × function) table of ReceivableClaim (threat A2 in docs/SECURITY.md): every state-changing
 * call on a claim, made in each of the twelve states by the party that would be allowed to make it, with otherwise
 * valid arguments and at the right time. Each cell of TABLE says what must happen: the state the claim ends in, or
 * the custom error that refuses the call, in which case nothing at all changes (claim, owner, nonce, lock,
 * commitment, balances, credits).
 *
 * Calls with no claim to look at are not in the table: `withdraw` (per account and currency, never paused, never
 * depends on a claim's state), `incrementAcceptanceCounter` (per debtor), the three issue paths (they create the
 * claim) and `approve`, `setApprovalForAll` (no state rule).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { FunctionFragment, MaxUint256, ZeroAddress, type ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { ReceivableClaim__factory } from "../types/index.js";
import type { ClaimStructOutput } from "../types/periphery/ClaimLens.js";
import { deploySystem, USD, type System } from "./fixtures/system.js";
import { deployAgent, type Agent } from "./helpers/agents.js";
import { issuedHashes, relayAcceptance, termsOfClaim } from "./helpers/signatures.js";
import { expectRevertUnchanged } from "./helpers/snapshot.js";
import { CLAIM_STATES, EVIDENCE, nameOf, reachState, type StateValue } from "./helpers/states.js";
import {
  ClaimState as State,
  CONFIRMABLE_STATES,
  DAY,
  DISPUTABLE_STATES,
  DisputeOutcome as Outcome,
  PAYABLE_STATES,
  PAYMENT_HELD_STATES,
  TRANSFERABLE_STATES,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

// ---------------------------------------------------------------------------------------------------- the table

const { Issued, Accepted, Financed, Overdue, Defaulted, Disputed } = State;
const { Settled, Rejected, Expired, Cancelled, Voided, WrittenOff } = State;

/** ClaimWrongState(id, state): the call does not apply to a claim in this state. */
const WRONG = "ClaimWrongState";
/** ClaimTransferNotAllowed(id, holder, to): claims move only in the transferable states. */
const NO_MOVE = "ClaimTransferNotAllowed";
/** ClaimNotYetDefaultable(id, due + grace, now): Overdue already, and the grace has not run out. */
const NOT_YET = "ClaimNotYetDefaultable";
/** ClaimIssuedByDebtor(id, originator): the debtor issued the claim, so only its originator's acceptance binds it. */
const BY_DEBTOR = "ClaimIssuedByDebtor";

type Refusal = typeof WRONG | typeof NO_MOVE | typeof NOT_YET | typeof BY_DEBTOR;
/** A cell: the state the claim ends in (success), or the error that refuses the call. */
type Cell = StateValue | Refusal;
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

/** The columns of TABLE, in the order of the ClaimState enum. */
const COLUMNS: readonly StateValue[] = [
  Issued,
  Accepted,
  Financed,
  Overdue,
  Defaulted,
  Disputed,
  Settled,
  Rejected,
  Expired,
  Cancelled,
  Voided,
  WrittenOff,
];

// Read a row left to right: the claim is in the column's state, the row's call is made, the claim ends in the cell's
// state or the call reverts with the cell's error. A payment in Disputed is held, so the claim stays Disputed. Lock
// and unlock have no state rule: an agent is trusted, and a lock only narrows who may move the claim; nor has
// voidOrders, which moves only the nonce. The rows "…OfDebtorIssued" take, in the Issued column, a claim the debtor
// issued (the originator accepts or rejects it, the debtor cancels it, no debtor's signature binds it); in the other
// columns the claims are the usual ones, and the state alone refuses the call. payInFull skips a Settled claim.
// prettier-ignore
const TABLE = {
  //                    Issued     Accepted   Financed   Overdue    Defaulted   Disputed  Settled  Rejected  Expired  Cancelled  Voided   WrittenOff
  accept:              [Accepted,  WRONG,     WRONG,     WRONG,     WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  acceptWithSignature: [Accepted,  WRONG,     WRONG,     WRONG,     WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  reject:              [Rejected,  WRONG,     WRONG,     WRONG,     WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  cancel:              [Cancelled, WRONG,     WRONG,     WRONG,     WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  expire:              [Expired,   WRONG,     WRONG,     WRONG,     WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  acceptOfDebtorIssued:              [Accepted,  WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG],
  acceptWithSignatureOfDebtorIssued: [BY_DEBTOR, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG],
  rejectOfDebtorIssued:              [Rejected,  WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG],
  cancelOfDebtorIssued:              [Cancelled, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG, WRONG],
  payPart:             [WRONG,     Accepted,  Financed,  Overdue,   Defaulted,  Disputed, WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WrittenOff],
  payRest:             [WRONG,     Settled,   Settled,   Settled,   Settled,    Disputed, WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   Settled],
  payInFullRest:       [WRONG,     Settled,   Settled,   Settled,   Settled,    Disputed, Settled, WRONG,    WRONG,   WRONG,     WRONG,   Settled],
  pokeAfterDue:        [WRONG,     Overdue,   Overdue,   NOT_YET,   WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  pokeAfterGrace:      [WRONG,     Defaulted, Defaulted, Defaulted, WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  dispute:             [WRONG,     Disputed,  Disputed,  Disputed,  WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  resolveUpheld:       [WRONG,     WRONG,     WRONG,     WRONG,     WRONG,      Accepted, WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  resolveDiluted:      [WRONG,     WRONG,     WRONG,     WRONG,     WRONG,      Accepted, WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  resolveVoided:       [WRONG,     WRONG,     WRONG,     WRONG,     WRONG,      Voided,   WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  writeOff:            [WRONG,     WRONG,     WRONG,     WRONG,     WrittenOff, WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     WRONG,   WRONG],
  reclaimHeldPayment:  [WRONG,     WRONG,     WRONG,     WRONG,     WRONG,      WRONG,    WRONG,   WRONG,    WRONG,   WRONG,     Voided,  WRONG],
  transferFrom:        [NO_MOVE,   Accepted,  Financed,  Overdue,   Defaulted,  NO_MOVE,  NO_MOVE, NO_MOVE,  NO_MOVE, NO_MOVE,   NO_MOVE, WrittenOff],
  agentTransfer:       [NO_MOVE,   Financed,  Financed,  Overdue,   Defaulted,  NO_MOVE,  NO_MOVE, NO_MOVE,  NO_MOVE, NO_MOVE,   NO_MOVE, WrittenOff],
  lock:                [Issued,    Accepted,  Financed,  Overdue,   Defaulted,  Disputed, Settled, Rejected, Expired, Cancelled, Voided,  WrittenOff],
  unlock:              [Issued,    Accepted,  Financed,  Overdue,   Defaulted,  Disputed, Settled, Rejected, Expired, Cancelled, Voided,  WrittenOff],
  voidOrders:          [Issued,    Accepted,  Financed,  Overdue,   Defaulted,  Disputed, Settled, Rejected, Expired, Cancelled, Voided,  WrittenOff],
} as const satisfies Record<string, Row>;

type Fn = keyof typeof TABLE;

// ---------------------------------------------------------------------------------------------------- the calls

/** Everything a call and its checks need. */
interface Ctx {
  s: System;
  id: bigint;
  /** The state the claim is in before the call. */
  state: StateValue;
  /** A trusted agent (it made the first sale of Financed claims). */
  agent: Agent;
  /** The claim as stored before the call. */
  before: ClaimStructOutput;
  /** Its holder before the call. */
  holder: HardhatEthersSigner;
  /** The default grace of the claim's rules version, in seconds. */
  grace: bigint;
  /** The timestamp of the block the call is mined in. */
  t: bigint;
}

interface Call {
  /** Who makes the call, for the test titles. */
  by: string;
  /** The earliest second the call may be made at to be "at the right time"; the next second otherwise. */
  at?: (c: ClaimStructOutput, grace: bigint) => bigint;
  /** How the claim reaches the column's state; reachState unless a cell needs more (money held, say). */
  reach?: (s: System, state: StateValue, agent: Agent) => Promise<bigint>;
  /** Preparation after the claim reached its state (a lock to lift, say). */
  arrange?: (x: Ctx) => Promise<void>;
  send: (x: Ctx) => Promise<ContractTransactionResponse>;
  /** What a successful call must have done besides the state (checked after it). */
  effect?: (x: Ctx) => Promise<unknown>;
  /** The error for an id no claim has, with its arguments. */
  unknown: (x: Omit<Ctx, "before" | "holder" | "grace" | "state" | "t">) => [string, unknown[]];
}

const signer = (address: string) => ethers.getSigner(address);
/** A partial payment: an odd amount, well below the face value. */
const PART = 1_234n * USD + 5n;
/** What the debtor pays while the reclaimHeldPayment row's claim is Disputed, before it is voided. */
const HELD = 700n * USD;

const notFound = (x: { id: bigint }): [string, unknown[]] => ["ClaimNotFound", [x.id]];

const CALLS: Record<Fn, Call> = {
  accept: {
    by: "the debtor",
    send: async (x) => x.s.claims.connect(await signer(x.before.debtor)).accept(x.id),
    unknown: notFound,
  },
  acceptWithSignature: {
    by: "a stranger relaying the debtor's signature",
    send: async (x) => {
      const deadline = x.t + DAY;
      const signature = await x.s.signAcceptance(x.s.debtor, await termsOfClaim(x.s.claims, x.id), deadline);
      return relayAcceptance(x.s.claims.connect(x.s.stranger), x.id, deadline, signature);
    },
    unknown: notFound,
  },
  reject: {
    by: "the debtor",
    send: async (x) => x.s.claims.connect(await signer(x.before.debtor)).reject(x.id),
    unknown: notFound,
  },
  cancel: {
    by: "the originator",
    send: async (x) => x.s.claims.connect(await signer(x.before.originator)).cancel(x.id),
    unknown: notFound,
  },
  acceptOfDebtorIssued: {
    by: "the originator of a claim the debtor issued",
    reach: reachDebtorIssued,
    send: async (x) => x.s.claims.connect(await signer(x.before.originator)).accept(x.id),
    effect: async (x) => expect((await x.s.claimLens.claim(x.id)).issuedByDebtor).to.equal(true),
    unknown: notFound,
  },
  acceptWithSignatureOfDebtorIssued: {
    by: "a stranger relaying the debtor's signature of a claim the debtor issued",
    reach: reachDebtorIssued,
    send: async (x) => {
      const deadline = x.t + DAY;
      const signature = await x.s.signAcceptance(x.s.debtor, await termsOfClaim(x.s.claims, x.id), deadline);
      return relayAcceptance(x.s.claims.connect(x.s.stranger), x.id, deadline, signature);
    },
    unknown: notFound,
  },
  rejectOfDebtorIssued: {
    by: "the originator of a claim the debtor issued",
    reach: reachDebtorIssued,
    send: async (x) => x.s.claims.connect(await signer(x.before.originator)).reject(x.id),
    effect: async (x) =>
      expect(await x.s.claims.claimByCommitment((await issuedHashes(x.s.claims, x.id)).invoiceCommitment)).to.equal(0n),
    unknown: notFound,
  },
  cancelOfDebtorIssued: {
    by: "the debtor that issued it",
    reach: reachDebtorIssued,
    send: async (x) => x.s.claims.connect(await signer(x.before.debtor)).cancel(x.id),
    effect: async (x) =>
      expect(await x.s.claims.claimByCommitment((await issuedHashes(x.s.claims, x.id)).invoiceCommitment)).to.equal(0n),
    unknown: notFound,
  },
  expire: {
    by: "a stranger after the acceptance deadline",
    at: (c) => c.acceptanceDeadline + 1n,
    send: (x) => x.s.claims.connect(x.s.stranger).expire(x.id),
    unknown: notFound,
  },
  payPart: {
    by: "the debtor, paying part",
    send: async (x) => x.s.claims.connect(await signer(x.before.debtor)).pay(x.id, PART),
    effect: async (x) => {
      const c = await x.s.claimLens.claim(x.id);
      if (x.state === Disputed) expect(c.heldAmount).to.equal(x.before.heldAmount + PART);
      else expect(c.amountPaid).to.equal(x.before.amountPaid + PART);
    },
    unknown: notFound,
  },
  payRest: {
    by: "the debtor, paying the rest",
    send: async (x) => x.s.claims.connect(await signer(x.before.debtor)).pay(x.id, rest(x.before)),
    effect: async (x) =>
      expect(await x.s.claimLens.outstanding(x.id)).to.equal(x.state === Disputed ? rest(x.before) : 0n),
    unknown: notFound,
  },
  payInFullRest: {
    by: "the debtor, paying whatever is left with payInFull",
    send: async (x) => x.s.claims.connect(await signer(x.before.debtor)).payInFull([x.id], rest(x.before)),
    effect: async (x) =>
      expect(await x.s.claimLens.outstanding(x.id)).to.equal(x.state === Disputed ? rest(x.before) : 0n),
    unknown: notFound,
  },
  pokeAfterDue: {
    by: "a stranger after the due date",
    at: (c) => c.dueDate + 1n,
    send: (x) => x.s.claims.connect(x.s.stranger).poke(x.id),
    unknown: notFound,
  },
  pokeAfterGrace: {
    by: "a stranger after the due date plus the grace",
    at: (c, grace) => c.dueDate + grace + 1n,
    send: (x) => x.s.claims.connect(x.s.stranger).poke(x.id),
    // The record keeps no default time: the claim became defaultable after its due date plus the grace.
    effect: async (x) => {
      const c = await x.s.claimLens.claim(x.id);
      expect(x.t).to.be.greaterThan(c.dueDate + (await x.s.registry.rulesAt(c.rulesVersion)).defaultGrace);
    },
    unknown: notFound,
  },
  dispute: {
    by: "the debtor",
    send: async (x) => x.s.claims.connect(await signer(x.before.debtor)).dispute(x.id, EVIDENCE),
    effect: async (x) => expect((await x.s.claimLens.claim(x.id)).stateBeforeDispute).to.equal(x.state),
    unknown: notFound,
  },
  resolveUpheld: {
    by: "the arbiter, upholding",
    send: (x) => x.s.claims.connect(x.s.operator).resolve(x.id, Outcome.Upheld, x.before.faceValue),
    effect: async (x) => expect((await x.s.claimLens.claim(x.id)).faceValue).to.equal(x.before.faceValue),
    unknown: notFound,
  },
  resolveDiluted: {
    by: "the arbiter, halving the face value",
    send: (x) => x.s.claims.connect(x.s.operator).resolve(x.id, Outcome.Diluted, x.before.faceValue / 2n),
    effect: async (x) => expect((await x.s.claimLens.claim(x.id)).faceValue).to.equal(x.before.faceValue / 2n),
    unknown: notFound,
  },
  resolveVoided: {
    by: "the arbiter, voiding",
    send: (x) => x.s.claims.connect(x.s.operator).resolve(x.id, Outcome.Voided, x.before.faceValue),
    effect: async (x) => expect(await x.s.claimLens.outstanding(x.id)).to.equal(0n),
    unknown: notFound,
  },
  writeOff: {
    by: "the holder",
    send: (x) => x.s.claims.connect(x.holder).writeOff(x.id),
    unknown: notFound,
  },
  reclaimHeldPayment: {
    by: "the debtor, who paid while it was Disputed",
    // A Voided claim with money held on it: disputed, paid, voided.
    reach: async (s, state, agent) => {
      if (state !== Voided) return reachState(s, state, { agent });
      const id = await reachState(s, Disputed, { agent });
      await s.claims.connect(s.debtor).pay(id, HELD);
      await s.claims.connect(s.operator).resolve(id, Outcome.Voided, (await s.claimLens.claim(id)).faceValue);
      return id;
    },
    send: (x) => x.s.claims.connect(x.s.debtor).reclaimHeldPayment(x.id, x.s.debtor.address),
    effect: async (x) => {
      expect(await x.s.claims.heldPaymentOf(x.id, x.s.debtor.address)).to.equal(0n);
      expect((await x.s.claimLens.claim(x.id)).heldAmount).to.equal(0n);
    },
    unknown: notFound,
  },
  transferFrom: {
    by: "the holder, to the bank",
    send: (x) => x.s.claims.connect(x.holder).transferFrom(x.holder.address, x.s.bank.address, x.id),
    effect: async (x) => expect(await x.s.claims.ownerOf(x.id)).to.equal(x.s.bank.address),
    unknown: (x) => ["ERC721NonexistentToken", [x.id]],
  },
  agentTransfer: {
    by: "an agent, to the bank",
    send: (x) => x.agent.transfer(x.id, x.s.bank.address),
    effect: async (x) => expect(await x.s.claims.ownerOf(x.id)).to.equal(x.s.bank.address),
    unknown: notFound,
  },
  lock: {
    by: "an agent",
    send: (x) => x.agent.lock(x.id),
    effect: async (x) => expect(await x.s.claims.lockedBy(x.id)).to.equal(x.agent.address),
    unknown: notFound,
  },
  unlock: {
    by: "the agent that locked it",
    arrange: async (x) => {
      await x.agent.lock(x.id);
    },
    send: (x) => x.agent.unlock(x.id),
    effect: async (x) => expect(await x.s.claims.lockedBy(x.id)).to.equal(ZeroAddress),
    unknown: (x) => ["ClaimNotLockedByCaller", [x.id, x.agent.address]],
  },
  voidOrders: {
    by: "an agent",
    send: (x) => x.agent.voidOrders(x.id),
    effect: async (x) => expect(await x.s.claimLens.claimNonce(x.id)).to.equal(x.before.nonce + 1n),
    unknown: notFound,
  },
};

/** In the Issued column, a claim the debtor issued on the SME's invoice; in the others, the usual claim. */
async function reachDebtorIssued(s: System, state: StateValue, agent: Agent): Promise<bigint> {
  if (state !== Issued) return reachState(s, state, { agent });
  await s.claims.connect(s.debtor).issueByDebtor(await s.terms(), "");
  return s.claims.claimCount();
}

/** What is left to pay on a claim: face value minus paid minus held. */
function rest(c: ClaimStructOutput): bigint {
  return c.faceValue - c.amountPaid - c.heldAmount;
}

/** The arguments of a refusal in a cell, for a call made at `x.t`. */
function refusalArgs(refusal: Refusal, x: Ctx): unknown[] {
  switch (refusal) {
    case WRONG:
      return [x.id, x.state];
    case NO_MOVE:
      return [x.id, x.holder.address, x.s.bank.address];
    case NOT_YET:
      return [x.id, x.before.dueDate + x.grace, x.t];
    case BY_DEBTOR:
      return [x.id, x.before.originator];
  }
}

/** Money the claim contract holds or owes around claim `id`, for before/after comparisons. */
async function money(s: System, id: bigint, holder: string) {
  const { claims, usdc } = s;
  const accounts = [s.debtor.address, holder, s.stranger.address, await claims.getAddress()];
  return {
    balances: await Promise.all(accounts.map((a) => usdc.balanceOf(a))),
    owed: await Promise.all(accounts.map((a) => claims.owed(a, usdc))),
    liabilities: await claims.totalLiabilities(usdc),
    held: await claims.heldPaymentOf(id, s.debtor.address),
  };
}

/** The ClaimStateChanged events of a receipt, as [from, to] pairs. */
async function stateChanges(s: System, tx: ContractTransactionResponse): Promise<[bigint, bigint][]> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("no receipt");
  const changes: [bigint, bigint][] = [];
  const claimsAddress = await s.claims.getAddress();
  for (const log of receipt.logs) {
    if (log.address !== claimsAddress) continue;
    const parsed = s.claims.interface.parseLog(log);
    if (parsed?.name === "ClaimStateChanged") changes.push([parsed.args.from, parsed.args.to]);
  }
  return changes;
}

const label = (cell: Cell) => (typeof cell === "string" ? cell : nameOf(cell));

describe("the SDK's state sets match the table", () => {
  /** The columns whose cell in `row` is a success (a state, not an error). */
  const succeeds = (row: Row) => COLUMNS.filter((_, i) => typeof row[i] !== "string").map(nameOf);
  const cases: [string, readonly string[], Row][] = [
    ["CONFIRMABLE_STATES (accept)", CONFIRMABLE_STATES, TABLE.accept],
    ["PAYABLE_STATES and PAYMENT_HELD_STATES (pay)", [...PAYABLE_STATES, ...PAYMENT_HELD_STATES], TABLE.payPart],
    ["TRANSFERABLE_STATES (transferFrom)", TRANSFERABLE_STATES, TABLE.transferFrom],
    ["DISPUTABLE_STATES (dispute)", DISPUTABLE_STATES, TABLE.dispute],
  ];
  for (const [name, set, row] of cases) {
    it(`${name} are the states in which the call succeeds`, () => {
      expect([...set].sort()).to.deep.equal(succeeds(row).sort());
    });
  }

  it("PAYMENT_HELD_STATES are those in which paying the rest does not settle the claim: the payment is held", () => {
    const held = COLUMNS.filter((_, i) => typeof TABLE.payRest[i] !== "string" && TABLE.payRest[i] !== Settled);
    expect([...PAYMENT_HELD_STATES]).to.deep.equal(held.map(nameOf));
  });
});

describe("ReceivableClaim: the (state × function) table (A2)", () => {
  it("covers every state, and every state-changing function that takes a claim id", () => {
    expect(COLUMNS.map(nameOf)).to.deep.equal(CLAIM_STATES.map(([name]) => name));
    const outside = [
      "withdraw",
      "incrementAcceptanceCounter",
      "issue",
      "issueAccepted",
      "issueByDebtor",
      "approve",
      "setApprovalForAll",
      // Same rules as transferFrom, in the transfers tests' own state table.
      "safeTransferFrom",
    ];
    const rows = new Set(
      Object.keys(TABLE).map((fn) =>
        fn.replace(/(Part|Rest|AfterDue|AfterGrace|Upheld|Diluted|Voided|OfDebtorIssued)$/, ""),
      ),
    );
    const writes = ReceivableClaim__factory.createInterface()
      .fragments.filter((f): f is FunctionFragment => FunctionFragment.isFragment(f))
      .filter((f) => f.stateMutability !== "view" && f.stateMutability !== "pure")
      .map((f) => f.name);
    for (const name of writes) {
      expect(
        rows.has(name) || outside.includes(name),
        `${name} is neither in the table nor listed outside it`,
      ).to.equal(true);
    }
  });

  for (const [fn, row] of Object.entries(TABLE) as [Fn, Row][]) {
    const call = CALLS[fn];
    describe(`${fn} by ${call.by}`, () => {
      row.forEach((cell, column) => {
        const state = COLUMNS[column];
        it(`${nameOf(state)} → ${label(cell)}`, async () => {
          const s = await networkHelpers.loadFixture(fixture);
          const agent = await deployAgent(s);
          const id = await (call.reach ?? ((sys, st, ag) => reachState(sys, st, { agent: ag })))(s, state, agent);
          const before = await s.claimLens.claim(id);
          expect(before.state).to.equal(state);
          const holder = await signer(await s.claims.ownerOf(id));
          const { defaultGrace: grace } = await s.registry.rulesAt(before.rulesVersion);
          const x: Ctx = { s, id, state, agent, before, holder, grace, t: 0n };
          if (call.arrange !== undefined) await call.arrange(x);

          x.t = (await s.now()) + 1n;
          const earliest = call.at?.(before, grace);
          if (earliest !== undefined && earliest > x.t) x.t = earliest;
          await networkHelpers.time.setNextBlockTimestamp(x.t);

          if (typeof cell === "string") {
            const moneyBefore = await money(s, id, holder.address);
            await expectRevertUnchanged(s, () => call.send(x), cell, refusalArgs(cell, x), {
              ids: [id],
              commitments: [(await issuedHashes(s.claims, id)).invoiceCommitment],
            });
            expect(await money(s, id, holder.address)).to.deep.equal(moneyBefore);
            return;
          }

          const tx = await call.send(x);
          const changes = await stateChanges(s, tx);
          expect((await s.claimLens.claim(id)).state, "state after the call").to.equal(cell);
          if (cell === state) {
            expect(changes, "no ClaimStateChanged when the state stays").to.deep.equal([]);
          } else {
            // One event per step, chained from the old state to the new one (poke may take two steps).
            expect(changes.length, "ClaimStateChanged events").to.be.greaterThan(0);
            expect(changes[0][0]).to.equal(BigInt(state));
            for (let i = 1; i < changes.length; i++) expect(changes[i][0]).to.equal(changes[i - 1][1]);
            expect(changes[changes.length - 1][1]).to.equal(BigInt(cell));
          }
          if (call.effect !== undefined) await call.effect(x);
        });
      });
    });
  }

  describe("a claim id no claim has (A3)", () => {
    for (const [fn, call] of Object.entries(CALLS) as [Fn, Call][]) {
      it(`${fn}: reverts for ids 0, claimCount + 1 and the largest uint256, and nothing changes`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const agent = await deployAgent(s);
        const live = await s.issueAccepted();
        const fake = {
          faceValue: 10_000n * USD,
          amountPaid: 0n,
          heldAmount: 0n,
          debtor: s.debtor.address,
          originator: s.sme.address,
          acceptanceDeadline: 0n,
          dueDate: 0n,
        } as ClaimStructOutput;
        for (const id of [0n, (await s.claims.claimCount()) + 1n, MaxUint256]) {
          const x: Ctx = { s, id, state: Issued, agent, before: fake, holder: s.sme, grace: 0n, t: await s.now() };
          const [error, args] = call.unknown({ s, id, agent });
          if (fn === "acceptWithSignature") {
            // No claim, so no terms to sign: the id is looked up before anything else.
            await expectRevertUnchanged(
              s,
              () => relayAcceptance(s.claims.connect(s.stranger), id, x.t + DAY, "0x"),
              error,
              args,
              { ids: [id, live] },
            );
            continue;
          }
          await expectRevertUnchanged(s, () => call.send(x), error, args, { ids: [id, live] });
        }
      });
    }
  });
});
