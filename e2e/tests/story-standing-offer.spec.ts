/**
 * The SME sells a claim at once to a factor's standing rate offer (the seed posts one per factor and debtor): the
 * claim page offers "Sell for <price>" per offer, the price is the market's own quote, and the sale pays exactly
 * the quote of the block it is mined in (the same yield over one second less), to the base unit.
 */
import { priceForYield, SaleKind } from "@openfactor/sdk";
import {
  chainTime,
  findSeededClaim,
  holderOf,
  outstandingOf,
  quote,
  saleFee,
  salesOf,
  setNextBlockTimestamp,
  stablecoinBalance,
  standingOfferOf,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import { castMember, claimFact, connectAs, parseUsdc, usdc } from "../helpers.js";

test("the SME sells a claim instantly to the best standing offer, at the price shown", async ({ page, wallet }) => {
  test.slow();
  const { id, claim, holder } = await findSeededClaim(
    (c) => c.state === "Accepted" && c.holder === c.claim.originator && !c.listing.listed && c.bidders.length === 0,
    "accepted, still with its originator and not listed",
  );
  const sme = castMember(wallet, holder);
  const factor = wallet.address("factor1");
  // Harbor Factoring's offer carries the lowest yield of the seed's three, so it pays the most.
  const offer = await standingOfferOf(factor, claim.debtor);

  await page.goto(`/claims/${id}`);
  await connectAs(page, wallet, sme.key);
  const offers = page.getByRole("heading", { name: "Sell now to a standing offer" }).locator("..");
  await expect(offers.getByRole("listitem")).toHaveCount(3);
  const harbor = offers.getByRole("listitem").filter({ hasText: /^Harbor Factoring at 8\.00\s?% a year/ });
  const sell = harbor.getByRole("button", { name: /^Sell for / });
  await expect(sell).toBeVisible();

  // The price shown is the market's quote at the chain's time: the offer's yield on what the claim still owes.
  const shown = parseUsdc(await sell.innerText());
  const [owed, now] = [await outstandingOf(id), await chainTime()];
  expect(shown).toBe(await quote(id, offer.id));
  expect(shown).toBe(priceForYield(owed, offer.yieldBps, claim.dueDate - now));
  await expect(sell).toHaveText(`Sell for ${usdc(shown)}`);

  // The sale is mined one second later, as the next block always is: the same yield over one second less.
  const smeBefore = await stablecoinBalance(holder);
  const factorBefore = await stablecoinBalance(factor);
  await setNextBlockTimestamp(now + 1n);
  await sell.click();
  await expect(claimFact(page, "Holder")).toHaveText("Harbor Factoring");
  await expect(claimFact(page, "State")).toHaveText("Financed");

  expect(await holderOf(id)).toBe(factor);
  const [sale] = await salesOf(id);
  expect(sale).toMatchObject({ seller: holder, buyer: factor, kind: SaleKind.StandingOffer, timestamp: now + 1n });
  expect(sale.price).toBe(priceForYield(owed, offer.yieldBps, claim.dueDate - now - 1n));
  expect(sale.price).toBeGreaterThanOrEqual(shown);
  const { fee, net } = await saleFee(sale.price);
  expect(sale.fee).toBe(fee);
  expect(await stablecoinBalance(holder)).toBe(smeBefore + net);
  expect(await stablecoinBalance(factor)).toBe(factorBefore - sale.price);

  await expect(page.getByRole("region", { name: "History" })).toContainText(
    `Sold to Harbor Factoring by ${sme.label} for ${usdc(sale.price)}, to a standing offer.`,
  );
});
