/**
 * Helpers shared by the browser tests: the dApp's UI contract (the names the tests find things by), layout checks
 * and the README's screenshots.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, type Page } from "@playwright/test";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** Where saveScreenshot writes: the README shows these. */
export const SCREENSHOT_DIR = path.join(root, "docs", "screenshots");

/** "0x1234…abcd": the short address form the dApp shows. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** The header's wallet control before connecting. */
export const connectButton = (page: Page) => page.getByRole("banner").getByRole("button", { name: "Connect wallet" });

/** The wallet picker. */
export const walletDialog = (page: Page) => page.getByRole("dialog", { name: "Connect a wallet" });

/** The header's account button once connected ("Account 0x1234…abcd"). */
export const accountButton = (page: Page, address: string) =>
  page.getByRole("banner").getByRole("button", { name: `Account ${shortAddress(address)}` });

/** The neutral notice shown when the user rejects a request in the wallet. */
export const REJECTED_MESSAGE = "You rejected the request in your wallet.";

/**
 * True when the page has the dApp's header (role banner). Tests of the wallet UI are marked fixme while it is
 * missing, so that they run (and must pass) as soon as the header lands.
 */
export async function hasHeader(page: Page): Promise<boolean> {
  return (await page.getByRole("banner").count()) > 0;
}

/** Fails if the page scrolls sideways: the document is no wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    // The elements that stick out, to say what to fix.
    const wide = [...document.body.querySelectorAll("*")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element) => {
        const id = element.id ? `#${element.id}` : "";
        const cls =
          typeof element.className === "string" && element.className ? `.${element.className.split(" ")[0]}` : "";
        return `${element.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`;
      });
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: wide };
  });
  expect(
    scrollWidth,
    `the page is ${scrollWidth} px wide in a ${clientWidth} px viewport; wider elements: ${culprits.join(", ")}`,
  ).toBeLessThanOrEqual(clientWidth);
}

/** Writes a full-page PNG to docs/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return file;
}
