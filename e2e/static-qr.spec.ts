import { type Browser, expect, type Page, test } from "@playwright/test";
import { shot, signIn, USERS } from "./fixtures/auth";

// The aggregated QR code (一码付): the owner creates and prints a code; a phone scans it in WeChat and in
// Alipay (their User-Agents), passes the sandbox's OAuth, enters the amount, pays on the sandbox payer
// page and sees the result; any other browser is told to scan with WeChat or Alipay.

const IPHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
const WECHAT_UA = `${IPHONE_UA} MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN`;
const ALIPAY_UA = `${IPHONE_UA} ChannelId(0) Nebula PSDType(1) AlipayDefined(nt:WIFI,ws:390|844|3.0) AliApp(AP/10.5.36.6000) AlipayClient/10.5.36.6000 Language/zh-Hans`;

async function phone(browser: Browser, userAgent: string, locale: "zh-CN" | "en-US"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent, locale });
  return context.newPage();
}

async function typeAmount(page: Page, digits: string) {
  const keypad = page.getByRole("group");
  for (const digit of digits) await keypad.getByRole("button", { name: digit, exact: true }).click();
}

test.describe.serial("the aggregated QR code", () => {
  let codeUrl = "";

  test("the owner creates a code for a store and opens its print view", async ({ page, baseURL }) => {
    const name = `收银台 E2E ${Date.now() % 100_000}`;
    await signIn(page, USERS.owner);
    await page.goto("/console/M10000001/qr-codes");
    await expect(page.getByRole("heading", { name: "一码付" })).toBeVisible();
    await page.getByTestId("create-qr").click();
    await page.getByTestId("qr-name").fill(name);
    await page.getByTestId("qr-subject").fill("门店消费");
    await page.getByTestId("qr-store").fill("S01");
    await page.getByTestId("qr-amount-yuan").fill("1.234");
    await page.getByTestId("qr-submit").click();
    await expect(page.getByText("请输入金额，最多两位小数")).toBeVisible();
    await page.getByTestId("qr-amount-yuan").fill("");
    await page.getByTestId("qr-submit").click();
    const row = page.getByTestId("qr-row").filter({ hasText: name });
    await expect(row).toContainText("顾客输入");
    await expect(row).toContainText("S01");
    await shot(page, "static-qr-console-list");

    await row.getByTestId("qr-print").click();
    const sheet = page.getByTestId("qr-sheet");
    await expect(sheet.getByTestId("qr-sheet-merchant")).toHaveText("演示商城 Demo Store");
    await expect(sheet).toContainText("微信 / 支付宝 扫一扫");
    await expect(sheet.getByTestId("qr-image").locator("svg")).toBeVisible();
    codeUrl = (await sheet.getAttribute("data-code-url")) as string;
    expect(codeUrl).toMatch(/\/q\/[0-9A-HJKMNP-TV-Z]{16}$/);
    await shot(page, "static-qr-console-print");

    // printed: the sheet alone, without the console around it
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("link", { name: "返回列表" })).toBeHidden();
    await expect(page.getByRole("link", { name: "一码付" })).toBeHidden();
    await expect(sheet).toBeVisible();
    await shot(page, "static-qr-console-print-media");
    await page.emulateMedia({ media: "screen" });

    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL as string }]);
    await page.goto("/console/M10000001/qr-codes");
    await expect(page.getByRole("heading", { name: "Payment QR codes" })).toBeVisible();
    await expect(page.getByTestId("qr-row").filter({ hasText: name })).toContainText("Entered by customer");
    await shot(page, "static-qr-console-list-en");
  });

  test("in WeChat: the sandbox OAuth, the keypad, the sandbox payment, the result", async ({ browser }) => {
    const payer = await phone(browser, WECHAT_UA, "zh-CN");
    // a callback this browser never asked for (a forged state) is refused with a way out, never an error page
    await payer.goto(`${codeUrl}/oauth?code=forged&state=forged`);
    await expect(payer.getByText("身份确认已失效，请重新打开此页面。")).toBeVisible();
    await payer.getByRole("link", { name: "重新打开" }).click();
    await expect(payer.getByTestId("qr-payee")).toHaveText("付款给 演示商城 Demo Store");
    await typeAmount(payer, "12.5");
    await expect(payer.getByTestId("qr-amount")).toHaveText("¥12.5");
    await shot(payer, "static-qr-wechat-keypad");
    await payer.getByRole("button", { name: "使用微信支付" }).click();

    await expect(payer.getByTestId("payer-amount")).toHaveText("¥12.50");
    await payer.getByRole("button", { name: "确认付款" }).click();
    await expect(payer.getByTestId("qr-result")).toHaveText("支付成功");
    await expect(payer.getByTestId("qr-result-merchant")).toHaveText("已付款给 演示商城 Demo Store");
    await shot(payer, "static-qr-wechat-paid");
  });

  test("in Alipay (English): the same with Alipay's OAuth and trade.create", async ({ browser }) => {
    const payer = await phone(browser, ALIPAY_UA, "en-US");
    await payer.goto(codeUrl);
    await expect(payer.getByTestId("qr-payee")).toHaveText("Pay 演示商城 Demo Store");
    await typeAmount(payer, "8");
    await shot(payer, "static-qr-alipay-keypad-en");
    await payer.getByRole("button", { name: "Pay with Alipay" }).click();

    await expect(payer.getByTestId("payer-amount")).toContainText("8.00");
    await payer.getByRole("button", { name: "Pay", exact: true }).click();
    await expect(payer.getByTestId("qr-result")).toHaveText("Payment successful");
    await shot(payer, "static-qr-alipay-paid-en");
  });

  test("any other browser is told to scan with WeChat or Alipay", async ({ browser }) => {
    const zh = await phone(browser, IPHONE_UA, "zh-CN");
    await zh.goto(codeUrl);
    await expect(zh.getByTestId("qr-open-in-app")).toHaveText("请使用微信或支付宝扫一扫");
    await expect(zh.getByTestId("qr-image").locator("svg")).toBeVisible();
    await shot(zh, "static-qr-other-browser");
    const en = await phone(browser, IPHONE_UA, "en-US");
    await en.goto(codeUrl);
    await expect(en.getByTestId("qr-open-in-app")).toHaveText("Scan with WeChat or Alipay");
    await shot(en, "static-qr-other-browser-en");
    await en.goto(codeUrl.replace(/\/q\/.*$/, "/q/0000000000000000"));
    await expect(en.getByTestId("cashier-title")).toHaveText("Invalid payment code");
  });
});
