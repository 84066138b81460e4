/**
 * The dApp's pages beyond the home page, on a desktop and a phone: each served, without sideways scrolling both
 * before connecting and connected as the party it is for (nor a column or a button left beyond the right edge in a
 * table that scrolls sideways), and photographed for the README
 * (docs/screenshots/<page>-<project>.png). Then three short flows on the seeded data: a factor bids from the
 * market, the debtor accepts an issued claim by signature, and a bid the contract refuses is explained in words.
 */
import type { Page } from "@playwright/test";
import { encodeFunctionData } from "viem";

import {
  ADDRESSES,
  bidOf,
  claimState,
  type ClaimView,
  CONTRACTS,
  findSeededClaim,
  issueTransaction,
  listingOf,
  seededAuction,
  seededIssued,
  sendDataAs,
  stablecoinBalance,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import {
  castMember,
  connectAs,
  errorNotice,
  expectNoHorizontalScroll,
  expectNothingCutOff,
  expectPlainWords,
  REJECTED_MESSAGE,
  saveScreenshot,
  usdc,
  USDC,
} from "../helpers.js";
import type { CastKey, TestWallet } from "../wallet.js";

interface View {
  /** The screenshot's name (docs/screenshots/<name>-<project>.png); none for views not in the README. */
  name: string;
  screenshot: boolean;
  path(): Promise<string>;
  /** Who the page is for: the view is checked again connected as this account (a claim's party is looked up). */
  as?: (wallet: TestWallet) => Promise<CastKey>;
  /** What shows once the connected view has loaded its data. */
  ready(page: Page): ReturnType<Page["getByRole"]>;
}

const VIEWS: View[] = [
  {
    name: "market",
    screenshot: true,
    path: async () => "/market",
    ready: (page) => page.getByRole("link", { name: /^Claim #\d+$/ }).first(),
  },
  {
    name: "issue",
    screenshot: true,
    path: async () => "/issue",
    as: async () => "sme1",
    ready: (page) => page.getByRole("button", { name: "Issue the claim" }),
  },
  {
    name: "payables",
    screenshot: true,
    path: async () => "/payables",
    as: async () => "debtor1",
    ready: (page) => page.getByRole("button", { name: "Pay selected" }),
  },
  {
    name: "factor",
    screenshot: true,
    path: async () => "/factor",
    as: async () => "factor1",
    // The seed approved the market for any amount: said in words, not as 2^256 - 1 base units.
    ready: (page) =>
      page.getByText("The market may currently take any amount of USDC from your account (an unlimited approval)."),
  },
  {
    // The claim on auction as its holder sees it: the bids with their Accept buttons, the listing, the history.
    name: "claim",
    screenshot: true,
    path: async () => `/claims/${(await seededAuction()).id}`,
    as: async (wallet) => castMember(wallet, (await seededAuction()).holder).key,
    ready: (page) => page.getByRole("button", { name: /^Accept .+'s bid of / }).first(),
  },
  {
    // The same claim as a factor that has not bid yet: buy, bid and private offer forms.
    name: "claim-factor",
    screenshot: false,
    path: async () => `/claims/${(await seededAuction()).id}`,
    as: async () => "bank",
    ready: (page) => page.getByRole("button", { name: "Place the bid" }),
  },
  {
    name: "accept",
    screenshot: true,
    path: async () => `/accept/${(await seededIssued()).id}`,
    as: async (wallet) => castMember(wallet, (await seededIssued()).claim.debtor).key,
    ready: (page) => page.getByRole("button", { name: "Sign the acceptance" }),
  },
  {
    name: "tx",
    screenshot: false,
    path: async () => `/tx/${await issueTransaction((await seededAuction()).id)}`,
    ready: (page) => page.getByRole("rowheader", { name: "Status" }),
  },
];

for (const view of VIEWS) {
  test(`${view.name}: served, fits the viewport${view.as ? " before and after connecting" : ""}`, async ({
    page,
    wallet,
  }, testInfo) => {
    const response = await page.goto(await view.path());
    expect(response?.status()).toBe(200);
    if (view.as !== undefined) {
      await page.waitForLoadState("networkidle");
      await expectNoHorizontalScroll(page);
      await connectAs(page, wallet, await view.as(wallet));
    }
    await expect(view.ready(page)).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNoHorizontalScroll(page);
    await expectNothingCutOff(page);
    if (view.screenshot) await saveScreenshot(page, `${view.name}-${testInfo.project.name}`);
  });
}

test("the market lists the seeded listings and a factor bids from it", async ({ page, wallet }) => {
  // Every listed claim has its row, with its debtor and face value.
  const listed: ClaimView[] = [];
  for (const what of ["on auction", "with an ask"] as const) {
    listed.push(
      await findSeededClaim(
        (c) => c.listing.listed && (what === "on auction" ? c.listing.askPrice === 0n : c.listing.askPrice > 0n),
        `listed ${what}`,
      ),
    );
  }
  await page.goto("/market");
  await connectAs(page, wallet, "factor1");
  const table = page.getByRole("region", { name: "Claims for sale" }).getByRole("table");
  for (const { id, claim } of listed) {
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: `Claim #${id}` }) });
    await expect(row).toContainText(castMember(wallet, claim.debtor).label);
    await expect(row).toContainText(usdc(claim.faceValue));
    await expect(row).toContainText("Accepted by debtor");
  }
  const withAsk = listed[1];
  await expect(table.getByRole("row").filter({ hasText: `Claim #${withAsk.id}` })).toContainText(
    usdc(withAsk.listing.askPrice),
  );

  // Harbor Factoring opens the claim with an ask and bids below it.
  const amount = ((withAsk.listing.askPrice * 98n) / 100n / USDC) * USDC;
  const factor = wallet.address("factor1");
  const before = await stablecoinBalance(factor);
  await page.getByRole("link", { name: `Claim #${withAsk.id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${withAsk.id}$`));
  const form = page.getByRole("form", { name: "Bid" });
  await form.getByLabel("Amount").fill((amount / USDC).toString());
  await form.getByRole("button", { name: "Place the bid" }).click();

  const bids = page.getByRole("region", { name: "Live bids" }).first();
  await expect(bids.getByRole("row").filter({ hasText: "Harbor Factoring (you)" })).toContainText(usdc(amount));
  // A permit for exactly the bid, then the bid: the market escrows the amount.
  expect(wallet.requestsFor("eth_signTypedData_v4")).toHaveLength(1);
  expect(await bidOf(withAsk.id, factor)).toMatchObject({ amount, live: true });
  expect(await stablecoinBalance(factor)).toBe(before - amount);
});

test("the debtor accepts an issued claim by signing its terms (EIP-712); a rejected signature changes nothing", async ({
  page,
  wallet,
}) => {
  const { id, claim } = await seededIssued();
  const debtor = castMember(wallet, claim.debtor);
  await page.goto("/payables");
  await connectAs(page, wallet, debtor.key);
  const row = page.getByRole("row").filter({ hasText: `#${id}` });
  await expect(row).toContainText("Issued");
  await row.getByRole("link", { name: "Confirm" }).click();
  await expect(page).toHaveURL(new RegExp(`/accept/${id}$`));
  await expect(
    page.getByText(
      `${castMember(wallet, claim.originator).label} asks you to confirm that you owe ${usdc(claim.faceValue)}`,
    ),
  ).toBeVisible();

  wallet.rejectNext();
  await page.getByRole("button", { name: "Sign the acceptance" }).click();
  await expect(errorNotice(page)).toContainText(REJECTED_MESSAGE);
  expect(await claimState(id)).toBe("Issued");

  await page.getByRole("button", { name: "Sign the acceptance" }).click();
  await expect(page.getByText("signature is attached and matches what the contract will check")).toBeVisible();
  const signatures = wallet.requestsFor("eth_signTypedData_v4");
  expect(signatures).toHaveLength(2);
  const [signer, json] = signatures[1].params as [string, string];
  const typed = JSON.parse(json) as { primaryType: string; domain: { verifyingContract: string } };
  expect(signer.toLowerCase()).toBe(claim.debtor.toLowerCase());
  expect(typed.primaryType).toBe("ClaimAcceptance");
  expect(typed.domain.verifyingContract.toLowerCase()).toBe(ADDRESSES.claims.toLowerCase());
  expect(await claimState(id)).toBe("Issued");

  await page.getByRole("button", { name: "Relay the signature" }).click();
  await expect(page.getByText("This claim is accepted: there is nothing to confirm.")).toBeVisible();
  expect(await claimState(id)).toBe("Accepted");
  await page.getByRole("link", { name: "Payables" }).click();
  await expect(page.getByRole("row").filter({ hasText: `#${id}` })).toContainText("Accepted");
});

test("a bid the contract refuses (the seller raised its minimum meanwhile) is explained in words, never hex", async ({
  page,
  wallet,
}) => {
  const { id, claim, holder, listing } = await seededAuction();
  const bank = wallet.address("bank");
  await page.goto(`/claims/${id}`);
  await connectAs(page, wallet, "bank");
  const form = page.getByRole("form", { name: "Bid" });
  await expect(form).toBeVisible();

  // While the bank reads the page, the seller raises the minimum bid to 99 % of the face value.
  const minimum = (claim.faceValue * 99n) / 100n;
  await sendDataAs(
    holder,
    ADDRESSES.market,
    encodeFunctionData({
      abi: CONTRACTS.market.abi,
      functionName: "updateListing",
      args: [id, 0n, minimum, listing.deadline],
    }),
  );
  // A bid above the minimum the page still shows, below the new one: the form lets it through to the contract.
  const amount = ((listing.minBid + minimum) / 2n / USDC) * USDC;
  const before = await stablecoinBalance(bank);
  await form.getByLabel("Amount").fill((amount / USDC).toString());
  await form.getByRole("button", { name: "Place the bid" }).click();

  const alert = errorNotice(page);
  await expect(alert).toHaveText(/^Your bid is below the seller's minimum\./);
  await expectPlainWords(alert);
  expect(wallet.requestsFor("eth_sendTransaction")).toHaveLength(0);
  expect(await bidOf(id, bank)).toMatchObject({ amount: 0n });
  expect(await stablecoinBalance(bank)).toBe(before);
  expect((await listingOf(id)).minBid).toBe(minimum);
});
