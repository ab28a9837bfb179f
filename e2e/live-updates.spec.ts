import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot, signIn, USERS } from "./fixtures/auth";
import { tinyPng } from "./fixtures/png";

// the tests share nothing: Playwright may spread them over both workers
test.describe.configure({ mode: "parallel" });

// Issue #21, part A: pages that show something in flight update themselves and a toast says how it ended;
// forms keep what was typed and drop stale errors; a one-click decision asks first; the console's 404 keeps
// its shell. Each in Chinese and in English, looked at on a laptop (1366×800) and a phone (390×844).

const LAPTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

const WORDS = {
  "zh-CN": {
    refundButton: "发起退款",
    amount: "退款金额（元）",
    reason: "退款原因",
    submit: "提交退款",
    succeeded: "退款成功",
    toast: "退款成功",
    minAmount: "最小金额（元）",
    apply: "查询",
    amountError: "请输入金额，例如 12.50",
    notFound: "页面不存在",
    approve: "通过",
    approveTitle: "通过",
    cancel: "取消",
  },
  "en-US": {
    refundButton: "Refund",
    amount: "Amount (CNY)",
    reason: "Reason",
    submit: "Submit refund",
    succeeded: "Succeeded",
    toast: "Refund succeeded",
    minAmount: "Min amount (CNY)",
    apply: "Search",
    amountError: "Enter an amount such as 12.50",
    notFound: "Page not found",
    approve: "Approve",
    approveTitle: "Approve",
    cancel: "Cancel",
  },
} as const;

async function paidOrder(baseURL: string, amount: number) {
  const api = openApiClient(baseURL, DEMO_APP);
  const created = await api("/api/v1/pay-orders", {
    body: { mchOrderNo: `E2E-LIVE-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, amount, subject: "实木餐桌 Dining table", channel: "wechatpay", mode: "native" },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const payOrderNo = created.json.payOrderNo as string;
  await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
  await expect.poll(async () => (await api(`/api/v1/pay-orders/${payOrderNo}`)).json.status, { timeout: 20_000 }).toBe("PAID");
  return { api, payOrderNo };
}

/** A new merchant waiting for review: signed up, profile and licence filled in, submitted (in Chinese, its own browser context). */
async function pendingMerchant(browser: Browser, baseURL: string): Promise<string> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  try {
    const page = await context.newPage();
    await page.goto("/signup");
    await page.getByLabel("企业名称").fill("待审新店");
    await page.getByLabel("邮箱").fill(`live-${Date.now()}-${Math.round(Math.random() * 1e6)}@newshop.example`);
    await page.getByLabel("密码").fill("Secret123");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page).toHaveURL(/\/console\/M\d{8}$/);
    const mchNo = page.url().split("/").pop() as string;
    await page.goto(`/console/${mchNo}/settings`);
    await page.getByLabel("企业全称").fill("杭州待审新店有限公司");
    await page.getByLabel("统一社会信用代码").fill("91330100716105852F");
    await page.getByLabel("经营类目").click();
    await page.getByRole("option", { name: "电子商务" }).click();
    await page.getByLabel("联系人姓名").fill("李四");
    await page.getByLabel("联系电话").fill("13900139000");
    await page.getByLabel("联系邮箱").fill("li@newshop.example");
    await page.getByLabel("开户银行（支行）").fill("招商银行杭州分行");
    await page.getByLabel("账户名称").fill("杭州待审新店有限公司");
    await page.getByLabel("银行账号").fill("6214 8301 2345 9876");
    await page.getByRole("button", { name: "保存资料" }).click();
    await expect(page.getByTestId("profile-notice")).toHaveText("资料已保存");
    await page.getByLabel("文件").setInputFiles({ name: "营业执照.png", mimeType: "image/png", buffer: tinyPng() });
    await page.getByRole("button", { name: "上传" }).click();
    await expect(page.getByTestId("licence-on-file")).toContainText("营业执照.png");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByTestId("merchant-banner")).toContainText("审核中");
    return mchNo;
  } finally {
    await context.close();
  }
}

/** The console's frame is there: the sidebar on a laptop, the menu button on a phone. */
async function expectShell(page: Page) {
  const width = page.viewportSize()?.width ?? LAPTOP.width;
  if (width >= 768) await expect(page.getByRole("navigation", { name: "main" })).toBeVisible();
  else await expect(page.locator("header button[aria-haspopup='dialog']")).toBeVisible();
  await expect(page.locator("header")).toBeVisible();
}

for (const locale of ["zh-CN", "en-US"] as const) {
  const w = WORDS[locale];
  const tag = locale === "zh-CN" ? "zh" : "en";

  test.describe(`live console (${locale})`, () => {
    test.use({ locale });

    test("a refund submitted on the order page turns to succeeded on screen, without a reload, and a toast says so", async ({ page, baseURL }) => {
      const { api, payOrderNo } = await paidOrder(baseURL!, 12_800);
      await page.setViewportSize(LAPTOP);
      await signIn(page, USERS.finance);
      await page.goto(`/console/M10000001/pay-orders/${payOrderNo}`);
      // a reload would drop this marker; the page must change under it
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

      await page.getByRole("button", { name: w.refundButton, exact: true }).click();
      const dialog = page.getByRole("dialog");
      // a wrong amount is refused by the server …
      await dialog.getByLabel(w.amount).fill("200");
      await dialog.getByLabel(w.reason).fill("尺寸不合适 wrong size");
      await dialog.getByRole("button", { name: w.submit }).click();
      const serverError = dialog.locator("[data-slot='alert']");
      await expect(serverError).toBeVisible();
      // … and that error goes away with the next try, even one the form itself refuses
      await dialog.getByLabel(w.amount).fill("1.234");
      await dialog.getByRole("button", { name: w.submit }).click();
      await expect(dialog.locator("[data-slot='form-field-error']")).toBeVisible();
      await expect(serverError).toHaveCount(0);
      await dialog.getByLabel(w.amount).fill("28");
      await dialog.getByRole("button", { name: w.submit }).click();
      await expect(dialog).toBeHidden();

      const row = page.getByTestId("order-refunds").getByTestId("refund-row");
      await expect(row).toHaveCount(1);
      await expect(row.locator("[data-status]").first()).toHaveAttribute("data-status", /PROCESSING|SUCCEEDED/);
      await expect(row.locator("[data-status]").first()).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
      await expect(row).toContainText(w.succeeded);
      await expect(page.getByTestId("toast").filter({ hasText: w.toast })).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      expect((await api(`/api/v1/pay-orders/${payOrderNo}`)).json.status).toBe("PARTIALLY_REFUNDED");
      await expect(page.getByTestId("live-updating")).toHaveCount(0);
      await shot(page, `live-order-refunded-${tag}-1366`);
      await page.setViewportSize(PHONE);
      await shot(page, `live-order-refunded-${tag}-390`);

      // the refunds list shows it ended too, and is quiet (nothing in flight)
      await page.setViewportSize(LAPTOP);
      await page.goto(`/console/M10000001/refunds?q=${payOrderNo}`);
      await expect(page.locator("[data-testid='refund-row'] [data-status]").first()).toHaveAttribute("data-status", "SUCCEEDED");
      await shot(page, `live-refunds-${tag}-1366`);
    });

    test("the orders filter keeps an invalid amount as typed and says what is wrong", async ({ page }) => {
      await page.setViewportSize(LAPTOP);
      await signIn(page, USERS.finance);
      await page.goto("/console/M10000001/pay-orders");
      const filters = page.getByTestId("filter-bar");
      await filters.getByLabel(w.minAmount).fill("abc");
      await filters.getByRole("button", { name: w.apply }).click();
      await expect(page).toHaveURL(/minAmount=abc/);
      await expect(filters.getByLabel(w.minAmount)).toHaveValue("abc");
      await expect(filters.getByLabel(w.minAmount)).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByTestId("filter-error-minAmount")).toHaveText(w.amountError);
      await shot(page, `live-orders-filter-error-${tag}-1366`);
      await page.setViewportSize(PHONE);
      await expect(page.getByTestId("filter-error-minAmount")).toBeVisible();
      await shot(page, `live-orders-filter-error-${tag}-390`);
    });

    test("the console's 404 (an unknown order, an unknown page) keeps the sidebar and the header", async ({ page }) => {
      await signIn(page, USERS.owner);
      for (const size of [LAPTOP, PHONE]) {
        await page.setViewportSize(size);
        const response = await page.goto("/console/M10000001/orders/NOPE");
        expect(response?.status()).toBe(404);
        await expect(page.getByTestId("status-title")).toHaveText(w.notFound);
        await expectShell(page);
        await shot(page, `live-console-404-${tag}-${size.width}`);
      }
      const unknown = await page.goto("/console/M10000001/no-such-page");
      expect(unknown?.status()).toBe(404);
      await expectShell(page);
    });

    test("the operator's approve asks for confirmation first; cancel leaves the merchant waiting", async ({ page, browser, baseURL }) => {
      const mchNo = await pendingMerchant(browser, baseURL!);
      await page.setViewportSize(LAPTOP);
      await signIn(page, USERS.admin);
      await page.goto(`/admin/reviews/${mchNo}`);
      const status = await page.getByTestId("review-status").textContent();
      await page.getByTestId("approve").click();
      const confirm = page.getByRole("alertdialog");
      await expect(confirm).toContainText(mchNo);
      await shot(page, `live-admin-approve-confirm-${tag}-1366`);
      await confirm.getByRole("button", { name: w.cancel }).click();
      await expect(confirm).toBeHidden();
      await expect(page.getByTestId("review-status")).toHaveText(status ?? "");
      await page.setViewportSize(PHONE);
      await page.getByTestId("approve").click();
      await shot(page, `live-admin-approve-confirm-${tag}-390`);
      await page.getByTestId("approve-confirm").click();
      await expect(page.getByTestId("review-status")).not.toHaveText(status ?? "");
      await expect(page.getByTestId("approve")).toHaveCount(0);
    });
  });
}
