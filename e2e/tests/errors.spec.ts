/**
 * What the user is told when a write does not happen: a request declined in the wallet gives a neutral notice,
 * a write the contract refuses gives the contract's custom error in words (decoded by the dApp while simulating,
 * before any wallet prompt); in both cases nothing moves on chain, and the page offers the way on.
 */
import { encodeFunctionData } from "viem";

import {
  ADDRESSES,
  chainTime,
  CONTRACTS,
  days,
  findSeededClaim,
  holderOf,
  listingOf,
  sendDataAs,
  stablecoinBalance,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import {
  castMember,
  claimFact,
  connectAs,
  dateInput,
  errorNotice,
  expectPlainWords,
  REJECTED_MESSAGE,
  usdc,
  USDC,
} from "../helpers.js";

test("a listing rejected in the wallet: a neutral notice, nothing on chain, and a retry lists it", async ({
  page,
  wallet,
}) => {
  const { id, holder } = await findSeededClaim(
    (c) => c.state === "Accepted" && c.holder === c.claim.originator && !c.listing.listed,
    "accepted, with its originator and not listed",
  );
  const sme = castMember(wallet, holder);
  await page.goto(`/claims/${id}`);
  await connectAs(page, wallet, sme.key);
  const form = page.getByRole("form", { name: "List for sale" });
  await form.getByLabel("Ask price").fill("50,000");
  await form.getByLabel("Deadline").fill(dateInput((await chainTime()) + BigInt(days(7))));

  wallet.rejectNext();
  await form.getByRole("button", { name: "List the claim" }).click();
  await expect(errorNotice(page)).toHaveText(new RegExp(`^${REJECTED_MESSAGE.replace(".", "\\.")}`));
  // The dApp asked the wallet (the simulation passed), the user declined: no transaction, no listing.
  expect(wallet.requestsFor("eth_sendTransaction")).toHaveLength(1);
  expect((await listingOf(id)).listed).toBe(false);
  await expect(claimFact(page, "Listing")).toHaveText("not listed");

  await form.getByRole("button", { name: "List the claim" }).click();
  await expect(claimFact(page, "Listing")).toContainText(`ask ${usdc(50_000n * USDC)}`);
  await expect(errorNotice(page)).toHaveCount(0);
  expect(await listingOf(id)).toMatchObject({ listed: true, seller: holder, askPrice: 50_000n * USDC });
});

test("a purchase the market refuses (another factor bought first) names the error in words", async ({
  page,
  wallet,
}) => {
  const { id, listing } = await findSeededClaim(
    (c) => c.state === "Accepted" && c.listing.listed && c.listing.askPrice > 0n,
    "listed with an ask price",
  );
  const bank = wallet.address("bank");
  const rival = wallet.address("factor3");
  await page.goto(`/claims/${id}`);
  await connectAs(page, wallet, "bank");
  const buy = page.getByRole("button", { name: `Buy for ${usdc(listing.askPrice)}` });
  await expect(buy).toBeVisible();

  // While the bank reads the page, Cedar Trade Finance buys the claim at the ask.
  await sendDataAs(
    rival,
    ADDRESSES.market,
    encodeFunctionData({ abi: CONTRACTS.market.abi, functionName: "buy", args: [id, listing.askPrice] }),
  );
  const bankBefore = await stablecoinBalance(bank);
  await buy.click();

  const alert = errorNotice(page);
  await expect(alert).toContainText("This claim is not listed for sale.");
  await expectPlainWords(alert);
  // Refused in the simulation: the wallet was never asked to send, the bank kept its money, the rival has the claim.
  expect(wallet.requestsFor("eth_sendTransaction")).toHaveLength(0);
  expect(await stablecoinBalance(bank)).toBe(bankBefore);
  expect(await holderOf(id)).toBe(rival);
});
