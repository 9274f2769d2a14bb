import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_TOKEN,
  type DemoWeb,
  type DemoWorkspace,
  demoWorkspace,
  REPO,
  startDemoWeb,
} from "../integration/web/web-harness.js";
import { chromiumPath } from "../support/test-services.js";
import { seriousViolations } from "./axe.js";

/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * against the web app on loopback over a database the demo filled. One browser for the whole file; every wait
 * is on a selector or a text, never a sleep, so a loaded machine only makes it slower.
 */

const ARTIFACTS = join(REPO, "test/artifacts");
/** Playwright gives up on a wait well before vitest gives up on the test, so failures say what was awaited. */
const WAIT = 15_000;
const TEST_TIMEOUT = 60_000;

let ws: DemoWorkspace;
let web: DemoWeb;
let browser: BrowserContext;
let page: Page;
let profile: string;

async function syncFromSources(instance: string): Promise<void> {
  await page.getByRole("link", { name: "Sources" }).click();
  await page.getByRole("button", { name: `Sync ${instance} now` }).click();
  await page.waitForURL(new RegExp(`synced=${instance}`));
  await page.getByText(`Synced ${instance} and reconciled`).waitFor();
}

async function shot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `web-${name}.png`), fullPage });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ws = await demoWorkspace();
  web = await startDemoWeb(ws);
  profile = mkdtempSync(join(tmpdir(), "sightline-chromium-"));
  // https://playwright.dev/docs/api/class-browsertype#browser-type-launch-persistent-context
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  browser.setDefaultTimeout(WAIT);
  page = browser.pages()[0] ?? (await browser.newPage());
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  ws?.remove();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("web dashboard in Chromium", { timeout: TEST_TIMEOUT }, () => {
  it("answers 401 to an unauthenticated API request and sends pages to the sign-in form", async () => {
    const res = await browser.request.get(`${web.url}/api/conflicts`);
    expect(res.status()).toBe(401);
    await page.goto(`${web.url}/conflicts`);
    await page.waitForURL(/\/login\?next=/);
    await expect(page.getByLabel("Admin token").isVisible()).resolves.toBe(true);
    await shot("login");
  });

  it("signs in and lists the demo's schedule conflict with its path", async () => {
    await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/conflicts$/);
    const row = page.locator("tbody tr", { hasText: "Go-to-market campaign" }).first();
    await row.waitFor();
    expect(await row.locator("td.path").textContent()).toBe(
      "Backend API integration → QA sign-off for Instant Payouts → Go-to-market campaign",
    );
    expect(await row.locator('td[data-label="Who must act"]').textContent()).toBe("Camille Durand");
    await shot("conflicts");

    await row.getByRole("link", { name: "Go-to-market campaign" }).click();
    await page.locator("svg.chart.wide").waitFor();
    const steps = await page.locator("table").first().locator("tbody th").allTextContents();
    expect(steps).toEqual(["Root cause", "Dependency", "In conflict"]);
    await shot("conflict");
  });

  it("shows the KPIs, actions search and an action with its history", async () => {
    await page.getByRole("link", { name: "KPIs" }).click();
    await page.getByRole("heading", { name: "KPIs and objectives" }).waitFor();
    await shot("kpis");

    await page.getByRole("link", { name: "Actions", exact: true }).click();
    await page.getByLabel("Search id, title or owner").fill("payouts");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=payouts/);
    await shot("actions");
    await page.goto(`${web.url}/actions/${encodeURIComponent("jira-eng:PAY-142")}`);
    await page.getByRole("heading", { name: "History" }).waitFor();
    await shot("action");
  });

  it("maps the demo sheet: shows row errors of a wrong transform, saves, and the next sync uses the mapping", async () => {
    await page.goto(`${web.url}/mapping?instance=mkt-plan`);
    const summary = page.locator("#preview-summary");
    await summary.filter({ hasText: /^4 of 4 rows map to actions; 0 row errors/ }).waitFor();
    const status = page.locator('tr[data-column="Status"]');
    expect(await status.locator(".field-select").inputValue()).toBe("status");

    // The wrong transform: without the status table, "WIP" and "Not started" are not statuses.
    await status.locator(".transform-select").selectOption("lower");
    await summary.filter({ hasText: "3 row errors" }).waitFor();
    const errors = await page.locator("#preview-errors tbody tr").allTextContents();
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/MKT-7.*Status/);
    await shot("mapping-row-errors");

    // Saved as it is, the next sync quarantines those rows and the Sources page says where and why.
    await page.getByRole("button", { name: "Save mapping" }).click();
    await page.getByText("The next sync of mkt-plan uses it.").waitFor();
    await syncFromSources("mkt-plan");
    const quarantined = page.locator("#source-mkt-plan table tbody tr");
    expect(await quarantined.count()).toBe(3);
    expect(await quarantined.first().textContent()).toMatch(/row 3.*MKT-7.*Status.*unknown status "WIP"/s);
    await shot("sources-quarantine");

    // Reopened, the editor preselects the suggestion again: the status table built from the sheet's values.
    await page.goto(`${web.url}/mapping?instance=mkt-plan`);
    await summary.filter({ hasText: /^4 of 4 rows map to actions; 0 row errors/ }).waitFor();
    expect(await status.locator(".transform-select").inputValue()).toBe("enum");
    await status.getByLabel("WIP").selectOption("blocked");
    // The live preview follows the table: the campaign now reads as blocked.
    await page
      .locator("#preview-actions tbody tr", { hasText: "MKT-7" })
      .filter({ hasText: "blocked" })
      .waitFor();
    await page.getByRole("button", { name: "Save mapping" }).click();
    await page.getByText("The next sync of mkt-plan uses it.").waitFor();
    await shot("mapping-saved");

    await syncFromSources("mkt-plan");
    expect(await page.locator("#source-mkt-plan").getByText("No quarantined records.").count()).toBe(1);
    await shot("sources");

    await page.goto(`${web.url}/actions/${encodeURIComponent("mkt-plan:MKT-7")}`);
    const statusValue = page
      .locator("dl.facts dt", { hasText: "Status" })
      .locator("xpath=following-sibling::dd[1]");
    expect(await statusValue.textContent()).toBe("blocked");
  });

  it("stays readable on a phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${web.url}/conflicts`);
    await page.locator("td.path").first().waitFor();
    // Nothing but the tables' own scroll boxes may be wider than the screen.
    const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await shot("conflicts-phone", false);
    await page.goto(`${web.url}/mapping?instance=mkt-plan`);
    await page.locator("#preview-summary", { hasText: "rows map" }).waitFor();
    expect(
      await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
    ).toBeLessThanOrEqual(0);
    await shot("mapping-phone", false);
  });

  it("has no serious or critical axe-core violation on any page, at 1440 and at 390 px", async () => {
    const conflict = `/conflicts/${encodeURIComponent("schedule|mkt-plan:MKT-7")}`;
    const pages = [
      "/conflicts",
      conflict,
      `${conflict}?decided=acknowledged`,
      "/kpis",
      "/report",
      "/actions?q=payouts",
      `/actions/${encodeURIComponent("jira-eng:PAY-142")}`,
      "/sources",
      "/mapping",
      "/mapping?instance=mkt-plan",
      "/conflicts/no-such-conflict",
    ];
    const found: string[] = [];
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of pages) {
        await page.goto(`${web.url}${path}`);
        await page.locator("main").waitFor();
        if (path.includes("instance="))
          await page.locator("#preview-summary", { hasText: "rows map" }).waitFor();
        for (const v of await seriousViolations(page)) found.push(`${width}px ${path}: ${v}`);
      }
    }
    // The sign-in page, signed out in a fresh context of the same browser.
    const guest = await browser.browser()?.newContext();
    if (guest) {
      const login = await guest.newPage();
      for (const width of [1440, 390]) {
        await login.setViewportSize({ width, height: 900 });
        await login.goto(`${web.url}/login`);
        for (const v of await seriousViolations(login)) found.push(`${width}px /login: ${v}`);
      }
      await guest.close();
    }
    expect(found).toEqual([]);
  });

  it("draws the portfolio timeline at phone size with text as large as the page's", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${web.url}/conflicts`);
    const narrow = page.locator("svg.chart.narrow");
    await narrow.waitFor();
    expect(await page.locator("svg.chart.wide").isVisible()).toBe(false);
    // Rendered size of the labels: the drawing is not shrunk below 12 px text on a phone.
    const px = await narrow.evaluate((svg) => {
      const text = svg.querySelector("text.lbl");
      if (!text) return 0;
      return text.getBoundingClientRect().height;
    });
    expect(px).toBeGreaterThanOrEqual(12);
    expect(await narrow.locator("text.lbl").allTextContents()).toContain("Backend API integration");
    await narrow.screenshot({ path: join(ARTIFACTS, "web-portfolio-phone.png") });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${web.url}/conflicts`);
    await page.locator("svg.chart.wide").waitFor();
    expect(await narrow.isVisible()).toBe(false);
    await page.locator("svg.chart.wide").screenshot({ path: join(ARTIFACTS, "web-portfolio.png") });
  });
});
