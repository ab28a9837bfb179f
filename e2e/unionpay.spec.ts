import { devices, expect, type Page, test } from "@playwright/test";
import { shot, signIn, USERS } from "./fixtures/auth";
import { demoBusinessSystem } from "./fixtures/open-api";

// A consumer picks 银联 in the cashier; the browser posts the signed form to the sandbox's UnionPay
// gateway, the consumer enters a test card on the bank-card page and confirms; the signed result is
// posted back to the cashier (frontUrl), which turns to the receipt.

const { defaultBrowserType: _engine, ...IPHONE } = devices["iPhone 13"];
const TEST_CARD = "6216 2610 0000 0000 018";

async function payWithCard(page: Page, card: { label: RegExp; confirm: RegExp; shotName: string }) {
  await page.waitForURL(/\/api\/sandbox\/unionpay\/card\//);
  await expect(page.getByTestId("unionpay-amount")).toContainText("¥128.00");
  await page.getByLabel(card.label).fill(TEST_CARD);
  await shot(page, card.shotName);
  await page.getByRole("button", { name: card.confirm }).click();
}

test("desktop: 银联 in the cashier, a test card on UnionPay's page, back to the receipt", async ({ page, baseURL }) => {
  const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
  await page.goto(order.cashierUrl);
  await page.getByRole("radio", { name: /银联/ }).check();
  await shot(page, "unionpay-cashier-choose");
  await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
  await payWithCard(page, { label: /银行卡号/, confirm: /确认付款/, shotName: "unionpay-card-page-zh" });
  await page.waitForURL(new RegExp(`/pay/${order.payOrderNo}`));
  await expect(page.getByTestId("cashier-title")).toHaveText("支付成功");
  await expect(page.getByTestId("paid-receipt")).toContainText("¥128.00");
  await shot(page, "unionpay-cashier-paid");
});

test("phone, in English: the bank-card page fits 390 px and the receipt follows", async ({ browser, baseURL }) => {
  const phone = await browser.newContext({ ...IPHONE, viewport: { width: 390, height: 844 }, locale: "en-US" });
  const page = await phone.newPage();
  const order = await demoBusinessSystem(baseURL as string).createCashierOrder();
  await page.goto(order.cashierUrl);
  await page.getByRole("radio", { name: /UnionPay/ }).check();
  await page.getByRole("button", { name: "Pay CN¥128.00" }).click();
  await payWithCard(page, { label: /Bank card number/, confirm: /Confirm payment/, shotName: "unionpay-card-page-en-390" });
  await page.waitForURL(new RegExp(`/pay/${order.payOrderNo}`));
  await expect(page.getByTestId("paid-receipt")).toContainText("¥128.00");
  await shot(page, "unionpay-cashier-paid-en-390");
  await phone.close();
});

test("console: the owner opens the UnionPay account (the .pfx and certificates as text areas) and its connection test passes", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto("/console/M10000001/channels");
  const row = page.getByTestId("channel-account-row").filter({ hasText: "银联 · 沙箱" }).first();
  await row.getByRole("link", { name: "编辑" }).click();
  const credentials = page.getByTestId("credentials-card");
  await expect(credentials.getByLabel(/商户号（merId/)).not.toHaveValue("");
  // secrets are write-only: set, never shown
  await expect(page.getByTestId("secret-set-signCertPfx")).toBeVisible();
  await expect(page.getByTestId("secret-set-signCertPassword")).toBeVisible();
  await expect(credentials.getByLabel(/银联根证书/)).toHaveValue(/BEGIN CERTIFICATE/);
  expect(await credentials.getByLabel(/签名证书（.pfx/).evaluate((el) => el.tagName)).toBe("TEXTAREA");
  await page.getByTestId("test-connection").click();
  await expect(page.getByTestId("connection-result")).toHaveAttribute("data-ok", "true");
  await shot(page, "unionpay-console-account");
});
