/**
 * The portfolio (/portfolio) and the overview on the home page, on the demo seed, on a desktop and a phone:
 * holdings and charts as a factor reads them from the chain, one "Withdraw everything" over two contracts, what
 * the home page asks a factor and a debtor to look at, the header's Portfolio link by role, and the screenshots
 * (portfolio-*.png, overview-*.png).
 *
 * The demo's facts used: Harbor Factoring (factor1) holds the "paid in part" claim (40 % paid to it, so the claim
 * contract owes it) and the "defaulted" one, and bid the lowest price on the "with live bids" claim (outbid);
 * Northwind Retail (debtor1) owes the "overdue" claim.
 */
import type { Page } from "@playwright/test";

import { claimsOf, CONTRACTS, publicClient, sendAs, stablecoinBalance } from "../chain.js";
import { expect, test } from "../fixtures.js";
import { accountButton, connectButton, expectNoHorizontalScroll, saveScreenshot, walletDialog } from "../helpers.js";
import { WALLET_INFO, type CastKey, type TestWallet } from "../wallet.js";

/** Opens `path` connected as `who` through the dApp's own wallet modal. */
async function openAs(page: Page, wallet: TestWallet, who: CastKey, path: string) {
  await wallet.use(who);
  await page.goto(path);
  await connectButton(page).click();
  await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();
  await expect(accountButton(page, wallet.address(who))).toBeVisible();
}

const holdingsOf = (account: `0x${string}`) => claimsOf(account, "Holder");

test("a factor's portfolio: every claim held with its cost, the charts and their tables, the returns", async ({
  page,
  wallet,
}, testInfo) => {
  await openAs(page, wallet, "factor1", "/portfolio");
  const held = await holdingsOf(wallet.address("factor1"));
  expect(held.length).toBeGreaterThan(0);

  const table = page.getByRole("region", { name: "Claims you hold" });
  await expect(table.getByRole("row")).toHaveCount(held.length + 1);
  for (const id of held) await expect(table.getByRole("link", { name: `Claim #${id}` })).toBeVisible();
  // Bought, so each has a cost, not "issued by you", and the claims still paying have a yield on it.
  await expect(table.getByText("issued by you")).toHaveCount(0);
  await expect(table.getByRole("cell", { name: /-?\d+\.\d\d%$/ }).first()).toBeVisible();

  for (const title of ["Expected payments by month", "Maturity ladder"]) {
    const chart = page.getByRole("figure", { name: title });
    await expect(chart.getByRole("img")).toBeVisible();
    await chart.getByText("Figures as a table").click();
    await expect(chart.getByRole("table")).toBeVisible();
  }
  // The defaulted claim is past due: hatched and named so in the ladder, not marked by colour alone.
  await expect(
    page.getByRole("figure", { name: "Maturity ladder" }).getByRole("rowheader", { name: "Overdue" }),
  ).toBeVisible();
  await expect(page.getByText(/Expected return \(\d+ open\)/)).toBeVisible();
  await expect(page.getByText(/Realised return \(\d+ closed\)/)).toBeVisible();

  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, `portfolio-${testInfo.project.name}`);
});

test("Withdraw everything empties the claim contract's and the market's ledgers, one transaction each", async ({
  page,
  wallet,
}, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the same flow as on the desktop");
  const factor = wallet.address("factor1");
  const currency = CONTRACTS.stablecoin.address;
  // A refund in the market as well: Harbor Factoring lowers a live bid by one base unit, which the market credits
  // (a cancelled bid is paid straight back and leaves no credit).
  const bidOn = await publicClient.getContractEvents({
    ...CONTRACTS.market,
    eventName: "BidPlaced",
    args: { bidder: factor },
    fromBlock: 0n,
  });
  const live: { claimId: bigint; amount: bigint; expiry: bigint }[] = [];
  for (const log of bidOn) {
    const [bid, isLive] = await publicClient.readContract({
      ...CONTRACTS.market,
      functionName: "bidOf",
      args: [log.args.claimId!, factor],
    });
    if (isLive) live.push({ claimId: log.args.claimId!, amount: bid.amount, expiry: bid.expiry });
  }
  expect(live.length).toBeGreaterThan(0);
  const lowered = live[0];
  await sendAs(factor, {
    ...CONTRACTS.market,
    functionName: "bid",
    args: [lowered.claimId, lowered.amount - 1n, lowered.expiry],
  });

  const owed = await publicClient.readContract({ ...CONTRACTS.claims, functionName: "owed", args: [factor, currency] });
  const credited = await publicClient.readContract({
    ...CONTRACTS.market,
    functionName: "credited",
    args: [factor, currency],
  });
  expect(owed).toBeGreaterThan(0n);
  expect(credited).toBeGreaterThan(0n);
  const before = await stablecoinBalance(factor);

  await openAs(page, wallet, "factor1", "/portfolio");
  const owedSection = page.getByRole("region", { name: "Owed to you" });
  await expect(owedSection.getByRole("listitem")).toHaveCount(2);
  await owedSection.getByRole("button", { name: "Withdraw everything (2 transactions)" }).click();
  await expect(owedSection.getByText("All 2 withdrawals went through.")).toBeVisible({ timeout: 20_000 });
  await expect(owedSection.getByText("Nothing is waiting for you in the contracts.")).toHaveCount(0);

  expect(await publicClient.readContract({ ...CONTRACTS.claims, functionName: "owed", args: [factor, currency] })).toBe(
    0n,
  );
  expect(
    await publicClient.readContract({ ...CONTRACTS.market, functionName: "credited", args: [factor, currency] }),
  ).toBe(0n);
  expect((await stablecoinBalance(factor)) - before).toBe(owed + credited);
  expect(wallet.requestsFor("eth_sendTransaction")).toHaveLength(2);
});

test("the overview tells a factor it was outbid and shows the market's charts", async ({ page, wallet }, testInfo) => {
  await openAs(page, wallet, "factor1", "/");
  const attention = page.getByRole("region", { name: "For you now" });
  await expect(attention.getByText(/^Outbid:/)).toBeVisible();
  await expect(attention.getByText(/You are outbid on claim #\d+: the best bid is [\d,.]+ USDC\./)).toBeVisible();

  for (const title of ["Volume sold per week, USDC", "Yield by tenor at the sale", "Claims by state"]) {
    await expect(page.getByRole("figure", { name: title }).getByRole("img")).toBeVisible();
  }
  const count = await publicClient.readContract({ ...CONTRACTS.claims, functionName: "claimCount" });
  await expect(
    page.getByRole("region", { name: "The market" }).getByText(String(count), { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "About this deployment" })).toBeVisible();

  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, `overview-${testInfo.project.name}`);
});

test("the overview tells a debtor what is overdue, and the header offers Portfolio only to holders' roles", async ({
  page,
  wallet,
}) => {
  await openAs(page, wallet, "debtor1", "/");
  await expect(
    page
      .getByRole("region", { name: "For you now" })
      .getByText(/You owe [\d,.]+ USDC on claim #\d+, \d+ days? overdue\./)
      .first(),
  ).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Market" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Portfolio" })).toHaveCount(0);

  await wallet.use("factor1");
  await expect(nav.getByRole("link", { name: "Portfolio" })).toBeVisible();
});
