import { expect, type Page, test } from "@playwright/test";
import { defaultBillDate } from "../server/domain/reconciliation";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { USERS, shot, signIn } from "./fixtures/auth";

const MCH = "M10000001";

/**
 * Waits on a run's page for the run to have succeeded. The page polls while the run is under way; a
 * download that failed (the app was still starting) waits for the job's retry, which the page only
 * shows on reload.
 */
async function runSucceeded(page: Page) {
  const status = page.getByTestId("run-progress").getByTestId("run-status");
  await expect(async () => {
    if ((await status.textContent()) === "失败") await page.reload();
    await expect(status).toHaveText("已完成", { timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
}

/**
 * Reconciliation (对账) as finance does it, on the demo seed's yesterday, reconciled for real by the worker
 * from the sandbox's bills: the WeChat Pay sandbox account's bill charges one fen more fee on one payment
 * than the journal has. Finance opens yesterday's run, sees the discrepancy, accepts the channel's figure
 * (a fee_adjustment entry) and the day shows closed; reconciling the day again leaves it closed.
 */
test.describe("reconciliation in the console", () => {
  test.use({ viewport: { width: 1366, height: 900 } });
  const yesterday = defaultBillDate();
  const month = yesterday.slice(0, 7);

  test("finance opens yesterday's run, resolves its discrepancy by the channel's figure, the day closes and stays closed when reconciled again", async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, USERS.finance);
    await page.getByRole("link", { name: "对账", exact: true }).click();
    await expect(page).toHaveURL(`/console/${MCH}/reconciliation`);
    await expect(page.getByRole("heading", { name: "对账", level: 1 })).toBeVisible();
    const day = page.locator(`[data-testid="calendar-day"][data-date="${yesterday}"]`);

    // the seed queued the day's runs; the worker downloads the bills from the sandbox: wait on the WeChat Pay run's page
    await day.click();
    const runs = page.getByTestId("run-row");
    await expect(runs).toHaveCount(3); // WeChat Pay, Alipay, UnionPay
    await runs.filter({ hasText: "微信支付" }).getByTestId("run-link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(yesterday);
    await runSucceeded(page);
    await expect(page.getByTestId("day-closure")).toHaveText("当日未平：还有 1 笔差错");
    await expect(page.getByTestId("open-count")).toHaveText("1");
    await shot(page, "reconciliation-run");

    await page.goto(`/console/${MCH}/reconciliation`);
    await expect(day).toHaveAttribute("data-state", "open");
    await expect(day).toContainText("1 笔待处理");
    await shot(page, "reconciliation-home");
    await day.click();
    await expect(runs).toHaveCount(3); // WeChat Pay, Alipay, UnionPay
    const wechat = runs.filter({ hasText: "微信支付" });
    await expect(wechat).toContainText("手续费不符 1");
    // Alipay's run is queued right behind WeChat Pay's
    await expect(async () => {
      await page.reload();
      await expect(runs.filter({ hasText: "支付宝" })).toContainText("已平", { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await wechat.getByTestId("run-link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(yesterday);
    await expect(page.getByTestId("run-progress").getByTestId("run-status")).toHaveText("已完成");

    await page.getByTestId("run-differences-link").click();
    const rows = page.getByTestId("difference-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("手续费不符");
    await expect(rows.first()).toContainText("¥0.01");
    await expect(rows.first()).toContainText("待处理");
    await shot(page, "reconciliation-queue");
    await rows.first().getByTestId("difference-link").click();

    await expect(page.getByRole("heading", { level: 1 })).toContainText("差错详情");
    await expect(page.getByTestId("side-channel")).toContainText("渠道账单");
    await expect(page.getByTestId("side-local")).toContainText("平台流水");
    await expect(page.getByTestId("difference-delta")).toContainText("¥0.01");
    await page.getByLabel("添加备注").fill("渠道确认按新费率收取");
    await page.getByRole("button", { name: "发送" }).click();
    await expect(page.getByTestId("comments")).toContainText("渠道确认按新费率收取");
    await shot(page, "reconciliation-difference");

    await page.getByTestId("resolve-button").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel(/以渠道为准/)).toBeChecked();
    await shot(page, "reconciliation-resolve-dialog");
    await dialog.getByTestId("resolve-submit").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("difference-status")).toHaveText("以渠道为准");
    await expect(page.getByTestId("adjustment-entry")).toContainText("手续费调整");
    await expect(page.getByTestId("difference-history")).toContainText("处理差错");

    await page.goto(`/console/${MCH}/reconciliation?month=${month}`);
    await expect(page.locator(`[data-testid="calendar-day"][data-date="${yesterday}"]`)).toHaveAttribute("data-state", "closed");
    await expect(page.locator(`[data-testid="calendar-day"][data-date="${yesterday}"]`)).toContainText("已平");
    await shot(page, "reconciliation-closed");

    // reconciling the day again finds the same bill: the resolved difference stays resolved, the day closed
    await page.getByTestId("start-run").click();
    const start = page.getByRole("dialog");
    await start.getByLabel("渠道账户").selectOption({ label: "微信支付 · 沙箱" });
    await start.getByLabel("账单日").fill(yesterday);
    await start.getByRole("button", { name: "开始对账" }).click();
    await expect(page).toHaveURL(/\/reconciliation\/runs\//);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(yesterday);
    await runSucceeded(page);
    await expect(page.getByTestId("run-progress")).toContainText("手动发起");
    await expect(page.getByTestId("day-closure")).toHaveText("✓ 当日已平");
    await expect(page.getByTestId("open-count")).toHaveText("0");
    await page.goto(`/console/${MCH}/reconciliation/differences?status=ALL`);
    await expect(page.getByTestId("difference-row")).toHaveCount(1);
    await expect(page.getByTestId("difference-row").first()).toContainText("以渠道为准");
    await page.goto(`/console/${MCH}/reconciliation?month=${month}`);
    await expect(page.locator(`[data-testid="calendar-day"][data-date="${yesterday}"]`)).toHaveAttribute("data-state", "closed");
  });

  test("the pages speak English on request, and a viewer cannot open them", async ({ page, baseURL }) => {
    await signIn(page, USERS.finance);
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    await page.goto(`/console/${MCH}/reconciliation?month=${month}&from=${yesterday}&to=${yesterday}`);
    await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reconcile a day" })).toBeVisible();
    await expect(page.getByTestId("recon-schedule")).toContainText("Daily reconciliation");
    await shot(page, "reconciliation-home-en");
    await page.getByRole("button", { name: "Reconcile a day" }).click();
    await expect(page.getByRole("dialog")).toContainText("Start a reconciliation");
    await shot(page, "reconciliation-start-en");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).first().click();

    await page.goto(`/console/${MCH}/reconciliation/differences?status=ALL`);
    await expect(page.getByRole("heading", { name: "Discrepancy queue", level: 1 })).toBeVisible();
    const row = page.getByTestId("difference-row").first();
    await expect(row).toContainText("Fee differs");
    await expect(row).toContainText("Channel's figure accepted");
    await shot(page, "reconciliation-queue-en");
    await row.getByTestId("difference-link").click();
    await expect(page.getByTestId("side-channel")).toContainText("Channel's bill");
    await expect(page.getByTestId("adjustment-entry")).toContainText("Fee adjustment");
    await shot(page, "reconciliation-difference-en");

    await page.context().clearCookies();
    await signIn(page, USERS.viewer);
    await expect(page.getByRole("link", { name: "对账", exact: true })).toHaveCount(0);
    await page.goto(`/console/${MCH}/reconciliation`);
    await expect(page.getByText("没有访问权限")).toBeVisible();
  });
});
