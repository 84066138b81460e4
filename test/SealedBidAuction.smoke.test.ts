import { expect } from "chai";
import { AbiCoder, keccak256, hexlify, randomBytes } from "ethers";
import { network } from "hardhat";

import { deployMarketSystem } from "./fixtures/market.js";
import { DAY, USD } from "./fixtures/system.js";
import { SEALED_BID_COMMITMENT_PARAMS } from "../typed-data/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

describe("SealedBidAuction smoke", function () {
  it("runs commit, reveal, pick and reclaim", async function () {
    const s = await networkHelpers.loadFixture(fixture);
    const id = await s.issueAccepted();
    const auctionAddress = await s.auction.getAddress();
    for (const f of [s.factor, s.bank]) await s.usdc.connect(f).approve(auctionAddress, ethers.MaxUint256);
    await s.auction.connect(s.sme).open(id, 3600, 3600);
    const { chainId } = await ethers.provider.getNetwork();
    const commit = (bidder: string, amount: bigint, salt: string) =>
      keccak256(
        AbiCoder.defaultAbiCoder().encode(
          SEALED_BID_COMMITMENT_PARAMS.map((p) => p.type),
          [chainId, auctionAddress, 0n, bidder, amount, salt],
        ),
      );
    const saltA = hexlify(randomBytes(32));
    const saltB = hexlify(randomBytes(32));
    expect(await s.auction.commitmentOf(0n, s.factor.address, 9_500n * USD, saltA)).to.equal(
      commit(s.factor.address, 9_500n * USD, saltA),
    );
    await s.auction.connect(s.factor).commitBid(0n, commit(s.factor.address, 9_500n * USD, saltA), 10_000n * USD);
    await s.auction.connect(s.bank).commitBid(0n, commit(s.bank.address, 9_600n * USD, saltB), 10_000n * USD);
    await networkHelpers.time.increase(3601);
    expect(await s.auction.phaseOf(0n)).to.equal(2n);
    await s.auction.connect(s.factor).revealBid(0n, 9_500n * USD, saltA);
    await networkHelpers.time.increase(3601);
    expect(await s.auction.phaseOf(0n)).to.equal(3n);
    await s.auction.connect(s.sme).acceptBid(0n, s.factor.address, 9_500n * USD);
    expect(await s.claims.ownerOf(id)).to.equal(s.factor.address);
    const [refund, forfeit] = await s.auction.reclaimable(0n, s.bank.address);
    expect(forfeit).to.equal(100n * USD);
    await s.auction.connect(s.bank).reclaimBid(0n);
    expect(await s.auction.credited(s.bank.address, await s.usdc.getAddress())).to.equal(refund);
    expect(await s.auction.credited(s.factor.address, await s.usdc.getAddress())).to.equal(500n * USD);
    expect(await s.auction.credited(s.sme.address, await s.usdc.getAddress())).to.equal(100n * USD);
    expect(await s.usdc.balanceOf(auctionAddress)).to.equal(
      await s.auction.totalLiabilities(await s.usdc.getAddress()),
    );
    void DAY;
  });
});
