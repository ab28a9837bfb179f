import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import { shot } from "./fixtures/auth";
import { demoBusinessSystem } from "./fixtures/open-api";

// A consumer pays in the cashier (/pay/[payOrderNo]) and confirms in the sandbox's simulated
// WeChat / Alipay app; the sandbox's signed callback turns the cashier to the receipt by itself.

// Chromium plays the phone: the iPhone's screen, touch and user agent, not its browser engine.
const { defaultBrowserType: _engine, ...IPHONE } = devices["iPhone 13"];

/** The QR code's URL opened on "the consumer's phone", as scanning it would. */
async function scanWithPhone(browser: Browser, codeUrl: string): Promise<Page> {
  const phone = await browser.newContext({ ...IPHONE, locale: "zh-CN" });
  const payer = await phone.newPage();
  await payer.goto(codeUrl);
  return payer;
}

async function expectPayerPage(payer: Page) {
  await expect(payer.getByTestId("payer-payee")).toHaveText("向 演示商城 Demo Store 付款");
  await expect(payer.getByTestId("payer-amount")).toHaveText("¥128.00");
}

async function expectPaidThenReturned(page: Page, returnUrl: string, screenshot: string) {
  await expect(page.getByTestId("cashier-title")).toHaveText("支付成功");
  await expect(page.getByTestId("paid-receipt")).toContainText("¥128.00");
  await expect(page.getByRole("link", { name: "返回商户" })).toHaveAttribute("href", returnUrl);
  await shot(page, screenshot);
  await page.waitForURL(returnUrl, { timeout: 10_000 });
}

test.describe("the cashier on a desktop", () => {
  test("WeChat Pay: scan the QR code, pay in the sandbox app, see the receipt, return to the merchant", async ({ page, browser, baseURL }) => {
    const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
    await page.goto(order.cashierUrl);
    await expect(page.getByTestId("merchant-name")).toHaveText("演示商城 Demo Store");
    await expect(page.getByTestId("amount")).toHaveText("¥128.00");
    await expect(page.getByTestId("countdown")).toContainText(/请在 (29|30):\d\d 内完成支付/);
    await expect(page.getByRole("radio", { name: /微信支付/ })).toBeChecked();
    await shot(page, "cashier-desktop-choose");

    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    const qr = page.getByTestId("qr-code");
    await expect(qr.getByRole("img", { name: "微信支付二维码" })).toBeVisible();
    await expect.poll(() => qr.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const codeUrl = (await qr.getAttribute("data-code-url")) as string;
    expect(codeUrl).toMatch(`${baseURL}/sandbox/wechatpay/pay/`);
    await shot(page, "cashier-desktop-wechat-qr");

    const payer = await scanWithPhone(browser, codeUrl);
    await expectPayerPage(payer);
    await shot(payer, "cashier-sandbox-wechatpay-payer");
    await payer.getByRole("button", { name: "确认付款" }).click();
    await expect(payer.getByTestId("payer-result")).toContainText("付款成功");
    await shot(payer, "cashier-sandbox-wechatpay-paid");

    await expectPaidThenReturned(page, order.returnUrl, "cashier-desktop-paid");
  });

  test("Alipay: off to Alipay's website cashier (page.pay), pay there, back to the receipt", async ({ page, baseURL }) => {
    const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
    await page.goto(order.cashierUrl);
    await page.getByRole("radio", { name: /支付宝/ }).check();
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    await page.waitForURL(/\/sandbox\/alipay\/pay\//);
    await expectPayerPage(page);
    await shot(page, "cashier-sandbox-alipay-page");
    await page.getByRole("button", { name: "确认付款" }).click();
    await page.waitForURL(new RegExp(`/pay/${order.payOrderNo}\\?.*method=alipay\\.trade\\.page\\.pay\\.return`));
    await expectPaidThenReturned(page, order.returnUrl, "cashier-desktop-paid-alipay");
  });

  test("a channel's redirect that is not a web page is never opened: no script runs in the cashier", async ({ page, baseURL }) => {
    // as a channel base URL under a tenant's control could answer: every redirect the page is told about becomes a script URL
    await page.route("**/api/trpc/**", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/"type":"redirect","url":"[^"]*"/g, '"type":"redirect","url":"javascript:alert(document.domain)"');
      await route.fulfill({ response, body });
    });
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
    await page.goto(order.cashierUrl);
    await page.getByRole("radio", { name: /支付宝/ }).check();
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    await expect(page.getByText("支付宝暂时无法发起支付，请重试或更换支付方式。").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "前往支付宝" })).toHaveCount(0);
    await page.waitForTimeout(2_500);
    expect(page.url()).toBe(order.cashierUrl);
    expect(dialogs).toEqual([]);
  });

  test("declined in the WeChat app, then paid with Alipay", async ({ page, browser, baseURL }) => {
    const business = demoBusinessSystem(baseURL as string);
    const order = await business.createCashierOrder();
    await page.goto(order.cashierUrl);
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    const codeUrl = (await page.getByTestId("qr-code").getAttribute("data-code-url")) as string;

    const payer = await scanWithPhone(browser, codeUrl);
    await payer.getByRole("button", { name: "拒绝付款" }).click();
    await expect(payer.getByTestId("payer-result")).toContainText("付款失败");
    await shot(payer, "cashier-sandbox-wechatpay-declined");

    await page.getByRole("button", { name: "我已完成支付" }).click();
    await expect(page.getByTestId("payment-failed")).toContainText("支付未完成");
    await shot(page, "cashier-desktop-failed");
    await page.getByRole("button", { name: "更换支付方式" }).click();
    await expect(page.getByRole("radio", { name: /支付宝/ })).toBeChecked();
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    await page.waitForURL(/\/sandbox\/alipay\/pay\//);
    await page.getByRole("button", { name: "确认付款" }).click();
    await expectPaidThenReturned(page, order.returnUrl, "cashier-desktop-paid-after-retry");

    const paid = await business.order(order.payOrderNo);
    expect(paid.status).toBe("PAID");
    expect(paid.attempts.map((a) => [a.channel, a.status])).toEqual([
      ["wechatpay", "FAILED"],
      ["alipay", "SUCCEEDED"],
    ]);
  });

  test("a double-click on Pay, in the cashier and in the sandbox app, pays once", async ({ page, browser, baseURL }) => {
    const business = demoBusinessSystem(baseURL as string);
    const order = await business.createCashierOrder();
    await page.goto(order.cashierUrl);
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).dblclick();
    const codeUrl = (await page.getByTestId("qr-code").getAttribute("data-code-url")) as string;
    await expect(page.getByText(/操作太频繁|出了点问题/)).toHaveCount(0);
    expect((await business.order(order.payOrderNo)).attempts).toHaveLength(1);

    const payer = await scanWithPhone(browser, codeUrl);
    await payer.getByRole("button", { name: "确认付款" }).dblclick();
    await expect(payer.getByTestId("payer-result")).toContainText("付款成功");
    await expect(page.getByTestId("cashier-title")).toHaveText("支付成功");
    const paid = await business.order(order.payOrderNo);
    expect(paid.attempts.map((a) => a.status)).toEqual(["SUCCEEDED"]);
  });

  test("an order that runs out of time in front of the consumer, a closed one, an unknown one", async ({ page, baseURL }) => {
    const business = demoBusinessSystem(baseURL as string);
    const order = await business.createCashierOrder({ expireInSeconds: 60 });
    await page.clock.install();
    await page.goto(order.cashierUrl);
    await expect(page.getByTestId("countdown")).toContainText(/请在 (0:5\d|1:00) 内完成支付/);
    await page.clock.fastForward("01:01");
    await expect(page.getByTestId("cashier-title")).toHaveText("订单已过期");
    await expect(page.getByRole("button", { name: /确认支付/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "返回商户" })).toHaveAttribute("href", order.returnUrl);
    await shot(page, "cashier-desktop-expired");

    await business.close(order.payOrderNo);
    const closed = await business.createCashierOrder();
    await business.close(closed.payOrderNo);
    await page.goto(closed.cashierUrl);
    await expect(page.getByTestId("cashier-title")).toHaveText("订单已关闭");
    await shot(page, "cashier-desktop-closed");

    const unknown = await page.goto("/pay/P20260101000000000UNKNOWN0");
    expect(unknown?.status()).toBe(404);
    await expect(page.getByTestId("cashier-title")).toHaveText("找不到该订单");
    await shot(page, "cashier-desktop-not-found");
    const unknownTrade = await page.goto("/sandbox/wechatpay/pay/4200000000000000000000");
    expect(unknownTrade?.status()).toBe(404);
    await expect(page.getByText("无效的付款码")).toBeVisible();
  });
});

test.describe("the cashier on a phone", () => {
  test.use(IPHONE);

  test("WeChat Pay H5: off to the WeChat app, pay, back to the receipt and the merchant", async ({ page, baseURL }) => {
    const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
    await page.goto(order.cashierUrl);
    await expect(page.getByRole("radio", { name: /微信支付/ })).toBeChecked();
    await shot(page, "cashier-phone-choose");
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    await page.waitForURL(/\/sandbox\/wechatpay\/pay\/.*redirect_url=/);
    await expectPayerPage(page);
    await shot(page, "cashier-phone-sandbox-wechatpay");
    await page.getByRole("button", { name: "确认付款" }).click();
    await page.waitForURL(`**/pay/${order.payOrderNo}`);
    await expectPaidThenReturned(page, order.returnUrl, "cashier-phone-paid");
  });

  test("declined in WeChat, then Alipay wap: back to the receipt and the merchant", async ({ page, baseURL }) => {
    const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
    await page.goto(order.cashierUrl);
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    await page.waitForURL(/\/sandbox\/wechatpay\/pay\//);
    await page.getByRole("button", { name: "拒绝付款" }).click();
    await page.waitForURL(`**/pay/${order.payOrderNo}`);
    await expect(page.getByTestId("payment-failed")).toContainText("支付未完成");
    await shot(page, "cashier-phone-failed");

    await page.getByRole("button", { name: "更换支付方式" }).click();
    await page.getByRole("radio", { name: /支付宝/ }).check();
    await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
    await page.waitForURL(/\/sandbox\/alipay\/pay\//);
    await shot(page, "cashier-phone-sandbox-alipay");
    await page.getByRole("button", { name: "确认付款" }).click();
    await page.waitForURL(new RegExp(`/pay/${order.payOrderNo}\\?.*method=alipay\\.trade\\.wap\\.pay\\.return`));
    await expectPaidThenReturned(page, order.returnUrl, "cashier-phone-paid-alipay");
  });

  test("a closed order gets a clear page", async ({ page, baseURL }) => {
    const business = demoBusinessSystem(baseURL as string);
    const order = await business.createCashierOrder();
    await business.close(order.payOrderNo);
    await page.goto(order.cashierUrl);
    await expect(page.getByTestId("cashier-title")).toHaveText("订单已关闭");
    await shot(page, "cashier-phone-closed");
  });
});

test.describe("the cashier in English", () => {
  test.use({ locale: "en-US" });

  test("follows the browser's language", async ({ page, baseURL }) => {
    const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
    await page.goto(order.cashierUrl);
    await expect(page.getByRole("button", { name: "Pay CN¥128.00" })).toBeVisible();
    await expect(page.getByRole("radio", { name: /WeChat Pay/ })).toBeChecked();
    await shot(page, "cashier-desktop-choose-en");
  });
});
