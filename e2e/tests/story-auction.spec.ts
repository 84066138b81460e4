/**
 * The whole story of one invoice, through the dApp's pages as each party uses them, on one claim:
 * the SME issues it on /issue (the invoice file hashed in the browser), sends the acceptance link; the debtor reads
 * the terms in words and signs its acceptance (EIP-712); the SME relays the signature; the SME auctions the claim;
 * two factors bid, the second outbids the first; the SME accepts the best bid; the factor resells it at an ask to
 * the bank; the debtor pays; the bank withdraws the payment; the outbid factor takes its escrow back.
 * Every step is checked on the page and on the chain (balances to the base unit).
 *
 * Desktop only (see the Playwright config): a phone runs the same components, and its layout is checked page by
 * page in pages.spec.ts.
 */
import { keccak256 } from "viem";

import { dueDateFromInput, invoiceCommitment, dateInputToUnix } from "../../web/lib/domain/invoice.js";
import {
  chainTime,
  claimCount,
  claimState,
  creditedTo,
  days,
  holderOf,
  issuedHashes,
  listingOf,
  bidOf,
  owedTo,
  readClaim,
  saleFee,
  stablecoinBalance,
  ADDRESSES,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import { accountButton, claimFact, connectAs, dateInput, switchAccount, usdc, USDC } from "../helpers.js";

/** What the story's invoice says. */
const FACE = 120_000n * USDC;
const INVOICE_NUMBER = "INV-2041-0173";
const INVOICE_FILE = {
  name: "INV-2041-0173.pdf",
  mimeType: "application/pdf",
  buffer: Buffer.from("%PDF-1.4\nAcme Textiles invoice INV-2041-0173 to Northwind Retail: 120,000.00 USDC\n%%EOF\n"),
};
/** The auction: a minimum bid, factor A's bid, factor B's higher one; then the factor's resale ask. */
const MIN_BID = 108_000n * USDC;
const BID_A = 116_500n * USDC;
const BID_B = 117_250n * USDC;
const RESALE_ASK = 119_000n * USDC;

/** A unix time as the dApp's long date in the tests' locale and time zone ("27 January 2027"). */
const longDate = (t: bigint) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Number(t) * 1000));

/** Types an amount the way a user does, with thousands separators: 116500000000n → "116,500". */
const typed = (amount: bigint) => (amount / USDC).toLocaleString("en-GB");

test("an invoice from issue to payment: accepted by signature, auctioned, resold, paid, withdrawn", async ({
  page,
  wallet,
}) => {
  test.setTimeout(150_000);
  const sme = wallet.address("sme1");
  const debtor = wallet.address("debtor1");
  const factorA = wallet.address("factor1");
  const factorB = wallet.address("factor2");
  const bank = wallet.address("bank");

  // ------------------------------------------------------------ the SME issues the claim
  const today = await chainTime();
  const dueInput = dateInput(today + BigInt(days(90)));
  const invoiceInput = dateInput(today);
  const claimsBefore = await claimCount();

  await page.goto("/issue");
  await connectAs(page, wallet, "sme1");
  await page.getByLabel("Debtor (your buyer)").selectOption({ label: "Northwind Retail" });
  await page.getByLabel("Face value").fill("120,000.00");
  await expect(page.getByText("120,000.00 USDC")).toBeVisible();
  await page.getByLabel("Due date").fill(dueInput);
  await page.getByLabel("Invoice number").fill(INVOICE_NUMBER);
  await page.getByLabel("Invoice date").fill(invoiceInput);
  await page.getByLabel("Invoice file").setInputFiles(INVOICE_FILE);
  await page.getByRole("button", { name: "Issue the claim" }).click();

  const issued = page.getByRole("heading", { name: /^Claim #\d+ issued$/ });
  await expect(issued).toBeVisible();
  const id = BigInt(/#(\d+)/.exec(await issued.innerText())![1]);
  expect(id).toBe(claimsBefore + 1n);
  // The SME sends the link to its buyer, who opens it in its own browser.
  const acceptLink = await page.getByRole("link", { name: new RegExp(`/accept/${id}$`) }).getAttribute("href");
  expect(acceptLink).toMatch(new RegExp(`^https?://[^/]+/accept/${id}$`));

  const stored = await readClaim(id);
  expect(stored.originator).toBe(sme);
  expect(stored.debtor).toBe(debtor);
  expect(stored.currency).toBe(ADDRESSES.stablecoin);
  expect(stored.faceValue).toBe(FACE);
  expect(stored.dueDate).toBe(dueDateFromInput(dueInput));
  // The file never left the browser: only its hash, computed there, is on chain (in the claim's ClaimIssued).
  const hashes = await issuedHashes(id);
  expect(hashes.documentHash).toBe(keccak256(INVOICE_FILE.buffer));
  expect(hashes.invoiceCommitment).toBe(
    invoiceCommitment({
      invoiceNumber: INVOICE_NUMBER,
      originator: sme,
      debtor,
      invoiceDate: dateInputToUnix(invoiceInput)!,
    }),
  );
  expect(await claimState(id)).toBe("Issued");

  // ------------------------------------------------------------ the debtor opens the link and signs
  await switchAccount(page, wallet, "debtor1");
  await page.goto(acceptLink!);
  await expect(accountButton(page, debtor)).toBeVisible();
  await expect(
    page.getByText(`Acme Textiles asks you to confirm that you owe 120,000.00 USDC, due ${longDate(stored.dueDate)}`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Sign the acceptance" }).click();
  await expect(page.getByText("signature is attached and matches what the contract will check")).toBeVisible();
  const relayLink = await page.getByLabel("Link with the signature, for the supplier").inputValue();
  expect(relayLink).toMatch(new RegExp(`/accept/${id}\\?sig=0x[0-9a-f]+&deadline=\\d+$`));
  // A signature only: the debtor sent no transaction, and the claim still waits.
  expect(wallet.requestsFor("eth_signTypedData_v4").map((r) => r.account)).toEqual([debtor]);
  expect(wallet.requestsFor("eth_sendTransaction")).toHaveLength(1); // the SME's issue
  expect(await claimState(id)).toBe("Issued");

  // ------------------------------------------------------------ the SME relays it
  await switchAccount(page, wallet, "sme1");
  await page.goto(relayLink);
  await expect(accountButton(page, sme)).toBeVisible();
  await page.getByRole("button", { name: "Relay the signature" }).click();
  await expect(page.getByText("This claim is accepted: there is nothing to confirm.")).toBeVisible();
  expect(await claimState(id)).toBe("Accepted");

  // ------------------------------------------------------------ the SME auctions it
  await page.goto(`/claims/${id}`);
  await expect(claimFact(page, "State")).toHaveText("Accepted");
  await expect(claimFact(page, "Holder")).toHaveText("Acme Textiles (you)");
  const listingForm = page.getByRole("form", { name: "List for sale" });
  await listingForm.getByLabel("Minimum bid").fill(typed(MIN_BID));
  const auctionEnd = dateInput(today + BigInt(days(10)));
  await listingForm.getByLabel("Deadline").fill(auctionEnd);
  await listingForm.getByRole("button", { name: "List the claim" }).click();
  await expect(claimFact(page, "Listing")).toContainText("offers only, bids from 108,000.00 USDC");
  const listing = await listingOf(id);
  expect(listing).toMatchObject({ listed: true, seller: sme, askPrice: 0n, minBid: MIN_BID });
  expect(listing.deadline).toBe(dueDateFromInput(auctionEnd));

  // ------------------------------------------------------------ factor A bids, factor B outbids
  const bids = page.getByRole("region", { name: "Live bids" }).first().getByRole("row");
  await placeBid("factor1", BID_A);
  await expect(bids.nth(1)).toContainText("Harbor Factoring (you)");
  await expect(bids.nth(1)).toContainText(usdc(BID_A));
  await placeBid("factor2", BID_B);
  await expect(bids).toHaveCount(3);
  await expect(bids.nth(1)).toContainText("Meridian Capital (you)");
  await expect(bids.nth(1)).toContainText(`${usdc(BID_B)}Best bid`);
  await expect(bids.nth(2)).toContainText("Harbor Factoring");
  await expect(bids.nth(2)).toContainText(usdc(BID_A));
  await expect(bids.nth(2)).not.toContainText("Best bid");
  expect(await bidOf(id, factorA)).toMatchObject({ amount: BID_A, live: true });
  expect(await bidOf(id, factorB)).toMatchObject({ amount: BID_B, live: true });
  // Factor A sees that it was outbid.
  await switchAccount(page, wallet, "factor1");
  await expect(page.getByText(`You have been outbid: the best bid is ${usdc(BID_B)}.`)).toBeVisible();

  // ------------------------------------------------------------ the SME accepts B's bid
  await switchAccount(page, wallet, "sme1");
  const smeBefore = await stablecoinBalance(sme);
  await page.getByRole("button", { name: `Accept Meridian Capital's bid of ${usdc(BID_B)}` }).click();
  await expect(claimFact(page, "Holder")).toHaveText("Meridian Capital");
  await expect(claimFact(page, "State")).toHaveText("Financed");
  expect(await holderOf(id)).toBe(factorB);
  expect(await stablecoinBalance(sme)).toBe(smeBefore + (await saleFee(BID_B)).net);

  // ------------------------------------------------------------ factor B resells at an ask; the bank buys
  await switchAccount(page, wallet, "factor2");
  await expect(claimFact(page, "Holder")).toHaveText("Meridian Capital (you)");
  const resaleForm = page.getByRole("form", { name: "List for sale" });
  await resaleForm.getByLabel("Ask price").fill(typed(RESALE_ASK));
  await resaleForm.getByLabel("Deadline").fill(dateInput(today + BigInt(days(20))));
  await resaleForm.getByRole("button", { name: "List the claim" }).click();
  await expect(claimFact(page, "Listing")).toContainText(`ask ${usdc(RESALE_ASK)}`);

  await switchAccount(page, wallet, "bank");
  const factorBBefore = await stablecoinBalance(factorB);
  const bankBefore = await stablecoinBalance(bank);
  await page.getByRole("button", { name: `Buy for ${usdc(RESALE_ASK)}` }).click();
  await expect(claimFact(page, "Holder")).toHaveText("First Harbor Bank (you)");
  expect(await holderOf(id)).toBe(bank);
  expect(await stablecoinBalance(factorB)).toBe(factorBBefore + (await saleFee(RESALE_ASK)).net);
  expect(await stablecoinBalance(bank)).toBe(bankBefore - RESALE_ASK);

  // ------------------------------------------------------------ the debtor pays the holder of record
  await switchAccount(page, wallet, "debtor1");
  const owedBefore = await owedTo(bank);
  const debtorBefore = await stablecoinBalance(debtor);
  await page.getByRole("button", { name: `Pay ${usdc(FACE)}` }).click();
  await expect(claimFact(page, "State")).toHaveText("Settled");
  expect(await claimState(id)).toBe("Settled");
  expect(await stablecoinBalance(debtor)).toBe(debtorBefore - FACE);
  expect(await owedTo(bank)).toBe(owedBefore + FACE);

  // ------------------------------------------------------------ the bank withdraws what it is owed
  await switchAccount(page, wallet, "bank");
  await expect(page.getByText(`Payments received for you: ${usdc(owedBefore + FACE)}.`)).toBeVisible();
  await page.getByRole("button", { name: "Withdraw payments" }).click();
  await expect(page.getByRole("button", { name: "Withdraw payments" })).toHaveCount(0);
  expect(await owedTo(bank)).toBe(0n);
  expect(await stablecoinBalance(bank)).toBe(bankBefore - RESALE_ASK + owedBefore + FACE);

  // ------------------------------------------------------------ the outbid factor takes its escrow back
  await switchAccount(page, wallet, "factor1");
  await expect(page.getByText(`Your bid of ${usdc(BID_A)} is still held by the market`)).toBeVisible();
  const factorABefore = await stablecoinBalance(factorA);
  const refundsBefore = await creditedTo(factorA);
  await page.getByRole("button", { name: "Cancel the bid" }).click();
  // A cancelled bid is paid straight back to the bidder's wallet: nothing waits in the market's refund ledger.
  await expect(page.getByText(`Your bid of ${usdc(BID_A)} is still held by the market`)).toHaveCount(0);
  await expect.poll(() => stablecoinBalance(factorA)).toBe(factorABefore + BID_A);
  expect(await creditedTo(factorA)).toBe(refundsBefore);

  // ------------------------------------------------------------ the history tells it all
  const history = page.getByRole("region", { name: "History" }).getByRole("listitem");
  await expect(history).toContainText([
    `Acme Textiles issued the claim on Northwind Retail for ${usdc(FACE)}, due ${longDate(stored.dueDate)}.`,
    "Northwind Retail accepted the claim (signature relayed by Acme Textiles).",
    "Acme Textiles listed the claim for offers only",
    `Harbor Factoring bid ${usdc(BID_A)}.`,
    `Meridian Capital bid ${usdc(BID_B)}.`,
    `Sold to Meridian Capital by Acme Textiles for ${usdc(BID_B)}, by accepting a bid.`,
    `Meridian Capital listed the claim at ${usdc(RESALE_ASK)}`,
    `Resold to First Harbor Bank by Meridian Capital for ${usdc(RESALE_ASK)}, at the ask price.`,
    `Northwind Retail paid ${usdc(FACE)} to First Harbor Bank (${usdc(FACE)} paid in all).`,
    `Harbor Factoring cancelled its bid of ${usdc(BID_A)}.`,
  ]);

  /** `key` places a bid of `amount` from the claim page (a permit signature, then the bid transaction). */
  async function placeBid(key: "factor1" | "factor2", amount: bigint) {
    await switchAccount(page, wallet, key);
    const form = page.getByRole("form", { name: "Bid" });
    await form.getByLabel("Amount").fill(typed(amount));
    await form.getByRole("button", { name: "Place the bid" }).click();
    await expect(page.getByRole("form", { name: "Your bid" })).toContainText(`You bid ${usdc(amount)}`);
  }
});
