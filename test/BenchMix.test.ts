import { expect } from "chai";
import { type Address, zeroAddress } from "viem";

import { type Contracts, DEFAULT_MARKET_RULES, deployments, SECONDS_PER_DAY } from "@openfactor/sdk";
import {
  CLAIM_MIX,
  type ClaimPlan,
  countFates,
  fateOf,
  type Participant,
  planClaims,
  planParticipants,
  USD,
} from "../scripts/bench/mix.js";
import {
  type BenchContext,
  bidAmount,
  bidsAndActivations,
  firstMoves,
  issues,
  participantAccount,
  paymentsAfterSales,
  sales,
} from "../scripts/bench/phases.js";
import type { Tx } from "../scripts/bench/rpc.js";

/** The CI size of the scale benchmark. */
const N = 2_000;
const M = 100;

const holds = (participants: readonly Participant[], index: number, role: string) =>
  participants[index].roles.includes(role as never);

describe("scale benchmark plan (npm run bench:scale)", function () {
  const participants = planParticipants(M);
  const claims = planClaims(N, participants);

  describe("participants", function () {
    it("splits every 20 into 10 SMEs, 4 debtors, 4 factors, a guarantor and a bank", function () {
      const count = (part: string) => participants.filter((p) => p.part === part).length;
      expect([count("SME"), count("debtor"), count("factor"), count("guarantor"), count("bank")]).to.deep.equal([
        50, 20, 20, 5, 5,
      ]);
      const bank = participants.find((p) => p.part === "bank")!;
      expect(bank.roles).to.deep.equal(["Factor", "Guarantor"]);
    });

    it("refuses fewer than 20 participants or a count that is not a whole number", function () {
      expect(() => planParticipants(19)).to.throw(
        "the participant count must be a whole number of at least 20, got 19",
      );
      expect(() => planParticipants(20.5)).to.throw("got 20.5");
      expect(() => planClaims(0, participants)).to.throw("the claim count must be a whole number of at least 1");
    });

    it("derives the same distinct account for a participant on every run", function () {
      const [a, b, again] = [participantAccount(0), participantAccount(1), participantAccount(0)];
      expect(a.address).to.equal(again.address);
      expect(a.address).to.not.equal(b.address);
    });
  });

  describe("claim mix", function () {
    it("adds up to 1,000 per 1,000 claims", function () {
      expect(CLAIM_MIX.reduce((sum, fate) => sum + fate.perMille, 0)).to.equal(1_000);
    });

    it("gives every block of 1,000 claims exactly the mix's counts", function () {
      const counts = countFates(claims);
      for (const fate of CLAIM_MIX) expect(counts.get(fate.name), fate.name).to.equal((fate.perMille * N) / 1_000);
      const firstBlock = countFates(claims.slice(0, 1_000));
      for (const fate of CLAIM_MIX) expect(firstBlock.get(fate.name), fate.name).to.equal(fate.perMille);
    });

    it("spreads the fates through the block instead of running them in a row", function () {
      const firstTen = new Set(Array.from({ length: 10 }, (_, i) => fateOf(i).name));
      expect(firstTen.size).to.be.greaterThan(3);
    });

    it("lists about a third of the claims and bids on about half the listed ones", function () {
      const listed = claims.filter((c) => c.fate.listed).length;
      const bidOn = claims.filter((c) => c.fate.bids > 0).length;
      expect(listed / N).to.be.within(0.3, 0.4);
      expect(bidOn / listed).to.be.within(0.45, 0.6);
    });

    it("sells only listed claims with a bid, and leaves only unaccepted claims unlisted and untouched", function () {
      for (const fate of CLAIM_MIX) {
        if (fate.sold) expect(fate.listed && fate.bids > 0, fate.name).to.equal(true);
        if (!fate.accepted) {
          expect([fate.listed, fate.payment, fate.guarantee], fate.name).to.deep.equal([false, "none", "none"]);
        }
        // An order is priced on the claim as it is: a claim that is paid or guaranteed before it sells is never listed.
        if (fate.listed) expect([fate.guarantee, fate.sold || fate.payment === "none"]).to.deep.equal(["none", true]);
      }
    });
  });

  describe("claims", function () {
    it("has each claim issued by an originator on a debtor, bid on by distinct factors, covered by a guarantor", function () {
      for (const claim of claims) {
        expect(holds(participants, claim.sme, "Originator")).to.equal(true);
        expect(holds(participants, claim.debtor, "Debtor")).to.equal(true);
        expect(claim.bidders).to.have.length(claim.fate.bids);
        expect(new Set(claim.bidders).size).to.equal(claim.bidders.length);
        for (const bidder of claim.bidders) expect(holds(participants, bidder, "Factor")).to.equal(true);
        expect(claim.guarantor === undefined).to.equal(claim.fate.guarantee === "none");
        if (claim.guarantor !== undefined) expect(holds(participants, claim.guarantor, "Guarantor")).to.equal(true);
      }
    });

    it("keeps face values between 5,000 and 250,000 dollars and tenors within the market's rules", function () {
      for (const claim of claims) {
        expect(claim.face >= 5_000n * USD && claim.face <= 250_000n * USD).to.equal(true);
        const tenor = claim.tenorDays * SECONDS_PER_DAY;
        expect(tenor).to.be.within(DEFAULT_MARKET_RULES.minTenor, DEFAULT_MARKET_RULES.maxTenor);
      }
    });

    it("has every originator issue to several debtors and every debtor and factor take part", function () {
      const debtorsOf = new Map<number, Set<number>>();
      for (const c of claims) debtorsOf.set(c.sme, (debtorsOf.get(c.sme) ?? new Set()).add(c.debtor));
      expect(debtorsOf.size).to.equal(50);
      for (const debtors of debtorsOf.values()) expect(debtors.size).to.be.greaterThan(1);
      expect(new Set(claims.map((c) => c.debtor)).size).to.equal(20);
      expect(new Set(claims.flatMap((c) => c.bidders)).size).to.equal(25);
    });

    it("plans the same claims on every run", function () {
      expect(planClaims(N, planParticipants(M))).to.deep.equal(claims);
    });

    it("prices the better bid first, both between the listing's minimum (85 %) and the claim's face value", function () {
      for (const claim of claims.filter((c) => c.fate.bids === 2)) {
        expect(bidAmount(claim, 0) > bidAmount(claim, 1)).to.equal(true);
        expect(bidAmount(claim, 1) >= (claim.face * 85n) / 100n).to.equal(true);
        expect(bidAmount(claim, 0) < claim.face).to.equal(true);
      }
    });
  });

  describe("phases", function () {
    // Two accounts per part are enough to check who sends what: a small plan with real keys.
    const few = planParticipants(20);
    const plan = planClaims(1_000, few);
    const ctx: BenchContext = {
      contracts: deployments[31337] as Contracts,
      chainId: 31337,
      operator: zeroAddress,
      participants: few,
      accounts: few.map((p) => participantAccount(p.index)),
      now: 1_800_000_000n,
    };
    const ids = plan.map((c) => BigInt(c.index + 1));
    const sender = (tx: Tx) => (typeof tx.from === "string" ? tx.from : tx.from.address);
    const address = (index: number): Address => ctx.accounts[index].address;
    const call = (tx: Tx) => {
      if (tx.call === undefined || typeof tx.call === "function") throw new Error("expected a built call");
      return tx.call;
    };
    const count = (predicate: (c: ClaimPlan) => boolean) => plan.filter(predicate).length;

    it("issues every claim from its originator, with the debtor's acceptance unless left for the debtor", async function () {
      const txs = issues(ctx, plan);
      expect(txs).to.have.length(1_000);
      for (const [i, tx] of txs.entries()) expect(sender(tx)).to.equal(address(plan[i].sme));
      const built = await Promise.all(txs.map((tx) => (typeof tx.call === "function" ? tx.call() : tx.call!)));
      expect(built.filter((c) => c.functionName === "issueAccepted")).to.have.length(count((c) => c.fate.accepted));
      expect(built.filter((c) => c.functionName === "issue")).to.have.length(count((c) => !c.fate.accepted));
    });

    it("lists from the originator, pays from the debtor and offers cover from the guarantor", function () {
      const txs = firstMoves(ctx, plan, ids);
      const by = (name: string) => txs.filter((tx) => call(tx).functionName === name);
      expect(by("list")).to.have.length(count((c) => c.fate.listed));
      expect(by("pay")).to.have.length(count((c) => c.fate.payment !== "none" && !c.fate.sold));
      expect(by("offer")).to.have.length(count((c) => c.fate.guarantee !== "none"));
      for (const tx of txs) {
        const claim = plan[Number(call(tx).args[0]) - 1];
        const senders: Record<string, number | undefined> = {
          list: claim.sme,
          pay: claim.debtor,
          offer: claim.guarantor,
        };
        const expected = senders[call(tx).functionName];
        expect(sender(tx)).to.equal(address(expected!));
      }
    });

    it("bids from each planned factor and activates cover from the originator", function () {
      const guaranteeIds = new Map(plan.filter((c) => c.guarantor !== undefined).map((c, i) => [c.index, BigInt(i)]));
      const txs = bidsAndActivations(ctx, plan, ids, guaranteeIds);
      const bids = txs.filter((tx) => call(tx).functionName === "bid");
      expect(bids).to.have.length(plan.reduce((sum, c) => sum + c.fate.bids, 0));
      expect(txs.length - bids.length).to.equal(count((c) => c.fate.guarantee === "active"));
    });

    it("sells to the first bidder at its bid, then has the debtor pay the claims meant to settle", function () {
      const sold = sales(ctx, plan, ids);
      expect(sold).to.have.length(count((c) => c.fate.sold));
      for (const tx of sold) {
        const [id, bidder, minPrice] = call(tx).args as [bigint, Address, bigint];
        const claim = plan[Number(id) - 1];
        expect([sender(tx), bidder, minPrice]).to.deep.equal([
          address(claim.sme),
          address(claim.bidders[0]),
          bidAmount(claim, 0),
        ]);
      }
      const paid = paymentsAfterSales(ctx, plan, ids);
      expect(paid).to.have.length(count((c) => c.fate.sold && c.fate.payment === "full"));
      for (const tx of paid) {
        const [id, amount] = call(tx).args as [bigint, bigint];
        expect([sender(tx), amount]).to.deep.equal([address(plan[Number(id) - 1].debtor), plan[Number(id) - 1].face]);
      }
    });
  });
});
