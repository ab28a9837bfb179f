import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot } from "./fixtures/auth";

// The trade center in the cashier (issue #15): a consumer opens the cashier of an order whose buyer has a
// coupon, points and a wallet; applies them, sees the breakdown, pays the rest with the sandbox WeChat
// Pay; the coordinator confirms the trade and the order is PAID. Everything is set up through the Open API.

const { defaultBrowserType: _engine, ...IPHONE } = devices["iPhone 13"];

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now()}${counter++}`;

/** The business system: an order for a buyer, the buyer's coupon, points and wallet — all through the Open API. */
function businessSystem(baseURL: string) {
  const api = openApiClient(baseURL, DEMO_APP);
  const ok = async (path: string, body?: unknown, status = [200, 201, 202]) => {
    const answer = await api(path, body === undefined ? {} : { body });
    expect(status, `${path}: ${JSON.stringify(answer.json)}`).toContain(answer.status);
    return answer.json;
  };
  return {
    api,
    async order(buyer: { id: string; name: string }, payable = 12_800) {
      const order = await ok("/api/v1/orders", {
        sourceOrderNo: unique("E2E-T-"),
        type: "standard",
        scene: "mall",
        storeId: "S01",
        buyer: { ...buyer, phone: "13800138000" },
        lines: [{ sku: "SOFA-3", name: "布艺沙发 Sofa", quantity: 1, unitPrice: payable }],
        discountAmount: 0,
        shippingAmount: 0,
        payableAmount: payable,
      });
      return { orderNo: order.orderNo as string, payOrderNo: order.payments[0].payOrderNo as string, cashierUrl: order.payments[0].cashierUrl as string };
    },
    coupon: (buyerId: string, value: number, minSpend = 0) =>
      ok("/api/v1/coupons", { couponNo: unique("E2EC"), buyerId, type: "amount_off", value, minSpend, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }).then(
        (c) => c.couponNo as string,
      ),
    points: (buyerId: string, points: number) => ok(`/api/v1/buyers/${buyerId}/points/grants`, { grantNo: unique("E2EG"), points, reason: "e2e" }),
    /** A paid top-up: its pay order paid in the sandbox, waited for until the wallet has it. */
    async wallet(buyerId: string, amount: number) {
      const topUp = await ok(`/api/v1/buyers/${buyerId}/wallet/top-ups`, { topUpNo: unique("E2ETU"), amount });
      await ok(`/api/v1/sandbox/pay-orders/${topUp.payOrderNo}/simulate`, { outcome: "success", channel: "wechatpay", mode: "native" });
      await expect.poll(async () => (await this.assets(buyerId)).wallet.balance, { timeout: 20_000 }).toBe(amount);
    },
    assets: (buyerId: string) => ok(`/api/v1/buyers/${buyerId}/assets`),
    orderStatus: async (orderNo: string) => (await ok(`/api/v1/orders/${orderNo}`)).status as string,
  };
}

/** The QR code's URL opened on "the consumer's phone", as scanning it would. */
async function scanAndPay(browser: Browser, page: Page) {
  const codeUrl = (await page.getByTestId("qr-code").getAttribute("data-code-url")) as string;
  const phone = await browser.newContext({ ...IPHONE, locale: "zh-CN" });
  const payer = await phone.newPage();
  await payer.goto(codeUrl);
  await payer.getByRole("button", { name: "确认付款" }).click();
  await expect(payer.getByTestId("payer-result")).toContainText("付款成功");
  await phone.close();
}

test.describe("the trade center in the cashier", () => {
  test("coupon and points applied, the rest paid with WeChat Pay: the receipt, the trade confirmed, the order PAID", async ({ page, browser, baseURL }) => {
    const business = businessSystem(baseURL as string);
    const buyerId = unique("E2EB");
    const couponNo = await business.coupon(buyerId, 2_000, 10_000);
    await business.points(buyerId, 1_500);
    await business.wallet(buyerId, 5_000);
    const order = await business.order({ id: buyerId, name: "李小龙" });

    await page.goto(order.cashierUrl);
    const panel = page.getByTestId("asset-panel");
    await expect(panel.getByTestId("asset-buyer")).toHaveText("会员 李*龙");
    await expect(page.getByText("13800138000")).toHaveCount(0);
    await expect(panel).toContainText("可用 1,500 积分，最多可抵 ¥15.00");
    await expect(panel).toContainText("可用 ¥50.00");
    // nothing applied yet: the usual channel picker for the whole amount
    await expect(page.getByRole("button", { name: "确认支付 ¥128.00" })).toBeVisible();
    await shot(page, "cashier-trade-assets");

    await panel.getByRole("radio", { name: /立减 ¥20.00/ }).check();
    await panel.getByRole("textbox", { name: "使用积分" }).fill("500");
    const breakdown = page.getByTestId("trade-breakdown");
    await expect(breakdown.getByTestId("breakdown-order")).toContainText("¥128.00");
    await expect(breakdown.getByTestId("breakdown-coupon")).toContainText("−¥20.00");
    await expect(breakdown.getByTestId("breakdown-points")).toContainText("积分抵扣（500 积分）−¥5.00");
    await expect(breakdown.getByTestId("breakdown-wallet")).toHaveCount(0);
    await expect(breakdown.getByTestId("breakdown-left")).toContainText("还需支付¥103.00");
    // "use max" of the points: everything the coupon leaves, capped by what the buyer has
    await panel.getByRole("button", { name: "用最多" }).first().click();
    await expect(panel.getByRole("textbox", { name: "使用积分" })).toHaveValue("1500");
    await expect(breakdown.getByTestId("breakdown-left")).toContainText("¥93.00");
    await panel.getByRole("textbox", { name: "使用积分" }).fill("500");
    await expect(breakdown.getByTestId("breakdown-left")).toContainText("¥103.00");
    await shot(page, "cashier-trade-breakdown");

    await page.getByRole("button", { name: "下一步：支付 ¥103.00" }).dblclick();
    await page.waitForURL((url) => url.pathname.startsWith("/pay/") && !url.pathname.endsWith(order.payOrderNo));
    const tradePayOrderNo = new URL(page.url()).pathname.split("/").at(-1) as string;
    await expect(page.getByTestId("amount-label")).toHaveText("还需支付");
    await expect(page.getByTestId("amount")).toHaveText("¥103.00");
    await expect(page.getByTestId("trade-applied")).toContainText("−¥20.00");
    await expect(page.getByTestId("trade-applied")).toContainText("积分抵扣（500 积分）");
    await shot(page, "cashier-trade-channel");

    await page.getByRole("button", { name: "确认支付 ¥103.00" }).click();
    await expect(page.getByTestId("qr-code")).toBeVisible();
    await scanAndPay(browser, page);

    await expect(page.getByTestId("cashier-title")).toHaveText("支付成功", { timeout: 20_000 });
    await expect(page.getByTestId("receipt-amount")).toHaveText("¥103.00");
    await expect(page.getByTestId("trade-status")).toHaveText("订单已支付完成", { timeout: 30_000 });
    await expect(page.getByTestId("trade-breakdown")).toContainText("在线支付¥103.00");
    await shot(page, "cashier-trade-paid");

    expect(await business.orderStatus(order.orderNo)).toBe("PAID");
    const assets = await business.assets(buyerId);
    expect(assets.points).toEqual({ balance: 1_000, frozen: 0 });
    expect(assets.wallet).toEqual({ balance: 5_000, frozen: 0 });
    expect(assets.coupons.find((c: { couponNo: string }) => c.couponNo === couponNo)?.status).toBe("USED");

    // the order's own page now shows the order paid, with the split; the trade's page its receipt again
    await page.goto(order.cashierUrl);
    await expect(page.getByTestId("cashier-title")).toHaveText("支付成功");
    await expect(page.getByTestId("receipt-amount")).toHaveText("¥128.00");
    await page.goto(`/pay/${tradePayOrderNo}`);
    await expect(page.getByTestId("trade-status")).toHaveText("订单已支付完成");
  });

  test("covered by coupon and wallet: paid in the request, no channel", async ({ page, baseURL }) => {
    const business = businessSystem(baseURL as string);
    const buyerId = unique("E2EB");
    await business.coupon(buyerId, 800);
    await business.wallet(buyerId, 5_000);
    const order = await business.order({ id: buyerId, name: "Bruce Lee" }, 4_000);

    await page.goto(order.cashierUrl);
    await page.getByRole("radio", { name: /立减 ¥8.00/ }).check();
    await page.getByRole("switch", { name: "用最多" }).click();
    await expect(page.getByTestId("breakdown-wallet")).toContainText("−¥32.00");
    await expect(page.getByTestId("breakdown-left")).toContainText("¥0.00");
    await page.getByRole("button", { name: "确认抵扣并支付" }).click();
    await expect(page.getByTestId("cashier-title")).toHaveText("支付成功");
    await expect(page.getByTestId("receipt-amount")).toHaveText("¥40.00");
    await expect(page.getByTestId("trade-status")).toHaveText("订单已支付完成");
    await shot(page, "cashier-trade-covered");
    expect(await business.orderStatus(order.orderNo)).toBe("PAID");
    expect((await business.assets(buyerId)).wallet).toEqual({ balance: 1_800, frozen: 0 });
  });

  test("a coupon used elsewhere meanwhile: a plain message, then the trade's channel part closed: released, pay again", async ({ page, baseURL }) => {
    const business = businessSystem(baseURL as string);
    const buyerId = unique("E2EB");
    const couponNo = await business.coupon(buyerId, 1_000);
    await business.points(buyerId, 300);
    const order = await business.order({ id: buyerId, name: "王五" });
    const other = await business.order({ id: buyerId, name: "王五" });

    await page.goto(order.cashierUrl);
    await page.getByRole("radio", { name: /立减 ¥10.00/ }).check();
    // the business system spends the same coupon on the buyer's other order first
    const elsewhere = await business.api(`/api/v1/orders/${other.orderNo}/trades`, { body: { tradeNo: unique("TR"), deductMode: "lock", couponNos: [couponNo] } });
    expect(elsewhere.status, JSON.stringify(elsewhere.json)).toBe(201);
    await page.getByRole("button", { name: "下一步：支付 ¥118.00" }).click();
    await expect(page.getByText("这张优惠券已不可用，请重新选择。")).toBeVisible();
    await expect(page.getByText("COUPON_UNAVAILABLE")).toHaveCount(0);
    await expect(page.getByRole("radio", { name: /立减 ¥10.00/ })).toHaveCount(0);
    await shot(page, "cashier-trade-coupon-unavailable");

    await page.getByRole("button", { name: "用最多" }).click();
    await page.getByRole("button", { name: "下一步：支付 ¥125.00" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(order.payOrderNo));
    const tradePayOrderNo = new URL(page.url()).pathname.split("/").at(-1) as string;
    expect((await business.assets(buyerId)).points).toEqual({ balance: 300, frozen: 300 });

    // the consumer leaves; the trade's pay order is closed unpaid: its points go back, the order may be paid anew
    const closed = await business.api(`/api/v1/pay-orders/${tradePayOrderNo}/close`, { body: {} });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    await page.reload();
    await expect(page.getByTestId("trade-released")).toContainText("本次支付未完成");
    await expect(page.getByTestId("trade-released")).toContainText("已退回您的账户", { timeout: 30_000 });
    const again = page.getByRole("link", { name: "返回订单重新支付" });
    await expect(again).toHaveAttribute("href", `/pay/${order.payOrderNo}`);
    await shot(page, "cashier-trade-released");
    expect((await business.assets(buyerId)).points).toEqual({ balance: 300, frozen: 0 });

    await again.click();
    await expect(page.getByTestId("asset-panel")).toContainText("可用 300 积分");
    await expect(page.getByRole("button", { name: "下一步：支付 ¥128.00" })).toBeVisible();
    await shot(page, "cashier-trade-pay-again");
  });
});

test.describe("the trade center in the cashier on a phone", () => {
  test.use(IPHONE);

  test("the asset panel and the breakdown fit the phone; paid with WeChat Pay H5", async ({ page, baseURL }) => {
    const business = businessSystem(baseURL as string);
    const buyerId = unique("E2EB");
    await business.coupon(buyerId, 2_000, 10_000);
    await business.points(buyerId, 800);
    await business.wallet(buyerId, 3_000);
    const order = await business.order({ id: buyerId, name: "李小龙" });
    await page.goto(order.cashierUrl);
    await page.getByRole("radio", { name: /立减 ¥20.00/ }).check();
    await page.getByRole("button", { name: "用最多" }).click();
    await page.getByRole("textbox", { name: "使用余额（元）" }).fill("10");
    await expect(page.getByTestId("breakdown-left")).toContainText("¥90.00");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "cashier-trade-phone");

    await page.getByRole("button", { name: "下一步：支付 ¥90.00" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(order.payOrderNo));
    await expect(page.getByTestId("trade-applied")).toBeVisible();
    await shot(page, "cashier-trade-phone-channel");
    await page.getByRole("button", { name: "确认支付 ¥90.00" }).click();
    await page.waitForURL(/\/sandbox\/wechatpay\/pay\//);
    await page.getByRole("button", { name: "确认付款" }).click();
    await expect(page.getByTestId("cashier-title")).toHaveText("支付成功", { timeout: 20_000 });
    await expect(page.getByTestId("trade-status")).toHaveText("订单已支付完成", { timeout: 30_000 });
    await shot(page, "cashier-trade-phone-paid");
    expect(await business.orderStatus(order.orderNo)).toBe("PAID");
  });
});

test.describe("the trade center in the cashier in English", () => {
  test.use({ locale: "en-US" });

  test("the asset panel, the breakdown and a top-up speak English", async ({ page, baseURL }) => {
    const business = businessSystem(baseURL as string);
    const buyerId = unique("E2EB");
    await business.coupon(buyerId, 2_000, 10_000);
    await business.points(buyerId, 1_500);
    await business.wallet(buyerId, 5_000);
    const order = await business.order({ id: buyerId, name: "Bruce Lee" });
    await page.goto(order.cashierUrl);
    await expect(page.getByTestId("asset-buyer")).toHaveText("Member B***e");
    await page.getByRole("radio", { name: /CN¥20.00 off/ }).check();
    await page.getByRole("textbox", { name: "Points to use" }).fill("500");
    await expect(page.getByTestId("breakdown-left")).toContainText("Left to payCN¥103.00");
    await shot(page, "cashier-trade-breakdown-en");

    const topUp = await business.api(`/api/v1/buyers/${buyerId}/wallet/top-ups`, { body: { topUpNo: unique("E2ETU"), amount: 10_000 } });
    await page.goto(topUp.json.cashierUrl);
    await expect(page.getByTestId("top-up-title")).toHaveText("Wallet top-up");
    await expect(page.getByTestId("amount-label")).toHaveText("Top-up amount");
    await expect(page.getByTestId("asset-panel")).toHaveCount(0);
    await shot(page, "cashier-top-up-en");
  });
});
