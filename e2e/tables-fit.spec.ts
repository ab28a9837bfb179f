import { expect, test, type Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { USERS, signIn } from "./fixtures/auth";

/**
 * Issue #21, tables that fit a laptop: at 1366 px every table of the console and the operator platform either fits
 * its frame, or its frame is marked scrollable and shows the edge cue. A phone (390 px) shows the cue on the main
 * lists. Full-page screenshots of every page land in test-results/screens/ (look at them; see screensIn).
 */
const MCH = "M10000001";
const CONSOLE = [
  "",
  "apps",
  "audit",
  "buyers",
  "channels",
  "complaints",
  "ledger",
  "members",
  "monitoring",
  "monitoring/incidents",
  "monitoring/rules",
  "monitoring/targets",
  "orders",
  "pay-orders",
  "pos",
  "profit-sharing",
  "profit-sharing/rules",
  "qr-codes",
  "reconciliation",
  "reconciliation/differences?status=ALL",
  "refunds",
  "reports",
  "requests",
  "risk",
  "risk/decisions",
  "risk/lists",
  "risk/reviews",
  "routing",
  "settings",
  "settlement",
  "webhooks",
].map((path) => `/console/${MCH}${path ? `/${path}` : ""}`);
const ADMIN = ["", "audit", "callbacks", "complaints", "monitoring", "monitoring/incidents", "monitoring/rules", "monitoring/targets", "reports", "reviews", "risk"].map(
  (path) => `/admin${path ? `/${path}` : ""}`,
);
/** The main lists and their row's test id: with rows, a phone cannot show them whole, so the cue must show. */
const MAIN_LISTS = [
  ["pay-orders", "order-row"],
  ["refunds", "refund-row"],
  ["orders", "order-center-row"],
  ["ledger", "ledger-row"],
  ["settlement", "statement-row"],
  ["requests", "request-log-link"],
].map(([path, row]) => [`/console/${MCH}/${path}`, row] as const);

type TableReport = { index: number; label: string; overflow: boolean; marked: boolean; cue: boolean; clipped: boolean; scrollWidth: number; clientWidth: number };

/** Every visible table of the page: does it overflow its frame, and if so does it say so? */
async function tables(page: Page): Promise<TableReport[]> {
  // the frames measure themselves after hydration (ResizeObserver): give them a moment
  await page.waitForTimeout(400);
  return page.evaluate(() =>
    [...document.querySelectorAll("table")]
      .filter((table) => table.getClientRects().length > 0)
      .map((table, index) => {
        const frame = (table.closest('[data-slot="table-container"]') ?? table.parentElement) as HTMLElement;
        const cue = frame.parentElement?.querySelector<HTMLElement>('[data-slot="scroll-cue"][data-edge="right"]');
        const overflow = frame.scrollWidth > frame.clientWidth + 1;
        return {
          index,
          label: table.getAttribute("aria-label") ?? table.querySelector("th")?.textContent ?? "",
          overflow,
          marked: frame.dataset.scrollable === "true" && getComputedStyle(frame).overflowX !== "hidden" && getComputedStyle(frame).overflowX !== "visible",
          cue: !!cue && cue.dataset.visible === "true" && getComputedStyle(cue).display !== "none",
          // the frame itself cut by the window: columns hidden with no way to reach them
          clipped: frame.getBoundingClientRect().right > window.innerWidth + 1,
          scrollWidth: frame.scrollWidth,
          clientWidth: frame.clientWidth,
        };
      }),
  );
}

async function expectTablesFit(page: Page, url: string) {
  for (const t of await tables(page)) {
    expect(t.clipped, `${url}: table ${t.index} (${t.label}) runs past the window`).toBe(false);
    if (t.overflow) expect(t.marked && t.cue, `${url}: table ${t.index} (${t.label}) hides ${t.scrollWidth - t.clientWidth} px without a scroll cue`).toBe(true);
  }
  // the page itself never scrolls sideways: wide tables scroll inside their own frame
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url}: the page scrolls sideways`).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
}

/**
 * Full-page screenshots of every page land in test-results/screens/ (look at them): in Chinese, the default, on every run;
 * in English too with E2E_SCREENS=all (the same layout; the English pages run in ≈ 23 s a half without them, 25 s with).
 */
const screensIn = (locale: string) => locale === "zh-CN" || process.env.E2E_SCREENS === "all";
const screenName = (url: string, locale: string) => `test-results/screens/${url.replace(/^\//, "").replace(/[/?=&]/g, "_")}-${locale}.png`;

// the tests share nothing: Playwright may spread them over both workers (the console's pages in halves, for balance)
test.describe.configure({ mode: "parallel" });

const half = Math.ceil(CONSOLE.length / 2);
const PAGE_SETS = [
  { name: "console lists, first half", user: USERS.owner, urls: CONSOLE.slice(0, half) },
  { name: "console lists, second half", user: USERS.owner, urls: CONSOLE.slice(half) },
  { name: "operator lists", user: USERS.admin, urls: ADMIN },
];

for (const locale of ["zh-CN", "en"] as const) {
  test.describe(`tables at 1366 px (${locale})`, () => {
    test.use({ viewport: { width: 1366, height: 800 } });

    for (const set of PAGE_SETS) {
      test(`every page fits or shows it scrolls: ${set.name} (${locale})`, async ({ page, baseURL }) => {
        test.setTimeout(240_000);
        await signIn(page, set.user);
        await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL! }]);
        for (const url of set.urls) {
          await page.goto(url);
          await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
          await expectTablesFit(page, url);
          if (screensIn(locale)) await page.screenshot({ path: screenName(url, locale), fullPage: true });
        }
      });
    }
  });
}

test.describe("tables on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the main lists scroll inside their frame and show the cue", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, USERS.owner);
    let cued = 0;
    for (const [url, rowTestId] of MAIN_LISTS) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      const reports = await tables(page);
      // an empty list may fit a phone (the seed's orders of the order center come from a job); one with rows may not
      const hasRows = (await page.getByTestId(rowTestId).count()) > 0;
      if (!hasRows) {
        await expectTablesFit(page, url);
        continue;
      }
      expect(reports.length, `${url}: a table`).toBeGreaterThan(0);
      cued += 1;
      for (const t of reports.slice(0, 1)) {
        expect(t.overflow && t.marked && t.cue, `${url}: table ${t.index} (${t.label}) on a phone: overflow ${t.overflow}, marked ${t.marked}, cue ${t.cue}`).toBe(true);
      }
      await expectTablesFit(page, url);
      await page.screenshot({ path: screenName(url, "phone"), fullPage: true });
    }
    expect(cued, "main lists with rows on a phone").toBeGreaterThanOrEqual(2);
  });
});

test.describe("ids and columns", () => {
  test.use({ viewport: { width: 1366, height: 800 } });

  test("a copy button copies the whole id, and a column chosen away stays away after a reload", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await signIn(page, USERS.owner);
    await page.goto(`/console/${MCH}/pay-orders`);
    // the row is pinned by its number: other specs' orders may arrive at the top of the list meanwhile
    const payOrderNo = (await page.getByTestId("order-row").first().getByRole("link").first().textContent())?.trim() ?? "";
    expect(payOrderNo).not.toBe("");
    const row = page.getByTestId("order-row").filter({ hasText: payOrderNo });
    await row.locator('[data-slot="copy-id"]').first().click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(payOrderNo);
    await expect(row.locator('[data-slot="copy-id"]').first()).toHaveAttribute("aria-label", "已复制");

    const header = page.locator('[data-columns="payOrders"] th[data-col="createdAt"]');
    await expect(header).toBeVisible();
    await page.getByTestId("column-chooser").click();
    await page.getByRole("menuitemcheckbox", { name: "创建时间" }).click();
    await page.keyboard.press("Escape");
    await expect(header).toBeHidden();
    await expect(row.locator('td[data-col="createdAt"]')).toBeHidden();
    await page.reload();
    await expect(page.getByTestId("order-row").first()).toBeVisible();
    await expect(header).toBeHidden();
    // and back
    await page.getByTestId("column-chooser").click();
    await page.getByRole("menuitemcheckbox", { name: "创建时间" }).click();
    await page.keyboard.press("Escape");
    await expect(header).toBeVisible();
  });

  test("the ledger speaks English without code names", async ({ page, baseURL }) => {
    await signIn(page, USERS.owner);
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    await page.goto(`/console/${MCH}/ledger`);
    await expect(page.getByTestId("ledger-row").first()).toBeVisible();
    const text = await page.locator("main").innerText();
    expect(text).not.toMatch(/\b(payOrderNo|mchOrderNo|refundNo|tradeId)\b/);
    expect(await page.getByRole("textbox").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).placeholder).join(" "))).not.toMatch(/payOrderNo|mchOrderNo/);
  });
});
