/**
 * The dApp's pages beyond the home page, each on a desktop and a phone: served, no sideways scroll, photographed
 * for the README (docs/screenshots/<page>-<project>.png). A page not built yet (404) is fixme, and so are the flows
 * below, each with the UI it expects; they become real tests as the pages land.
 */
import { expect, test } from "../fixtures.js";
import { expectNoHorizontalScroll, saveScreenshot } from "../helpers.js";

/** The header's navigation: path and the page's name. */
const PAGES = [
  { path: "/market", name: "market" },
  { path: "/issue", name: "issue" },
  { path: "/payables", name: "payables" },
  { path: "/factor", name: "factor" },
] as const;

for (const { path, name } of PAGES) {
  test(`${path} is served, fits the viewport and is photographed`, async ({ page }, testInfo) => {
    const response = await page.goto(path);
    test.fixme(response?.status() === 404, `${path} is not built yet (404)`);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    await expectNoHorizontalScroll(page);
    await saveScreenshot(page, `${name}-${testInfo.project.name}`);
  });
}

test.fixme("a reverted transaction shows the decoded custom error in words, never hex", async () => {
  // Expects: a write the contract rejects (e.g. the market's bid below the listing's minimum, sent by a connected
  // factor) shows a role=alert naming the error in words (from the error's name and arguments decoded against
  // every project ABI, as the node answers {code: 3, data}); no "0x" blob, no stack trace.
});

test.fixme("the debtor accepts an issued claim by signing its terms (EIP-712)", async () => {
  // Expects: on /payables, the debtor (wallet.use("debtor1")) sees the seeded Issued claim, "Accept" asks the wallet
  // for eth_signTypedData_v4 with the ClaimAcceptance type of typed-data/index.ts, and the claim reads Accepted on
  // chain afterwards (e2e/chain.ts). With wallet.rejectNext() it stays Issued and the neutral rejection notice shows.
});

test.fixme("the market lists the seeded listings and a factor bids", async () => {
  // Expects: /market lists the seeded listed claims with face value, due date and debtor; a connected factor
  // (wallet.use("factor1")) places a bid, the wallet sends it, and the bid shows once mined.
});
