/**
 * The browser tests' `test` and `expect`: Playwright's, plus
 * - `wallet`: the injected test wallet (e2e/wallet.ts), installed in the test's browser context before any page
 *   loads (every `page` has it, as a browser with the extension would), on the operator's account, not connected;
 * - `chainState` (automatic): a snapshot of the seeded chain before each test, reverted after it, so every test
 *   starts from the demo data whatever the one before it sent.
 */
import { test as base } from "@playwright/test";

import { revertTo, snapshot } from "./chain.js";
import { TestWallet } from "./wallet.js";

export { expect } from "@playwright/test";

export const test = base.extend<{ wallet: TestWallet; chainState: void }>({
  chainState: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const id = await snapshot();
      await use();
      await revertTo(id);
    },
    { auto: true },
  ],
  wallet: async ({ context }, use) => {
    const wallet = new TestWallet(context);
    await wallet.install();
    await use(wallet);
  },
  page: async ({ page, wallet: _wallet }, use) => {
    await use(page);
  },
});
