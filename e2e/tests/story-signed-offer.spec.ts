/**
 * A private offer as a link: a factor signs an EIP-712 offer for a claim on the claim's page (nothing goes on
 * chain), sends the link to the holder, and the holder opens it and fills it; the claim moves to the factor at
 * exactly the signed price.
 */
import { SaleKind } from "@openfactor/sdk";
import {
  chainTime,
  days,
  findSeededClaim,
  holderOf,
  outstandingOf,
  saleFee,
  salesOf,
  stablecoinBalance,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import { accountButton, castMember, claimFact, connectAs, dateInput, switchAccount, usdc, USDC } from "../helpers.js";

test("a factor signs a private offer link; the holder opens it and sells at the signed price", async ({
  page,
  wallet,
}) => {
  test.slow();
  const { id, holder } = await findSeededClaim(
    (c) => c.state === "Accepted" && c.holder === c.claim.originator && !c.listing.listed && c.bidders.length === 0,
    "accepted, still with its originator and not listed",
  );
  const sme = castMember(wallet, holder);
  const factor = wallet.address("factor2");
  // 97 % of what the claim owes, in whole dollars.
  const price = (((await outstandingOf(id)) * 97n) / 100n / USDC) * USDC;

  // ------------------------------------------------------------ the factor signs, nothing goes on chain
  await page.goto(`/claims/${id}`);
  await connectAs(page, wallet, "factor2");
  const form = page.getByRole("form", { name: "Private offer" });
  await form.getByLabel("Price").fill((price / USDC).toString());
  await form.getByLabel("Valid until").fill(dateInput((await chainTime()) + BigInt(days(3))));
  await form.getByRole("button", { name: "Sign the offer" }).click();
  const link = await form.getByLabel("Link with your offer, for the holder").inputValue();
  expect(link).toMatch(new RegExp(`/claims/${id}\\?offer=[^&]+&sig=0x[0-9a-f]+$`));
  expect(wallet.requestsFor("eth_signTypedData_v4").map((r) => r.account)).toEqual([factor]);
  // The seed let the market take the factor's money already: no approval, no transaction at all.
  expect(wallet.requestsFor("eth_sendTransaction")).toHaveLength(0);
  expect(await holderOf(id)).toBe(holder);

  // ------------------------------------------------------------ the holder opens the link and accepts
  await switchAccount(page, wallet, sme.key);
  await page.goto(link);
  await expect(accountButton(page, holder)).toBeVisible();
  const offer = page.getByRole("heading", { name: "Private offer" }).locator("..");
  await expect(offer).toContainText(`Meridian Capital offers ${usdc(price)} for this claim until`);
  const smeBefore = await stablecoinBalance(holder);
  const factorBefore = await stablecoinBalance(factor);
  await offer.getByRole("button", { name: "Accept the offer" }).click();
  await expect(claimFact(page, "Holder")).toHaveText("Meridian Capital");

  expect(await holderOf(id)).toBe(factor);
  const [sale] = await salesOf(id);
  expect(sale).toMatchObject({ seller: holder, buyer: factor, price, kind: SaleKind.SignedOffer });
  expect(await stablecoinBalance(holder)).toBe(smeBefore + (await saleFee(price)).net);
  expect(await stablecoinBalance(factor)).toBe(factorBefore - price);
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    `Sold to Meridian Capital by ${sme.label} for ${usdc(price)}, to a private offer.`,
  );
});
