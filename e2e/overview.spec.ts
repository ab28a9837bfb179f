import { expect, type Page, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { USERS, shot, signIn } from "./fixtures/auth";

// the tests share nothing: Playwright may spread them over both workers
test.describe.configure({ mode: "parallel" });

const MCH = "M10000001";

/** Each attention item and the page it must land on (path and query), as the owner sees them all. */
const ITEMS = [
  { key: "refundReviews", url: /\/refunds\?status=PENDING_REVIEW$/ },
  { key: "failingWebhooks", url: /\/webhooks\?status=FAILED$/ },
  { key: "trippedBreakers", url: /\/routing$/ },
  { key: "reconDifferences", url: /\/reconciliation\/differences\?status=OPEN$/ },
  { key: "complaints", url: /\/complaints\?status=OPEN$/ },
  { key: "riskReviews", url: /\/risk\/reviews$/ },
  { key: "incidents", url: /\/monitoring\/incidents$/ },
] as const;

const LANGUAGES = [
  { locale: "zh-CN", title: "待处理事项", trend: "近 7 天趋势", table: "表格" },
  { locale: "en", title: "Needs attention", trend: "Last 7 days", table: "Table" },
] as const;

/** Every table on the page fits its frame, or its frame scrolls (never a column cut off without a cue). */
async function tablesFit(page: Page) {
  const overflowing = await page.locator("[data-slot=table-container]").evaluateAll((frames) =>
    frames.filter((f) => f.scrollWidth > f.clientWidth && getComputedStyle(f).overflowX !== "auto").length,
  );
  expect(overflowing).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

for (const lang of LANGUAGES) {
  test.describe(`the overview in ${lang.locale}`, () => {
    test.beforeEach(async ({ page, baseURL }) => {
      await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang.locale, url: baseURL! }]);
      await signIn(page, USERS.owner);
    });

    test("every attention item links to the page where it is handled", async ({ page }) => {
      await page.setViewportSize({ width: 1366, height: 800 });
      await page.goto(`/console/${MCH}`);
      const panel = page.getByTestId("needs-attention");
      await expect(panel.getByRole("heading", { name: lang.title })).toBeVisible();
      await expect(panel.getByRole("link")).toHaveCount(ITEMS.length);
      for (const item of ITEMS) {
        await page.goto(`/console/${MCH}`);
        const link = page.getByTestId(`attention-${item.key}`);
        await expect(link).toHaveAttribute("data-count", /^\d+$/);
        await link.click();
        await expect(page).toHaveURL(item.url);
        // the page itself, not a 403 or 404 in the shell
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.getByTestId("status-title")).toHaveCount(0);
      }
    });

    test("the 7-day trend has 7 points, today vs yesterday and the latest activity show, tables fit", async ({ page }) => {
      for (const viewport of [{ width: 1366, height: 800, name: "1366" }, { width: 390, height: 844, name: "390" }]) {
        await page.setViewportSize(viewport);
        await page.goto(`/console/${MCH}`);
        const trend = page.getByTestId("chart-trend");
        await expect(trend.getByRole("heading", { name: lang.trend })).toBeVisible();
        await expect(trend.locator(".recharts-xAxis .recharts-cartesian-axis-tick")).toHaveCount(7);
        for (const key of ["volume", "payments", "successRate", "refunds"]) await expect(page.getByTestId(`stat-${key}`)).toBeVisible();
        await expect(page.getByTestId("latest-payments")).toBeVisible();
        await expect(page.getByTestId("latest-refunds")).toBeVisible();
        await tablesFit(page);
        await shot(page, `overview-${lang.locale}-${viewport.name}`);
        await trend.getByRole("tab", { name: lang.table }).click();
        await expect(trend.getByRole("table").locator("tbody tr")).toHaveCount(7);
      }
    });

    test("the reports page, for a look at the history (screenshots)", async ({ page }) => {
      for (const viewport of [{ width: 1366, height: 800, name: "1366" }, { width: 390, height: 844, name: "390" }]) {
        await page.setViewportSize(viewport);
        await page.goto(`/console/${MCH}/reports`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await shot(page, `reports-${lang.locale}-${viewport.name}`);
      }
    });
  });
}
