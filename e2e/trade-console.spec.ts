import { expect, type Page, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { USERS, shot, signIn } from "./fixtures/auth";

/**
 * The trade center in the console: the buyers page (会员资产), a coupon issued to a buyer through the
 * dialog (one buyer, then a CSV list with a bad row), the buyer's page, and an order paid by a trade
 * (points + WeChat Pay, through the Open API) with its parts and the coordinator's history. Screenshots
 * of every page in zh-CN and en at 1366 px.
 */
test.describe("trade center console", () => {
  test.use({ viewport: { width: 1366, height: 900 } });
  const stamp = Date.now().toString(36).toUpperCase();
  const buyerId = `U-TC-${stamp}`;

  /** The buyer holds 1,000 points (a grant) and pays an order of ¥100.00 with 500 points and the rest by WeChat Pay. */
  async function tradedOrder(baseURL: string) {
    const api = openApiClient(baseURL, DEMO_APP);
    const granted = await api(`/api/v1/buyers/${buyerId}/points/grants`, { body: { grantNo: `G-${stamp}`, points: 1000, reason: "welcome" } });
    expect(granted.status, JSON.stringify(granted.json)).toBe(201);
    const created = await api("/api/v1/orders", {
      body: {
        sourceOrderNo: `E2E-TC-${stamp}`,
        type: "standard",
        scene: "mall",
        storeId: "S01",
        buyer: { id: buyerId, name: "王五" },
        lines: [{ sku: "LAMP-1", name: "落地灯", quantity: 1, unitPrice: 10_000 }],
        payableAmount: 10_000,
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const orderNo = created.json.orderNo as string;
    const trade = await api(`/api/v1/orders/${orderNo}/trades`, { body: { tradeNo: `TR-${stamp}`, deductMode: "lock", points: 500, channel: "wechatpay", mode: "native" } });
    expect(trade.status, JSON.stringify(trade.json)).toBe(201);
    const channel = (trade.json.parts as { instrument: string; payOrderNo?: string }[]).find((p) => p.instrument === "channel")!;
    const paid = await api(`/api/v1/sandbox/pay-orders/${channel.payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    expect(paid.status, JSON.stringify(paid.json)).toBe(202);
    await expect.poll(async () => (await api(`/api/v1/trades/${trade.json.tradeId}`)).json.status, { timeout: 30_000 }).toBe("SUCCEEDED");
    return { orderNo, tradeId: trade.json.tradeId as string };
  }

  async function english(page: Page, baseURL: string) {
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL }]);
  }

  test("an owner issues a coupon to a buyer, sees it on the buyer's page, and sees the order's trade", async ({ page, baseURL }) => {
    const { orderNo, tradeId } = await tradedOrder(baseURL!);
    await signIn(page, USERS.owner);

    // the buyers page, found by id prefix
    await page.goto("/console/M10000001");
    await page.getByRole("link", { name: "会员资产" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("会员资产");
    await page.getByLabel("买家 ID").fill(`U-TC-${stamp}`);
    await page.getByRole("button", { name: "查询" }).click();
    const rows = page.getByTestId("buyer-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("500 积分");
    await shot(page, "trade-console-buyers-zh");

    // 发券 to that buyer through the dialog: a bad value first (a field error), then a good one
    await page.getByTestId("issue-coupons").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("买家 ID").fill(buyerId);
    await dialog.getByLabel("面额（元）").fill("0");
    await dialog.getByLabel("使用门槛（元）").fill("50");
    const until = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await dialog.getByLabel("有效期至").fill(until);
    await dialog.getByRole("button", { name: "发放" }).click();
    await expect(dialog.getByText("请输入大于 0 的金额（元），最多两位小数")).toBeVisible();
    await dialog.getByLabel("面额（元）").fill("20");
    await dialog.getByRole("button", { name: "发放" }).click();
    await expect(dialog.getByTestId("issue-result")).toContainText("已发放优惠券");
    await shot(page, "trade-console-issue-dialog-zh");

    // a CSV list: two good rows, one bad, each with its result
    await dialog.getByTestId("issue-tab-csv").click();
    const csv = `buyerId,type,value,minSpend,expiresAt,couponNo\n${buyerId},percent_off,15,0,${until},\n${buyerId}-2,amount_off,5,0,${until},\n${buyerId},percent_off,150,0,${until},\n`;
    await dialog.getByTestId("coupon-csv-file").setInputFiles({ name: "coupons.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await dialog.getByTestId("coupon-csv-submit").click();
    await expect(dialog.getByTestId("coupon-csv-result")).toContainText("发放 2 张，已存在 0 张，失败 1 行");
    await expect(dialog.getByTestId("coupon-csv-row").nth(2)).toContainText("请输入 1–99 的整数");
    await shot(page, "trade-console-issue-csv-zh");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    // the buyer's page: points, the coupons issued, the movements
    await rows.first().getByRole("link", { name: buyerId }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(buyerId);
    await expect(page.getByTestId("buyer-points-available")).toHaveText("500 积分");
    const coupons = page.getByTestId("buyer-coupon-row");
    await expect(coupons).toHaveCount(2);
    await expect(page.getByTestId("buyer-coupons")).toContainText("减 ¥20.00");
    await expect(page.getByTestId("buyer-coupons")).toContainText("减 15%");
    await expect(coupons.first()).toContainText("可用");
    const movements = page.getByTestId("buyer-movement-row");
    await expect(movements.first()).toContainText("积分抵扣");
    await expect(movements.first()).toContainText("-500 积分");
    await expect(page.getByTestId("buyer-trade-row")).toContainText(orderNo);
    await shot(page, "trade-console-buyer-zh");

    // the order's page: the trade with its parts and history
    await page.getByTestId("buyer-trade-row").getByRole("link", { name: orderNo }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(orderNo);
    const trade = page.locator(`[data-trade-id="${tradeId}"]`);
    await expect(trade.getByTestId("trade-status")).toHaveText("成功");
    await expect(trade.getByTestId("trade-part")).toHaveCount(2);
    await expect(trade.getByTestId("trade-part").first()).toContainText("积分");
    await expect(trade.getByTestId("trade-part").first()).toContainText("已扣减");
    await trade.getByText(/协调记录/).click();
    await expect(trade.getByTestId("trade-step").first()).toContainText("创建交易");
    await shot(page, "trade-console-order-zh");

    // the ledger shows the points as points
    await page.goto("/console/M10000001/ledger");
    await page.getByLabel("单号").fill(buyerId);
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await expect(page.getByTestId("ledger-row").first()).toContainText("积分");
    await expect(page.getByTestId("ledger-totals")).toContainText("积分合计");
    await shot(page, "trade-console-ledger-zh");

    // the same pages in English
    await english(page, baseURL!);
    await page.goto(`/console/M10000001/buyers?q=${encodeURIComponent(`U-TC-${stamp}`)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buyers");
    await shot(page, "trade-console-buyers-en");
    await page.goto(`/console/M10000001/buyers/${encodeURIComponent(buyerId)}`);
    await expect(page.getByTestId("buyer-points-available")).toHaveText("500 pts");
    await shot(page, "trade-console-buyer-en");
    await page.goto(`/console/M10000001/orders/${orderNo}`);
    await expect(page.locator(`[data-trade-id="${tradeId}"]`).getByTestId("trade-status")).toHaveText("Succeeded");
    await shot(page, "trade-console-order-en");
  });

  test("a buyer id with spaces, slashes, percent signs and Chinese opens its own page", async ({ page, baseURL }) => {
    const api = openApiClient(baseURL!, DEMO_APP);
    const odd = `张三 50%41/VIP-${stamp}`;
    const granted = await api(`/api/v1/buyers/${encodeURIComponent(odd)}/points/grants`, { body: { grantNo: `G2-${stamp}`, points: 10 } });
    expect(granted.status, JSON.stringify(granted.json)).toBe(201);
    await signIn(page, USERS.finance);
    await page.goto(`/console/M10000001/buyers?q=${encodeURIComponent("张三 50%")}`);
    await page.getByRole("link", { name: odd }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(odd);
    await expect(page.getByTestId("buyer-points-available")).toHaveText("10 积分");
  });

  test("a viewer reads buyers but issues nothing; a dealer has no buyers page", async ({ page }) => {
    await signIn(page, USERS.viewer);
    await page.goto("/console/M10000001/buyers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("会员资产");
    await expect(page.getByTestId("issue-coupons")).toHaveCount(0);
    await page.context().clearCookies();
    await signIn(page, "dealer@demo.local");
    await page.goto("/console/M10000001/buyers");
    await expect(page.getByText("没有访问权限")).toBeVisible();
    await expect(page.getByRole("link", { name: "会员资产" })).toHaveCount(0);
  });
});
