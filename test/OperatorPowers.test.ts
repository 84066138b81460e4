/**
 * The operator's powers over money in flight, one `describe` per row of the operator-powers table in
 * docs/SECURITY.md (O1-O8): what each power can do, how fast, and what it can never do. Each test exercises the power
 * at the worst moment for the participants and shows that their rights in flight still go through, with balance
 * deltas for every value that moves.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { COVER, deployEscrowSystem, PREMIUM, type EscrowSystem } from "./fixtures/escrow.js";
import { USD } from "./fixtures/system.js";
import { AGENT_CHANGE_DELAY } from "./helpers/agents.js";
import { ClaimState as State, DAY, DEFAULT_MARKET_RULES as RULES, Role, splitFee } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => deployEscrowSystem(connection);

const PART = 1_000n * USD;
const BID = 8_000n * USD;

/**
 * Money in flight on every ledger: claim `held` (sme) with an active guarantee, claim `bidOn` (sme) carrying the
 * factor's escrowed bid, claim `settled` guaranteed and paid in full (its collateral releasable).
 */
async function inFlight(s: EscrowSystem) {
  const held = await s.guaranteedClaim();
  const bidOn = await s.issueAccepted();
  await s.market.connect(s.factor).bid(bidOn, BID, (await s.now()) + 30n * DAY);
  const settled = await s.guaranteedClaim();
  await s.claims.connect(s.debtor).pay(settled.claimId, await s.claimLens.outstanding(settled.claimId));
  return { held, bidOn, settled };
}

/** Past the claim's due date and grace: a stranger's poke declares the default. */
async function defaultIt(s: EscrowSystem, claimId: bigint): Promise<void> {
  const { m, g } = await s.clockOf(claimId);
  await time.setNextBlockTimestamp(m + g + 1n);
  await expect(s.claims.connect(s.stranger).poke(claimId))
    .to.emit(s.claims, "ClaimStateChanged")
    .withArgs(claimId, State.Overdue, State.Defaulted);
}

/**
 * Every right in flight of `inFlight` is exercised, each value move asserted as balance deltas: the debtor pays and
 * the holder withdraws (claim ledger), the factor cancels its bid and gets its escrow back (market), anyone
 * releases the settled claim's collateral and the guarantor withdraws it, the debtor disputes, the holder's default
 * is declared by a poke and its guarantee called, and the holder withdraws the cover (escrow ledger).
 */
async function everyRightGoesThrough(s: EscrowSystem, f: Awaited<ReturnType<typeof inFlight>>): Promise<void> {
  const usdc = s.usdc;
  await expect(s.claims.connect(s.debtor).pay(f.bidOn, PART)).to.changeTokenBalances(
    ethers,
    usdc,
    [s.debtor, s.claims],
    [-PART, PART],
  );
  // The settled claim's face value and the part just paid.
  const owedToSme = (await s.claimLens.claim(f.settled.claimId)).faceValue + PART;
  expect(await s.claims.owed(s.sme.address, s.usdcAddress)).to.equal(owedToSme);
  await expect(s.claims.connect(s.sme).withdraw(s.usdcAddress, s.sme.address)).to.changeTokenBalances(
    ethers,
    usdc,
    [s.claims, s.sme],
    [-owedToSme, owedToSme],
  );

  const cancel = s.market.connect(s.factor).cancelBid(f.bidOn, s.factor.address);
  await expect(cancel).to.emit(s.market, "BidCancelled").withArgs(f.bidOn, s.factor.address, s.factor.address, BID);
  await expect(cancel).to.changeTokenBalances(ethers, usdc, [s.market, s.factor], [-BID, BID]);

  await expect(s.escrow.connect(s.stranger).release(f.settled.guaranteeId))
    .to.emit(s.escrow, "GuaranteeReleased")
    .withArgs(f.settled.guaranteeId, f.settled.claimId, s.guarantor.address, COVER);
  // The released cover (the premiums net of the fee were paid to the guarantor at activation).
  const toGuarantor = COVER;
  expect(await s.escrow.credited(s.guarantor.address, s.usdcAddress)).to.equal(toGuarantor);
  await expect(s.escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.guarantor.address)).to.changeTokenBalances(
    ethers,
    usdc,
    [s.escrow, s.guarantor],
    [-toGuarantor, toGuarantor],
  );

  await expect(s.claims.connect(s.debtor).dispute(f.bidOn, ethers.id("evidence")))
    .to.emit(s.claims, "ClaimStateChanged")
    .withArgs(f.bidOn, State.Accepted, State.Disputed);

  await defaultIt(s, f.held.claimId);
  // The call pays the holder straight.
  const call = s.escrow.connect(s.sme).callGuarantee(f.held.guaranteeId, s.sme);
  await expect(call)
    .to.emit(s.escrow, "GuaranteeCalled")
    .withArgs(f.held.guaranteeId, f.held.claimId, s.sme.address, s.sme.address, COVER, 0n, false);
  await expect(call).to.changeTokenBalances(ethers, usdc, [s.escrow, s.sme], [-COVER, COVER]);
}

describe("Operator powers over money in flight (docs/SECURITY.md O1-O8)", () => {
  describe("O1: agents (trust, distrust) wait AGENT_CHANGE_DELAY once a participant is verified", () => {
    it("AGENT_CHANGE_DELAY outlasts the longest cover the rules allow (MAX_COVER_SPAN = 540 days)", () => {
      expect(AGENT_CHANGE_DELAY).to.equal(541n * DAY);
      expect(BigInt(RULES.maxTenor + RULES.defaultGrace + RULES.guaranteeClaimWindow)).to.be.lessThan(540n * DAY);
    });

    it("an announced distrust of the market is pending: the market still sells until anyone applies it when due", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const market = await s.market.getAddress();
      const announced = await s.registry.connect(s.operator).setAgent(market, false);
      const effectiveAt = BigInt((await announced.getBlock())!.timestamp) + AGENT_CHANGE_DELAY;
      await expect(announced).to.emit(s.registry, "AgentChangeScheduled").withArgs(market, false, effectiveAt);
      expect(await s.registry.agentChangeDueAt(market)).to.equal(effectiveAt);

      await s.sell(id, s.factor);
      expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);

      await time.setNextBlockTimestamp(effectiveAt - 1n);
      await expect(s.registry.connect(s.stranger).applyAgentChange(market))
        .to.be.revertedWithCustomError(s.registry, "RegistryAgentChangeNotDue")
        .withArgs(market, effectiveAt, effectiveAt - 1n);
      await time.setNextBlockTimestamp(effectiveAt);
      await expect(s.registry.connect(s.stranger).applyAgentChange(market))
        .to.emit(s.registry, "AgentSet")
        .withArgs(market, false);
      expect(await s.registry.isAgent(market)).to.equal(false);
    });

    it("a new agent announced after claims exist cannot act before the delay", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await s.issueAccepted();
      const newAgent = await (await ethers.getContractFactory("HostileReceiver")).deploy(s.operator.address);
      const address = await newAgent.getAddress();
      await expect(s.registry.connect(s.operator).setAgent(address, true)).to.emit(s.registry, "AgentChangeScheduled");
      expect(await s.registry.isAgent(address)).to.equal(false);
      const lock = s.claims.interface.encodeFunctionData("lock", [id]);
      await expect(newAgent.connect(s.operator).execute(await s.claims.getAddress(), lock))
        .to.be.revertedWithCustomError(s.claims, "ClaimNotAgent")
        .withArgs(address);
    });

    it("the operator withdraws a pending change by asking for the trust the agent has now", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issueAccepted();
      const escrow = s.escrowAddress;
      await s.registry.connect(s.operator).setAgent(escrow, false);
      await expect(s.registry.connect(s.operator).setAgent(escrow, true))
        .to.emit(s.registry, "AgentChangeCancelled")
        .withArgs(escrow, false);
      expect(await s.registry.agentChangeDueAt(escrow)).to.equal(0n);
      await time.increase(AGENT_CHANGE_DELAY);
      await expect(s.registry.connect(s.stranger).applyAgentChange(escrow))
        .to.be.revertedWithCustomError(s.registry, "RegistryAgentChangeNotPending")
        .withArgs(escrow);
      expect(await s.registry.isAgent(escrow)).to.equal(true);
    });

    it("refuses a second announcement while one is pending, and a change to the trust the agent has", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issueAccepted();
      const escrow = s.escrowAddress;
      await expect(s.registry.connect(s.operator).setAgent(escrow, true))
        .to.be.revertedWithCustomError(s.registry, "RegistryAgentUnchanged")
        .withArgs(escrow, true);
      await s.registry.connect(s.operator).setAgent(escrow, false);
      const effectiveAt = await s.registry.agentChangeDueAt(escrow);
      await expect(s.registry.connect(s.operator).setAgent(escrow, false))
        .to.be.revertedWithCustomError(s.registry, "RegistryAgentChangeAlreadyPending")
        .withArgs(escrow, effectiveAt);
      expect(await s.registry.agentChangeDueAt(escrow)).to.equal(effectiveAt);
    });

    it("only the operator announces or withdraws; nobody applies what was never announced", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.issueAccepted();
      const role = await s.registry.OPERATOR_ROLE();
      for (const caller of [s.stranger, s.sme, s.guarantor]) {
        await expect(s.registry.connect(caller).setAgent(s.escrowAddress, false))
          .to.be.revertedWithCustomError(s.registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, role);
      }
      await expect(s.registry.connect(s.stranger).applyAgentChange(s.escrowAddress))
        .to.be.revertedWithCustomError(s.registry, "RegistryAgentChangeNotPending")
        .withArgs(s.escrowAddress);
    });

    it("once a participant is verified a change waits, even before the first claim", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      expect(await s.claims.claimCount()).to.equal(0n);
      expect(await s.registry.participantCount()).to.be.greaterThan(0n);
      const tx = await s.registry.connect(s.operator).setAgent(s.escrowAddress, false);
      const effectiveAt = BigInt((await tx.getBlock())!.timestamp) + AGENT_CHANGE_DELAY;
      await expect(tx).to.emit(s.registry, "AgentChangeScheduled").withArgs(s.escrowAddress, false, effectiveAt);
      await expect(tx).not.to.emit(s.registry, "AgentSet");
      expect(await s.registry.isAgent(s.escrowAddress)).to.equal(true);
    });
  });

  describe("O2: market rules (tenor, windows, grace) change only new business", () => {
    it("a new rules version leaves an existing claim's grace and call window as they were", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claimId, guaranteeId } = await s.guaranteedClaim();
      const before = await s.clockOf(claimId);
      await expect(
        s.registry.connect(s.operator).setMarketRules({
          ...RULES,
          defaultGrace: 1,
          guaranteeClaimWindow: 1,
          treasury: s.stranger.address,
        }),
      )
        .to.emit(s.registry, "MarketRulesUpdated")
        .withArgs(2n, [RULES.minTenor, RULES.maxTenor, RULES.acceptanceWindow, 1, 1, 25, 25, s.stranger.address]);
      expect((await s.claimLens.claim(claimId)).rulesVersion).to.equal(1n);
      expect(await s.clockOf(claimId)).to.deep.equal(before);

      // Still not defaultable one second after the old grace would have run out under the new rules.
      await time.setNextBlockTimestamp(before.m + 2n);
      await expect(s.claims.connect(s.stranger).poke(claimId))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(claimId, State.Accepted, State.Overdue);
      await defaultIt(s, claimId);
      // The cover ends at the due date + grace + claim window of the claim's own rules version.
      const deadline = before.m + before.g + before.w;
      expect(await s.escrow.callDeadline(guaranteeId)).to.equal(deadline);
      await time.setNextBlockTimestamp(deadline);
      await expect(s.escrow.connect(s.sme).callGuarantee(guaranteeId, s.sme)).to.emit(s.escrow, "GuaranteeCalled");
    });
  });

  describe("O3: fees and treasury change at once for later sales and activations only", () => {
    it("a fee change is capped at MAX_FEE_BPS and announced; the treasury named in the new rules collects every fee, even those kept before", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const treasury = s.stranger.address;
      // A premium fee kept under the first rules, before the operator names another treasury.
      await s.guaranteedClaim();
      const earlierFee = splitFee(PREMIUM, RULES.premiumFeeBps).fee;
      await expect(s.registry.connect(s.operator).setMarketRules({ ...RULES, premiumFeeBps: 101, treasury }))
        .to.be.revertedWithCustomError(s.registry, "RegistryFeeTooHigh")
        .withArgs(101, 100);
      await expect(
        s.registry.connect(s.operator).setMarketRules({ ...RULES, saleFeeBps: 100, premiumFeeBps: 100, treasury }),
      )
        .to.emit(s.registry, "MarketRulesUpdated")
        .withArgs(2n, [
          RULES.minTenor,
          RULES.maxTenor,
          RULES.acceptanceWindow,
          RULES.defaultGrace,
          RULES.guaranteeClaimWindow,
          100,
          100,
          treasury,
        ]);

      const { claimId } = await s.guaranteedClaim();
      const escrowFees = earlierFee + splitFee(PREMIUM, 100n).fee;
      expect(await s.escrow.feesAccrued(s.usdcAddress)).to.equal(escrowFees);
      const price = 9_000n * USD;
      await s.sell(claimId, s.factor, price);
      const saleFee = (price * 100n) / 10_000n;
      expect(await s.market.feesAccrued(s.usdcAddress)).to.equal(saleFee);
      for (const contract of [s.market, s.escrow]) {
        expect(await contract.credited(treasury, s.usdcAddress)).to.equal(0n);
        expect(await contract.credited(s.operator.address, s.usdcAddress)).to.equal(0n);
      }
      // The former treasury is refused; the one named now collects everything, fees kept before the change too.
      await expect(s.market.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address))
        .to.be.revertedWithCustomError(s.market, "ClaimMarketNotTreasury")
        .withArgs(s.operator.address, treasury);
      await expect(s.escrow.connect(s.operator).withdrawFees(s.usdcAddress, s.operator.address))
        .to.be.revertedWithCustomError(s.escrow, "EscrowNotTreasury")
        .withArgs(s.operator.address, treasury);
      await expect(s.market.connect(s.stranger).withdrawFees(s.usdcAddress, treasury)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.market, s.stranger],
        [-saleFee, saleFee],
      );
      await expect(s.escrow.connect(s.stranger).withdrawFees(s.usdcAddress, treasury)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.escrow, s.stranger],
        [-escrowFees, escrowFees],
      );
    });
  });

  describe("O4: disallowing a currency stops only new business in it", () => {
    it("stops none of pay, withdraw, cancelBid, release, dispute, poke or the guarantee call", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const f = await inFlight(s);
      await expect(s.registry.connect(s.operator).setCurrencyAllowed(s.usdcAddress, false))
        .to.emit(s.registry, "CurrencyAllowed")
        .withArgs(s.usdcAddress, false);
      await expect(s.issueAccepted())
        .to.be.revertedWithCustomError(s.claims, "ClaimCurrencyNotAllowed")
        .withArgs(s.usdcAddress);
      await everyRightGoesThrough(s, f);
    });
  });

  describe("O5: a pause stops only new business", () => {
    it("stops none of pay, withdraw (all three ledgers), cancelBid, release, dispute, poke or the guarantee call", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const f = await inFlight(s);
      await expect(s.registry.connect(s.operator).pause()).to.emit(s.registry, "Paused").withArgs(s.operator.address);
      await expect(s.issueAccepted()).to.be.revertedWithCustomError(s.claims, "ClaimMarketPaused");
      await everyRightGoesThrough(s, f);
    });
  });

  describe("O6: revoking or suspending a participant stops only its new business", () => {
    for (const how of ["revoked", "suspended"] as const) {
      it(`a holder ${how} is still paid, still withdraws and still calls its guarantee`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const { claimId, guaranteeId } = await s.guaranteedClaim();
        await s.sell(claimId, s.factor);
        if (how === "revoked") await s.registry.connect(s.operator).revoke(s.factor.address, Role.Factor);
        else await s.registry.connect(s.operator).setSuspended(s.factor.address, true);
        expect(await s.registry.isVerifiedAny(s.factor.address)).to.equal(false);

        await s.claims.connect(s.debtor).pay(claimId, PART);
        await expect(s.claims.connect(s.factor).withdraw(s.usdcAddress, s.factor.address)).to.changeTokenBalances(
          ethers,
          s.usdc,
          [s.claims, s.factor],
          [-PART, PART],
        );
        await defaultIt(s, claimId);
        const call = s.escrow.connect(s.factor).callGuarantee(guaranteeId, s.factor);
        await expect(call)
          .to.emit(s.escrow, "GuaranteeCalled")
          .withArgs(guaranteeId, claimId, s.factor.address, s.factor.address, COVER, 0n, false);
        await expect(call).to.changeTokenBalances(ethers, s.usdc, [s.escrow, s.factor], [-COVER, COVER]);
      });
    }
  });
});
