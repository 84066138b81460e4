import { expect } from "chai";
import { MaxUint256, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { deploySystem } from "./fixtures/system.js";
import { deployAgent } from "./helpers/agents.js";
import { CLAIM_STATES, reachState } from "./helpers/states.js";
import { ClaimState as State } from "@openfactor/sdk";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

/** The fields claimCore shares with claim(): everything but the held amount and who issued it. */
const CORE_FIELDS = [
  "originator",
  "issuedAt",
  "dueDate",
  "debtor",
  "state",
  "stateBeforeDispute",
  "nonce",
  "rulesVersion",
  "currency",
  "acceptanceDeadline",
  "disputeCount",
  "faceValue",
  "amountPaid",
] as const;

/** A struct as ethers returns it (a Result), as a plain object keyed by field name. */
const fieldsOf = (struct: object) => (struct as { toObject(): Record<string, unknown> }).toObject();

describe("ReceivableClaim: claimCore", () => {
  it("has exactly claim()'s fields less heldAmount and issuedByDebtor", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issue();
    const core = await s.claims.claimCore(id);
    const full = await s.claimLens.claim(id);
    expect(Object.keys(fieldsOf(core)).sort()).to.deep.equal([...CORE_FIELDS].sort());
    expect(
      Object.keys(fieldsOf(full))
        .filter((key) => !(CORE_FIELDS as readonly string[]).includes(key))
        .sort(),
    ).to.deep.equal(["heldAmount", "issuedByDebtor"]);
  });

  it("keeps no default time: a Defaulted claim is known by its state, its default time by its ClaimStateChanged", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await reachState(s, State.Defaulted);
    const core = await s.claims.claimCore(id);
    expect(core.state).to.equal(State.Defaulted);
    expect(Object.keys(fieldsOf(core))).to.not.include("defaultedAt");
    expect(Object.keys(fieldsOf(await s.claimLens.claim(id)))).to.not.include("defaultedAt");
  });

  for (const [name, state] of CLAIM_STATES) {
    it(`reads the same values as claim() for a claim that is ${name}`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, state);
      const core = fieldsOf(await s.claims.claimCore(id));
      const full = fieldsOf(await s.claimLens.claim(id));
      expect(core.state).to.equal(BigInt(state));
      for (const field of CORE_FIELDS) expect(core[field], field).to.equal(full[field]);
    });
  }

  it("reads a disputed claim's packed fields (state before dispute, dispute count) as claim() does", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await reachState(s, State.Disputed);
    const core = fieldsOf(await s.claims.claimCore(id));
    const full = fieldsOf(await s.claimLens.claim(id));
    expect(core.disputeCount).to.equal(1n);
    expect(core.stateBeforeDispute).to.not.equal(BigInt(State.None));
    for (const field of CORE_FIELDS) expect(core[field], field).to.equal(full[field]);
  });

  for (const id of [0n, 2n, MaxUint256]) {
    it(`reverts with ClaimNotFound(${id === MaxUint256 ? "max" : id}) for an unknown id`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issue();
      await expect(s.claims.claimCore(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
    });
  }
});

describe("ReceivableClaim: claimForTrade", () => {
  for (const [name, state] of CLAIM_STATES) {
    it(`read what claimCore, ownerOf, lockedBy and claim().currency read for a claim that is ${name}`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, state);
      const [core, holder, locker] = await s.claims.claimForTrade(id);
      expect(fieldsOf(core)).to.deep.equal(fieldsOf(await s.claims.claimCore(id)));
      expect(holder).to.equal(await s.claims.ownerOf(id));
      expect(locker).to.equal(ZeroAddress);
      expect(core.currency).to.equal(await s.usdc.getAddress());
    });
  }

  it("claimForTrade names the agent holding the lock, as lockedBy does", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const agent = await deployAgent(s);
    const id = await reachState(s, State.Accepted);
    await agent.lock(id);
    const [, holder, locker] = await s.claims.claimForTrade(id);
    expect(locker).to.equal(agent.address);
    expect(locker).to.equal(await s.claims.lockedBy(id));
    expect(holder).to.equal(s.sme.address);
  });

  for (const id of [0n, 2n, MaxUint256]) {
    it(`reverts with ClaimNotFound(${id === MaxUint256 ? "max" : id}) for an unknown id`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issue();
      await expect(s.claims.claimForTrade(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
    });
  }
});

/** The fields claimForSale reads from the record, and where claimForTrade has them. */
const SALE_FIELDS_FROM_CORE = ["debtor", "state", "nonce", "currency", "faceValue", "amountPaid"] as const;

describe("ReceivableClaim: claimForSale and currencyAt", () => {
  for (const [name, state] of CLAIM_STATES) {
    it(`claimForSale reads what claimForTrade reads, for a claim that is ${name}`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, state);
      const sale = await s.claims.claimForSale(id);
      const [core, holder, locker] = await s.claims.claimForTrade(id);
      for (const field of SALE_FIELDS_FROM_CORE) expect(sale[field], field).to.equal(core[field]);
      expect(sale.holder).to.equal(holder);
      expect(sale.locker).to.equal(locker);
      expect(await s.claims.currencyAt(sale.currencyId)).to.equal(core.currency);
    });
  }

  it("claimForSale names the agent holding the lock, and zero again once it unlocks", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const agent = await deployAgent(s);
    const id = await reachState(s, State.Accepted);
    await agent.lock(id);
    expect((await s.claims.claimForSale(id)).locker).to.equal(agent.address);
    await agent.unlock(id);
    expect((await s.claims.claimForSale(id)).locker).to.equal(ZeroAddress);
  });

  it("gives every claim in one currency the same currency id, the first one 1", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const first = await s.issue();
    const second = await s.issueAccepted();
    expect((await s.claims.claimForSale(first)).currencyId).to.equal(1n);
    expect((await s.claims.claimForSale(second)).currencyId).to.equal(1n);
  });

  for (const id of [0n, 2n, MaxUint256]) {
    it(`claimForSale reverts with ClaimNotFound(${id === MaxUint256 ? "max" : id}) for an unknown id`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issue();
      await expect(s.claims.claimForSale(id)).to.be.revertedWithCustomError(s.claims, "ClaimNotFound").withArgs(id);
    });
  }

  for (const currencyId of [0n, 2n, 65_535n]) {
    it(`currencyAt reverts with ClaimUnknownCurrencyId(${currencyId}) for an id no currency has`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issue();
      await expect(s.claims.currencyAt(currencyId))
        .to.be.revertedWithCustomError(s.claims, "ClaimUnknownCurrencyId")
        .withArgs(currencyId);
    });
  }
});
