/**
 * Connecting the test wallet through the dApp's own modal, as a user would, on a desktop and a phone.
 *
 * UI contract: the header (role banner) has a button "Connect wallet" opening a dialog "Connect a wallet" that
 * lists the EIP-6963 wallets by name ("OpenFactor Test Wallet"); once connected the header shows a button
 * "Account 0x1234…abcd"; a request the user rejects in the wallet shows the neutral notice "You rejected the request
 * in your wallet." (role alert or status). While the dApp has no header these tests are fixme.
 */
import { expect, test } from "../fixtures.js";
import { accountButton, connectButton, hasHeader, REJECTED_MESSAGE, walletDialog } from "../helpers.js";
import { WALLET_INFO } from "../wallet.js";

const NO_HEADER = "the dApp has no header yet (role banner with a 'Connect wallet' button): the wallet UI is not built";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  test.fixme(!(await hasHeader(page)), NO_HEADER);
});

test("connects the injected wallet through the modal", async ({ page, wallet }) => {
  await connectButton(page).click();
  const dialog = walletDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: WALLET_INFO.name }).click();

  await expect(accountButton(page, wallet.address("operator"))).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(connectButton(page)).toHaveCount(0);
  expect(wallet.connected).toBe(true);
});

test("a connection rejected in the wallet shows a neutral notice, and a retry connects", async ({ page, wallet }) => {
  wallet.rejectNext();
  await connectButton(page).click();
  await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();

  const notice = page
    .getByRole("alert")
    .filter({ hasText: REJECTED_MESSAGE })
    .or(page.getByRole("status").filter({ hasText: REJECTED_MESSAGE }));
  await expect(notice).toBeVisible();
  expect(wallet.connected).toBe(false);

  await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();
  await expect(accountButton(page, wallet.address())).toBeVisible();
});

test("follows the account chosen in the wallet", async ({ page, wallet }) => {
  await connectButton(page).click();
  await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();
  await expect(accountButton(page, wallet.address("operator"))).toBeVisible();

  await wallet.use("sme1");
  await expect(accountButton(page, wallet.address("sme1"))).toBeVisible();
});

test("stays connected across a reload", async ({ page, wallet }) => {
  await connectButton(page).click();
  await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();
  await expect(accountButton(page, wallet.address())).toBeVisible();

  await page.reload();
  await expect(accountButton(page, wallet.address())).toBeVisible();
});
