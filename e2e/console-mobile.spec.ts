import { expect, test } from "@playwright/test";
import { defaultBillDate } from "../server/domain/reconciliation";
import { USERS, shot, signIn } from "./fixtures/auth";

test.describe("the console on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the menu button opens the navigation, and choosing a page closes it", async ({ page }) => {
    await signIn(page, USERS.finance);
    await page.goto("/console/M10000001");
    await page.getByRole("button", { name: "菜单" }).click();
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByRole("link", { name: "退款" })).toBeVisible();
    await shot(page, "console-mobile-menu");
    await drawer.getByRole("link", { name: "支付订单", exact: true }).click();
    await expect(page).toHaveURL(/\/console\/M10000001\/pay-orders$/);
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("支付订单");
  });

  test("finance reads the reconciliation calendar, the discrepancy queue and a difference on a phone", async ({ page }) => {
    await signIn(page, USERS.finance);
    const yesterday = defaultBillDate();
    await page.goto(`/console/M10000001/reconciliation?month=${yesterday.slice(0, 7)}`);
    await expect(page.getByRole("heading", { name: "对账", level: 1 })).toBeVisible();
    await expect(page.getByTestId("recon-schedule")).toBeVisible();
    await shot(page, "reconciliation-phone-home");
    await page.goto("/console/M10000001/reconciliation/differences?status=ALL");
    const row = page.getByTestId("difference-row").first();
    // the seed's runs are reconciled by the worker as the server starts: reload until the difference is found
    await expect(async () => {
      await page.reload();
      await expect(row).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 90_000 });
    await shot(page, "reconciliation-phone-queue");
    await row.getByTestId("difference-link").click();
    await expect(page.getByTestId("side-channel")).toBeVisible();
    await shot(page, "reconciliation-phone-difference");
    // the page itself never scrolls sideways on a phone (wide tables scroll inside their own frame)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("finance reads the statements, a statement with its lines, and the profit-sharing pages on a phone", async ({ page }) => {
    await signIn(page, USERS.finance);
    const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto("/console/M10000001/settlement");
    await expect(page.getByRole("heading", { name: "结算", level: 1 })).toBeVisible();
    const row = page.getByTestId("statement-row").first();
    await expect(row).toBeVisible();
    await fits();
    await shot(page, "settlement-phone-list");
    await row.getByTestId("statement-link").click();
    await expect(page.getByTestId("statement-summary")).toContainText("应结金额");
    await page.getByTestId("statement-line").first().getByTestId("line-entries-toggle").click();
    await expect(page.getByTestId("line-entry").first()).toBeVisible();
    await fits();
    await shot(page, "settlement-phone-detail");
    await page.goto("/console/M10000001/profit-sharing");
    await expect(page.getByRole("heading", { name: "分账", level: 1 })).toBeVisible();
    await fits();
    await shot(page, "profit-sharing-phone-receivers");
    await page.goto("/console/M10000001/profit-sharing/rules");
    await expect(page.getByRole("heading", { name: "分账", level: 1 })).toBeVisible();
    await fits();
    await shot(page, "profit-sharing-phone-rules");
  });
});
