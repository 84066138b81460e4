/**
 * Guarantees in the browser: the guarantor page served and photographed on a desktop and a phone, and the whole
 * story with the test wallet (desktop): Atlas Credit Insurance offers full cover on a claim First Harbor Bank holds,
 * the bank activates it by paying the premium, the claim defaults (the node's clock moved past the grace), the bank
 * calls the guarantee (the call declares the default), the claim goes to the guarantor, the debtor pays late and the
 * guarantor withdraws. Every amount is checked on chain, to the base unit.
 *
 * UI contract: /guarantor lists "Claims you could cover" with a button "Offer cover on claim #N" per claim, opening a
 * form (Cover, Premium, Open until) whose premium reads as "… a year of the cover"; the claim page's "Guarantee"
 * section has "Activate for <premium>" per offer, "Call the guarantee for <amount>" after default, and the
 * withdrawals ("Withdraw from the escrow", "Withdraw payments"); /guarantor has "Withdraw … from the escrow" and
 * "Withdraw … of payments".
 */
import type { Page } from "@playwright/test";
import { createWalletClient, http, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

import { CAST, type CastKey, ClaimState } from "@openfactor/sdk";
import { claimsOf, CONTRACTS, increaseTime, publicClient, RPC_URL, stablecoinBalance } from "../chain.js";
import { expect, test } from "../fixtures.js";
import { accountButton, connectButton, expectNoHorizontalScroll, saveScreenshot, walletDialog } from "../helpers.js";
import { TEST_MNEMONIC, WALLET_INFO, type TestWallet } from "../wallet.js";

const FINANCED = 3;
const SETTLED = 7;
const GUARANTEE = { Offered: 1, Active: 3, Released: 4, Called: 5 } as const;

/** A stablecoin amount as the dApp shows it in en-GB: grouped, at least two decimals, exact. */
function usdc(value: bigint): string {
  const whole = (value / 1_000_000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let fraction = (value % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  if (fraction.length < 2) fraction = fraction.padEnd(2, "0");
  return `${whole}.${fraction} USDC`;
}

/** The same amount as a user types it (no grouping). */
const typed = (value: bigint) => usdc(value).replace(/,/g, "").replace(" USDC", "");

async function connect(page: Page, wallet: TestWallet, key: CastKey, path: string) {
  await wallet.use(key);
  await page.goto(path);
  if (!wallet.connected) {
    await connectButton(page).click();
    await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();
  }
  await expect(accountButton(page, wallet.address(key))).toBeVisible();
}

/**
 * Sets `key`'s stablecoin allowance for `spender`, from Node (the seed leaves some accounts with standing
 * approvals): the test then sees the exact approval the dApp asks for.
 */
async function setAllowance(key: CastKey, spender: Address, amount: bigint) {
  const hash = await walletOf(key).writeContract({
    ...CONTRACTS.stablecoin,
    functionName: "approve",
    args: [spender, amount],
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A cast member's account sending from Node, for the steps a test does not drive through the page. */
function walletOf(key: CastKey) {
  const member = CAST.find((m) => m.key === key)!;
  const account = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: member.account });
  return createWalletClient({ account, chain: hardhat, transport: http(RPC_URL) });
}

/** The debtor of `claimId` pays `amount` from Node (the seed approved the claim contract for the debtors). */
async function payFromNode(wallet: TestWallet, claimId: bigint, amount: bigint) {
  const { debtor } = await claimOf(claimId);
  const key = CAST.find((m) => wallet.address(m.key).toLowerCase() === debtor.toLowerCase())!.key;
  const hash = await walletOf(key).writeContract({ ...CONTRACTS.claims, functionName: "pay", args: [claimId, amount] });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A claim the bank holds (the seed's "resold to the bank"), Financed and not guaranteed. */
async function bankClaim(bank: Address): Promise<bigint> {
  const held = await claimsOf(bank, "Holder");
  for (const candidate of held) {
    const [c, guaranteed] = await Promise.all([
      claimOf(candidate),
      read({ ...CONTRACTS.escrow, functionName: "isGuaranteed", args: [candidate] }),
    ]);
    if (c.state === FINANCED && !guaranteed) return candidate;
  }
  throw new Error("the seed gives the bank no financed claim without a guarantee");
}

const guaranteeStatus = async (id: bigint) =>
  (await read({ ...CONTRACTS.escrow, functionName: "guarantee", args: [id] })).status;

const read = publicClient.readContract;
const claimOf = (id: bigint) => read({ ...CONTRACTS.claimLens, functionName: "claim", args: [id] });
const credited = (account: Address, currency: Address) =>
  read({ ...CONTRACTS.escrow, functionName: "credited", args: [account, currency] });

test("/guarantor is served to a guarantor, fits the viewport and is photographed", async ({ page, wallet }, info) => {
  await connect(page, wallet, "guarantor", "/guarantor");
  await expect(page.getByRole("heading", { name: "Claims you could cover" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Offer cover on claim #/ }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Active guarantees" })).toBeVisible();
  // The seeded "guaranteed" claims are Atlas's active guarantees; the exposure table sums them by debtor.
  await expect(page.getByRole("region", { name: "Exposure by debtor" }).getByRole("row")).not.toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guarantor" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, `guarantor-${info.project.name}`);
});

test("offer, activate, default, call, subrogation, late payment, withdrawal", async ({ page, wallet }, info) => {
  test.skip(info.project.name !== "desktop", "one story is enough; the phone layout is photographed above");
  test.setTimeout(120_000);
  const guarantor = wallet.address("guarantor");
  const bank = wallet.address("bank");

  const claimId = await bankClaim(bank);
  const claim = await claimOf(claimId);
  const currency = claim.currency;
  const outstanding = claim.faceValue - claim.amountPaid;
  const premium = 150_000_000n; // 150.00 USDC
  const debtorKey = CAST.find((m) => wallet.address(m.key).toLowerCase() === claim.debtor.toLowerCase())!.key;

  // 1. The guarantor offers full cover from its page.
  await connect(page, wallet, "guarantor", "/guarantor");
  await page.getByRole("button", { name: `Offer cover on claim #${claimId}` }).click();
  const form = page.getByRole("form", { name: `Offer cover on claim #${claimId}` });
  await expect(form.getByRole("heading", { name: `Offer cover on claim #${claimId}` })).toBeFocused();
  await form.getByLabel(/^Cover/).fill(typed(outstanding));
  await form.getByLabel(/^Premium/).fill(typed(premium));
  await expect(form.getByText(/^That is \d+\.\d\d% a year of the cover, to the due date\.$/)).toBeVisible();
  await setAllowance("guarantor", CONTRACTS.escrow.address, 0n);
  const escrowBefore = await stablecoinBalance(CONTRACTS.escrow.address);
  const countBefore = await read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" });
  await form.getByRole("button", { name: "Offer cover" }).click();
  await expect
    .poll(() => read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" }), { timeout: 30_000 })
    .toBe(countBefore + 1n);
  const guaranteeId = countBefore + 1n;
  const offered = await read({ ...CONTRACTS.escrow, functionName: "guarantee", args: [guaranteeId] });
  expect(offered).toMatchObject({ guarantor, claimId, cover: outstanding, premium, status: GUARANTEE.Offered });
  expect(await stablecoinBalance(CONTRACTS.escrow.address)).toBe(escrowBefore + outstanding);
  // The escrow was allowed exactly the cover, and took it all.
  expect(
    await read({ ...CONTRACTS.stablecoin, functionName: "allowance", args: [guarantor, CONTRACTS.escrow.address] }),
  ).toBe(0n);
  await expect(page.getByRole("region", { name: "Your offers" }).first()).toContainText(usdc(outstanding));

  // 2. The bank, holder of the claim, activates it by paying the premium.
  await connect(page, wallet, "bank", `/claims/${claimId}`);
  const section = page.getByRole("region", { name: "Guarantee", exact: true });
  await expect(section.getByRole("region", { name: "Offers of cover" })).toContainText("Atlas Credit Insurance");
  await setAllowance("bank", CONTRACTS.escrow.address, 0n);
  const bankBefore = await stablecoinBalance(bank);
  const guarantorCreditBefore = await credited(guarantor, currency);
  const guarantorBefore = await stablecoinBalance(guarantor);
  await section
    .getByRole("button", { name: `Activate Atlas Credit Insurance's cover of ${usdc(outstanding)}` })
    .click();
  await expect.poll(() => guaranteeStatus(guaranteeId), { timeout: 30_000 }).toBe(GUARANTEE.Active);
  const [fee, net] = await read({ ...CONTRACTS.escrow, functionName: "feeFor", args: [premium] });
  expect(fee + net).toBe(premium);
  expect(await stablecoinBalance(bank)).toBe(bankBefore - premium);
  // The net premium is paid straight to the guarantor; the escrow keeps the fee and credits nothing.
  expect(await stablecoinBalance(guarantor)).toBe(guarantorBefore + net);
  expect(await credited(guarantor, currency)).toBe(guarantorCreditBefore);
  // Exactly the premium was approved, and taken.
  expect(
    await read({ ...CONTRACTS.stablecoin, functionName: "allowance", args: [bank, CONTRACTS.escrow.address] }),
  ).toBe(0n);
  await expect(section.getByRole("heading", { name: /Active guarantee/ })).toBeVisible();
  await expect(section).toContainText("Atlas Credit Insurance guarantees this claim");

  // 3. Time passes: the claim is past its due date and its grace, unpaid.
  const rules = await read({ ...CONTRACTS.registry, functionName: "rulesAt", args: [claim.rulesVersion] });
  const now = (await publicClient.getBlock()).timestamp;
  await increaseTime(claim.dueDate + BigInt(rules.defaultGrace) + 60n - now);

  // 4. The bank calls; the call declares the default and pays the bank what the claim still owes, straight to its
  // wallet.
  await page.reload();
  const call = section.getByRole("button", { name: `Call the guarantee for ${usdc(outstanding)}` });
  await expect(call).toBeVisible();
  await expect(section).toContainText("The holder may call until");
  const bankCreditBefore = await credited(bank, currency);
  const bankBalanceBefore = await stablecoinBalance(bank);
  await call.click();
  await expect.poll(() => guaranteeStatus(guaranteeId), { timeout: 30_000 }).toBe(GUARANTEE.Called);
  expect(await stablecoinBalance(bank)).toBe(bankBalanceBefore + outstanding);
  expect(await credited(bank, currency)).toBe(bankCreditBefore);
  const called = await claimOf(claimId);
  expect(called.state).toBe(ClaimState.Defaulted);
  // Full cover: the guarantor is subrogated and holds the claim itself.
  expect(await read({ ...CONTRACTS.claims, functionName: "ownerOf", args: [claimId] })).toBe(guarantor);
  await expect(section).toContainText(`Subrogated: the claim went to Atlas Credit Insurance`);
  await expect(page.getByRole("list").filter({ hasText: "called guarantee" })).toContainText(
    `First Harbor Bank called guarantee #${guaranteeId} and was paid ${usdc(outstanding)}.`,
  );

  // 5. The debtor pays late, in full: the payment goes to the guarantor, the claim's holder now.
  const owedBefore = await read({ ...CONTRACTS.claims, functionName: "owed", args: [guarantor, currency] });
  await connect(page, wallet, debtorKey, `/claims/${claimId}`);
  await page.getByRole("button", { name: `Pay ${usdc(outstanding)}` }).click();
  await expect.poll(async () => (await claimOf(claimId)).state, { timeout: 30_000 }).toBe(SETTLED);
  const owedToGuarantor = await read({ ...CONTRACTS.claims, functionName: "owed", args: [guarantor, currency] });
  expect(owedToGuarantor).toBe(owedBefore + outstanding);

  // 6. The guarantor withdraws the late payment. The escrow owes it nothing: the premium came straight to its
  // wallet, and the cover went to the bank.
  await connect(page, wallet, "guarantor", "/guarantor");
  const calls = page.getByRole("region", { name: "Calls paid" });
  await expect(calls).toContainText(`Guarantee #${guaranteeId} paid ${usdc(outstanding)} to First Harbor Bank.`);
  expect(await credited(guarantor, currency)).toBe(guarantorCreditBefore);
  const before = await stablecoinBalance(guarantor);
  await page.getByRole("button", { name: `Withdraw ${usdc(owedToGuarantor)} of payments` }).click();
  await expect.poll(() => stablecoinBalance(guarantor), { timeout: 30_000 }).toBe(before + owedToGuarantor);
  expect(await read({ ...CONTRACTS.claims, functionName: "owed", args: [guarantor, currency] })).toBe(0n);
});

test("partial cover: the escrow keeps the claim and distributes later payments pro rata", async ({
  page,
  wallet,
}, info) => {
  test.skip(info.project.name !== "desktop", "desktop only");
  test.setTimeout(120_000);
  const guarantor = wallet.address("guarantor");
  const bank = wallet.address("bank");
  const claimId = await bankClaim(bank);
  const claim = await claimOf(claimId);
  const outstanding = claim.faceValue - claim.amountPaid;
  const cover = outstanding / 2n + 1_234_567n; // a little over half, so the split rounds
  const section = page.getByRole("region", { name: "Guarantee", exact: true });

  // The guarantor offers from the claim's page, without premium.
  await connect(page, wallet, "guarantor", `/claims/${claimId}`);
  const form = section.getByRole("form", { name: `Offer cover on claim #${claimId}` });
  await form.getByLabel(/^Cover/).fill(typed(cover));
  await form.getByLabel(/^Premium/).fill("0");
  await expect(form.getByText("That is 0.00% a year of the cover, to the due date.")).toBeVisible();
  const guaranteeId = (await read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" })) + 1n;
  await form.getByRole("button", { name: "Offer cover" }).click();
  await expect.poll(() => read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" })).toBe(guaranteeId);
  await expect(section.getByRole("button", { name: `Withdraw offer #${guaranteeId}` })).toBeVisible();

  // The bank activates it (no premium, so no approval) and calls it after the default.
  await connect(page, wallet, "bank", `/claims/${claimId}`);
  await section.getByRole("button", { name: /^Activate Atlas Credit Insurance's cover/ }).click();
  await expect.poll(() => guaranteeStatus(guaranteeId)).toBe(GUARANTEE.Active);
  const rules = await read({ ...CONTRACTS.registry, functionName: "rulesAt", args: [claim.rulesVersion] });
  await increaseTime(claim.dueDate + BigInt(rules.defaultGrace) + 60n - (await publicClient.getBlock()).timestamp);
  await page.reload();
  await expect(section).toContainText("The escrow then keeps the claim");
  await section.getByRole("button", { name: `Call the guarantee for ${usdc(cover)}` }).click();
  await expect.poll(() => guaranteeStatus(guaranteeId)).toBe(GUARANTEE.Called);
  expect(await read({ ...CONTRACTS.claims, functionName: "ownerOf", args: [claimId] })).toBe(CONTRACTS.escrow.address);
  await expect(section).toContainText("Subrogated, in custody");
  await expect(page.getByRole("definition").filter({ hasText: "Guarantee escrow" })).toBeVisible();

  // The debtor pays a third, late; anyone distributes it: the guarantor's share is covered / owed at the call.
  const payment = outstanding / 3n;
  await payFromNode(wallet, claimId, payment);
  const toGuarantor = (payment * cover) / outstanding;
  const toHolder = payment - toGuarantor;
  const [guarantorBefore, bankBefore] = await Promise.all([
    credited(guarantor, claim.currency),
    credited(bank, claim.currency),
  ]);
  await connect(page, wallet, "sme1", `/claims/${claimId}`);
  await section
    .getByRole("button", {
      name: `Distribute ${usdc(payment)}: ${usdc(toGuarantor)} to the guarantor, ${usdc(toHolder)} to the holder`,
    })
    .click();
  await expect.poll(() => credited(guarantor, claim.currency)).toBe(guarantorBefore + toGuarantor);
  expect(await credited(bank, claim.currency)).toBe(bankBefore + toHolder);
  await expect(section).toContainText("No payment from the debtor is waiting to be distributed.");
  await expect(page.getByText(/Recovered payments distributed:/).first()).toContainText(
    `${usdc(toHolder)} to the holder at the call, ${usdc(toGuarantor)} to the guarantor.`,
  );
});

test("anyone releases the collateral once the claim is settled", async ({ page, wallet }, info) => {
  test.skip(info.project.name !== "desktop", "desktop only");
  const guarantor = wallet.address("guarantor");
  // The seed's "guaranteed" claim: Atlas covers it, a factor holds it.
  const count = await read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" });
  let guaranteeId = 0n;
  for (let id = 1n; id <= count; id++) if ((await guaranteeStatus(id)) === GUARANTEE.Active) guaranteeId = id;
  expect(guaranteeId, "the seed has an active guarantee").toBeGreaterThan(0n);
  const g = await read({ ...CONTRACTS.escrow, functionName: "guarantee", args: [guaranteeId] });
  const claim = await claimOf(g.claimId);
  await payFromNode(wallet, g.claimId, claim.faceValue - claim.amountPaid);
  expect((await claimOf(g.claimId)).state).toBe(SETTLED);

  await connect(page, wallet, "sme2", `/claims/${g.claimId}`);
  const before = await credited(guarantor, g.currency);
  await page
    .getByRole("region", { name: "Guarantee", exact: true })
    .getByRole("button", { name: `Release ${usdc(g.cover)} to Atlas Credit Insurance` })
    .click();
  await expect.poll(() => credited(guarantor, g.currency)).toBe(before + g.cover);
  expect(await guaranteeStatus(guaranteeId)).toBe(GUARANTEE.Released);
  await expect(page.getByText(`its collateral of ${usdc(g.cover)} went back to Atlas Credit Insurance.`)).toBeVisible();
});

test("a claim's guarantee section fits the viewport: active, and called", async ({ page, wallet }, info) => {
  test.setTimeout(90_000);
  // The seed's claims: one with an active guarantee, one whose guarantee was called (the guarantor holds it).
  const count = await read({ ...CONTRACTS.escrow, functionName: "guaranteeCount" });
  const all = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      read({ ...CONTRACTS.escrow, functionName: "guarantee", args: [BigInt(i + 1)] }),
    ),
  );
  const byStatus = new Map(all.map((g) => [g.status, g.claimId]));
  await connect(page, wallet, "bank", "/market");
  for (const [status, label] of [
    [GUARANTEE.Active, "active"],
    [GUARANTEE.Called, "called"],
  ] as const) {
    const claimId = byStatus.get(status);
    expect(claimId, `the seed has a claim with a guarantee ${label}`).toBeDefined();
    await page.goto(`/claims/${claimId}`);
    const section = page.getByRole("region", { name: "Guarantee", exact: true });
    await expect(section.getByRole("heading", { level: 3 }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: info.outputPath(`claim-guarantee-${label}.png`), fullPage: true });
  }
});
