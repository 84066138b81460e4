/**
 * Accessibility: every page of the dApp checked with axe-core (WCAG 2.0 and 2.1, levels A and AA) before connecting
 * and connected as the party the page is for, on a desktop and a phone (on the desktop in the dark colour scheme
 * too), plus the wallet dialog. A violation whose impact is "serious" or "critical" fails the test, printed with its
 * rule, its help text and the elements it found; minor and moderate ones are counted and printed, not failed. Then
 * the keyboard: tabbing through the market and a claim's page from the top, every control that takes the focus shows
 * a visible focus indicator (an outline or a box shadow).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page, TestInfo } from "@playwright/test";

import {
  CONTRACTS,
  holderOf,
  issueTransaction,
  publicClient,
  seededAuction,
  seededIssued,
  seededSealedAuction,
} from "../chain.js";
import { expect, test } from "../fixtures.js";
import { castMember, connectAs, connectButton, switchAccount, walletDialog } from "../helpers.js";
import type { CastKey, TestWallet } from "../wallet.js";

/** The WCAG levels checked: 2.0 and 2.1, A and AA. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Impacts that fail the test. */
const FAILING = new Set(["serious", "critical"]);
const IMPACTS = ["minor", "moderate", "serious", "critical"] as const;

/** The claim of the seed's active guarantee ("guaranteed": a factor holds it, Atlas covers 80 %). */
async function guaranteed(): Promise<bigint> {
  const count = await publicClient.readContract({ ...CONTRACTS.escrow, functionName: "guaranteeCount" });
  for (let id = 1n; id <= count; id++) {
    const g = await publicClient.readContract({ ...CONTRACTS.escrow, functionName: "guarantee", args: [id] });
    if (g.status === 3) return g.claimId;
  }
  throw new Error("the seed has no active guarantee");
}

/** The holder of a seeded claim, as a cast member. */
async function holderKey(wallet: TestWallet, id: bigint): Promise<CastKey> {
  return castMember(wallet, await holderOf(id)).key;
}

interface Route {
  name: string;
  path(): Promise<string>;
  /** Who the page is for: checked again connected as this account. */
  as(wallet: TestWallet): Promise<CastKey>;
  /** What shows once the connected page has its data. */
  ready(page: Page): Locator;
}

const ROUTES: Route[] = [
  {
    name: "home",
    path: async () => "/",
    as: async () => "factor1",
    ready: (page) => page.getByRole("heading", { name: "For you now" }),
  },
  {
    name: "market",
    path: async () => "/market",
    as: async () => "factor1",
    ready: (page) => page.getByRole("link", { name: /^Claim #\d+$/ }).first(),
  },
  {
    name: "issue",
    path: async () => "/issue",
    as: async () => "sme1",
    ready: (page) => page.getByRole("button", { name: "Issue the claim" }),
  },
  {
    name: "payables",
    path: async () => "/payables",
    as: async () => "debtor1",
    ready: (page) => page.getByRole("button", { name: "Pay selected" }),
  },
  {
    name: "factor",
    path: async () => "/factor",
    as: async () => "factor1",
    ready: (page) => page.getByText("The market may currently take any amount of USDC"),
  },
  {
    name: "portfolio",
    path: async () => "/portfolio",
    as: async () => "factor1",
    ready: (page) => page.getByRole("region", { name: "Claims you hold" }).getByRole("link").first(),
  },
  {
    name: "guarantor",
    path: async () => "/guarantor",
    as: async () => "guarantor",
    ready: (page) => page.getByRole("button", { name: /^Offer cover on claim #/ }).first(),
  },
  {
    name: "activity",
    path: async () => "/activity",
    as: async () => "operator",
    ready: (page) => page.getByRole("heading", { name: /^Blocks \d+ to \d+$/ }),
  },
  {
    name: "operator",
    path: async () => "/operator",
    as: async () => "operator",
    ready: (page) => page.getByRole("heading", { name: "Version 1 is in force" }),
  },
  {
    name: "disputes",
    path: async () => "/disputes",
    // The seed's operator holds every access role, the arbiter's among them.
    as: async () => "operator",
    ready: (page) => page.getByRole("heading", { name: "Open disputes" }),
  },
  {
    name: "claim with bids",
    path: async () => `/claims/${(await seededAuction()).id}`,
    as: async (wallet) => holderKey(wallet, (await seededAuction()).id),
    ready: (page) => page.getByRole("button", { name: /^Accept .+'s bid of / }).first(),
  },
  {
    name: "claim guaranteed",
    path: async () => `/claims/${await guaranteed()}`,
    as: async (wallet) => holderKey(wallet, await guaranteed()),
    ready: (page) => page.getByRole("region", { name: "Guarantee", exact: true }).getByRole("heading").first(),
  },
  {
    name: "claim in a sealed auction",
    path: async () => `/claims/${(await seededSealedAuction()).claimId}`,
    // A factor that has not bid yet: the page shows it the sealed bid form.
    as: async (wallet) => {
      const { bidders } = await seededSealedAuction();
      const keys = ["factor1", "factor2", "factor3"] as const;
      return keys.find((k) => !bidders.some((b) => b.toLowerCase() === wallet.address(k).toLowerCase()))!;
    },
    ready: (page) => page.getByRole("button", { name: "Seal and commit the bid" }),
  },
  {
    name: "accept",
    path: async () => `/accept/${(await seededIssued()).id}`,
    as: async (wallet) => castMember(wallet, (await seededIssued()).claim.debtor).key,
    ready: (page) => page.getByRole("button", { name: "Sign the acceptance" }),
  },
  {
    name: "tx",
    path: async () => `/tx/${await issueTransaction((await seededAuction()).id)}`,
    as: async () => "sme1",
    ready: (page) => page.getByRole("rowheader", { name: "Status" }),
  },
];

/** Counts of violations by impact over the whole run of this file, printed at its end. */
const totals: Record<(typeof IMPACTS)[number], number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };

/**
 * Runs axe on the page (or `include` only) and fails on any serious or critical violation, listing each with its
 * rule id, help text and target selectors; minor and moderate ones are printed and counted.
 */
async function checkPage(page: Page, what: string, info: TestInfo, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include !== undefined) builder = builder.include(include);
  const { violations, passes, incomplete } = await builder.analyze();
  // axe ran its rules: a page with nothing checked would pass vacuously.
  expect(passes.length, `axe checked rules on ${what}`).toBeGreaterThan(10);
  const lines: string[] = [];
  const failing: string[] = [];
  for (const v of violations) {
    const impact = (v.impact ?? "minor") as (typeof IMPACTS)[number];
    totals[impact] += 1;
    const line = `[${impact}] ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;
    lines.push(line);
    if (FAILING.has(impact)) failing.push(line);
  }
  const counts = IMPACTS.map((impact) => `${violations.filter((v) => v.impact === impact).length} ${impact}`);
  // What axe could not decide alone (a contrast over an image, …): printed for a person to review.
  const review = incomplete.map((v) => `${v.id} (${v.nodes.length})`).join(", ");
  console.log(
    `axe ${info.project.name} ${what}: ${counts.join(", ")}; ${passes.length} rules passed` +
      (review === "" ? "" : `; to review: ${review}`) +
      lines.map((l) => `\n  ${l}`).join(""),
  );
  expect(failing, `serious or critical accessibility violations on ${what}`).toEqual([]);
}

/** Waits for the page's requests to settle, then for `ready`. */
async function settled(page: Page, ready?: Locator): Promise<void> {
  await page.waitForLoadState("networkidle");
  if (ready !== undefined) await expect(ready).toBeVisible();
  await page.waitForLoadState("networkidle");
}

test.describe("axe", () => {
  // Playwright reads a hook's fixtures from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  test.afterAll(async ({}, info) => {
    const summary = IMPACTS.map((impact) => `${totals[impact]} ${impact}`).join(", ");
    console.log(`axe ${info.project.name}: violations by impact over every page: ${summary}`);
  });

  for (const route of ROUTES) {
    test(`${route.name}: no serious or critical violation, before and after connecting`, async ({
      page,
      wallet,
    }, info) => {
      const path = await route.path();
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await settled(page, page.getByRole("heading", { level: 1 }));
      await checkPage(page, `${path} (not connected)`, info);

      const key = await route.as(wallet);
      await connectAs(page, wallet, key);
      await settled(page, route.ready(page));
      await checkPage(page, `${path} (as ${key})`, info);
      if (info.project.name === "desktop") {
        // The same page in the dark colour scheme (the dApp follows the system's): its colours must hold too.
        await page.emulateMedia({ colorScheme: "dark" });
        expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(true);
        await checkPage(page, `${path} (as ${key}, dark)`, info);
      }
    });
  }

  test("the check itself finds a nameless button and grey-on-white text", async ({ page }) => {
    await page.goto("/market");
    await settled(page);
    await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.id = "axe-probe";
      probe.innerHTML = '<button type="button"></button><p style="color:#c8c8c8;background:#fff">faint</p>';
      document.body.append(probe);
    });
    await expect(page.locator("#axe-probe")).toBeAttached();
    const { violations } = await new AxeBuilder({ page }).withTags(TAGS).include("#axe-probe").analyze();
    expect(violations.map((v) => [v.id, v.impact]).sort()).toEqual([
      ["button-name", "critical"],
      ["color-contrast", "serious"],
    ]);
  });

  test("the wallet dialog: no serious or critical violation", async ({ page }, info) => {
    await page.goto("/market");
    await settled(page);
    await connectButton(page).click();
    await expect(walletDialog(page)).toBeVisible();
    await checkPage(page, "the wallet dialog", info, "dialog[open]");
  });
});

/**
 * Tabs through the page from its top, `presses` times at most (stopping when the focus leaves the document or comes
 * back to the first control), and returns the controls reached in order and those that show no focus indicator:
 * neither an outline nor a box shadow.
 */
async function tabThrough(page: Page, presses: number): Promise<{ reached: string[]; bare: string[] }> {
  const reached: string[] = [];
  const bare: string[] = [];
  let first: string | undefined;
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const element = document.activeElement;
      if (element === null || element === document.body) return undefined;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
      const path: string[] = [];
      for (let e: Element | null = element; e !== null && e !== document.body; e = e.parentElement) {
        const index = e.parentElement ? [...e.parentElement.children].indexOf(e) : 0;
        path.unshift(`${e.tagName.toLowerCase()}:${index}`);
      }
      const type = element.getAttribute("type");
      const name = (
        element.getAttribute("aria-label") ??
        (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : undefined) ??
        element.textContent ??
        ""
      )
        .trim()
        .slice(0, 40);
      return {
        key: path.join(">"),
        label: `${element.tagName.toLowerCase()}${type ? `[type=${type}]` : ""} "${name}"`,
        visible: outline || shadow,
      };
    });
    // Past the last control the focus leaves the page (to the browser's own controls).
    if (focus === undefined || focus.key === first) break;
    first ??= focus.key;
    reached.push(focus.label);
    if (!focus.visible) bare.push(focus.label);
  }
  return { reached, bare };
}

/**
 * Opens `path` connected as `key`, loads it afresh (so that Tab starts from the top of the document) and tabs
 * through it: every control is reached and shows a visible focus indicator.
 */
async function checkTabbing(
  page: Page,
  wallet: TestWallet,
  path: string,
  key: CastKey,
  ready: (page: Page) => Locator,
) {
  await page.goto(path);
  if (wallet.connected) await switchAccount(page, wallet, key);
  else await connectAs(page, wallet, key);
  await page.reload();
  await settled(page, ready(page));
  const { reached, bare } = await tabThrough(page, 200);
  console.log(`tab order on ${path} as ${key}: ${reached.join(" → ")}`);
  expect(reached[0], "the first control is the header's home link").toBe('a "OpenFactor"');
  expect(reached.length, "controls reached by Tab").toBeGreaterThan(15);
  expect(bare, "controls without a visible focus indicator").toEqual([]);
}

test.describe("keyboard", () => {
  test("tabbing through the market, every control shows where the focus is", async ({ page, wallet }) => {
    await checkTabbing(page, wallet, "/market", "factor1", (p) =>
      p.getByRole("link", { name: /^Claim #\d+$/ }).first(),
    );
  });

  test("tabbing through a claim's page, every control shows where the focus is", async ({ page, wallet }) => {
    // As a factor that may bid, then as the holder (the bids to accept, the listing, a dispute's evidence file).
    const { id, holder } = await seededAuction();
    await checkTabbing(page, wallet, `/claims/${id}`, "bank", (p) => p.getByRole("button", { name: "Place the bid" }));
    await checkTabbing(page, wallet, `/claims/${id}`, castMember(wallet, holder).key, (p) =>
      p.getByRole("button", { name: /^Accept .+'s bid of / }).first(),
    );
  });
});
