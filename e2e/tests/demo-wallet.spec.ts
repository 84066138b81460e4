/**
 * The built-in demo accounts of the local chain (no browser wallet needed): a newcomer picks one in the connect
 * dialog and acts with it. The demo connector derives the account's key only when it first signs
 * (web/lib/demo-keys.ts); this test signs an EIP-712 acceptance and sends a transaction with it, and checks both on
 * chain. Desktop only (the dialog's phone layout is checked in pages.spec.ts).
 */
import { claimState, seededIssued } from "../chain.js";
import { expect, test } from "../fixtures.js";
import { accountButton, castMember, connectButton, walletDialog } from "../helpers.js";

test("a demo account connects from the dialog, signs the debtor's acceptance and relays it", async ({
  page,
  wallet,
}) => {
  const { id, claim } = await seededIssued();
  const debtor = castMember(wallet, claim.debtor);

  await page.goto(`/accept/${id}`);
  await connectButton(page).click();
  const dialog = walletDialog(page);
  await expect(dialog.getByRole("heading", { name: "Demo accounts" })).toBeVisible();
  await dialog.getByRole("button", { name: new RegExp(`^${debtor.label} — debtor`) }).click();
  await expect(accountButton(page, claim.debtor)).toBeVisible();

  // Nothing went through the injected test wallet: the demo connector signed and sent.
  await page.getByRole("button", { name: "Sign the acceptance" }).click();
  await expect(page.getByText("signature is attached and matches what the contract will check")).toBeVisible();
  expect(wallet.requestsFor("eth_signTypedData_v4")).toHaveLength(0);
  expect(await claimState(id)).toBe("Issued");

  await page.getByRole("button", { name: "Relay the signature" }).click();
  await expect(page.getByText("This claim is accepted: there is nothing to confirm.")).toBeVisible();
  expect(await claimState(id)).toBe("Accepted");
  expect(wallet.requestsFor("eth_sendTransaction")).toHaveLength(0);
});
