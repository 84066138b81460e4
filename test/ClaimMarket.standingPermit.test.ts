/**
 * sellToOfferWithPermit: a standing offer's price comes from the factor's allowance or from an EIP-2612 permit the
 * factor signed for the market, which the seller carries. A permit someone already submitted must not make the
 * sale fail (R2), and only the factor's own signature can give the market its money (F1).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { Signature } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem, type MarketSystem } from "./fixtures/market.js";
import { USD } from "./fixtures/system.js";
import { ClaimState as State, DAY, SECONDS_PER_DAY } from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

async function signPermit(s: MarketSystem, owner: HardhatEthersSigner, value: bigint, deadline: bigint) {
  const { chainId } = await ethers.provider.getNetwork();
  const token = s.usdc;
  const domain = { name: await token.name(), version: "1", chainId, verifyingContract: await token.getAddress() };
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const spender = await s.market.getAddress();
  const message = { owner: owner.address, spender, value, nonce: await token.nonces(owner.address), deadline };
  const { v, r, s: sig } = Signature.from(await owner.signTypedData(domain, types, message));
  return { value, deadline, v, r, s: sig };
}

/** A claim on the debtor and a 10 % standing offer from the factor, whose allowance to the market is withdrawn. */
async function offerWithoutAllowance() {
  const s = await networkHelpers.loadFixture(fixture);
  await s.usdc.connect(s.factor).approve(await s.market.getAddress(), 0n);
  const id = await s.issueAccepted();
  const expiry = (await s.now()) + 30n * DAY;
  const currency = await s.usdc.getAddress();
  await s.market
    .connect(s.factor)
    .postStandingOffer(s.debtor.address, currency, 1_000, 90 * SECONDS_PER_DAY, 50_000n * USD, expiry);
  return { s, id, offerId: 0n };
}

describe("ClaimMarket: selling to a standing offer with the factor's permit", () => {
  it("without allowance or permit the sale fails with the token's error and nothing moves", async () => {
    const { s, id, offerId } = await offerWithoutAllowance();
    const quote = await s.market.quote(id, offerId);
    await expect(s.market.connect(s.sme).sellToOffer(id, offerId, quote)).to.be.revertedWithCustomError(
      s.usdc,
      "ERC20InsufficientAllowance",
    );
    expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
  });

  it("sells with a fresh permit from the factor: the allowance is set and spent, the claim moves", async () => {
    const { s, id, offerId } = await offerWithoutAllowance();
    const permit = await signPermit(s, s.factor, 20_000n * USD, (await s.now()) + DAY);
    const factorBefore = await s.usdc.balanceOf(s.factor.address);
    const smeBefore = await s.usdc.balanceOf(s.sme.address);
    const tx = await s.market.connect(s.sme).sellToOfferWithPermit(id, offerId, 0n, permit);
    const receipt = await tx.wait();
    const sold = receipt?.logs
      .map((log) => s.market.interface.parseLog(log))
      .find((parsed) => parsed?.name === "ClaimSold");
    const [, , , price, fee] = sold?.args ?? [];
    expect(await s.usdc.balanceOf(s.factor.address)).to.equal(factorBefore - price);
    expect(await s.usdc.balanceOf(s.sme.address)).to.equal(smeBefore + price - fee);
    expect(await s.usdc.allowance(s.factor.address, await s.market.getAddress())).to.equal(20_000n * USD - price);
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    expect((await s.claimLens.claim(id)).state).to.equal(State.Financed);
    expect(await s.usdc.nonces(s.factor.address)).to.equal(1n);
  });

  it("R2: a permit someone submitted first does not make the sale fail", async () => {
    const { s, id, offerId } = await offerWithoutAllowance();
    const permit = await signPermit(s, s.factor, 20_000n * USD, (await s.now()) + DAY);
    await s.usdc
      .connect(s.stranger)
      .permit(
        s.factor.address,
        await s.market.getAddress(),
        permit.value,
        permit.deadline,
        permit.v,
        permit.r,
        permit.s,
      );
    await s.market.connect(s.sme).sellToOfferWithPermit(id, offerId, 0n, permit);
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
  });

  it("F1: a permit signed by someone else gives the market nothing of the factor's; nothing moves", async () => {
    const { s, id, offerId } = await offerWithoutAllowance();
    const forged = await signPermit(s, s.bank, 20_000n * USD, (await s.now()) + DAY);
    const factorBefore = await s.usdc.balanceOf(s.factor.address);
    const bankBefore = await s.usdc.balanceOf(s.bank.address);
    await expect(s.market.connect(s.sme).sellToOfferWithPermit(id, offerId, 0n, forged)).to.be.revertedWithCustomError(
      s.usdc,
      "ERC20InsufficientAllowance",
    );
    expect(await s.usdc.balanceOf(s.factor.address)).to.equal(factorBefore);
    expect(await s.usdc.balanceOf(s.bank.address)).to.equal(bankBefore);
    expect(await s.claims.ownerOf(id)).to.equal(s.sme.address);
  });

  it("an unknown offer id is refused before any permit is tried", async () => {
    const { s, id } = await offerWithoutAllowance();
    const permit = await signPermit(s, s.factor, 20_000n * USD, (await s.now()) + DAY);
    await expect(s.market.connect(s.sme).sellToOfferWithPermit(id, 7n, 0n, permit))
      .to.be.revertedWithCustomError(s.market, "ClaimMarketUnknownOffer")
      .withArgs(7n);
    expect(await s.usdc.nonces(s.factor.address)).to.equal(0n);
  });
});
