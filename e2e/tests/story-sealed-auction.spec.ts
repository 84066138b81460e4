/**
 * A sealed-bid auction through the dApp's pages, on a seeded claim its SME holds: the SME opens a sealed auction;
 * two factors commit sealed bids (hashed in their browser, a full deposit each), and neither the other factor nor
 * the seller sees an amount; the clock moves to the reveal window and both reveal; once reveals close the seller
 * sees the bids best first and accepts the best; the claim moves to the winner; the loser reclaims its deposit and
 * withdraws it. Every step is checked on the page and on the chain (balances to the base unit).
 */
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

import { SEALED_BID_COMMITMENT_PARAMS } from "@openfactor/sdk";
import {
  ADDRESSES,
  auctionCreditedTo,
  auctionOf,
  CHAIN_ID,
  chainTime,
  claimState,
  findSeededClaim,
  holderOf,
  increaseTime,
  outstandingOf,
  runningAuctionOf,
  saleFee,
  sealedBidOf,
  stablecoinBalance,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import { accountButton, castMember, claimFact, connectAs, labelOf, switchAccount, usdc, USDC } from "../helpers.js";
import type { CastKey } from "../wallet.js";

/** Types an amount the way a user does, with thousands separators: 116500000000n → "116,500". */
const typed = (amount: bigint) => (amount / USDC).toLocaleString("en-GB");

test("a sealed-bid auction: opened, two sealed bids, revealed, the best accepted, the loser refunded", async ({
  page,
  wallet,
}) => {
  test.setTimeout(180_000);
  // A seeded claim its originator holds, accepted, neither listed nor auctioned.
  const { id, claim } = await findSeededClaim(
    (c) =>
      c.state === "Accepted" &&
      !c.listing.listed &&
      c.holder.toLowerCase() === c.claim.originator.toLowerCase() &&
      c.bidders.length === 0,
    "accepted and held by its originator, not for sale",
  );
  expect((await runningAuctionOf(id)).running).toBe(false);
  const sme = castMember(wallet, claim.originator);
  const factorA = wallet.address("factor1");
  const factorB = wallet.address("factor2");
  const outstanding = await outstandingOf(id);
  // Whole dollars, so that the page's amounts read back exactly: B bids above A.
  const BID_A = ((outstanding * 95n) / 100n / USDC) * USDC;
  const BID_B = ((outstanding * 96n) / 100n / USDC) * USDC;

  // Everything the page sends, to check that no bid's amount leaves the browser before its reveal.
  const sent: string[] = [];
  page.on("request", (request) => sent.push(request.postData() ?? ""));
  /** `amount` as a 32-byte ABI word, as any call or transaction carrying it would encode it. */
  const word = (amount: bigint) => amount.toString(16).padStart(64, "0");

  // ------------------------------------------------------------ the SME opens a sealed auction
  await page.goto(`/claims/${id}`);
  await connectAs(page, wallet, sme.key);
  await page.getByRole("radio", { name: "Sealed-bid auction (bids hidden until reveal)" }).check();
  const openForm = page.getByRole("form", { name: "Sealed-bid auction" });
  await expect(openForm).toContainText("loses 1 % of its deposit");
  await expect(openForm.getByLabel("Bidding window (days)")).toHaveValue("2");
  await expect(openForm.getByLabel("Reveal window (days)")).toHaveValue("1");
  await openForm.getByRole("button", { name: "Open the sealed auction" }).click();
  await expect(claimFact(page, "Auction phase")).toContainText("Bidding");
  await expect(claimFact(page, "Listing")).toHaveText("in a sealed-bid auction");
  const { running, auctionId } = await runningAuctionOf(id);
  expect(running).toBe(true);
  const auction = await auctionOf(auctionId);
  expect(auction.seller).toBe(claim.originator);
  // The latest block is the one that opened the auction: two days of bidding from it, then a day to reveal.
  expect(BigInt(auction.biddingEnds) - (await chainTime())).toBe(2n * 86_400n);
  expect(BigInt(auction.revealEnds) - BigInt(auction.biddingEnds)).toBe(86_400n);

  // ------------------------------------------------------------ two factors commit sealed bids
  const aBefore = await stablecoinBalance(factorA);
  const bBefore = await stablecoinBalance(factorB);
  await commit("factor1", BID_A);
  await expect(claimFact(page, "Sealed bids")).toHaveText("1");
  await expectSealedOnChain(factorA, BID_A);
  expect(await stablecoinBalance(factorA)).toBe(aBefore - outstanding);

  await switchAccount(page, wallet, "factor2");
  // The other factor sees that one bid is sealed, never its amount.
  await expect(page.getByRole("form", { name: "Place a sealed bid" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(usdc(BID_A));
  await commit("factor2", BID_B);
  await expect(claimFact(page, "Sealed bids")).toHaveText("2");
  await expect(page.locator("main")).not.toContainText(usdc(BID_A));
  await expectSealedOnChain(factorB, BID_B);
  expect(await stablecoinBalance(factorB)).toBe(bBefore - outstanding);

  // The seller sees two sealed bids and no amount.
  await switchAccount(page, wallet, sme.key);
  await expect(claimFact(page, "Sealed bids")).toHaveText("2");
  await expect(page.getByRole("button", { name: "Cancel the auction" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(usdc(BID_A));
  await expect(page.locator("main")).not.toContainText(usdc(BID_B));

  // No request of the page carried either amount: the commitments were hashed in the browser.
  expect(sent.length).toBeGreaterThan(10);
  expect(sent.filter((body) => body.includes(word(BID_A)) || body.includes(word(BID_B)))).toEqual([]);

  // ------------------------------------------------------------ bidding closes: both reveal
  await increaseTime(BigInt(auction.biddingEnds) - (await chainTime()) + 1n);
  await reveal("factor1", BID_A);
  expect(await auctionCreditedTo(factorA)).toBe(outstanding - BID_A);
  await reveal("factor2", BID_B);
  expect((await sealedBidOf(auctionId, factorB)).amount).toBe(BID_B);
  // The reveals did send the amounts: the check above would have seen them.
  expect(sent.some((body) => body.includes(word(BID_A)))).toBe(true);

  // ------------------------------------------------------------ reveals close: the seller accepts the best
  await increaseTime(BigInt(auction.revealEnds) - (await chainTime()) + 1n);
  await switchAccount(page, wallet, sme.key);
  await page.reload();
  await expect(accountButton(page, claim.originator)).toBeVisible();
  await expect(claimFact(page, "Auction phase")).toContainText("Seller picking");
  const rows = page.getByRole("region", { name: "Revealed bids" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(labelOf("factor2"));
  await expect(rows.nth(1)).toContainText(usdc(BID_B));
  await expect(rows.nth(2)).toContainText(labelOf("factor1"));
  await expect(rows.nth(2)).toContainText(usdc(BID_A));
  const smeBefore = await stablecoinBalance(claim.originator);
  await page.getByRole("button", { name: `Accept ${labelOf("factor2")}'s sealed bid of ${usdc(BID_B)}` }).click();
  await expect(claimFact(page, "Holder")).toHaveText(labelOf("factor2"));
  await expect(claimFact(page, "Auction phase")).toHaveText("Sold");
  expect(await holderOf(id)).toBe(factorB);
  expect(await claimState(id)).toBe("Financed");
  expect(await stablecoinBalance(claim.originator)).toBe(smeBefore + (await saleFee(BID_B)).net);

  // ------------------------------------------------------------ the loser reclaims its deposit and withdraws it
  await switchAccount(page, wallet, "factor1");
  await expect(page.getByText(`Reclaim your deposit: ${usdc(BID_A)} comes back to you.`)).toBeVisible();
  await page.getByRole("button", { name: "Reclaim the deposit" }).click();
  await expect(page.getByText(`From sealed-bid auctions: ${usdc(outstanding)}.`)).toBeVisible();
  expect(await auctionCreditedTo(factorA)).toBe(outstanding);
  await page.getByRole("button", { name: "Withdraw from the auctions" }).click();
  await expect(page.getByRole("button", { name: "Withdraw from the auctions" })).toHaveCount(0);
  expect(await auctionCreditedTo(factorA)).toBe(0n);
  expect(await stablecoinBalance(factorA)).toBe(aBefore);
  // The winner paid its price from its deposit; the excess came back to its credits at the reveal.
  expect(await auctionCreditedTo(factorB)).toBe(outstanding - BID_B);
  expect(await stablecoinBalance(factorB)).toBe(bBefore - outstanding);

  // ------------------------------------------------------------ the history tells the auction, no sealed amount
  const history = page.getByRole("region", { name: "History" }).getByRole("listitem");
  await expect(history).toContainText([
    `${sme.label} opened a sealed-bid auction: sealed bids until`,
    `Sold to ${labelOf("factor2")} by ${sme.label} for ${usdc(BID_B)}, in a sealed-bid auction.`,
  ]);
  await expect(page.getByRole("region", { name: "History" })).not.toContainText(usdc(BID_A));

  /** `key` commits a sealed bid of `amount` from the claim page, depositing the proposed full outstanding amount. */
  async function commit(key: CastKey, amount: bigint) {
    await switchAccount(page, wallet, key);
    const form = page.getByRole("form", { name: "Place a sealed bid" });
    await expect(form.getByLabel(/^Deposit/)).toHaveValue(typed(outstanding));
    await form.getByLabel("Your price (USDC)", { exact: true }).fill(typed(amount));
    await expect(form).toContainText("a yield of");
    await form.getByRole("button", { name: "Seal and commit the bid" }).click();
    await expect(
      page.getByText(`Your sealed bid is ${usdc(amount)}, with a deposit of ${usdc(outstanding)}.`),
    ).toBeVisible();
    await expect(page.getByLabel(/^Your reveal code/)).toHaveValue(new RegExp(`^SEALED-${auctionId}-${amount}-0x`));
  }

  /** The bid on chain is sealed (no amount, a full deposit) and its commitment is the hash of what the browser kept. */
  async function expectSealedOnChain(bidder: Address, amount: bigint) {
    const bid = await sealedBidOf(auctionId, bidder);
    expect(bid.amount).toBe(0n);
    expect(bid.deposit).toBe(outstanding);
    // The browser keeps the amount and salt as the reveal code, under the chain, auction contract, auction and bidder.
    const storageKey = `openfactor:sealed-bid:${CHAIN_ID}:${ADDRESSES.auction.toLowerCase()}:${auctionId}:${bidder.toLowerCase()}`;
    const stored = await page.evaluate((k) => window.localStorage.getItem(k), storageKey);
    const code = /^SEALED-(\d+)-(\d+)-(0x[0-9a-f]{64})$/.exec(stored!.split("\n").at(-1)!);
    expect(code?.slice(1, 3)).toEqual([auctionId.toString(), amount.toString()]);
    const salt = code![3] as Hex;
    const args = [BigInt(CHAIN_ID), ADDRESSES.auction, auctionId, bidder, amount, salt] as const;
    expect(bid.commitment).toBe(keccak256(encodeAbiParameters(SEALED_BID_COMMITMENT_PARAMS, args)));
  }

  /** `key` reveals its bid of `amount` in the reveal window, from the secret its browser kept. */
  async function reveal(key: CastKey, amount: bigint) {
    await switchAccount(page, wallet, key);
    await page.reload();
    await expect(accountButton(page, wallet.address(key))).toBeVisible();
    await expect(claimFact(page, "Auction phase")).toContainText("Revealing bids");
    await page.getByRole("button", { name: `Reveal my bid of ${usdc(amount)}` }).click();
    await expect(page.getByText(`You revealed your bid of ${usdc(amount)}.`)).toBeVisible();
    expect((await sealedBidOf(auctionId, wallet.address(key))).amount).toBe(amount);
  }
});
