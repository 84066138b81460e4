import { expect } from "chai";
import { MaxUint256 } from "ethers";
import { network } from "hardhat";

import { deploySystem, State } from "./fixtures/system.js";
import { CLAIM_STATES, reachState } from "./helpers/states.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySystem(connection);

/** The fields claimCore shares with claim(): everything but the held amount, the two hashes and who issued it. */
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
  "defaultedAt",
  "disputeCount",
  "faceValue",
  "amountPaid",
] as const;

/** A struct as ethers returns it (a Result), as a plain object keyed by field name. */
const fieldsOf = (struct: object) => (struct as { toObject(): Record<string, unknown> }).toObject();

describe("ReceivableClaim: claimCore", () => {
  it("has exactly claim()'s fields less heldAmount, invoiceCommitment, documentHash and issuedByDebtor", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issue();
    const core = await s.claims.claimCore(id);
    const full = await s.claims.claim(id);
    expect(Object.keys(fieldsOf(core)).sort()).to.deep.equal([...CORE_FIELDS].sort());
    expect(
      Object.keys(fieldsOf(full))
        .filter((key) => !(CORE_FIELDS as readonly string[]).includes(key))
        .sort(),
    ).to.deep.equal(["documentHash", "heldAmount", "invoiceCommitment", "issuedByDebtor"]);
  });

  for (const [name, state] of CLAIM_STATES) {
    it(`reads the same values as claim() for a claim that is ${name}`, async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, state);
      const core = fieldsOf(await s.claims.claimCore(id));
      const full = fieldsOf(await s.claims.claim(id));
      expect(core.state).to.equal(BigInt(state));
      for (const field of CORE_FIELDS) expect(core[field], field).to.equal(full[field]);
    });
  }

  it("reads a disputed claim's packed fields (state before dispute, dispute count) as claim() does", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await reachState(s, State.Disputed);
    const core = fieldsOf(await s.claims.claimCore(id));
    const full = fieldsOf(await s.claims.claim(id));
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
