import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot, signIn, USERS } from "./fixtures/auth";

// Finance reads the ledger (流水): payments made through the Open API and the sandbox show up in
// one row format, the filters narrow them, the totals follow, the CSV export downloads; then the
// dashboards, and the roles that may not see any of it.

const MCH = "M10000001";

test.describe("finance: ledger, dashboards, exports", () => {
  test.describe.configure({ mode: "serial" });
  const store = `E2E${Date.now().toString(36).toUpperCase()}`;
  const paid: string[] = [];

  test.beforeAll(async ({ baseURL }) => {
    const call = openApiClient(baseURL as string, DEMO_APP);
    for (const [i, order] of [
      { channel: "wechatpay", mode: "native", amount: 12800 },
      { channel: "alipay", mode: "qr", amount: 5000 },
    ].entries()) {
      const created = await call("/api/v1/pay-orders", { body: { mchOrderNo: `LEDGER${Date.now()}${i}`, subject: "布艺沙发 Sofa", metadata: { storeId: store }, ...order } });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const simulated = await call(`/api/v1/sandbox/pay-orders/${created.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
      expect(simulated.status).toBe(202);
      paid.push(created.json.payOrderNo);
    }
    await expect.poll(async () => Promise.all(paid.map(async (no) => (await call(`/api/v1/pay-orders/${no}`)).json.status)), { timeout: 20_000 }).toEqual(["PAID", "PAID"]);
    const refund = await call("/api/v1/refunds", { body: { payOrderNo: paid[0], mchRefundNo: `${paid[0]}-R1`, amount: 2800, reason: "尺寸不合适" } });
    expect(refund.status).toBe(201);
    await expect.poll(async () => (await call(`/api/v1/refunds/${refund.json.refundNo}`)).json.status, { timeout: 30_000 }).toBe("SUCCEEDED");
  });

  test("filters the ledger, sees the totals, exports CSV and downloads it", async ({ page }) => {
    await signIn(page, USERS.finance);
    await page.getByRole("link", { name: "流水" }).click();
    await expect(page).toHaveURL(`/console/${MCH}/ledger`);
    await expect(page.getByRole("heading", { name: "流水", level: 1 })).toBeVisible();
    await expect(page.getByTestId("ledger-row").first()).toBeVisible();

    const filters = page.getByTestId("ledger-filters");
    await filters.getByLabel("门店").fill(store);
    await filters.getByRole("button", { name: "查询" }).click();
    const rows = page.getByTestId("ledger-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText("退款");
    await expect(rows.nth(0)).toContainText("-¥28.00");
    await expect(page.getByTestId("ledger-table")).toContainText(paid[1]);
    await expect(page.getByTestId("total-count")).toHaveText("3");
    await expect(page.getByTestId("total-amount")).toHaveText("¥150.00");
    await shot(page, "ledger-filtered");

    await filters.getByLabel("渠道").selectOption("alipay");
    await filters.getByRole("button", { name: "查询" }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("支付宝");
    await expect(rows.first()).toContainText("¥50.00");
    await expect(page.getByTestId("total-amount")).toHaveText("¥50.00");

    await filters.getByLabel("最小金额（元）").fill("1.234");
    await filters.getByRole("button", { name: "查询" }).click();
    await expect(filters.getByText("请输入金额，最多两位小数")).toBeVisible();
    await filters.getByLabel("最小金额（元）").fill("");
    await filters.getByLabel("渠道").selectOption("");
    await filters.getByRole("button", { name: "查询" }).click();
    await expect(rows).toHaveCount(3);

    await page.getByRole("button", { name: "导出 CSV" }).click();
    const ready = page.getByTestId("export-ready");
    await expect(ready).toContainText("导出完成：3 行", { timeout: 30_000 });
    await shot(page, "ledger-export-ready");
    const [download] = await Promise.all([page.waitForEvent("download"), ready.getByRole("link").click()]);
    expect(download.suggestedFilename()).toMatch(/^ledger-\d{8}-\d{6}\.csv$/);
    const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("金额 (元),金额 (分)");
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`${paid[0]}`);
    expect(csv).toContain("128.00,12800");
    expect(csv).toContain("-28.00,-2800");
    expect(csv).toContain("50.00,5000");
  });

  test("opens the dashboards: figures, charts and their tables", async ({ page }) => {
    await signIn(page, USERS.finance);
    await page.goto(`/console/${MCH}/reports`);
    await expect(page.getByRole("heading", { name: "报表", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "今天" }).click();
    await expect(page.getByTestId("kpi-gmv")).toContainText("¥");
    await expect(page.getByTestId("chart-gmv").locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("chart-mix").locator(".recharts-surface").first()).toBeVisible();
    await shot(page, "reports-today");
    const gmv = page.getByTestId("chart-gmv");
    await gmv.getByRole("tab", { name: "表格" }).click();
    await expect(gmv.getByRole("table")).toBeVisible();
    await expect(gmv.getByRole("row")).toHaveCount(25);
    await shot(page, "reports-today-table");

    await page.getByLabel("开始日期").fill("2020-01-01");
    await page.getByLabel("结束日期").fill("2020-01-07");
    await page.getByTestId("report-controls").getByRole("button", { name: "查询" }).click();
    await expect(page.getByTestId("reports-empty")).toContainText("所选范围内没有交易");
    await shot(page, "reports-empty");
  });

  test("keeps the ledger and reports from developers and viewers", async ({ page }) => {
    await signIn(page, USERS.viewer);
    await expect(page.getByRole("link", { name: "流水" })).toHaveCount(0);
    const response = await page.goto(`/console/${MCH}/ledger`);
    expect(response?.status()).toBe(403);
    const reports = await page.goto(`/console/${MCH}/reports`);
    expect(reports?.status()).toBe(403);
  });

  test("operators see the dashboards across merchants", async ({ page }) => {
    await signIn(page, USERS.admin);
    await page.goto("/admin/reports");
    await expect(page.getByRole("heading", { name: "平台报表", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "今天" }).click();
    await expect(page.getByTestId("kpi-orders")).not.toHaveText("0");
    await shot(page, "admin-reports");
  });
});
