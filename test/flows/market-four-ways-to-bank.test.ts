/**
 * Story: an SME sells four claims on the same debtor to factors, one by each of the market's four ways — a listing
 * bought at its ask price, a timed auction where three factors bid escrowed money and the SME picks, a factor's
 * standing rate offer, and a factor's private signed offer. Each factor then resells its claim to the bank, again
 * by four different ways. The debtor pays every claim at maturity to the bank, the bank withdraws from the claim
 * contract, the losing bidders take their escrow back from the market, and the treasury collects its fees. At
 * every step every party's wallet, claim-contract credit and market credit is exactly what the book says, and at
 * the end the market and the claim contract hold exactly nothing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { deployMarketSystem } from "../fixtures/market.js";
import { USD } from "../fixtures/system.js";
import { Book } from "../helpers/book.js";
import { dueDateOf } from "../helpers/lifecycle.js";
import {
  ClaimState as State,
  DAY,
  DEFAULT_MARKET_RULES as RULES,
  HOUR,
  priceForYield,
  Role,
  SaleKind,
  SECONDS_PER_DAY,
  splitFee,
} from "@openfactor/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployMarketSystem(connection);

describe("flow: four ways from the SME to a factor, four ways from the factors to the bank", () => {
  it("every party holds exactly what the story says at every step, and the contracts end empty", async () => {
    const s = await networkHelpers.loadFixture(fixture);
    const { claims, market, lens, usdc, sme, debtor, bank, operator } = s;
    const currency = await usdc.getAddress();
    const marketAddress = await market.getAddress();
    const factor1 = s.factor;
    // Two more factors for the auction, verified, funded and approving the market like the others.
    const [factor2, factor3] = (await ethers.getSigners()).slice(9, 11);
    for (const f of [factor2, factor3]) {
      await s.registry.verify(f.address, Role.Factor, (await s.now()) + 365n * DAY);
      await usdc.mint(f.address, 10_000_000n * USD);
      await usdc.connect(f).approve(marketAddress, ethers.MaxUint256);
    }
    const book = await Book.open(
      claims,
      usdc,
      { sme, debtor, factor1, factor2, factor3, bank, treasury: operator, claims, market },
      "claims",
      { market, party: "market", treasury: "treasury" },
    );
    const fees: bigint[] = [];
    const sale = async (
      tx: Promise<unknown>,
      id: bigint,
      seller: { address: string },
      buyer: { address: string },
      price: bigint,
      kind: number,
    ) => {
      const fee = splitFee(price, RULES.saleFeeBps).fee;
      fees.push(fee);
      await expect(tx).to.emit(market, "ClaimSold").withArgs(id, seller.address, buyer.address, price, fee, kind);
      expect(await claims.ownerOf(id)).to.equal(buyer.address);
      expect(await claims.lockedBy(id)).to.equal(ethers.ZeroAddress);
      return fee;
    };

    // 1. The SME's four invoices on the debtor become four Accepted claims, due in 60 days.
    const faces = [10_000n * USD + 1n, 20_000n * USD + 7n, 15_000n * USD + 3n, 12_500n * USD + 9n];
    const [c1, c2, c3, c4] = [
      await s.issueAccepted({ faceValue: faces[0] }),
      await s.issueAccepted({ faceValue: faces[1] }),
      await s.issueAccepted({ faceValue: faces[2] }),
      await s.issueAccepted({ faceValue: faces[3] }),
    ];
    await book.check("issued");

    // 2. Way 1, a listing: the SME asks 9,800.000013 for claim 1; factor 1 buys at that price.
    const ask1 = 9_800n * USD + 13n;
    await market.connect(sme).list(c1, ask1, 0n, (await s.now()) + 7n * DAY);
    expect(await claims.lockedBy(c1)).to.equal(marketAddress);
    await book.check("claim 1 listed (no money moves)");
    const fee1 = await sale(market.connect(factor1).buy(c1, ask1), c1, sme, factor1, ask1, SaleKind.Listing);
    await book.sold("sme", "factor1", ask1, fee1).check("claim 1 bought by factor 1");
    expect((await s.claimLens.claim(c1)).state).to.equal(State.Financed);

    // 3. Way 2, a timed auction: claim 2 listed offers-only, minimum bid 19,000, bidding open for three days.
    const auctionEnd = (await s.now()) + 3n * DAY;
    await market.connect(sme).list(c2, 0n, 19_000n * USD, auctionEnd);
    const bidExpiry = auctionEnd + DAY;
    await market.connect(factor1).bid(c2, 19_400n * USD, bidExpiry);
    await book.escrowed("factor1", 19_400n * USD).check("factor 1 bids 19,400");
    await market.connect(factor2).bid(c2, 19_550n * USD, bidExpiry);
    await book.escrowed("factor2", 19_550n * USD).check("factor 2 bids 19,550");
    await market.connect(factor3).bid(c2, 19_500n * USD + 500_000n, bidExpiry);
    await book.escrowed("factor3", 19_500n * USD + 500_000n).check("factor 3 bids 19,500.50");
    await market.connect(factor1).bid(c2, 19_600n * USD, bidExpiry);
    await book.escrowed("factor1", 200n * USD).check("factor 1 raises to 19,600");
    await market.connect(factor3).bid(c2, 19_450n * USD, bidExpiry);
    await book.refunded("factor3", 50n * USD + 500_000n).check("factor 3 lowers to 19,450");
    await market.connect(factor2).bid(c2, 19_700n * USD + 21n, bidExpiry);
    await book.escrowed("factor2", 150n * USD + 21n).check("factor 2 raises to 19,700.000021");
    for (const bidder of [factor1, factor2, factor3]) {
      expect(await lens.bidsOf(bidder.address, c2, 1n), bidder.address).to.deep.equal([c2]);
    }
    // The auction closes; at its last second the SME picks the best bid, naming it as its minimum.
    await networkHelpers.time.setNextBlockTimestamp(auctionEnd);
    const price2 = 19_700n * USD + 21n;
    const fee2 = await sale(
      market.connect(sme).acceptBid(c2, factor2.address, price2),
      c2,
      sme,
      factor2,
      price2,
      SaleKind.Bid,
    );
    await book.sold("sme", "factor2", price2, fee2, true).check("claim 2 sold to factor 2's bid");
    // The losing bids are dead (the claim moved); their bidders cancel them and get the escrow back at once.
    expect((await market.bidOf(c2, factor1.address))[1]).to.equal(false);
    await market.connect(factor1).cancelBid(c2, factor1.address);
    await book.cancelled("factor1", 19_600n * USD).check("factor 1 cancels its losing bid");
    await market.connect(factor3).cancelBid(c2, factor3.address);
    await book.cancelled("factor3", 19_450n * USD).check("factor 3 cancels its losing bid");
    for (const bidder of [factor1, factor2, factor3]) {
      expect(await lens.bidsOf(bidder.address, c2, 1n), bidder.address).to.deep.equal([]);
    }

    // 4. Way 3, a standing offer: factor 3 buys any claim on the debtor at 12 % a year, up to 90 days, 50,000.
    await market
      .connect(factor3)
      .postStandingOffer(
        debtor.address,
        currency,
        1_200,
        90 * SECONDS_PER_DAY,
        50_000n * USD,
        (await s.now()) + 30n * DAY,
      );
    const offer3 = 0n;
    const t3 = (await s.now()) + HOUR;
    const price3 = priceForYield(faces[2], 1_200n, (await dueDateOf(s, c3)) - t3);
    await networkHelpers.time.setNextBlockTimestamp(t3);
    const fee3 = await sale(
      market.connect(sme).sellToOffer(c3, offer3, price3),
      c3,
      sme,
      factor3,
      price3,
      SaleKind.StandingOffer,
    );
    await book.sold("sme", "factor3", price3, fee3).check("claim 3 sold to factor 3's standing offer");
    expect((await market.standingOffer(offer3)).exposureUsed).to.equal(faces[2]);

    // 5. Way 4, a signed offer: factor 1 signs 12,300.000005 for claim 4 off-chain; the SME fills it.
    const price4 = 12_300n * USD + 5n;
    const offer4 = await s.offerFor(c4, price4, factor1, 1n);
    const signature4 = await s.signOffer(factor1, offer4);
    const fee4 = await sale(
      market.connect(sme).acceptSignedOffer(offer4, signature4),
      c4,
      sme,
      factor1,
      price4,
      SaleKind.SignedOffer,
    );
    await book.sold("sme", "factor1", price4, fee4).check("claim 4 sold to factor 1's signed offer");
    expect(await market.offerNonceUsed(factor1.address, 1n)).to.equal(true);

    // 6. Resale 1, an escrowed bid: the bank bids 9,850 on claim 1 (unlisted); factor 1 accepts it.
    const price5 = 9_850n * USD;
    await market.connect(bank).bid(c1, price5, (await s.now()) + DAY);
    await book.escrowed("bank", price5).check("the bank bids on claim 1");
    const fee5 = await sale(
      market.connect(factor1).acceptBid(c1, bank.address, price5),
      c1,
      factor1,
      bank,
      price5,
      SaleKind.Bid,
    );
    await book.sold("factor1", "bank", price5, fee5, true).check("claim 1 resold to the bank's bid");

    // 7. Resale 2, a signed offer: the bank signs 19,800.000003 for claim 2; factor 2 fills it.
    const price6 = 19_800n * USD + 3n;
    const offer6 = await s.offerFor(c2, price6, bank, 7n);
    const fee6 = await sale(
      market.connect(factor2).acceptSignedOffer(offer6, await s.signOffer(bank, offer6)),
      c2,
      factor2,
      bank,
      price6,
      SaleKind.SignedOffer,
    );
    await book.sold("factor2", "bank", price6, fee6).check("claim 2 resold to the bank's signed offer");

    // 8. Resale 3, a standing offer: the bank buys claims on the debtor at 8 %; factor 3 sells claim 3 to it,
    // which frees the exposure claim 3 took on factor 3's own offer and takes it on the bank's.
    await market
      .connect(bank)
      .postStandingOffer(
        debtor.address,
        currency,
        800,
        90 * SECONDS_PER_DAY,
        100_000n * USD,
        (await s.now()) + 30n * DAY,
      );
    const offerBank = 1n;
    const t7 = (await s.now()) + HOUR;
    const price7 = priceForYield(faces[2], 800n, (await dueDateOf(s, c3)) - t7);
    await networkHelpers.time.setNextBlockTimestamp(t7);
    const tx7 = market.connect(factor3).sellToOffer(c3, offerBank, price7);
    await expect(tx7).to.emit(market, "ExposureReleased").withArgs(offer3, c3, faces[2]);
    const fee7 = await sale(tx7, c3, factor3, bank, price7, SaleKind.StandingOffer);
    await book.sold("factor3", "bank", price7, fee7).check("claim 3 resold to the bank's standing offer");
    expect((await market.standingOffer(offer3)).exposureUsed).to.equal(0n);
    expect((await market.standingOffer(offerBank)).exposureUsed).to.equal(faces[2]);

    // 9. Resale 4, a listing: factor 1 asks 12,350 for claim 4; the bank buys.
    const price8 = 12_350n * USD;
    await market.connect(factor1).list(c4, price8, 0n, (await s.now()) + DAY);
    const fee8 = await sale(market.connect(bank).buy(c4, price8), c4, factor1, bank, price8, SaleKind.Listing);
    await book.sold("factor1", "bank", price8, fee8).check("claim 4 resold to the bank at its ask");

    // 10. The debtor pays each claim in full at its due date, to the bank, the holder of record.
    const ids = [c1, c2, c3, c4];
    for (let i = 0; i < ids.length; ++i) {
      await networkHelpers.time.setNextBlockTimestamp(await dueDateOf(s, ids[i]));
      await claims.connect(debtor).pay(ids[i], faces[i]);
      expect((await s.claimLens.claim(ids[i])).state).to.equal(State.Settled);
      await book.paid("debtor", "bank", faces[i]).check(`claim ${i + 1} paid at maturity`);
    }
    // Claim 3 is settled: anyone frees the exposure it took on the bank's offer.
    await expect(market.connect(debtor).releaseExposure(c3))
      .to.emit(market, "ExposureReleased")
      .withArgs(offerBank, c3, faces[2]);
    expect((await market.standingOffer(offerBank)).exposureUsed).to.equal(0n);
    await book.check("exposure released (no money moves)");

    // 11. The bank withdraws the four face values from the claim contract.
    const faceSum = faces.reduce((a, b) => a + b, 0n);
    await expect(claims.connect(bank).withdraw(currency, bank.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [claims, bank],
      [-faceSum, faceSum],
    );
    expect(book.withdrew("bank")).to.equal(faceSum);
    await book.check("the bank withdrew from the claim contract");

    // 12. Factor 3 withdraws the cut of its lowered bid, credited to its refund ledger.
    expect(book.creditOf("factor1")).to.equal(0n);
    await market.connect(factor3).withdraw(currency, factor3.address);
    expect(book.withdrewFromMarket("factor3")).to.equal(50n * USD + 500_000n);
    await book.check("factor 3 withdrew the cut of its lowered bid");

    // 13. The treasury collects the eight fees, kept in the market on nobody's credit.
    const feeSum = fees.reduce((a, b) => a + b, 0n);
    expect(fees.length).to.equal(8);
    expect(book.creditOf("treasury")).to.equal(0n);
    expect(book.feesToCollect()).to.equal(feeSum);
    await expect(market.connect(operator).withdrawFees(currency, operator.address)).to.changeTokenBalances(
      ethers,
      usdc,
      [market, operator],
      [-feeSum, feeSum],
    );
    expect(book.collectedFees()).to.equal(feeSum);
    await book.check("the treasury collected its fees");

    // The end: both contracts hold exactly nothing and owe nothing.
    expect(await usdc.balanceOf(marketAddress)).to.equal(0n);
    expect(await market.totalLiabilities(currency)).to.equal(0n);
    expect(await usdc.balanceOf(await claims.getAddress())).to.equal(0n);
    expect(await claims.totalLiabilities(currency)).to.equal(0n);
    // Who gained what: the SME got the four nets; the bank paid four prices and got the four face values.
    const sold = [ask1, price2, price3, price4];
    expect(book.balanceOf("sme")).to.equal(sold.reduce((a, p) => a + p - splitFee(p, RULES.saleFeeBps).fee, 0n));
    const bankPaid = price5 + price6 + price7 + price8;
    expect(await usdc.balanceOf(bank.address)).to.equal(10_000_000n * USD - bankPaid + faceSum);
  });
});
