import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { shot, signIn } from "./fixtures/auth";

const CASHIER = "cashier@demo.local";
const POS = "/console/M10000001/pos";

const { defaultBrowserType: _engine, ...IPHONE } = devices["iPhone 13"];

/** A sandbox buyer's phone showing its payment code (付款码, the sandbox's payer page); the code as its digits. */
async function buyerPhone(browser: Browser, path: string) {
  const phone = await browser.newContext({ ...IPHONE, locale: "zh-CN" });
  const page = await phone.newPage();
  await page.goto(`/sandbox/paycode/${path}`);
  const code = (await page.getByTestId("paycode-digits").getAttribute("data-code")) as string;
  expect(code).toMatch(/^\d{16,24}$/);
  return { page, code, close: () => phone.close() };
}

/** A USB scanner is a keyboard: it types the digits and Enter into the focused field. */
async function scan(page: Page, code: string) {
  await expect(page.getByTestId("pos-scan-input")).toBeFocused();
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press("Enter");
}

/** Types the amount on the POS keypad as a clerk taps it. */
async function tapAmount(page: Page, amount: string) {
  const keypad = page.getByRole("group", { name: /收款金额|Amount to take/ });
  for (const key of amount) await keypad.getByRole("button", { name: key === "." ? /小数点|Decimal point/ : key, exact: true }).click();
}

/**
 * The cashier lands on the POS. Other specs may have given the merchant more apps that take payment codes: then
 * the clerk picks the demo app once (this browser remembers it), as a clerk would on a shared merchant.
 */
async function signInCashier(page: Page) {
  await signIn(page, CASHIER);
  await expect(page).toHaveURL(new RegExp(`${POS}$`));
  const settings = page.getByTestId("pos-settings");
  await expect(page.getByTestId("pos-using").or(settings)).toBeVisible();
  if (await settings.isVisible()) {
    await settings.getByLabel("收款应用").selectOption({ label: "演示商城 · 测试" });
    await settings.getByRole("button", { name: "保存" }).click();
  }
  await expect(page.getByTestId("pos-using")).toContainText("S01");
}

test.describe("the store POS", () => {
  test("a store cashier lands on the POS; every other console page is closed to it", async ({ page }) => {
    await signInCashier(page);
    await expect(page.getByRole("heading", { name: "门店收银", level: 1 })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "main" });
    await expect(nav.getByRole("link")).toHaveCount(1);
    for (const path of ["", "/orders", "/pay-orders", "/members", "/ledger"]) {
      await page.goto(`/console/M10000001${path}`);
      if (path === "") await expect(page).toHaveURL(new RegExp(`${POS}$`));
      else await expect(page.getByText("没有访问权限")).toBeVisible();
    }
    // the same rule lands a dealer (经销商) on the order center
    await page.context().clearCookies();
    await signIn(page, "dealer@demo.local");
    await expect(page).toHaveURL(/\/console\/M10000001\/orders$/);
  });

  test("the owner chooses the store to take payments for, and the browser remembers it", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, "owner@demo.local");
    await page.goto(POS);
    const settings = page.getByTestId("pos-settings");
    await settings.getByLabel("门店").fill("S 9");
    await settings.getByRole("button", { name: "保存" }).click();
    await expect(settings.getByText("门店编号为 1–64 位字母、数字、- 或 _")).toBeVisible();
    await settings.getByLabel("门店").fill("S09");
    await shot(page, "pos-settings-owner-zh-1366");
    await settings.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("pos-using")).toContainText("S09");
    await page.reload();
    await expect(page.getByTestId("pos-using")).toContainText("S09");
  });

  test("the keypad, the scan step and the takings, in both languages, on a desktop and a phone", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signInCashier(page);
    await tapAmount(page, "8.8");
    await expect(page.getByTestId("pos-amount")).toHaveValue("8.8");
    await expect(page.getByTestId("pos-takings")).toBeVisible();
    await shot(page, "pos-amount-zh-1366");
    await page.getByTestId("pos-collect").click();
    await expect(page.getByTestId("pos-scan-input")).toBeFocused();
    await shot(page, "pos-scan-zh-1366");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(POS);
    await tapAmount(page, "23.45");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "pos-amount-zh-390");
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: page.url() }]);
    await page.goto(POS);
    await expect(page.getByRole("heading", { name: "Store POS", level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "pos-amount-en-390");
    await page.setViewportSize({ width: 1366, height: 900 });
    await shot(page, "pos-amount-en-1366");
  });

  test("a clerk takes a WeChat payment with a USB scanner: paid, the receipt, the takings grow", async ({ page, browser }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signInCashier(page);
    const count = page.getByTestId("pos-takings-count").locator("dd").first();
    const total = page.getByTestId("pos-takings-total").locator("dd").first();
    const before = Number((await count.innerText()).trim());
    const buyer = await buyerPhone(browser, "wechatpay/instant");
    await tapAmount(page, "12.5");
    await page.getByTestId("pos-collect").click();
    await scan(page, buyer.code);
    await expect(page.getByTestId("pos-status")).toHaveText("支付成功");
    await expect(page.getByTestId("pos-receipt")).toContainText("¥12.50");
    await expect(page.getByTestId("pos-receipt")).toContainText("微信支付");
    await expect(count).toHaveText(String(before + 1));
    await expect(total).not.toHaveText("¥0.00");
    await expect(page.getByTestId("pos-takings-row").first()).toContainText("收银员 Chen");
    await shot(page, "pos-paid-zh-1366");
    await page.emulateMedia({ media: "print" });
    await shot(page, "pos-receipt-print");
    await page.emulateMedia({ media: "screen" });
    await buyer.close();
    await page.getByTestId("pos-next").click();
    await expect(page.getByTestId("pos-amount")).toHaveValue("");
  });

  test("a payer who must enter the password: the clerk sees it waiting, the payer confirms, the POS turns paid by itself (on a phone)", async ({ page, browser }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInCashier(page);
    const buyer = await buyerPhone(browser, "wechatpay/password");
    await tapAmount(page, "66");
    await page.getByRole("textbox", { name: "备注" }).fill("会员卡充值");
    await page.getByTestId("pos-collect").click();
    await scan(page, buyer.code);
    await expect(page.getByTestId("pos-status")).toHaveText("等待顾客输入密码");
    await shot(page, "pos-waiting-zh-390");
    await expect(buyer.page.getByTestId("paycode-password")).toBeVisible();
    await buyer.page.getByRole("button", { name: "确认付款" }).click();
    await expect(page.getByTestId("pos-status")).toHaveText("支付成功");
    await expect(page.getByTestId("pos-receipt")).toContainText("会员卡充值");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "pos-paid-zh-390");
    await buyer.close();
  });
});

