/**
 * Gas of every GuaranteeEscrow step, measured in a steady state: the same participants run the whole round twice and
 * the second round is reported (non-zero credits, existing array slots, warm balances). Prints a table; asserts only
 * loose ceilings (the project's gas budgets file is not touched here).
 */
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { FACE, deployEscrowSystem, type EscrowSystem } from "../fixtures/escrow.js";
import { Role, USD } from "../fixtures/system.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = function escrowFixture() {
  return deployEscrowSystem(connection);
};

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

async function round(s: EscrowSystem): Promise<Record<string, number>> {
  const gas: Record<string, number> = {};
  const { escrow } = s;
  const expiry = (await s.now()) + 200n * 86_400n;

  // Offer, withdraw offer.
  const a = await s.issueAccepted();
  gas.offer = await gasOf(escrow.connect(s.guarantor).offer(a, 5_000n * USD, 100n * USD, expiry));
  gas.withdrawOffer = await gasOf(escrow.connect(s.guarantor).withdrawOffer(await escrow.guaranteeCount()));

  // Activate, release on settlement.
  await escrow.connect(s.guarantor).offer(a, 5_000n * USD, 100n * USD, expiry);
  const settledGid = await escrow.guaranteeCount();
  gas.activate = await gasOf(escrow.connect(s.sme).activate(settledGid));
  await s.claims.connect(s.debtor).pay(a, FACE);
  gas.release = await gasOf(escrow.connect(s.stranger).release(settledGid));

  // Full cover to the guarantor; partial cover into custody; full cover into custody (guarantor lapsed).
  const full = await s.issueAccepted();
  const partial = await s.issueAccepted();
  const lapsed = await s.issueAccepted();
  const gids: bigint[] = [];
  for (const [id, cover] of [
    [full, FACE],
    [partial, 4_000n * USD],
    [lapsed, FACE],
  ] as const) {
    await escrow.connect(s.guarantor).offer(id, cover, 100n * USD, expiry);
    gids.push(await escrow.guaranteeCount());
    await escrow.connect(s.sme).activate(gids[gids.length - 1]);
  }
  await s.defaultClaim(lapsed);
  for (const id of [full, partial]) await s.claims.connect(s.stranger).poke(id);
  gas["callGuarantee (full cover, claim to the guarantor)"] = await gasOf(escrow.connect(s.sme).callGuarantee(gids[0]));
  gas["callGuarantee (partial cover, into custody)"] = await gasOf(escrow.connect(s.sme).callGuarantee(gids[1]));
  await s.registry.connect(s.operator).revoke(s.guarantor.address, Role.Guarantor);
  await escrow.connect(s.sme).callGuarantee(gids[2]);
  await s.registry.connect(s.operator).verify(s.guarantor.address, Role.Guarantor, (await s.now()) + 300n * 86_400n);

  await s.claims.connect(s.debtor).pay(partial, 1_000n * USD);
  gas.distribute = await gasOf(escrow.connect(s.stranger).distribute(partial));
  await s.claims.connect(s.debtor).pay(lapsed, 1_000n * USD);
  gas["takeClaim (with a pending distribution)"] = await gasOf(escrow.connect(s.guarantor).takeClaim(lapsed));
  gas.withdraw = await gasOf(escrow.connect(s.guarantor).withdraw(s.usdcAddress, s.guarantor.address));
  await escrow.connect(s.sme).withdraw(s.usdcAddress, s.sme.address);
  return gas;
}

describe("GuaranteeEscrow: gas in a steady state", () => {
  it("measures every step on the second round with repeat participants", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    await round(s);
    const gas = await round(s);
    console.log("\n    GuaranteeEscrow gas (second round):");
    for (const [step, used] of Object.entries(gas)) {
      console.log(`      ${step.padEnd(52)} ${used.toLocaleString("en-US")}`);
      expect(used).to.be.gt(21_000);
      expect(used).to.be.lt(400_000);
    }
  });
});
