/**
 * Threats of docs/SECURITY.md that the feature tests did not already cover, each under its row id: whose money
 * moves (F1), gas that other users' data cannot grow (D1), exits nobody can block (R4), extreme amounts (M2),
 * paying at the clock's boundaries (Z1), a stablecoin frozen around maturity (T7), self-dealing (A5) and re-entry
 * from the ERC-721 receive hook (H1).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { getBytes, keccak256, MaxUint256, type ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { BlocklistToken__factory, HostileReceiver__factory, ReceivableClaim__factory } from "../types/index.js";
import { deploySystem, USD, type System } from "./fixtures/system.js";
import { changeAgentTrust, deployAgent } from "./helpers/agents.js";
import { expectLedger } from "./helpers/ledger.js";
import { timeTravelTo } from "./helpers/lifecycle.js";
import { expectRevertUnchanged } from "./helpers/snapshot.js";
import { EVIDENCE, reachState } from "./helpers/states.js";
import {
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  DisputeOutcome as Outcome,
  Party,
  Role,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySystem(connection);

const FACE = 10_000n * USD;
const GRACE = BigInt(RULES.defaultGrace);
const MAX_UINT128 = 2n ** 128n - 1n;
/** The largest face value a claim stores: amounts are uint96 in its record. */
const MAX_FACE = 2n ** 96n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_UINT32 = 2n ** 32n - 1n;
/** MAX_COVER_SPAN (contracts/types/Roles.sol), in seconds. */
const MAX_COVER_SPAN = 540n * DAY;

function everyone(s: System): string[] {
  return [s.operator, s.sme, s.sme2, s.debtor, s.debtor2, s.factor, s.bank, s.guarantor, s.stranger].map(
    (a) => a.address,
  );
}

/** The next transaction is mined at exactly `timestamp`. */
async function at(timestamp: bigint): Promise<void> {
  await networkHelpers.time.setNextBlockTimestamp(timestamp);
}

/**
 * The gas a transaction used beyond its calldata: receipt gas minus 4 per zero byte and 16 per non-zero byte of
 * its data, so that two calls whose arguments differ only in their bytes (an id, a hash) compare equal.
 */
async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const response = await tx;
  const receipt = await response.wait();
  if (receipt === null) throw new Error("no receipt");
  const data = getBytes(response.data);
  const calldata = data.reduce((sum, byte) => sum + (byte === 0 ? 4n : 16n), 0n);
  return receipt.gasUsed - calldata;
}

/** A deterministic stream of pseudo-random numbers (keccak of a seed and a counter). */
function stream(seed: string) {
  let counter = 0;
  return (below: bigint): bigint => {
    const word = BigInt(keccak256(ethers.toUtf8Bytes(`${seed}/${counter++}`)));
    return word % below;
  };
}

describe("ReceivableClaim: threats not covered elsewhere", () => {
  describe("F1: funds are only ever pulled from msg.sender", () => {
    it("no state-changing function takes a payer: the only addresses they take are recipients, agents and ERC-721 parties", () => {
      const takesAddress = ReceivableClaim__factory.createInterface()
        .fragments.filter((f) => f.type === "function" && "stateMutability" in f && f.stateMutability !== "view")
        .map((f) => f as unknown as { name: string; inputs: { name: string; type: string }[] })
        .filter((f) => f.inputs.some((input) => input.type === "address"))
        .map((f) => `${f.name}(${f.inputs.map((i) => i.name).join(",")})`)
        .sort();
      expect(takesAddress).to.deep.equal([
        "agentTransfer(claimId,to)",
        "approve(to,tokenId)",
        "reclaimHeldPayment(claimId,to)",
        "safeTransferFrom(from,to,tokenId)",
        "safeTransferFrom(from,to,tokenId,data)",
        "setApprovalForAll(operator,approved)",
        "transferFrom(from,to,tokenId)",
        "withdraw(currency,to)",
      ]);
    });

    it("a victim with a standing allowance loses nothing, whatever 60 pseudo-random pay/payInFull calls an attacker makes", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { claims, usdc } = s;
      const victim = s.debtor; // approved the claim contract for MaxUint256 in the fixture
      const attacker = s.stranger; // funded and approved too: it can really pay
      const agent = await deployAgent(s); // before the first claim, so it is trusted at once
      const accepted = await reachState(s, State.Accepted);
      const financed = await reachState(s, State.Financed, { agent });
      const disputed = await reachState(s, State.Disputed);
      const issued = await reachState(s, State.Issued);
      const ids = [accepted, financed, disputed, issued, 0n, 999n];
      const claimsAddress = await claims.getAddress();
      const victimBalance = await usdc.balanceOf(victim.address);
      const victimAllowance = await usdc.allowance(victim.address, claimsAddress);
      const random = stream("F1");

      const pick = async (): Promise<[bigint, bigint]> => {
        const id = ids[Number(random(BigInt(ids.length)))];
        const left = id === 0n || id === 999n ? FACE : await s.claimLens.outstanding(id);
        const amounts = [0n, 1n, left, left + 1n, MaxUint256, random(FACE) + 1n, victimBalance];
        return [id, amounts[Number(random(BigInt(amounts.length)))]];
      };

      let paidByAttacker = 0n;
      for (let i = 0; i < 60; i++) {
        const before = await usdc.balanceOf(attacker.address);
        const contractBefore = await usdc.balanceOf(claimsAddress);
        const liabilitiesBefore = await claims.totalLiabilities(usdc);
        const many = random(2n) === 1n;
        const calls = many ? [await pick(), await pick(), await pick()] : [await pick()];
        try {
          const tx = many
            ? await claims.connect(attacker).payInFull(
                calls.map(([id]) => id),
                calls[0][1],
              )
            : await claims.connect(attacker).pay(calls[0][0], calls[0][1]);
          await tx.wait();
        } catch {
          // A refused call is fine; what matters is whose money moved.
        }
        const spent = before - (await usdc.balanceOf(attacker.address));
        paidByAttacker += spent;
        expect(await usdc.balanceOf(victim.address), `call ${i}: victim's balance`).to.equal(victimBalance);
        expect(await usdc.allowance(victim.address, claimsAddress), `call ${i}: victim's allowance`).to.equal(
          victimAllowance,
        );
        expect((await usdc.balanceOf(claimsAddress)) - contractBefore, `call ${i}: only the attacker paid in`).to.equal(
          spent,
        );
        expect((await claims.totalLiabilities(usdc)) - liabilitiesBefore, `call ${i}: ledger`).to.equal(spent);
      }
      expect(paidByAttacker, "the attacker did pay some claims").to.be.greaterThan(0n);
      await expectLedger(claims, usdc, everyone(s), ids.slice(0, 4));
    });

    it("an attacker without allowance cannot make any payment reach the victim's funds", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, State.Accepted);
      const balance = await s.usdc.balanceOf(s.debtor.address);
      for (const amount of [1n, FACE]) {
        await expect(s.claims.connect(s.factor).pay(id, amount))
          .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
          .withArgs(await s.claims.getAddress(), 0n, amount);
      }
      await expect(s.claims.connect(s.factor).payInFull([id], MaxUint256))
        .to.be.revertedWithCustomError(s.usdc, "ERC20InsufficientAllowance")
        .withArgs(await s.claims.getAddress(), 0n, FACE);
      await expect(s.claims.connect(s.factor).pay(id, MaxUint256))
        .to.be.revertedWithCustomError(s.claims, "ClaimOverpayment")
        .withArgs(id, MaxUint256, FACE);
      expect(await s.usdc.balanceOf(s.debtor.address)).to.equal(balance);
      expect((await s.claimLens.claim(id)).amountPaid).to.equal(0n);
    });
  });

  describe("D1: gas does not grow with other users' data", () => {
    /** Each step of a claim's life, measured on claim N after `others` claims of the same debtor exist. */
    async function lifeOfClaimN(others: number): Promise<Record<string, bigint>> {
      const s = await networkHelpers.loadFixture(fixture);
      const { claims, sme, sme2, debtor, factor, operator, usdc } = s;
      const agent = await deployAgent(s);
      // Other claims of the debtor, issued by another originator, sold to the factor and paid in part, so that
      // every account touched below has the same kind of storage (non-zero credits, non-empty lists) either way.
      for (let i = 0; i < others; i++) {
        const id = await s.issueAccepted({ originator: sme2.address });
        await agent.transfer(id, factor.address);
        await claims.connect(debtor).pay(id, 1n);
      }
      const gas: Record<string, bigint> = {};
      const t = await s.terms();
      gas.issue = await gasOf(claims.connect(sme).issue(t, ""));
      const n = await claims.claimCount();
      gas.accept = await gasOf(claims.connect(debtor).accept(n));
      gas.pay = await gasOf(claims.connect(debtor).pay(n, 1_000n * USD));
      gas.agentTransfer = await gasOf(agent.transfer(n, factor.address));
      gas.dispute = await gasOf(claims.connect(debtor).dispute(n, EVIDENCE));
      gas.payWhileDisputed = await gasOf(claims.connect(debtor).pay(n, 1_000n * USD));
      gas.resolve = await gasOf(claims.connect(operator).resolve(n, Outcome.Upheld, FACE));
      gas.settle = await gasOf(claims.connect(debtor).payInFull([n], FACE - 2_000n * USD));
      gas.withdraw = await gasOf(claims.connect(factor).withdraw(usdc, factor.address));
      // Views: a window costs what its size costs, wherever it is among the ids.
      gas.claimsOfDebtorFirst = await s.claimLens.claimsOf.estimateGas(debtor.address, Party.Debtor, 1n, 1n);
      gas.claimsOfDebtorLast = await s.claimLens.claimsOf.estimateGas(debtor.address, Party.Debtor, n, 1n);
      gas.claimsOfHolderLast = await s.claimLens.claimsOf.estimateGas(factor.address, Party.Holder, n, 1n);
      return gas;
    }

    it("issuing, accepting, paying, selling, disputing, settling and withdrawing claim N cost the same with 1 or 300 other claims of the debtor", async () => {
      const one = await lifeOfClaimN(1);
      const many = await lifeOfClaimN(300);
      for (const step of Object.keys(one)) {
        // Transactions are compared without their calldata (gasOf), so exactly. A view's estimate includes its
        // calldata: the window's first id (2 or 301) takes one more non-zero byte with 300 others, 16 gas, not 4.
        const tolerance = step.startsWith("claimsOf") ? 12n : 0n;
        const difference = many[step] > one[step] ? many[step] - one[step] : one[step] - many[step];
        expect(difference, `${step}: ${one[step]} gas with 1 other claim, ${many[step]} with 300`).to.be.lte(tolerance);
      }
    });

    it("verifying one more participant costs the same with 1 or 300 participants in the registry", async () => {
      const cost = async (count: number) => {
        const s = await networkHelpers.loadFixture(fixture);
        const expiry = (await s.now()) + 365n * DAY;
        for (let i = 0; i < count; i++)
          await s.registry.verify(ethers.Wallet.createRandom().address, Role.Factor, expiry);
        const measured = await gasOf(s.registry.verify(ethers.Wallet.createRandom().address, Role.Factor, expiry));
        const page = await s.registry.participants.estimateGas(BigInt(count), 5n);
        return { measured, page };
      };
      const one = await cost(1);
      const many = await cost(300);
      // Fresh random addresses differ in their zero bytes of calldata (4 gas a zero byte, 16 otherwise).
      expect(many.measured).to.be.closeTo(one.measured, 40n);
      expect(many.page).to.be.closeTo(one.page, 40n);
    });
  });

  describe("R4: one party's action never makes another party's exit impossible", () => {
    it("a holder or a debtor that lost its verification still withdraws and pays", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, State.Financed); // held by the factor
      await s.registry.setSuspended(s.debtor.address, true);
      await s.registry.revoke(s.factor.address, Role.Factor);
      expect(await s.registry.isVerifiedAny(s.factor.address)).to.equal(false);

      await expect(s.claims.connect(s.debtor).pay(id, FACE)).to.emit(s.claims, "ClaimStateChanged");
      await expect(s.claims.connect(s.factor).withdraw(s.usdc, s.factor.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.factor],
        [-FACE, FACE],
      );
    });

    it("a dispute on one claim holds only that claim: the same holder's other claim is paid and withdrawn", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const frozen = await reachState(s, State.Disputed);
      const other = await reachState(s, State.Accepted);
      await s.claims.connect(s.debtor).pay(frozen, 1_000n * USD);
      await s.claims.connect(s.debtor).pay(other, FACE);
      await expect(s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address)).to.changeTokenBalances(
        ethers,
        s.usdc,
        [s.claims, s.sme],
        [-FACE, FACE],
      );
      expect(await s.claims.heldPaymentOf(frozen, s.debtor.address)).to.equal(1_000n * USD);
      await expectLedger(s.claims, s.usdc, everyone(s), [frozen, other]);
    });

    it("a payment of the exact outstanding amount, front-run by someone else's payment, reverts ClaimOverpayment; the debtor pays the new rest and the claim settles", async () => {
      // Overpayment is refused, never refunded (docs/ARCHITECTURE.md). Whoever front-runs the debtor pays part of
      // the debt to the holder: griefing that costs the griefer money and delays the debtor by one transaction.
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, State.Accepted);
      await s.claims.connect(s.stranger).pay(id, 1n);
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.debtor).pay(id, FACE),
        "ClaimOverpayment",
        [id, FACE, FACE - 1n],
        { ids: [id] },
      );
      await expect(s.claims.connect(s.debtor).pay(id, await s.claimLens.outstanding(id)))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Accepted, State.Settled);
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(FACE);
    });

    it("a distrusted agent's lock, a pause and a currency taken off the allowlist together still let everyone exit", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await reachState(s, State.Financed, { agent });
      await agent.lock(id);
      await changeAgentTrust(s, agent.address, false);
      await s.registry.connect(s.operator).pause();
      await s.registry.connect(s.operator).setCurrencyAllowed(s.usdc, false);

      await s.claims.connect(s.debtor).pay(id, FACE / 2n);
      await s.claims.connect(s.factor).unlock(id);
      await s.claims.connect(s.factor).transferFrom(s.factor.address, s.bank.address, id);
      await s.claims.connect(s.debtor).pay(id, FACE / 2n);
      await s.claims.connect(s.factor).withdraw(s.usdc, s.factor.address);
      await s.claims.connect(s.bank).withdraw(s.usdc, s.bank.address);
      expect(await s.claims.owed(s.factor.address, s.usdc)).to.equal(0n);
      expect(await s.claims.owed(s.bank.address, s.usdc)).to.equal(0n);
      expect(await s.usdc.balanceOf(await s.claims.getAddress())).to.equal(0n);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
    });
  });

  describe("M2: extreme amounts get explicit errors, never a panic", () => {
    it("pay of the largest uint256 reverts ClaimOverpayment with the outstanding amount; zero reverts ClaimZeroAmount; payInFull's total never overflows", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, State.Accepted);
      const other = await reachState(s, State.Accepted);
      const watch = { ids: [id, other] };
      await expectRevertUnchanged(s, () => s.claims.connect(s.debtor).pay(id, MaxUint256), "ClaimOverpayment", [
        id,
        MaxUint256,
        FACE,
      ]);
      // payInFull adds what the claims owe (each at most a uint128), never a payer's number: its total cannot
      // overflow, and a maximum below it is refused with both figures.
      await expectRevertUnchanged(
        s,
        () => s.claims.connect(s.debtor).payInFull([id, other], 2n * FACE - 1n),
        "ClaimPaymentAboveMaximum",
        [2n * FACE, 2n * FACE - 1n],
        watch,
      );
      await expectRevertUnchanged(s, () => s.claims.connect(s.debtor).pay(id, 0n), "ClaimZeroAmount", [id], watch);
    });

    it("claims at the largest face value a claim stores (uint96) are issued, paid in parts, held, settled and withdrawn; credits add up in uint256", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      await s.usdc.connect(s.operator).mint(s.debtor.address, 2n * MAX_FACE);
      const a = await s.issueAccepted({ faceValue: MAX_FACE });
      const b = await s.issueAccepted({ faceValue: MAX_FACE });
      await s.claims.connect(s.debtor).pay(a, MAX_FACE - 1n);
      await s.claims.connect(s.debtor).pay(a, 1n);
      await s.claims.connect(s.debtor).dispute(b, EVIDENCE);
      await s.claims.connect(s.debtor).pay(b, MAX_FACE);
      await s.claims.connect(s.operator).resolve(b, Outcome.Upheld, MAX_FACE);
      expect((await s.claimLens.claim(a)).state).to.equal(State.Settled);
      expect((await s.claimLens.claim(b)).state).to.equal(State.Settled);
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(2n * MAX_FACE);
      expect(await s.claims.totalLiabilities(s.usdc)).to.equal(2n * MAX_FACE);
      await s.claims.connect(s.sme).withdraw(s.usdc, s.sme.address);
      expect(await s.usdc.balanceOf(await s.claims.getAddress())).to.equal(0n);
    });

    it("a face value one above the uint96 a claim stores, or the largest uint128, is refused with ClaimFaceValueTooLarge on every issue path", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      for (const faceValue of [MAX_FACE + 1n, MAX_UINT128]) {
        const t = await s.terms({ faceValue });
        const deadline = (await s.now()) + DAY;
        const signature = await s.signAcceptance(s.debtor, t, deadline);
        for (const send of [
          () => s.claims.connect(s.sme).issue(t, ""),
          () => s.claims.connect(s.sme).issueAccepted(t, "", deadline, signature),
          () => s.claims.connect(s.debtor).issueByDebtor(t, ""),
        ]) {
          await expectRevertUnchanged(s, send, "ClaimFaceValueTooLarge", [faceValue, MAX_FACE], {
            commitments: [t.invoiceCommitment],
          });
        }
      }
    });

    it("resolve with the largest uint128 or zero, and a due date at the largest uint64, get their own errors", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const id = await reachState(s, State.Disputed);
      for (const [outcome, value] of [
        [Outcome.Diluted, MAX_UINT128],
        [Outcome.Diluted, 0n],
        [Outcome.Upheld, MAX_UINT128],
        [Outcome.Voided, 0n],
      ] as const) {
        await expectRevertUnchanged(
          s,
          () => s.claims.connect(s.operator).resolve(id, outcome, value),
          "ClaimDisputeFaceValueInvalid",
          [id, value, FACE, 0n],
          { ids: [id] },
        );
      }
      const t = await s.terms({ dueDate: MAX_UINT64 });
      await at((await s.now()) + 1n);
      const now = (await s.now()) + 1n;
      await expectRevertUnchanged(s, () => s.claims.connect(s.sme).issue(t, ""), "ClaimTenorOutOfRange", [
        MAX_UINT64 - now,
        RULES.minTenor,
        RULES.maxTenor,
      ]);
    });

    it("rules at the widest cover span the registry accepts add to a uint64 due date without overflow: default comes at due + grace + 1", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      // The largest uint32 windows are refused: tenor, grace and claim window together are bounded by MAX_COVER_SPAN.
      const widest = { ...RULES, acceptanceWindow: Number(MAX_UINT32), treasury: s.operator.address };
      await expect(
        s.registry.setMarketRules({
          ...widest,
          maxTenor: Number(MAX_UINT32),
          defaultGrace: Number(MAX_UINT32),
          guaranteeClaimWindow: Number(MAX_UINT32),
        }),
      )
        .to.be.revertedWithCustomError(s.registry, "RegistryCoverSpanTooLong")
        .withArgs(MAX_UINT32, MAX_UINT32, MAX_UINT32, MAX_COVER_SPAN);
      const grace = MAX_COVER_SPAN - BigInt(RULES.maxTenor) - DAY;
      await s.registry.setMarketRules({ ...widest, defaultGrace: grace, guaranteeClaimWindow: DAY });
      const id = await s.issueAccepted({ dueDate: (await s.now()) + BigInt(RULES.maxTenor) });
      const due = (await s.claimLens.claim(id)).dueDate;
      await timeTravelTo(s, due + grace - 1n);
      await at(due + grace);
      await expect(s.claims.poke(id))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Accepted, State.Overdue);
      await at(due + grace + 1n);
      await expect(s.claims.poke(id))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Overdue, State.Defaulted);
    });
  });

  describe("Z1: paying at the clock's boundaries", () => {
    // m = due date, g = default grace. In one block mined at each boundary second: the debtor pays claim A, a
    // stranger pokes claim B, the debtor pays claim B. Paying never depends on the clock: both payments are credited
    // to the holder, A stays Accepted (a payment does not move the clock), B is where the poke put it (the poke
    // fails at m - 1 and m). The rest then settles each claim from its state.
    const PART = 1_000n * USD;
    const boundaries: [string, bigint, number, string][] = [
      ["m - 1", -1n, State.Accepted, "is refused"],
      ["m", 0n, State.Accepted, "is refused"],
      ["m + 1", 1n, State.Overdue, "makes B Overdue"],
      ["m + g - 1", GRACE - 1n, State.Overdue, "makes B Overdue"],
      ["m + g", GRACE, State.Overdue, "makes B Overdue"],
      ["m + g + 1", GRACE + 1n, State.Defaulted, "makes B Defaulted"],
    ];
    for (const [label, offset, clockState, poke] of boundaries) {
      it(`at ${label}: both payments are credited in the block where the poke ${poke}; the rest settles`, async () => {
        const s = await networkHelpers.loadFixture(fixture);
        const due = (await s.now()) + 60n * DAY;
        const a = await reachState(s, State.Accepted, { terms: { dueDate: due } });
        const b = await reachState(s, State.Accepted, { terms: { dueDate: due } });
        await timeTravelTo(s, due + offset - 1n);

        const gasLimit = 500_000n;
        await connection.provider.request({ method: "evm_setAutomine", params: [false] });
        let sent: ContractTransactionResponse[];
        try {
          sent = [
            await s.claims.connect(s.debtor).pay(a, PART, { gasLimit }),
            await s.claims.connect(s.stranger).poke(b, { gasLimit }),
            await s.claims.connect(s.debtor).pay(b, PART, { gasLimit }),
          ];
          await connection.provider.request({ method: "evm_mine", params: [Number(due + offset)] });
        } finally {
          await connection.provider.request({ method: "evm_setAutomine", params: [true] });
        }
        const receipts = await Promise.all(sent.map((tx) => ethers.provider.getTransactionReceipt(tx.hash)));
        const block = await ethers.provider.getBlock(receipts[0]!.blockNumber);
        expect(BigInt(block!.timestamp)).to.equal(due + offset);
        expect(receipts.map((r) => r!.blockNumber)).to.deep.equal(Array(3).fill(receipts[0]!.blockNumber));
        expect(receipts.map((r) => r!.status)).to.deep.equal([1, clockState === State.Accepted ? 0 : 1, 1]);

        expect((await s.claimLens.claim(a)).state).to.equal(State.Accepted);
        expect((await s.claimLens.claim(b)).state).to.equal(clockState);
        for (const id of [a, b]) expect((await s.claimLens.claim(id)).amountPaid).to.equal(PART);
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(2n * PART);

        for (const [id, state] of [
          [a, State.Accepted],
          [b, clockState],
        ] as const) {
          await expect(s.claims.connect(s.debtor).pay(id, FACE - PART))
            .to.emit(s.claims, "ClaimStateChanged")
            .withArgs(id, state, State.Settled);
        }
        expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(2n * FACE);
      });
    }
  });

  describe("T7: the stablecoin freezes the claim contract around maturity", () => {
    // BlocklistToken with the claim contract itself blocklisted: every transfer to or from it reverts, as with a
    // stablecoin paused for everyone. The default clock is pure time and does not wait for the currency.
    it("payments and withdrawals fail while frozen, the clock runs at its exact boundaries, and once the currency resumes the late payment reaches the holder", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const busd = await new BlocklistToken__factory(s.operator).deploy();
      const currency = await busd.getAddress();
      const claimsAddress = await s.claims.getAddress();
      await s.registry.setCurrencyAllowed(currency, true);
      await busd.mint(s.debtor.address, 2n * FACE);
      await busd.connect(s.debtor).approve(claimsAddress, MaxUint256);
      const id = await s.issueAccepted({ currency });
      await s.claims.connect(s.debtor).pay(id, 1_000n * USD);
      const due = (await s.claimLens.claim(id)).dueDate;

      await busd.connect(s.operator).setBlocklisted(claimsAddress, true);
      await timeTravelTo(s, due - 1n);
      await at(due);
      await expect(s.claims.connect(s.debtor).pay(id, FACE - 1_000n * USD))
        .to.be.revertedWithCustomError(busd, "BlocklistTokenAccountBlocked")
        .withArgs(claimsAddress);
      await expect(s.claims.connect(s.sme).withdraw(busd, s.sme.address))
        .to.be.revertedWithCustomError(busd, "BlocklistTokenAccountBlocked")
        .withArgs(claimsAddress);
      expect(await s.claims.owed(s.sme.address, busd)).to.equal(1_000n * USD);

      await at(due + 1n);
      await expect(s.claims.poke(id))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Accepted, State.Overdue);
      await timeTravelTo(s, due + GRACE - 1n);
      await at(due + GRACE);
      await expect(s.claims.poke(id))
        .to.be.revertedWithCustomError(s.claims, "ClaimNotYetDefaultable")
        .withArgs(id, due + GRACE, due + GRACE);
      await at(due + GRACE + 1n);
      await expect(s.claims.poke(id))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Overdue, State.Defaulted);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Defaulted);

      await busd.connect(s.operator).setBlocklisted(claimsAddress, false);
      await expect(s.claims.connect(s.debtor).pay(id, FACE - 1_000n * USD))
        .to.emit(s.claims, "ClaimStateChanged")
        .withArgs(id, State.Defaulted, State.Settled);
      await s.claims.connect(s.sme).withdraw(busd, s.sme.address);
      expect(await busd.balanceOf(s.sme.address)).to.equal(FACE);
      expect(await busd.balanceOf(claimsAddress)).to.equal(0n);
    });
  });

  describe("A5: self-dealing", () => {
    it("a debtor that buys its own claim pays itself: credited to itself, settled, withdrawn; nothing is created or lost", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const agent = await deployAgent(s);
      const id = await reachState(s, State.Accepted);
      // The debtor is verified as a debtor only; any unexpired role lets an account hold a claim.
      expect(await s.claimLens.canTransfer(s.sme.address, s.debtor.address, id)).to.equal(true);
      await agent.transfer(id, s.debtor.address);
      expect(await s.claims.ownerOf(id)).to.equal(s.debtor.address);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);

      const balance = await s.usdc.balanceOf(s.debtor.address);
      await expect(s.claims.connect(s.debtor).pay(id, FACE))
        .to.emit(s.claims, "PaymentReceived")
        .withArgs(id, s.debtor.address, s.debtor.address, FACE, FACE);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Settled);
      expect(await s.claims.owed(s.debtor.address, s.usdc)).to.equal(FACE);
      await expectLedger(s.claims, s.usdc, everyone(s), [id]);
      await s.claims.connect(s.debtor).withdraw(s.usdc, s.debtor.address);
      expect(await s.usdc.balanceOf(s.debtor.address)).to.equal(balance);
      expect(await s.usdc.balanceOf(await s.claims.getAddress())).to.equal(0n);
    });

    it("one account is the originator of one claim and the holder of another's, and its credits stay per claim", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const own = await reachState(s, State.Accepted);
      const bought = await s.issueAccepted({ originator: s.sme2.address });
      await s.claims.connect(s.sme2).transferFrom(s.sme2.address, s.sme.address, bought);
      await s.claims.connect(s.debtor).pay(own, 1n);
      await s.claims.connect(s.debtor).pay(bought, 2n);
      expect(await s.claims.owed(s.sme.address, s.usdc)).to.equal(3n);
      expect(await s.claims.owed(s.sme2.address, s.usdc)).to.equal(0n);
      expect(await s.claimLens.claimsOf(s.sme.address, Party.Holder, 0n, 10n)).to.deep.equal([own, bought]);
      expect(await s.claimLens.claimsOf(s.sme.address, Party.Originator, 0n, 10n)).to.deep.equal([own]);
    });
  });

  describe("H1: the ERC-721 receive hook re-enters", () => {
    async function hostile(s: System, owner: HardhatEthersSigner) {
      const receiver = await new HostileReceiver__factory(owner).deploy(owner.address);
      const address = await receiver.getAddress();
      await s.registry.verify(address, Role.Factor, (await s.now()) + 365n * DAY);
      await receiver.connect(owner).setMode(4); // Reenter
      return { receiver, address };
    }

    it("the hook runs after the transfer is complete: re-entering transferFrom moves the claim on, and every view is consistent", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { receiver, address } = await hostile(s, s.factor);
      const id = await reachState(s, State.Accepted);
      const nonce = await s.claimLens.claimNonce(id);
      await receiver
        .connect(s.factor)
        .setReentry(
          await s.claims.getAddress(),
          s.claims.interface.encodeFunctionData("transferFrom", [address, s.bank.address, id]),
        );
      await s.claims.connect(s.sme)["safeTransferFrom(address,address,uint256)"](s.sme.address, address, id);
      expect(await receiver.reentrySucceeded()).to.equal(true);
      expect(await s.claims.ownerOf(id)).to.equal(s.bank.address);
      expect(await s.claimLens.claimNonce(id)).to.equal(nonce + 2n);
      for (const [holder, expected] of [
        [s.sme.address, []],
        [address, []],
        [s.bank.address, [id]],
      ] as const) {
        const ids = await s.claimLens.claimsOf(holder, Party.Holder, 0n, 10n);
        expect([...ids], holder).to.deep.equal(expected);
        expect(ids.length).to.equal(Number(await s.claims.balanceOf(holder)));
      }
    });

    it("re-entering a call the receiver may not make is refused inside the hook, and the transfer stands", async () => {
      const s = await networkHelpers.loadFixture(fixture);
      const { receiver, address } = await hostile(s, s.factor);
      const id = await reachState(s, State.Accepted);
      await receiver
        .connect(s.factor)
        .setReentry(
          await s.claims.getAddress(),
          s.claims.interface.encodeFunctionData("agentTransfer", [id, s.factor.address]),
        );
      await s.claims.connect(s.sme)["safeTransferFrom(address,address,uint256)"](s.sme.address, address, id);
      expect(await receiver.reentrySucceeded()).to.equal(false);
      expect(await receiver.reentryReturnData()).to.equal(
        s.claims.interface.encodeErrorResult("ClaimNotAgent", [address]),
      );
      expect(await s.claims.ownerOf(id)).to.equal(address);
      expect((await s.claimLens.claim(id)).state).to.equal(State.Accepted);
    });
  });
});
