/**
 * Helpers shared by the browser tests: the dApp's UI contract (the names the tests find things by), layout checks
 * and the README's screenshots.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, type Locator, type Page } from "@playwright/test";

import { CAST } from "@openfactor/sdk";
import { WALLET_INFO, type CastKey, type TestWallet } from "./wallet.js";

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
 * Connects the page to the test wallet on `key`'s account, as a user does: the wallet on that account, the header's
 * "Connect wallet", the wallet's button in the dialog; resolves once the header shows the account.
 */
export async function connectAs(page: Page, wallet: TestWallet, key: CastKey): Promise<void> {
  await wallet.use(key);
  await connectButton(page).click();
  await walletDialog(page).getByRole("button", { name: WALLET_INFO.name }).click();
  await expect(accountButton(page, wallet.address(key))).toBeVisible();
}

/**
 * Switches to `key`'s account the way a user of a browser wallet does, in the wallet itself (the dApp hears
 * accountsChanged); resolves once the header shows the new account.
 */
export async function switchAccount(page: Page, wallet: TestWallet, key: CastKey): Promise<void> {
  await wallet.use(key);
  await expect(accountButton(page, wallet.address(key))).toBeVisible();
}

/** The notice area's progress line (role status): "Confirm in your wallet", "Pending…", "Confirmed". */
export const progressNotice = (page: Page) => page.locator(".notices").getByRole("status");

/** The notice area's error (role alert), with the one sentence describing what failed. */
export const errorNotice = (page: Page) => page.locator(".notices").getByRole("alert");

/**
 * Fails if an error message leaks what a user should never see: hex data ("0x…" of 8 digits or more), a stack
 * trace, or a raw library error.
 */
export async function expectPlainWords(notice: Locator): Promise<void> {
  const text = (await notice.innerText()).trim();
  expect(text, "an error in words, not hex").not.toMatch(/0x[0-9a-fA-F]{8,}/);
  expect(text, "no stack trace").not.toMatch(/\bat .+:\d+|Error:|Details:|Version: viem/);
  expect(text.length, "one sentence").toBeLessThan(200);
}

/** The value of a claim page's fact ("State", "Holder", "Listing", …): the term's definition. */
export const claimFact = (page: Page, term: string) =>
  page
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");

/** A date input's value ("2027-01-27") for a unix time, in UTC as the dApp reads date inputs. */
export function dateInput(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().slice(0, 10);
}

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

/**
 * Fails if a control or a table cell lies beyond the viewport's right edge, even inside a region that scrolls
 * sideways (no page scroll then, but a column or its buttons out of sight on a phone).
 */
export async function expectNothingCutOff(page: Page): Promise<void> {
  const outside = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("main button, main a[href], main input, main select, main td, main th")]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const visible = box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
        // A table header kept for screen readers only (clipped to 1 px) is not on screen.
        const head = element.closest("thead");
        const screenReaderOnly = head !== null && head.getBoundingClientRect().width <= 1;
        return visible && !screenReaderOnly && box.right > width + 0.5;
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`);
  });
  expect(outside, `beyond the right edge of the ${page.viewportSize()?.width} px viewport`).toEqual([]);
}

/** Writes a full-page PNG to docs/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return file;
}

/** The demo stablecoin's decimals: 1 USDC is 1_000_000 base units. */
export const USDC = 1_000_000n;

/**
 * An amount of the demo stablecoin as the dApp shows it in the tests' en-GB locale, written out independently of
 * the dApp's formatter: "118,000.00 USDC", every significant fractional digit kept ("97,531.246913 USDC").
 */
export function usdc(baseUnits: bigint): string {
  const whole = (baseUnits / USDC).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = (baseUnits % USDC).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${whole}.${fraction} USDC`;
}

/** The cast member whose account is `address` (the seed's cast, the SDK's cast (packages/sdk/src/cast.ts)); fails for another address. */
export function castMember(wallet: TestWallet, address: string): { key: CastKey; label: string } {
  const member = CAST.find((m) => wallet.address(m.key).toLowerCase() === address.toLowerCase());
  if (member === undefined) throw new Error(`${address} is not one of the demo's participants`);
  return { key: member.key, label: member.label };
}

/** A cast member's business name, as the dApp shows it on the local chain ("Harbor Factoring"). */
export function labelOf(key: CastKey): string {
  return CAST.find((m) => m.key === key)!.label;
}

/** Reads an amount back from the dApp's text ("97,123.456789 USDC" → base units). */
export function parseUsdc(text: string): bigint {
  const match = /([\d,]+)\.(\d{2,6}) USDC/.exec(text);
  if (match === null) throw new Error(`no USDC amount in "${text}"`);
  return BigInt(match[1].replaceAll(",", "")) * USDC + BigInt(match[2].padEnd(6, "0"));
}
