/**
 * ClaimLens: the read-only views front ends use, computed from the claim contract's public getters. `claimsOf` finds
 * an account's claims (holder, debtor, originator) by claim-id window, follows every transfer, costs a fixed amount
 * of gas per id whatever lies outside the window; `acceptanceDigest` is exactly the digest the claim contract
 * verifies (a signature over it issues the claim Accepted) and the one ethers computes.
 */
import { expect } from "chai";
import { MaxUint256, ZeroAddress } from "ethers";
import hre, { network } from "hardhat";

import { CLAIM_ACCEPTANCE_TYPES, claimDomain, ClaimState as State, DAY, Party, Role } from "@openfactor/sdk";
import { deploySystem, metadataHash, type ClaimTermsStruct, type System } from "./fixtures/system.js";
import { deployAgent } from "./helpers/agents.js";
import { expectWindowEdges } from "./helpers/scan.js";
import { reachState } from "./helpers/states.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

describe("ClaimLens", () => {
  it("reads the claim contract it was deployed with", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    expect(await s.claimLens.claims()).to.equal(await s.claims.getAddress());
  });

  describe("claimsOf: the claims of an account, scanned by claim-id window", () => {
    /** Issues 7 claims: debtors d d d2 d d2 d d, originators sme sme sme sme2 sme sme2 sme. */
    async function seven(s: System) {
      const plan: Partial<ClaimTermsStruct>[] = [
        {},
        {},
        { debtor: s.debtor2.address },
        { originator: s.sme2.address },
        { debtor: s.debtor2.address },
        { originator: s.sme2.address },
        {},
      ];
      for (const overrides of plan) await s.issue(overrides);
    }

    /** `claimsOf(account, party)` over every id, as a plain list. */
    const all = async (s: System, account: string, party: number) => [
      ...(await s.claimLens.claimsOf(account, party, 0n, MaxUint256)),
    ];

    for (const [party, name] of [
      [Party.Debtor, "Debtor"],
      [Party.Originator, "Originator"],
      [Party.Holder, "Holder"],
    ] as const) {
      it(`${name}: fromId 0 reads as 1, windows past the last id or of count 0 are empty, the largest count does not overflow, windows laid end to end give the full answer`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        await seven(s);
        const account = party === Party.Debtor ? s.debtor.address : s.sme.address;
        const expected = [1n, 2n, party === Party.Debtor ? 4n : 3n, party === Party.Debtor ? 6n : 5n, 7n];
        expect(await all(s, account, party)).to.deep.equal(expected);
        const view = async (fromId: bigint, count: bigint) => [
          ...(await s.claimLens.claimsOf(account, party, fromId, count)),
        ];
        await expectWindowEdges(view, expected, await s.claims.claimCount());
      });
    }

    it("Debtor: each debtor's claims in id order, ended ones included; nothing for an account that owes none", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await seven(s);
      expect(await all(s, s.debtor.address, Party.Debtor)).to.deep.equal([1n, 2n, 4n, 6n, 7n]);
      expect(await all(s, s.debtor2.address, Party.Debtor)).to.deep.equal([3n, 5n]);
      expect(await s.claimLens.claimsOf(s.debtor.address, Party.Debtor, 3n, 3n)).to.deep.equal([4n]);
      expect(await all(s, s.stranger.address, Party.Debtor)).to.deep.equal([]);
      expect(await all(s, ZeroAddress, Party.Debtor)).to.deep.equal([]);
      const rejected = await reachState(s, State.Rejected);
      const cancelled = await reachState(s, State.Cancelled);
      expect(await all(s, s.debtor.address, Party.Debtor)).to.deep.equal([1n, 2n, 4n, 6n, 7n, rejected, cancelled]);
    });

    it("Originator: each originator's claims in id order; a sold claim stays under its originator", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s); // before the first claim, so it is trusted at once
      await seven(s);
      expect(await all(s, s.sme.address, Party.Originator)).to.deep.equal([1n, 2n, 3n, 5n, 7n]);
      expect(await all(s, s.sme2.address, Party.Originator)).to.deep.equal([4n, 6n]);
      expect(await all(s, s.debtor.address, Party.Originator)).to.deep.equal([]);
      const sold = await reachState(s, State.Financed, { agent });
      expect(await all(s, s.sme.address, Party.Originator)).to.deep.equal([1n, 2n, 3n, 5n, 7n, sold]);
      expect(await all(s, s.sme.address, Party.Holder)).to.deep.equal([1n, 2n, 3n, 5n, 7n]);
      expect(await all(s, await s.claims.ownerOf(sold), Party.Holder)).to.include(sold);
    });

    it("Holder: follows every transfer, in id order, while the originator and debtor views stay", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s); // before the first claim, so it is trusted at once
      await seven(s);
      await s.claims.connect(s.debtor).accept(2n);
      await s.claims.connect(s.debtor2).accept(5n);
      expect(await all(s, s.sme.address, Party.Holder)).to.deep.equal([1n, 2n, 3n, 5n, 7n]);
      expect(await all(s, s.sme2.address, Party.Holder)).to.deep.equal([4n, 6n]);

      await agent.transfer(5n, s.factor.address);
      await agent.transfer(2n, s.factor.address);
      expect(await all(s, s.sme.address, Party.Holder)).to.deep.equal([1n, 3n, 7n]);
      expect(await all(s, s.factor.address, Party.Holder)).to.deep.equal([2n, 5n]);
      expect(await s.claimLens.claimsOf(s.factor.address, Party.Holder, 3n, 2n)).to.deep.equal([]);
      expect(await s.claimLens.claimsOf(s.factor.address, Party.Holder, 4n, 2n)).to.deep.equal([5n]);

      await s.claims.connect(s.factor).transferFrom(s.factor.address, s.bank.address, 2n);
      await s.claims.connect(s.factor).transferFrom(s.factor.address, s.sme.address, 5n);
      expect(await all(s, s.factor.address, Party.Holder)).to.deep.equal([]);
      expect(await all(s, s.bank.address, Party.Holder)).to.deep.equal([2n]);
      expect(await all(s, s.sme.address, Party.Holder)).to.deep.equal([1n, 3n, 5n, 7n]);
      expect(await all(s, s.sme.address, Party.Originator)).to.deep.equal([1n, 2n, 3n, 5n, 7n]);
      expect(await all(s, s.debtor2.address, Party.Debtor)).to.deep.equal([3n, 5n]);
      for (let id = 1n; id <= 7n; ++id) {
        expect(await all(s, await s.claims.ownerOf(id), Party.Holder)).to.include(id);
      }
    });

    it("is empty when no claim exists, whatever the window", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      for (const party of [Party.Holder, Party.Debtor, Party.Originator]) {
        expect(await s.claimLens.claimsOf(s.sme.address, party, 0n, MaxUint256)).to.deep.equal([]);
        expect(await s.claimLens.claimsOf(s.debtor.address, party, 1n, 1n)).to.deep.equal([]);
      }
    });
  });

  describe("claimsOf: gas per id", () => {
    /** Issues `n` claims: every third one on the second debtor, every fifth one sold to the factor. */
    async function issueMany(s: System, agent: Awaited<ReturnType<typeof deployAgent>>, n: number) {
      for (let i = 1; i <= n; i++) {
        const id = await s.issueAccepted(i % 3 === 0 ? { debtor: s.debtor2.address } : {});
        if (i % 5 === 0) await agent.transfer(id, s.factor.address);
      }
    }
    const WINDOW = 200n;

    it("costs at most 3,500 gas an id as Holder and 14,500 as Debtor or Originator, and a window costs the same whatever is outside it", async function () {
      // Coverage instrumentation inflates the gas: the bounds only make sense on the real build.
      if (hre.globalOptions.coverage) this.skip();
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s); // before the first claim, so it is trusted at once
      await issueMany(s, agent, Number(WINDOW) + 2);
      const cost = async (party: number, fromId: bigint) =>
        s.claimLens.claimsOf.estimateGas(s.debtor.address, party, fromId, WINDOW);
      const perId = async (party: number) => ((await cost(party, 1n)) - (await cost(party, 1n << 200n))) / WINDOW;
      const before = {
        holder: await cost(Party.Holder, 1n),
        debtor: await cost(Party.Debtor, 1n),
        originator: await cost(Party.Originator, 1n),
      };
      expect(await perId(Party.Holder), "Holder, gas an id").to.be.lte(3_500n);
      expect(await perId(Party.Debtor), "Debtor, gas an id").to.be.lte(14_500n);
      expect(await perId(Party.Originator), "Originator, gas an id").to.be.lte(14_500n);

      // 100 more claims after the window, some of the same debtor, some sold: the window's cost does not move.
      await issueMany(s, agent, 100);
      expect(await cost(Party.Holder, 1n)).to.equal(before.holder);
      expect(await cost(Party.Debtor, 1n)).to.equal(before.debtor);
      expect(await cost(Party.Originator, 1n)).to.equal(before.originator);
    });
  });

  describe("acceptanceDigest", () => {
    it("is the EIP-712 digest ethers computes under the claim contract's domain and the debtor's counter", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const t = await s.terms();
      const deadline = (await s.now()) + DAY;
      const { chainId } = await ethers.provider.getNetwork();
      const domain = claimDomain(chainId, await s.claims.getAddress());
      const types = { ClaimAcceptance: [...CLAIM_ACCEPTANCE_TYPES.ClaimAcceptance] };
      const byHand = (uri: string, counter: bigint) =>
        ethers.TypedDataEncoder.hash(domain, types, { ...t, metadataHash: metadataHash(uri), counter, deadline });
      expect(await s.claimLens.acceptanceDigest(t, "", deadline)).to.equal(byHand("", 0n));
      expect(await s.claimLens.acceptanceDigest(t, "ipfs://x", deadline)).to.equal(byHand("ipfs://x", 0n));
      await s.claims.connect(s.debtor).incrementAcceptanceCounter();
      expect(await s.claimLens.acceptanceDigest(t, "", deadline)).to.equal(byHand("", 1n));
    });

    it("a raw signature of it issues the claim Accepted: it is the digest the claim contract verifies", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const wallet = ethers.Wallet.createRandom();
      await s.registry.connect(s.operator).verify(wallet.address, Role.Debtor, (await s.now()) + 365n * DAY);
      const t: ClaimTermsStruct = await s.terms({ debtor: wallet.address });
      const deadline = (await s.now()) + DAY;
      const digest = await s.claimLens.acceptanceDigest(t, "", deadline);
      const signature = wallet.signingKey.sign(digest).serialized;
      await s.claims.connect(s.sme).issueAccepted(t, "", deadline, signature);
      const id = await s.claims.claimCount();
      expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    });
  });
});
