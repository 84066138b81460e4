/**
 * Fuzzed callers (threat A1 in docs/SECURITY.md): every call that only one party may make is tried from ten
 * fresh, funded accounts that hold no role, and from every account of the fixture that is not that party. Each try
 * must revert with the exact custom error naming the caller, and leave everything as it was: claims, owners,
 * nonces, locks, commitments, counters, balances and credits in the claim contract; participants, currencies,
 * rules, pause and access roles in the registry. After the refusals, the authorised party makes the same call and
 * it goes through, so the refusals are about the caller and nothing else.
 *
 * The feature tests (issue, dispute, time, transfers, registry) name one or two intruders per call; this file is
 * the sweep.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse, Signer } from "ethers";
import { network } from "hardhat";

import { HostileReceiver__factory, MockStablecoin__factory } from "../types/index.js";
import {
  ACCESS_ROLES,
  claimDomain,
  ClaimState as State,
  DAY,
  DEFAULT_ADMIN_ROLE,
  DEFAULT_MARKET_RULES as RULES,
  DisputeOutcome as Outcome,
  Role,
} from "@openfactor/sdk";
import { deploySystem, USD, type ClaimTermsStruct, type System } from "./fixtures/system.js";
import { deployAgent, type Agent } from "./helpers/agents.js";
import { makeDefaulted } from "./helpers/lifecycle.js";
import { acceptanceTypes, acceptanceValue, relayAcceptance, termsOfClaim } from "./helpers/signatures.js";
import { snapshot, type Watch } from "./helpers/snapshot.js";
import { EVIDENCE, reachState } from "./helpers/states.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

/** How many fresh accounts each call is tried from. */
const RANDOM_CALLERS = 10;

/** Anything that signs transactions and typed data: a fixture signer or a fresh wallet. */
type Caller = Signer & { address: string };

const { Operator: OPERATOR_ROLE, Arbiter: ARBITER_ROLE, Pauser: PAUSER_ROLE } = ACCESS_ROLES;

/** Fresh wallets connected to the network, each funded with ether for gas and holding no role. */
async function randomCallers(): Promise<Caller[]> {
  const callers: Caller[] = [];
  for (let i = 0; i < RANDOM_CALLERS; i++) {
    const wallet = ethers.Wallet.createRandom().connect(ethers.provider);
    await networkHelpers.setBalance(wallet.address, ethers.parseEther("10"));
    callers.push(wallet);
  }
  return callers;
}

/** Every signer of the fixture, in a fixed order. */
function cast(s: System): HardhatEthersSigner[] {
  return [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger];
}

/** What a call acts on. */
interface Target {
  id: bigint;
  agent: Agent;
  terms: ClaimTermsStruct;
  /** An address the call names (an account to verify, a contract to trust, a currency to allowlist). */
  subject: string;
  deadline: bigint;
  signature: string;
}

/** A call only some parties may make. */
interface Gate {
  name: string;
  /** The contract whose error it raises. */
  on: "claims" | "registry";
  /** The fixture signers allowed to make it: they are not tried as intruders. */
  allowed: (s: System, t: Target) => string[];
  /** Builds what the call acts on (a claim in the right state, terms, a subject). */
  prepare: (s: System, t: Target) => Promise<void>;
  send: (s: System, t: Target, caller: Caller) => Promise<ContractTransactionResponse>;
  /** The error a caller who may not make it gets, with its arguments. */
  refusal: (s: System, t: Target, caller: Caller) => [string, unknown[]];
  /** The authorised call, made after all the refusals: it must go through. */
  authorised: (s: System, t: Target) => Promise<unknown>;
}

/** `caller` signs an acceptance of `terms` as if it were the debtor. */
async function signAs(s: System, caller: Caller, terms: ClaimTermsStruct, deadline: bigint): Promise<string> {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = claimDomain(chainId, await s.claims.getAddress());
  const counter = await s.claims.acceptanceCounter(terms.debtor);
  return caller.signTypedData(domain, acceptanceTypes(), acceptanceValue(terms, counter, deadline));
}

/** An Issued claim from the SME on the debtor. */
async function issued(s: System, t: Target) {
  t.id = await reachState(s, State.Issued, { agent: t.agent });
}

/** An Issued claim the debtor issued on the SME's invoice: the SME accepts or rejects it, the debtor cancels it. */
async function issuedByDebtor(s: System, t: Target) {
  await s.claims.connect(s.debtor).issueByDebtor(await s.terms(), "");
  t.id = await s.claims.claimCount();
}

/** A Financed claim: the SME issued it, the debtor accepted it, the agent sold it to the factor. */
async function financed(s: System, t: Target) {
  t.id = await reachState(s, State.Financed, { agent: t.agent });
}

const unauthorized = (t: Target, caller: Caller, expected: string): [string, unknown[]] => [
  "ClaimUnauthorized",
  [t.id, caller.address, expected],
];
const missingRole = (caller: Caller, role: string): [string, unknown[]] => [
  "ClaimMissingAccessRole",
  [caller.address, role],
];
const registryRole = (caller: Caller, role: string): [string, unknown[]] => [
  "AccessControlUnauthorizedAccount",
  [caller.address, role],
];

const GATES: Gate[] = [
  // ------------------------------------------------------------------ claim contract
  {
    name: "issue (the originator named in the terms)",
    on: "claims",
    allowed: (s) => [s.sme.address],
    prepare: async (s, t) => {
      t.terms = await s.terms();
    },
    send: (s, t, caller) => s.claims.connect(caller).issue(t.terms, ""),
    refusal: (s, t, caller) => ["ClaimUnauthorized", [0n, caller.address, s.sme.address]],
    authorised: (s, t) => s.claims.connect(s.sme).issue(t.terms, ""),
  },
  {
    name: "issueAccepted (the originator, carrying the debtor's signature)",
    on: "claims",
    allowed: (s) => [s.sme.address],
    prepare: async (s, t) => {
      t.terms = await s.terms();
      t.deadline = (await s.now()) + 30n * DAY;
      t.signature = await s.signAcceptance(s.debtor, t.terms, t.deadline);
    },
    send: (s, t, caller) => s.claims.connect(caller).issueAccepted(t.terms, "", t.deadline, t.signature),
    refusal: (s, t, caller) => ["ClaimUnauthorized", [0n, caller.address, s.sme.address]],
    authorised: (s, t) => s.claims.connect(s.sme).issueAccepted(t.terms, "", t.deadline, t.signature),
  },
  {
    name: "issueByDebtor (the debtor named in the terms)",
    on: "claims",
    allowed: (s) => [s.debtor.address],
    prepare: async (s, t) => {
      t.terms = await s.terms();
    },
    send: (s, t, caller) => s.claims.connect(caller).issueByDebtor(t.terms, ""),
    refusal: (s, t, caller) => ["ClaimUnauthorized", [0n, caller.address, s.debtor.address]],
    authorised: (s, t) => s.claims.connect(s.debtor).issueByDebtor(t.terms, ""),
  },
  {
    name: "accept (the debtor)",
    on: "claims",
    allowed: (s) => [s.debtor.address],
    prepare: issued,
    send: (s, t, caller) => s.claims.connect(caller).accept(t.id),
    refusal: (s, t, caller) => unauthorized(t, caller, s.debtor.address),
    authorised: (s, t) => s.claims.connect(s.debtor).accept(t.id),
  },
  {
    name: "acceptWithSignature (signed by the debtor; each intruder signs and relays its own acceptance)",
    on: "claims",
    allowed: (s) => [s.debtor.address],
    prepare: async (s, t) => {
      await issued(s, t);
      t.terms = await termsOfClaim(s.claims, t.id);
      t.deadline = (await s.now()) + DAY;
    },
    send: async (s, t, caller) =>
      relayAcceptance(s.claims.connect(caller), t.id, t.deadline, await signAs(s, caller, t.terms, t.deadline)),
    refusal: (s) => ["ClaimInvalidSignature", [s.debtor.address]],
    authorised: async (s, t) =>
      relayAcceptance(s.claims.connect(s.stranger), t.id, t.deadline, await signAs(s, s.debtor, t.terms, t.deadline)),
  },
  {
    name: "reject (the debtor)",
    on: "claims",
    allowed: (s) => [s.debtor.address],
    prepare: issued,
    send: (s, t, caller) => s.claims.connect(caller).reject(t.id),
    refusal: (s, t, caller) => unauthorized(t, caller, s.debtor.address),
    authorised: (s, t) => s.claims.connect(s.debtor).reject(t.id),
  },
  {
    name: "cancel (the originator)",
    on: "claims",
    allowed: (s) => [s.sme.address],
    prepare: issued,
    send: (s, t, caller) => s.claims.connect(caller).cancel(t.id),
    refusal: (s, t, caller) => unauthorized(t, caller, s.sme.address),
    authorised: (s, t) => s.claims.connect(s.sme).cancel(t.id),
  },
  {
    name: "accept of a claim the debtor issued (the originator; the debtor that issued it is an intruder)",
    on: "claims",
    allowed: (s) => [s.sme.address],
    prepare: issuedByDebtor,
    send: (s, t, caller) => s.claims.connect(caller).accept(t.id),
    refusal: (s, t, caller) => unauthorized(t, caller, s.sme.address),
    authorised: (s, t) => s.claims.connect(s.sme).accept(t.id),
  },
  {
    name: "reject of a claim the debtor issued (the originator)",
    on: "claims",
    allowed: (s) => [s.sme.address],
    prepare: issuedByDebtor,
    send: (s, t, caller) => s.claims.connect(caller).reject(t.id),
    refusal: (s, t, caller) => unauthorized(t, caller, s.sme.address),
    authorised: (s, t) => s.claims.connect(s.sme).reject(t.id),
  },
  {
    name: "cancel of a claim the debtor issued (the debtor; the originator is an intruder)",
    on: "claims",
    allowed: (s) => [s.debtor.address],
    prepare: issuedByDebtor,
    send: (s, t, caller) => s.claims.connect(caller).cancel(t.id),
    refusal: (s, t, caller) => unauthorized(t, caller, s.debtor.address),
    authorised: (s, t) => s.claims.connect(s.debtor).cancel(t.id),
  },
  {
    name: "writeOff (the holder: a factor; the originator that sold it is an intruder)",
    on: "claims",
    allowed: (s) => [s.factor.address],
    prepare: async (s, t) => {
      await financed(s, t);
      await makeDefaulted(s, t.id);
    },
    send: (s, t, caller) => s.claims.connect(caller).writeOff(t.id),
    refusal: (s, t, caller) => unauthorized(t, caller, s.factor.address),
    authorised: (s, t) => s.claims.connect(s.factor).writeOff(t.id),
  },
  {
    name: "dispute (the debtor or the holder: a factor; the originator that sold it is an intruder)",
    on: "claims",
    allowed: (s) => [s.debtor.address, s.factor.address],
    prepare: financed,
    send: (s, t, caller) => s.claims.connect(caller).dispute(t.id, EVIDENCE),
    refusal: (_s, t, caller) => ["ClaimNotDisputant", [t.id, caller.address]],
    authorised: (s, t) => s.claims.connect(s.factor).dispute(t.id, EVIDENCE),
  },
  {
    name: "resolve (an arbiter)",
    on: "claims",
    allowed: (s) => [s.operator.address],
    prepare: async (s, t) => {
      t.id = await reachState(s, State.Disputed, { agent: t.agent });
    },
    send: (s, t, caller) => s.claims.connect(caller).resolve(t.id, Outcome.Voided, 10_000n * USD),
    refusal: (_s, _t, caller) => missingRole(caller, ARBITER_ROLE),
    authorised: (s, t) => s.claims.connect(s.operator).resolve(t.id, Outcome.Voided, 10_000n * USD),
  },
  {
    name: "lock (a trusted agent)",
    on: "claims",
    allowed: () => [],
    prepare: financed,
    send: (s, t, caller) => s.claims.connect(caller).lock(t.id),
    refusal: (_s, _t, caller) => ["ClaimNotAgent", [caller.address]],
    authorised: (_s, t) => t.agent.lock(t.id),
  },
  {
    name: "unlock (the agent that locked the claim; the holder too, once that agent is no longer trusted)",
    on: "claims",
    allowed: () => [],
    prepare: async (s, t) => {
      await financed(s, t);
      await t.agent.lock(t.id);
    },
    send: (s, t, caller) => s.claims.connect(caller).unlock(t.id),
    refusal: (_s, t, caller) => ["ClaimNotLockedByCaller", [t.id, caller.address]],
    authorised: (_s, t) => t.agent.unlock(t.id),
  },
  {
    name: "agentTransfer (a trusted agent)",
    on: "claims",
    allowed: () => [],
    prepare: financed,
    send: (s, t, caller) => s.claims.connect(caller).agentTransfer(t.id, s.bank.address),
    refusal: (_s, _t, caller) => ["ClaimNotAgent", [caller.address]],
    authorised: (s, t) => t.agent.transfer(t.id, s.bank.address),
  },
  {
    name: "transferFrom (the holder, or an account it approved)",
    on: "claims",
    allowed: (s) => [s.factor.address],
    prepare: financed,
    send: (s, t, caller) => s.claims.connect(caller).transferFrom(s.factor.address, s.bank.address, t.id),
    refusal: (_s, t, caller) => ["ERC721InsufficientApproval", [caller.address, t.id]],
    authorised: (s, t) => s.claims.connect(s.factor).transferFrom(s.factor.address, s.bank.address, t.id),
  },
  {
    name: "approve (the holder)",
    on: "claims",
    allowed: (s) => [s.factor.address],
    prepare: financed,
    send: (s, t, caller) => s.claims.connect(caller).approve(s.bank.address, t.id),
    refusal: (_s, _t, caller) => ["ERC721InvalidApprover", [caller.address]],
    authorised: (s, t) => s.claims.connect(s.factor).approve(s.bank.address, t.id),
  },
  {
    name: "withdraw (an account owed money: the factor the debtor paid)",
    on: "claims",
    allowed: (s) => [s.factor.address],
    prepare: async (s, t) => {
      await financed(s, t);
      await s.claims.connect(s.debtor).pay(t.id, 2_500n * USD);
    },
    send: (s, _t, caller) => s.claims.connect(caller).withdraw(s.usdc, caller.address),
    refusal: (s, _t, caller) => ["ClaimNothingToWithdraw", [caller.address, s.usdc.target]],
    authorised: (s) => s.claims.connect(s.factor).withdraw(s.usdc, s.factor.address),
  },
  {
    name: "reclaimHeldPayment (the payer whose payment was held when the claim was voided)",
    on: "claims",
    allowed: (s) => [s.debtor.address],
    prepare: async (s, t) => {
      t.id = await reachState(s, State.Disputed, { agent: t.agent });
      await s.claims.connect(s.debtor).pay(t.id, 3_000n * USD);
      await s.claims.connect(s.operator).resolve(t.id, Outcome.Voided, 10_000n * USD);
    },
    send: (s, t, caller) => s.claims.connect(caller).reclaimHeldPayment(t.id, caller.address),
    refusal: (_s, t, caller) => ["ClaimNothingHeld", [t.id, caller.address]],
    authorised: (s, t) => s.claims.connect(s.debtor).reclaimHeldPayment(t.id, s.debtor.address),
  },

  // ------------------------------------------------------------------ registry
  {
    name: "registry.verify (an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async (_s, t) => {
      t.subject = ethers.Wallet.createRandom().address;
      t.deadline = BigInt(await networkHelpers.time.latest()) + 365n * DAY;
    },
    send: (s, t, caller) => s.registry.connect(caller).verify(t.subject, Role.Factor, t.deadline),
    refusal: (_s, _t, caller) => registryRole(caller, OPERATOR_ROLE),
    authorised: (s, t) => s.registry.connect(s.operator).verify(t.subject, Role.Factor, t.deadline),
  },
  {
    name: "registry.verifyBatch (an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async (_s, t) => {
      t.subject = ethers.Wallet.createRandom().address;
      t.deadline = BigInt(await networkHelpers.time.latest()) + 365n * DAY;
    },
    send: (s, t, caller) => s.registry.connect(caller).verifyBatch([t.subject], [Role.Debtor], [t.deadline]),
    refusal: (_s, _t, caller) => registryRole(caller, OPERATOR_ROLE),
    authorised: (s, t) => s.registry.connect(s.operator).verifyBatch([t.subject], [Role.Debtor], [t.deadline]),
  },
  {
    name: "registry.setAgent (an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async (s, t) => {
      const contract = await new HostileReceiver__factory(s.stranger).deploy(s.stranger.address);
      t.subject = await contract.getAddress();
    },
    send: (s, t, caller) => s.registry.connect(caller).setAgent(t.subject, true),
    refusal: (_s, _t, caller) => registryRole(caller, OPERATOR_ROLE),
    // The cast is verified, so the change is announced (agentChangeDueAt), not applied.
    authorised: (s, t) => s.registry.connect(s.operator).setAgent(t.subject, true),
  },
  {
    name: "registry.revoke (an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async (s, t) => {
      t.subject = s.factor.address;
    },
    send: (s, t, caller) => s.registry.connect(caller).revoke(t.subject, Role.Factor),
    refusal: (_s, _t, caller) => registryRole(caller, OPERATOR_ROLE),
    authorised: (s, t) => s.registry.connect(s.operator).revoke(t.subject, Role.Factor),
  },
  {
    name: "registry.setSuspended (an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async (s, t) => {
      t.subject = s.debtor.address;
    },
    send: (s, t, caller) => s.registry.connect(caller).setSuspended(t.subject, true),
    refusal: (_s, _t, caller) => registryRole(caller, OPERATOR_ROLE),
    authorised: (s, t) => s.registry.connect(s.operator).setSuspended(t.subject, true),
  },
  {
    name: "registry.setCurrencyAllowed (an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async (s, t) => {
      const token = await new MockStablecoin__factory(s.stranger).deploy("Euro Coin", "EURC", 6);
      t.subject = await token.getAddress();
    },
    send: (s, t, caller) => s.registry.connect(caller).setCurrencyAllowed(t.subject, true),
    refusal: (_s, _t, caller) => registryRole(caller, OPERATOR_ROLE),
    authorised: (s, t) => s.registry.connect(s.operator).setCurrencyAllowed(t.subject, true),
  },
  {
    name: "registry.setMarketRules (an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async () => {},
    send: (s, _t, caller) =>
      s.registry.connect(caller).setMarketRules({ ...RULES, defaultGrace: 1, treasury: caller.address }),
    refusal: (_s, _t, caller) => registryRole(caller, OPERATOR_ROLE),
    authorised: (s) =>
      s.registry.connect(s.operator).setMarketRules({ ...RULES, defaultGrace: 1, treasury: s.operator.address }),
  },
  {
    name: "registry.pause (a pauser)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async () => {},
    send: (s, _t, caller) => s.registry.connect(caller).pause(),
    refusal: (_s, _t, caller) => registryRole(caller, PAUSER_ROLE),
    authorised: (s) => s.registry.connect(s.operator).pause(),
  },
  {
    name: "registry.unpause (a pauser)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async (s) => {
      await s.registry.connect(s.operator).pause();
    },
    send: (s, _t, caller) => s.registry.connect(caller).unpause(),
    refusal: (_s, _t, caller) => registryRole(caller, PAUSER_ROLE),
    authorised: (s) => s.registry.connect(s.operator).unpause(),
  },
  {
    name: "registry.grantRole (the admin; each intruder tries to make itself an operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async () => {},
    send: (s, _t, caller) => s.registry.connect(caller).grantRole(OPERATOR_ROLE, caller.address),
    refusal: (_s, _t, caller) => registryRole(caller, DEFAULT_ADMIN_ROLE),
    authorised: (s) => s.registry.connect(s.operator).grantRole(ARBITER_ROLE, s.bank.address),
  },
  {
    name: "registry.revokeRole (the admin; each intruder tries to remove the operator)",
    on: "registry",
    allowed: (s) => [s.operator.address],
    prepare: async () => {},
    send: (s, _t, caller) => s.registry.connect(caller).revokeRole(OPERATOR_ROLE, s.operator.address),
    refusal: (_s, _t, caller) => registryRole(caller, DEFAULT_ADMIN_ROLE),
    authorised: (s) => s.registry.connect(s.operator).revokeRole(PAUSER_ROLE, s.operator.address),
  },
];

/** Deep-copies ethers results (arrays of arrays) into plain arrays for comparison. */
function plain(value: unknown): unknown {
  return Array.isArray(value) ? [...value].map(plain) : value;
}

/** Money in and around the claim contract: every account's balance and credit, and the liabilities. */
async function money(s: System, accounts: string[]) {
  const all = [...accounts, await s.claims.getAddress()];
  return {
    balances: await Promise.all(all.map((a) => s.usdc.balanceOf(a))),
    owed: await Promise.all(all.map((a) => s.claims.owed(a, s.usdc))),
    liabilities: await s.claims.totalLiabilities(s.usdc),
  };
}

/** The registry as the rest of the system sees it, and the access roles of `accounts`. */
async function registryState(s: System, accounts: string[]) {
  const { registry } = s;
  const roles = [DEFAULT_ADMIN_ROLE, OPERATOR_ROLE, ARBITER_ROLE, PAUSER_ROLE];
  return {
    participants: plain(await registry.participants(0n, 1_000n)),
    count: await registry.participantCount(),
    currencies: plain(await registry.currencies()),
    rulesVersion: await registry.currentRulesVersion(),
    rules: plain(await registry.currentRules()),
    paused: await registry.paused(),
    roles: await Promise.all(accounts.flatMap((a) => roles.map((r) => registry.hasRole(r, a)))),
  };
}

/** Everything an intruder's call could have changed. */
async function everything(s: System, t: Target, callers: Caller[]) {
  const accounts = [...cast(s), ...callers].map((c) => c.address);
  const watch: Watch = { ids: t.id === 0n ? [] : [t.id], accounts };
  if (t.terms !== undefined) watch.commitments = [t.terms.invoiceCommitment];
  return {
    claims: await snapshot(s, watch),
    money: await money(s, accounts),
    registry: await registryState(s, accounts),
    agents: await Promise.all(
      [t.subject, t.agent.address, ...accounts].map(async (a) => [
        await s.registry.isAgent(a),
        await s.registry.agentChangeDueAt(a),
      ]),
    ),
  };
}

describe("ReceivableClaim and ParticipantRegistry: fuzzed callers (A1)", () => {
  for (const gate of GATES) {
    it(`${gate.name}: refuses ${RANDOM_CALLERS} fresh accounts and every other fixture account, moving nothing`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t: Target = {
        id: 0n,
        agent: await deployAgent(s),
        terms: undefined as unknown as ClaimTermsStruct,
        subject: ethers.ZeroAddress,
        deadline: 0n,
        signature: "0x",
      };
      await gate.prepare(s, t);
      const allowed = gate.allowed(s, t);
      const fresh = await randomCallers();
      const intruders: Caller[] = [...fresh, ...cast(s).filter((c) => !allowed.includes(c.address))];
      expect(intruders.length).to.be.greaterThanOrEqual(RANDOM_CALLERS + 9 - allowed.length);

      const errorSource: BaseContract = gate.on === "claims" ? s.claims : s.registry;
      const before = await everything(s, t, fresh);
      for (const caller of intruders) {
        const [error, args] = gate.refusal(s, t, caller);
        await expect(gate.send(s, t, caller), `${gate.name} from ${caller.address}`)
          .to.be.revertedWithCustomError(errorSource, error)
          .withArgs(...args);
      }
      expect(await everything(s, t, fresh), "nothing moved").to.deep.equal(before);

      await gate.authorised(s, t);
      expect(await everything(s, t, fresh), "the authorised call did something").not.to.deep.equal(before);
    });
  }
});
