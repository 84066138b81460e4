/**
 * The guarantee flows beyond the main story (guarantees.spec.ts), on the desktop with the test wallet, every amount
 * checked on chain to the base unit:
 * - recourse: the originator, verified as a guarantor too, covers its own claim held by the bank; the bank
 *   activates it and the claim page labels the guarantee "Recourse";
 * - taking the claim: a full-cover call while the guarantor's verification is suspended leaves the claim in the
 *   escrow's custody; once reinstated, the guarantor takes it with "Take the claim" and holds the ERC-721;
 * - an offer that expires before activation: the holder's page no longer offers to activate it and says it
 *   expired; the guarantor withdraws the offer and then the collateral.
 * And the claim page of a guaranteed claim photographed for the README (claim-guaranteed-<project>.png), with the
 * transaction page (tx-<project>.png).
 */
import type { Page } from "@playwright/test";
import { encodeFunctionData, type Address } from "viem";

import type { CastKey } from "@openfactor/sdk";
import {
  chainTime,
  claimsOf,
  CONTRACTS,
  days,
  increaseTime,
  issueTransaction,
  publicClient,
  seededAuction,
  sendDataAs,
  stablecoinBalance,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import {
  castMember,
  claimFact,
  connectAs,
  dateInput,
  expectNoHorizontalScroll,
  labelOf,
  saveScreenshot,
  usdc,
  USDC,
} from "../helpers.js";
import type { TestWallet } from "../wallet.js";

const FINANCED = 3;
const GUARANTEE = { Offered: 1, Withdrawn: 2, Active: 3, Called: 5 } as const;
/** The registry's role numbers (types/Roles.sol `Role`). */
const GUARANTOR_ROLE = 3;

const read = publicClient.readContract;
const claimOf = (id: bigint) => read({ ...CONTRACTS.claimLens, functionName: "claim", args: [id] });
const ownerOf = (id: bigint) => read({ ...CONTRACTS.claims, functionName: "ownerOf", args: [id] });
const guaranteeOf = (id: bigint) => read({ ...CONTRACTS.escrow, functionName: "guarantee", args: [id] });
const credited = (account: Address, currency: Address) =>
  read({ ...CONTRACTS.escrow, functionName: "credited", args: [account, currency] });
const nextGuaranteeId = async () => (await read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" })) + 1n;

/** The claim page's guarantee section. */
const guaranteeSection = (page: Page) => page.getByRole("region", { name: "Guarantee", exact: true });

/** A claim the bank holds (the seed's "resold to the bank"), Financed and not guaranteed. */
async function bankClaim(wallet: TestWallet) {
  const bank = wallet.address("bank");
  const held = await claimsOf(bank, "Holder");
  for (const id of held) {
    const [claim, guaranteed] = await Promise.all([
      claimOf(id),
      read({ ...CONTRACTS.escrow, functionName: "isGuaranteed", args: [id] }),
    ]);
    if (claim.state === FINANCED && !guaranteed) return { id, claim, outstanding: claim.faceValue - claim.amountPaid };
  }
  throw new Error("the seed gives the bank no financed claim without a guarantee");
}

/** `key` offers `cover` for `premium` on `claimId` from Node, open for a week (an exact approval first). */
async function offerFromNode(wallet: TestWallet, key: CastKey, claimId: bigint, cover: bigint, premium: bigint) {
  const from = wallet.address(key);
  await sendDataAs(
    from,
    CONTRACTS.stablecoin.address,
    encodeFunctionData({
      abi: CONTRACTS.stablecoin.abi,
      functionName: "approve",
      args: [CONTRACTS.escrow.address, cover],
    }),
  );
  const id = await nextGuaranteeId();
  const expiry = (await chainTime()) + BigInt(days(7));
  await sendDataAs(
    from,
    CONTRACTS.escrow.address,
    encodeFunctionData({ abi: CONTRACTS.escrow.abi, functionName: "offer", args: [claimId, cover, premium, expiry] }),
  );
  return id;
}

/** The operator suspends (true) or reinstates (false) `account`, from Node. */
async function setSuspended(wallet: TestWallet, account: Address, suspended: boolean) {
  await sendDataAs(
    wallet.address("operator"),
    CONTRACTS.registry.address,
    encodeFunctionData({ abi: CONTRACTS.registry.abi, functionName: "setSuspended", args: [account, suspended] }),
  );
}

/** Moves the node's clock past the claim's due date and default grace. */
async function pastGrace(claim: Awaited<ReturnType<typeof claimOf>>) {
  const rules = await read({ ...CONTRACTS.registry, functionName: "rulesAt", args: [claim.rulesVersion] });
  await increaseTime(claim.dueDate + BigInt(rules.defaultGrace) + 60n - (await chainTime()));
}

test.describe("guarantee flows", () => {
  // Playwright reads a hook's fixtures from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  test.beforeEach(({}, info) => {
    test.skip(info.project.name !== "desktop", "the stories run on the desktop; the layouts are photographed below");
  });

  test("recourse: the originator guarantees its own claim and the claim page says so", async ({ page, wallet }) => {
    test.setTimeout(90_000);
    const { id, claim } = await bankClaim(wallet);
    const originator = castMember(wallet, claim.originator);
    const cover = 1_000n * USDC + 250_000n; // 1,000.25 USDC
    const premium = 12n * USDC;

    // The operator verifies the originator as a guarantor too (recourse factoring needs the role).
    await sendDataAs(
      wallet.address("operator"),
      CONTRACTS.registry.address,
      encodeFunctionData({
        abi: CONTRACTS.registry.abi,
        functionName: "verify",
        args: [claim.originator, GUARANTOR_ROLE, (await chainTime()) + BigInt(days(365))],
      }),
    );

    // The originator offers cover from the claim's page.
    await page.goto(`/claims/${id}`);
    await connectAs(page, wallet, originator.key);
    const section = guaranteeSection(page);
    const form = section.getByRole("form", { name: `Offer cover on claim #${id}` });
    await form.getByLabel(/^Cover/).fill("1000.25");
    await form.getByLabel(/^Premium/).fill("12");
    const guaranteeId = await nextGuaranteeId();
    const sellerBefore = await stablecoinBalance(claim.originator);
    await form.getByRole("button", { name: "Offer cover" }).click();
    await expect.poll(() => read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" })).toBe(guaranteeId);
    expect(await guaranteeOf(guaranteeId)).toMatchObject({
      guarantor: claim.originator,
      claimId: id,
      cover,
      premium,
      status: GUARANTEE.Offered,
    });
    expect(await stablecoinBalance(claim.originator)).toBe(sellerBefore - cover);

    // The bank activates it by paying the premium.
    await wallet.use("bank");
    await page.reload();
    const bankBefore = await stablecoinBalance(wallet.address("bank"));
    await section.getByRole("button", { name: `Activate ${originator.label}'s cover of ${usdc(cover)}` }).click();
    await expect.poll(async () => (await guaranteeOf(guaranteeId)).status).toBe(GUARANTEE.Active);
    expect(await stablecoinBalance(wallet.address("bank"))).toBe(bankBefore - premium);

    // The claim page labels it recourse, for anyone (here another factor).
    const heading = section.getByRole("heading", { name: /^Active guarantee/ });
    await expect(heading).toHaveText("Active guarantee Recourse");
    await expect(section).toContainText(`${originator.label}, the originator, guarantees its own claim (recourse)`);
    await wallet.use("factor1");
    await page.reload();
    await expect(guaranteeSection(page).getByRole("heading", { name: /^Active guarantee/ })).toHaveText(
      "Active guarantee Recourse",
    );
  });

  test("a full-cover call in custody: the guarantor takes the claim and holds the ERC-721", async ({
    page,
    wallet,
  }) => {
    test.setTimeout(90_000);
    const guarantor = wallet.address("guarantor");
    const bank = wallet.address("bank");
    const { id, claim, outstanding } = await bankClaim(wallet);
    const guaranteeId = await offerFromNode(wallet, "guarantor", id, outstanding, 0n);
    await sendDataAs(
      bank,
      CONTRACTS.escrow.address,
      encodeFunctionData({ abi: CONTRACTS.escrow.abi, functionName: "activate", args: [guaranteeId] }),
    );
    await pastGrace(claim);
    // The guarantor's verification is suspended at the call: the claim cannot go to it, the escrow keeps it.
    await setSuspended(wallet, guarantor, true);

    await page.goto(`/claims/${id}`);
    await connectAs(page, wallet, "bank");
    const section = guaranteeSection(page);
    // The call pays the bank straight to its wallet; its escrow credit does not move.
    const bankCreditBefore = await credited(bank, claim.currency);
    const bankBalanceBefore = await stablecoinBalance(bank);
    await section.getByRole("button", { name: `Call the guarantee for ${usdc(outstanding)}` }).click();
    await expect.poll(async () => (await guaranteeOf(guaranteeId)).status).toBe(GUARANTEE.Called);
    expect(await stablecoinBalance(bank)).toBe(bankBalanceBefore + outstanding);
    expect(await credited(bank, claim.currency)).toBe(bankCreditBefore);
    expect(await ownerOf(id)).toBe(CONTRACTS.escrow.address);
    await expect(section).toContainText(
      `Subrogated, in custody: the escrow holds the claim for ${labelOf("guarantor")}, which can take it out once it may receive it.`,
    );
    await expect(claimFact(page, "Holder")).toHaveText("Guarantee escrow");

    // Reinstated, the guarantor takes the claim from its page.
    await setSuspended(wallet, guarantor, false);
    await wallet.use("guarantor");
    await page.reload();
    await expect(claimFact(page, "Holder")).toHaveText("Guarantee escrow");
    await section.getByRole("button", { name: "Take the claim" }).click();
    await expect.poll(() => ownerOf(id)).toBe(guarantor);
    await expect(claimFact(page, "Holder")).toHaveText(`${labelOf("guarantor")} (you)`);
    await expect(section.getByRole("button", { name: "Take the claim" })).toHaveCount(0);
    await expect(section).toContainText(
      `Subrogated: the claim went to ${labelOf("guarantor")}, which now collects what the debtor pays.`,
    );
  });

  test("an offer that expired before activation: no activation, and the guarantor gets its collateral back", async ({
    page,
    wallet,
  }) => {
    test.setTimeout(90_000);
    const guarantor = wallet.address("guarantor");
    const { id, claim, outstanding } = await bankClaim(wallet);
    const cover = outstanding / 2n + 345_678n;
    const section = guaranteeSection(page);

    // The guarantor offers from the claim's page, open until tomorrow (chain time, UTC).
    await page.goto(`/claims/${id}`);
    await connectAs(page, wallet, "guarantor");
    const form = section.getByRole("form", { name: `Offer cover on claim #${id}` });
    await form.getByLabel(/^Cover/).fill(usdc(cover).replace(/,/g, "").replace(" USDC", ""));
    await form.getByLabel(/^Premium/).fill("40");
    await form.getByLabel(/^Open until/).fill(dateInput((await chainTime()) + BigInt(days(1))));
    const guaranteeId = await nextGuaranteeId();
    await form.getByRole("button", { name: "Offer cover" }).click();
    await expect.poll(() => read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" })).toBe(guaranteeId);
    const offered = await guaranteeOf(guaranteeId);
    expect(offered).toMatchObject({ cover, premium: 40n * USDC, status: GUARANTEE.Offered });
    // Open through the last second of tomorrow, UTC.
    expect(offered.offerExpiry % BigInt(days(1))).toBe(BigInt(days(1)) - 1n);

    // The bank could activate it now.
    await wallet.use("bank");
    await page.reload();
    const activate = section.getByRole("button", {
      name: `Activate ${labelOf("guarantor")}'s cover of ${usdc(cover)}`,
    });
    await expect(activate).toBeVisible();

    // Two days later the offer has expired: no activation, the offer says so.
    await increaseTime(offered.offerExpiry - (await chainTime()) + BigInt(days(1)));
    await page.reload();
    const offers = section.getByRole("region", { name: "Offers of cover" });
    const row = offers.getByRole("row").filter({ hasText: usdc(cover) });
    await expect(row).toContainText("(expired)");
    await expect(row).toContainText("Expired");
    await expect(section.getByRole("button", { name: /^Activate / })).toHaveCount(0);

    // The guarantor withdraws the offer from its page, then the collateral from the escrow.
    await wallet.use("guarantor");
    await page.goto("/guarantor");
    const yours = page.getByRole("region", { name: "Your offers" });
    await expect(yours.getByRole("row").filter({ hasText: `#${guaranteeId}` })).toContainText("(expired)");
    const creditBefore = await credited(guarantor, claim.currency);
    await yours.getByRole("button", { name: `Withdraw offer #${guaranteeId}` }).click();
    await expect.poll(async () => (await guaranteeOf(guaranteeId)).status).toBe(GUARANTEE.Withdrawn);
    expect(await credited(guarantor, claim.currency)).toBe(creditBefore + cover);
    await expect(
      page
        .getByRole("region", { name: "Collateral released" })
        .getByRole("row")
        .filter({ hasText: `#${guaranteeId}` }),
    ).toContainText("You withdrew the offer");

    const balanceBefore = await stablecoinBalance(guarantor);
    await page.getByRole("button", { name: `Withdraw ${usdc(creditBefore + cover)} from the escrow` }).click();
    await expect.poll(() => stablecoinBalance(guarantor)).toBe(balanceBefore + creditBefore + cover);
    expect(await credited(guarantor, claim.currency)).toBe(0n);
  });
});

test("a guaranteed claim's page and a transaction's page fit the viewport and are photographed", async ({
  page,
  wallet,
}, info) => {
  // The seed's "guaranteed" claim, as its holder sees it.
  const count = await read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" });
  let claimId: bigint | undefined;
  for (let g = 1n; g <= count && claimId === undefined; g++) {
    const record = await guaranteeOf(g);
    if (record.status === GUARANTEE.Active) claimId = record.claimId;
  }
  expect(claimId, "the seed has a guaranteed claim").toBeDefined();
  await page.goto(`/claims/${claimId}`);
  await connectAs(page, wallet, castMember(wallet, await ownerOf(claimId!)).key);
  await expect(guaranteeSection(page).getByRole("heading", { name: /^Active guarantee/ })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, `claim-guaranteed-${info.project.name}`);

  // The transaction that issued the claim on auction.
  await page.goto(`/tx/${await issueTransaction((await seededAuction()).id)}`);
  await expect(page.getByRole("rowheader", { name: "Status" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, `tx-${info.project.name}`);
});
