/**
 * The operator's pages: the console (/operator), disputes (/disputes) and the activity view (/activity).
 * Stories on the desktop: the operator verifies the seed's unverified applicant, which then issues a claim; a debtor
 * disputes a claim, the arbiter dilutes it, the debtor pays the diluted amount and the claim settles; another is
 * voided and the debtor takes back what it paid during the dispute; new market rules leave a live claim on its
 * version; the pauser pauses and resumes; the treasury collects the market's fees; the activity view tells it. On both viewports: the pages fit and are photographed, and a participant without an access
 * role sees neither the operator's links nor the console.
 *
 * UI contract: /operator has the sections "Participants", "Market rules", "Currencies", "Pause"; the panel
 * "Verify, renew, suspend or revoke" has the inputs "Account address", one checkbox per role and "Verified until",
 * and the button "Verify". /disputes lists each open dispute as an article named "Claim #<id>" with the radio
 * buttons "Upheld: …", "Diluted: …", "Voided: …", the input "New face value (<symbol>)" and the button "Resolve
 * the dispute on claim #<id>".
 */
import type { Page } from "@playwright/test";
import { formatUnits, zeroAddress } from "viem";

import {
  chainTime,
  claimCount,
  CONTRACTS,
  currentRules,
  currentRulesVersion,
  findClaim,
  heldPaymentOf,
  isPaused,
  isVerified,
  listingSeller,
  payAs,
  publicClient,
  readClaim,
  stablecoinBalance,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import { accountButton, connectButton, expectNoHorizontalScroll, saveScreenshot, walletDialog } from "../helpers.js";
import { WALLET_INFO, type CastKey, type TestWallet } from "../wallet.js";

/** The claim states' numbers (types/Claim.sol `ClaimState`). */
const STATE = { Accepted: 2, Disputed: 6, Settled: 7, Voided: 11 } as const;
const ORIGINATOR = 0;
/** The mock stablecoin's decimals. */
const DECIMALS = 6;

/** Connects the test wallet on `key`'s account through the header, as a user would. */
async function connectAs(page: Page, wallet: TestWallet, key: CastKey) {
  await wallet.use(key);
  await connectButton(page).click();
  await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();
  await expect(accountButton(page, wallet.address(key))).toBeVisible();
}

/** A day as a date input wants it ("2027-01-27"), `days` after the chain's now. */
const dayAfter = (now: bigint, days: number) =>
  new Date((Number(now) + days * 86_400) * 1000).toISOString().slice(0, 10);

/** Waits for the transaction the page sent to be mined and confirmed in the page. */
async function confirmed(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: "Confirmed" })).toBeVisible({ timeout: 20_000 });
}

const evidence = { name: "credit-note.pdf", mimeType: "application/pdf", buffer: Buffer.from("credit note CN-77") };

test.describe("pages", () => {
  for (const path of ["/operator", "/disputes", "/activity"] as const) {
    test(`${path} fits the viewport and is photographed, connected as the operator`, async ({ page, wallet }, info) => {
      await page.goto("/");
      await connectAs(page, wallet, "operator");
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: path === "/operator" ? "Operator" : path === "/disputes" ? "Disputes" : "Activity" })
        .click();
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      if (path === "/operator")
        await expect(page.getByRole("heading", { name: "Version 1 is in force" })).toBeVisible();
      if (path === "/disputes") await expect(page.getByRole("heading", { name: "Open disputes" })).toBeVisible();
      if (path === "/activity") await expect(page.getByRole("heading", { name: /^Blocks \d+ to \d+$/ })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectNoHorizontalScroll(page);
      await saveScreenshot(page, `${path.slice(1)}-${info.project.name}`);
    });
  }

  test("the operator's pages are invisible to other participants, and say so politely", async ({ page, wallet }) => {
    await page.goto("/");
    await connectAs(page, wallet, "sme1");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Activity" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Operator" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Disputes" })).toHaveCount(0);
    await page.goto("/operator");
    await expect(
      page.getByText("This page is for the platform's operators, and your account does not hold"),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Participants" })).toHaveCount(0);
    await page.goto("/disputes");
    await expect(page.getByText("This page is for the platform's operators")).toBeVisible();
  });
});

test.describe("stories", () => {
  test.beforeEach(({ browserName: _browser }, info) => {
    test.skip(info.project.name !== "desktop", "the stories run once, on the desktop");
    test.setTimeout(120_000);
  });

  test("the operator verifies a new SME, which then issues a claim", async ({ page, wallet }) => {
    const applicant = wallet.address("applicant");
    expect(await isVerified(applicant, ORIGINATOR)).toBe(false);

    // Unverified, the applicant cannot issue.
    await page.goto("/");
    await connectAs(page, wallet, "applicant");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Issue" }).click();
    await expect(page.getByText("Your account is not verified as an originator")).toBeVisible();

    // The operator verifies it as an originator for a year.
    await wallet.use("operator");
    await expect(accountButton(page, wallet.address("operator"))).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operator" }).click();
    const panel = page.getByRole("form", { name: "Verify, renew, suspend or revoke" });
    await panel.getByLabel("Account address").fill(applicant);
    await expect(panel.getByText("holds no role yet")).toBeVisible();
    await panel.getByRole("checkbox", { name: /^Originator/ }).check();
    const until = dayAfter(await chainTime(), 365);
    await panel.getByLabel("Verified until").fill(until);
    await panel.getByRole("button", { name: "Verify", exact: true }).click();
    await confirmed(page);
    await expect.poll(() => isVerified(applicant, ORIGINATOR)).toBe(true);
    const row = page.getByRole("row").filter({ hasText: "Sunrise Ceramics" });
    await expect(row).toContainText("Until");
    await expect(row).toContainText("Verified");

    // Now the applicant issues a claim on Northwind Retail.
    await wallet.use("applicant");
    await expect(accountButton(page, applicant)).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Issue" }).click();
    const before = await claimCount();
    const now = await chainTime();
    await page.getByRole("combobox", { name: /^Debtor/ }).selectOption({ label: "Northwind Retail" });
    await page.getByLabel(/^Face value/).fill("12,500");
    await page.getByLabel(/^Due date/).fill(dayAfter(now, 60));
    await page.getByLabel("Invoice number").fill("SR-2026-0042");
    await page.getByLabel("Invoice date").fill(dayAfter(now, 0));
    await page.getByLabel(/^Invoice file/).setInputFiles({
      name: "invoice.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("Sunrise Ceramics invoice SR-2026-0042"),
    });
    await page.getByRole("button", { name: "Issue the claim" }).click();
    await expect(page.getByRole("heading", { name: `Claim #${before + 1n} issued` })).toBeVisible({ timeout: 20_000 });
    const claim = await readClaim(before + 1n);
    expect(claim.originator).toBe(applicant);
    expect(claim.faceValue).toBe(12_500_000_000n);

    // The activity view tells the verification and the issue.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    await expect(page.getByText(/^OpenFactor Operator verified Sunrise Ceramics as an originator until/)).toBeVisible();
    await expect(
      page.getByText("Sunrise Ceramics issued the claim on Northwind Retail for 12,500.00 USDC"),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: `Claim #${before + 1n}` }).first()).toBeVisible();
  });

  test("a debtor disputes, the arbiter dilutes, the debtor pays the diluted amount and the claim settles", async ({
    page,
    wallet,
  }) => {
    // An accepted claim, unlisted and unpaid, and its debtor among the cast.
    const debtors = ["debtor1", "debtor2"] as const;
    const id = await findClaim(
      async (c, claimId) =>
        c.state === STATE.Accepted && c.amountPaid === 0n && (await listingSeller(claimId)) === zeroAddress,
    );
    expect(id, "the seed has an accepted, unlisted, unpaid claim").toBeDefined();
    const claim = await readClaim(id!);
    const debtor = debtors.find((key) => wallet.address(key) === claim.debtor)!;
    const diluted = (claim.faceValue * 4n) / 5n;
    const text = (v: bigint) => Number(formatUnits(v, DECIMALS)).toLocaleString("en-GB", { minimumFractionDigits: 2 });

    // The debtor opens a dispute with its evidence, hashed in the browser.
    await page.goto("/");
    await connectAs(page, wallet, debtor);
    await page.goto(`/claims/${id}`);
    await expect(accountButton(page, wallet.address(debtor))).toBeVisible();
    await page.getByLabel("Evidence file").setInputFiles(evidence);
    await page.getByRole("button", { name: "Open a dispute" }).click();
    await confirmed(page);
    await expect.poll(async () => (await readClaim(id!)).state).toBe(STATE.Disputed);

    // The arbiter checks the evidence and dilutes the claim by a fifth.
    await wallet.use("operator");
    await expect(accountButton(page, wallet.address("operator"))).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Disputes" }).click();
    const card = page.getByRole("article", { name: `Claim #${id}` });
    await card.getByLabel(/^Check the evidence/).setInputFiles(evidence);
    await expect(card.getByText("This file is the evidence named in the dispute.")).toBeVisible();
    await card.getByRole("radio", { name: /^Diluted/ }).check();
    await card.getByLabel(/^New face value/).fill(formatUnits(claim.faceValue, DECIMALS));
    await card.getByRole("button", { name: `Resolve the dispute on claim #${id}` }).click();
    await expect(card.getByRole("alert")).toContainText("A dilution lowers the face value");
    await card.getByLabel(/^New face value/).fill(formatUnits(diluted, DECIMALS));
    await expect(card.getByText(`the debtor then owes ${text(diluted)} USDC`)).toBeVisible();
    await card.getByRole("button", { name: `Resolve the dispute on claim #${id}` }).click();
    await confirmed(page);
    await expect.poll(async () => (await readClaim(id!)).state).toBe(STATE.Accepted);
    expect((await readClaim(id!)).faceValue).toBe(diluted);
    await expect(page.getByRole("article", { name: `Claim #${id}` })).toHaveCount(0);
    await expect(page.getByRole("link", { name: `Claim #${id}` })).toBeVisible();

    // The debtor pays exactly the diluted amount; the claim settles and its history tells the outcome.
    await wallet.use(debtor);
    await page.goto(`/claims/${id}`);
    await expect(accountButton(page, wallet.address(debtor))).toBeVisible();
    await page.getByRole("button", { name: `Pay ${text(diluted)} USDC` }).click();
    await confirmed(page);
    await expect.poll(async () => (await readClaim(id!)).state).toBe(STATE.Settled);
    expect((await readClaim(id!)).amountPaid).toBe(diluted);
    const history = page.getByRole("list").filter({ hasText: "resolved the dispute" });
    await expect(history).toContainText(
      `OpenFactor Operator resolved the dispute: face value lowered from ${text(claim.faceValue)} USDC to ${text(diluted)} USDC.`,
    );

    // The activity view tells the dispute, its resolution and the payment, each linked to the claim.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
    const feed = page.getByRole("list").filter({ hasText: "disputed the claim" });
    await expect(feed).toContainText("resolved the dispute: face value lowered");
    await expect(feed).toContainText(`paid ${text(diluted)} USDC`);
    await expect(feed).toContainText("State changed from Accepted to Settled.");
    await expect(page.getByRole("link", { name: `Claim #${id}` }).first()).toBeVisible();
  });

  test("the operator publishes new rules, live claims keep theirs; the pauser pauses and resumes", async ({
    page,
    wallet,
  }) => {
    const live = await findClaim((c) => c.state === STATE.Accepted);
    expect(live).toBeDefined();
    await page.goto("/");
    await connectAs(page, wallet, "operator");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operator" }).click();

    // A longest tenor of 180 days, published as version 2.
    const form = page.getByRole("form", { name: "Publish new rules as version 2" });
    await form.getByLabel(/^Longest tenor/).fill("10");
    await form.getByLabel(/^Shortest tenor/).fill("15");
    await form.getByRole("button", { name: "Publish the new rules" }).click();
    await expect(form.getByText("The longest tenor cannot be shorter than the shortest.")).toBeVisible();
    await form.getByLabel(/^Longest tenor/).fill("180");
    await form.getByRole("button", { name: "Publish the new rules" }).click();
    await confirmed(page);
    await expect.poll(() => currentRulesVersion()).toBe(2);
    expect((await currentRules()).maxTenor).toBe(180 * 86_400);
    await expect(page.getByRole("heading", { name: "Version 2 is in force" })).toBeVisible();
    const versions = page.getByRole("region", { name: "Versions and the claims issued under them" });
    await expect(versions.getByRole("row").filter({ hasText: "2 (in force)" })).toContainText("tenor 15–180 days");
    await expect(page.getByText(/Right now \d+ live claims? follows? an earlier version\./)).toBeVisible();

    // A claim issued before keeps version 1.
    await page.goto(`/claims/${live}`);
    await expect(page.getByText("Version 1, kept for the claim's life")).toBeVisible();
    expect((await readClaim(live!)).rulesVersion).toBe(1);

    // Pause, then resume.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operator" }).click();
    await page.getByRole("button", { name: "Pause new business" }).click();
    await confirmed(page);
    await expect.poll(() => isPaused()).toBe(true);
    await expect(page.getByText("New business is paused.")).toBeVisible();
    await page.getByRole("button", { name: "Resume new business" }).click();
    await confirmed(page);
    await expect.poll(() => isPaused()).toBe(false);
    await expect(page.getByText("The market is open.")).toBeVisible();
  });

  test("the arbiter voids a disputed claim and the debtor takes back what it paid meanwhile", async ({
    page,
    wallet,
  }) => {
    const id = await findClaim(
      async (c, claimId) =>
        c.state === STATE.Accepted && c.amountPaid === 0n && (await listingSeller(claimId)) === zeroAddress,
    );
    expect(id).toBeDefined();
    const claim = await readClaim(id!);
    const debtor = (["debtor1", "debtor2"] as const).find((key) => wallet.address(key) === claim.debtor)!;
    const paid = claim.faceValue / 4n;
    const text = (v: bigint) => Number(formatUnits(v, DECIMALS)).toLocaleString("en-GB", { minimumFractionDigits: 2 });

    await page.goto("/");
    await connectAs(page, wallet, debtor);
    await page.goto(`/claims/${id}`);
    await page.getByLabel("Evidence file").setInputFiles(evidence);
    await page.getByRole("button", { name: "Open a dispute" }).click();
    await confirmed(page);
    await expect(page.getByText("This claim is disputed.")).toBeVisible();
    // A quarter paid while disputed: the claim contract holds it.
    await payAs(claim.debtor, id!, paid);
    expect(await heldPaymentOf(id!, claim.debtor)).toBe(paid);
    const before = await stablecoinBalance(claim.debtor);

    await wallet.use("operator");
    await expect(accountButton(page, wallet.address("operator"))).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Disputes" }).click();
    const card = page.getByRole("article", { name: `Claim #${id}` });
    await expect(card).toContainText(`${text(paid)} USDC held during the dispute`);
    await card.getByRole("radio", { name: /^Voided/ }).check();
    await expect(
      card.getByText(`The ${text(paid)} USDC paid during the dispute goes back to whoever paid it.`),
    ).toBeVisible();
    await card.getByRole("button", { name: `Resolve the dispute on claim #${id}` }).click();
    await confirmed(page);
    await expect.poll(async () => (await readClaim(id!)).state).toBe(STATE.Voided);

    await wallet.use(debtor);
    await page.goto(`/claims/${id}`);
    await expect(accountButton(page, wallet.address(debtor))).toBeVisible();
    await page.getByRole("button", { name: `Take back ${text(paid)} USDC` }).click();
    await confirmed(page);
    await expect.poll(() => heldPaymentOf(id!, claim.debtor)).toBe(0n);
    expect(await stablecoinBalance(claim.debtor)).toBe(before + paid);
    await expect(page.getByRole("list").filter({ hasText: "resolved the dispute" })).toContainText(
      "OpenFactor Operator resolved the dispute: the claim is void.",
    );
  });

  test("the treasury collects the sale fees the market kept, from the console, to its own account", async ({
    page,
    wallet,
  }) => {
    const treasury = wallet.address("operator");
    expect((await currentRules()).treasury).toBe(treasury);
    const currency = CONTRACTS.stablecoin.address;
    const marketFees = () =>
      publicClient.readContract({ ...CONTRACTS.market, functionName: "feesAccrued", args: [currency] });
    const fees = await marketFees();
    expect(fees).toBeGreaterThan(0n);
    const before = await stablecoinBalance(treasury);

    await page.goto("/operator");
    await connectAs(page, wallet, "operator");
    const section = page.getByRole("region", { name: "Fees to collect" });
    const line = section.getByRole("listitem").filter({ hasText: "Sale fees (market)" });
    await line.getByRole("button", { name: /^Collect / }).click();
    await confirmed(page);
    await expect.poll(marketFees).toBe(0n);
    expect((await stablecoinBalance(treasury)) - before).toBe(fees);
    await expect(section.getByRole("listitem").filter({ hasText: "Sale fees (market)" })).toHaveCount(0);
  });
});
