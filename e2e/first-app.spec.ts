import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { openApiClient } from "../server/testing/open-api-client";
import { shot } from "./fixtures/auth";

// A new merchant signs up, creates its first TEST app and, with no channel setup at all, its business system creates
// an order through the Open API and a consumer pays it in the cashier through the built-in sandbox. An app that cannot
// take any payment says so in the console, and the Open API refuses its orders with NO_CHANNEL_ACCOUNT.

const { defaultBrowserType: _engine, ...IPHONE } = devices["iPhone 13"];

async function scanWithPhone(browser: Browser, codeUrl: string): Promise<Page> {
  const phone = await browser.newContext({ ...IPHONE, locale: "zh-CN" });
  const payer = await phone.newPage();
  await payer.goto(codeUrl);
  return payer;
}

/** The console's tRPC mutation over HTTP, as the page's client sends it (superjson envelope), with the page's session. */
async function trpcMutation(page: Page, path: string, input: unknown) {
  const answer = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(answer.status(), await answer.text()).toBe(200);
}

async function shots(page: Page, baseURL: string, url: string, name: string) {
  for (const locale of ["zh-CN", "en"] as const) {
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
    for (const [w, h, tag] of [[1366, 800, "desktop"], [390, 844, "phone"]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(url);
      await shot(page, `${name}-${locale}-${tag}`);
    }
  }
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "zh-CN", url: baseURL }]);
  await page.setViewportSize({ width: 1366, height: 800 });
}

test.describe("a new merchant's first TEST app", () => {
  test("signs up, creates a TEST app and takes a sandbox payment with no channel setup", async ({ page, browser, baseURL }) => {
    // sign-up, a payment and sixteen screenshots (two languages, two sizes) on a shared machine
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1366, height: 800 });
    const email = `first-app-${Date.now()}@newshop.example`;
    await page.goto("/signup");
    await page.getByLabel("企业名称").fill("初创小店");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill("Secret123");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page).toHaveURL(/\/console\/M\d{8}$/);
    const mchNo = page.url().split("/").pop() as string;

    // the first app: TEST (a draft merchant cannot create LIVE ones)
    await page.goto(`/console/${mchNo}/apps`);
    await page.getByTestId("create-app").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("应用名称").fill("我的网店");
    await dialog.getByLabel("测试（沙箱，不产生真实资金）").check();
    await dialog.getByRole("button", { name: "创建" }).click();
    const secret = (await dialog.getByTestId("app-secret").textContent()) ?? "";
    expect(secret).toMatch(/^sk_test_/);
    await dialog.getByRole("link", { name: "前往应用接入页" }).click();
    const appId = (await page.getByTestId("app-id").textContent()) ?? "";
    expect(appId).toMatch(/^app_/);

    // it came with sandbox WeChat Pay and Alipay accounts, and no warning
    await expect(page.getByTestId("channel-account-row")).toHaveCount(2);
    await expect(page.getByTestId("app-not-payable")).toHaveCount(0);
    await shots(page, baseURL!, `/console/${mchNo}/apps/${appId}`, "first-app-page");

    // the business system's first order, paid by a consumer in the cashier through the sandbox
    const api = openApiClient(baseURL!, { id: appId, secret });
    const returnUrl = `${baseURL}/api/health`;
    const created = await api("/api/v1/pay-orders", { body: { mchOrderNo: `FIRST${Date.now()}`, amount: 1280, subject: "首单 First order", returnUrl } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    await page.goto(created.json.cashierUrl);
    await expect(page.getByTestId("amount")).toHaveText("¥12.80");
    await expect(page.getByText("暂无可用的支付方式")).toHaveCount(0);
    await expect(page.getByRole("radio", { name: /微信支付/ })).toBeChecked();
    await shot(page, "first-app-cashier");
    // a click before the page has hydrated does nothing: click again until the QR code shows
    const qr = page.getByTestId("qr-code");
    await expect(async () => {
      if (!(await qr.isVisible())) await page.getByRole("button", { name: "确认支付 ¥12.80" }).click();
      await expect(qr).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    await expect.poll(() => qr.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await shot(page, "first-app-cashier-qr");
    const codeUrl = (await qr.getAttribute("data-code-url")) as string;
    const payer = await scanWithPhone(browser, codeUrl);
    await expect(payer.getByTestId("payer-amount")).toHaveText("¥12.80");
    await payer.getByRole("button", { name: "确认付款" }).click();
    await expect(payer.getByTestId("payer-result")).toContainText("付款成功");
    await payer.context().close();
    await expect(page.getByTestId("cashier-title")).toHaveText("支付成功");
    await shot(page, "first-app-paid");
    expect((await api(`/api/v1/pay-orders/${created.json.payOrderNo}`)).json.status).toBe("PAID");

    // with every account disabled the app cannot take payments: the console says so, the Open API refuses its orders
    const input = encodeURIComponent(JSON.stringify({ json: { mchNo, appId } }));
    const accounts = (await (await page.request.get(`/api/trpc/channelAccounts.list?input=${input}`)).json()).result.data.json as { id: string }[];
    expect(accounts).toHaveLength(2);
    for (const account of accounts) await trpcMutation(page, "channelAccounts.setStatus", { mchNo, id: account.id, status: "DISABLED" });
    const refused = await api("/api/v1/pay-orders", { body: { mchOrderNo: `FIRST${Date.now()}x`, amount: 1280, subject: "No channel" } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("NO_CHANNEL_ACCOUNT");
    await page.goto(`/console/${mchNo}/apps/${appId}`);
    await expect(page.getByTestId("app-not-payable")).toContainText("该应用暂时无法收款");
    await page.getByTestId("app-not-payable").getByRole("link", { name: "添加渠道账户" }).click();
    await expect(page).toHaveURL(`/console/${mchNo}/apps/${appId}/channels/new`);
    await page.goto(`/console/${mchNo}/apps`);
    await expect(page.getByTestId("app-not-payable")).toBeVisible();
    await shots(page, baseURL!, `/console/${mchNo}/apps`, "first-app-not-payable-list");
    await shots(page, baseURL!, `/console/${mchNo}/apps/${appId}`, "first-app-not-payable-page");
  });
});
