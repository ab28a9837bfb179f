import { devices, expect, test } from "@playwright/test";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot } from "./fixtures/auth";

// The sandbox buyer's phone showing its payment code (付款码, /sandbox/paycode): the merchant's system
// takes a barcode payment with the digits, and a payment that needs the password waits on that phone.

const { defaultBrowserType: _engine, ...IPHONE } = devices["iPhone 13"];
test.use({ ...IPHONE });

let counter = 0;

async function payWithCode(baseURL: string, authCode: string) {
  const call = openApiClient(baseURL, DEMO_APP);
  const created = await call("/api/v1/pay-orders", {
    body: { mchOrderNo: `E2EBC${Date.now()}${counter++}`, amount: 1280, subject: "门店收银 Store checkout", mode: "barcode", payer: { authCode } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return { json: created.json as { payOrderNo: string; status: string }, status: async () => (await call(`/api/v1/pay-orders/${created.json.payOrderNo}`)).json.status as string };
}

test("WeChat Pay, a buyer who needs a password: the code is scanned, the phone asks for the password, the order is paid", async ({ page, baseURL }) => {
  await page.goto("/sandbox/paycode");
  await shot(page, "paycode-index-zh");
  await page.getByTestId("paycode-wechatpay-password").click();
  await expect(page.getByTestId("paycode-buyer")).toHaveText("需要输入密码");
  const digits = page.getByTestId("paycode-digits");
  await expect(digits).toHaveAttribute("data-code", /^13\d{16}$/);
  await expect(page.getByTestId("paycode-qr")).toBeVisible();
  await shot(page, "paycode-wechat-zh");

  const code = (await digits.getAttribute("data-code")) as string;
  const order = await payWithCode(baseURL as string, code);
  expect(order.json.status).toBe("PENDING");
  await expect(page.getByTestId("paycode-password")).toContainText("请输入支付密码");
  await expect(page.getByTestId("paycode-amount")).toHaveText("¥12.80");
  await shot(page, "paycode-wechat-password-zh");
  await page.getByRole("button", { name: "确认付款" }).click();
  await expect(page.getByTestId("paycode-result")).toHaveAttribute("data-state", "SUCCEEDED");
  // a used code is replaced by a fresh one
  await expect(digits).not.toHaveAttribute("data-code", code);
  await expect.poll(order.status).toBe("PAID");
});

test.describe("in English", () => {
  test.use({ locale: "en-US" });
  test("Alipay, a buyer who pays at once: paid in the answer, the phone shows it", async ({ page, baseURL }) => {
    await page.goto("/sandbox/paycode/alipay/instant");
    await expect(page.getByTestId("paycode-buyer")).toHaveText("Pays at once");
    const code = (await page.getByTestId("paycode-digits").getAttribute("data-code")) as string;
    const order = await payWithCode(baseURL as string, code);
    expect(order.json.status).toBe("PAID");
    await expect(page.getByTestId("paycode-result")).toContainText("Paid");
    await expect(page.getByTestId("paycode-digits")).not.toHaveAttribute("data-code", code);
    await shot(page, "paycode-alipay-paid-en");
  });
});
