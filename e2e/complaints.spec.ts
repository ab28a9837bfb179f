import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { shot, signIn, USERS } from "./fixtures/auth";
import { demoBusinessSystem } from "./fixtures/open-api";

// A consumer pays in the cashier (sandbox), files a complaint (申诉) from the receipt with a photo; the
// merchant sees it in the console's queue with the answer deadline counting down and refunds it; the
// consumer's follow-up page shows it resolved by itself.

const { defaultBrowserType: _engine, ...IPHONE } = devices["iPhone 13"];

/** A tiny valid PNG (1×1), as a photo taken on the phone. */
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function payInCashier(page: Page, browser: Browser, cashierUrl: string) {
  await page.goto(cashierUrl);
  await page.getByRole("button", { name: "确认支付 ¥128.00" }).click();
  const codeUrl = (await page.getByTestId("qr-code").getAttribute("data-code-url")) as string;
  const phone = await browser.newContext({ ...IPHONE, locale: "zh-CN" });
  const payer = await phone.newPage();
  await payer.goto(codeUrl);
  await payer.getByRole("button", { name: "确认付款" }).click();
  await expect(payer.getByTestId("payer-result")).toContainText("付款成功");
  await phone.close();
  await expect(page.getByTestId("cashier-title")).toHaveText("支付成功");
}

test("a consumer files a complaint from the receipt with a photo; the merchant refunds it; the consumer sees it resolved", async ({ page, browser, baseURL }) => {
  // no returnUrl: the receipt stays (a consumer reading it has time to complain)
  const order = await demoBusinessSystem(baseURL as string).createCashierOrder({ returnUrl: undefined });
  await payInCashier(page, browser, order.cashierUrl);

  await page.getByRole("link", { name: "对这笔支付有疑问？发起申诉" }).click();
  await expect(page.getByRole("heading", { name: "发起申诉" })).toBeVisible();
  await expect(page.getByText(order.payOrderNo)).toBeVisible();
  // what a person gets wrong first: the form says so on the field
  await page.getByLabel("联系电话").fill("12345");
  await page.getByRole("button", { name: "提交申诉" }).click();
  await expect(page.getByText("请输入 11 位手机号")).toBeVisible();
  await expect(page.getByText("请选择申诉原因")).toBeVisible();
  await shot(page, "complaint-new-errors-zh");
  await page.getByLabel("联系电话").fill("138 0013 8000");
  await page.getByLabel("申诉原因").selectOption({ label: "商品与描述不符" });
  await page.getByLabel("问题描述").fill("收到的沙发颜色和页面上的不一样，申请退款。");
  await page.getByLabel("期望退款金额（元，选填）").fill("128.00");
  await page.getByLabel("图片凭证（选填）").setInputFiles({ name: "sofa.png", mimeType: "image/png", buffer: PHOTO });
  await shot(page, "complaint-new-zh");
  await page.getByRole("button", { name: "提交申诉" }).click();

  await page.waitForURL(/\/complaints\/C\d+[0-9A-Z]+\?t=/);
  const followUrl = page.url();
  const complaintNo = new URL(followUrl).pathname.split("/").pop() as string;
  await expect(page.getByTestId("complaint-status")).toHaveText("待商户处理");
  await expect(page.getByText("138****8000")).toBeVisible();
  await expect(page.getByRole("img", { name: "图片 1" })).toBeVisible();
  await expect.poll(() => page.getByRole("img", { name: "图片 1" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await shot(page, "complaint-follow-open-zh");

  // the merchant's finance person, in another browser
  const merchant = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  const desk = await merchant.newPage();
  await signIn(desk, USERS.finance);
  await desk.goto("/console/M10000001/complaints");
  const row = desk.getByTestId("complaint-row").filter({ hasText: complaintNo });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("sla-countdown")).toHaveText(/剩余 1 天 23:5\d:\d\d|剩余 2 天 00:00:00/);
  const first = await row.getByTestId("sla-countdown").textContent();
  await expect(row.getByTestId("sla-countdown")).not.toHaveText(first as string);
  await shot(desk, "complaints-console-queue-zh");
  expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  expect(await row.evaluate((el) => el.closest("table")!.getBoundingClientRect().right)).toBeLessThanOrEqual(1366);

  await row.getByRole("link", { name: complaintNo }).click();
  await expect(desk.getByRole("heading", { name: `申诉 ${complaintNo}` })).toBeVisible();
  await expect(desk.getByText("收到的沙发颜色和页面上的不一样，申请退款。")).toBeVisible();
  await expect(desk.getByTestId("complaint-photos").getByRole("img")).toHaveCount(1);
  await desk.getByRole("button", { name: "退款并结束" }).click();
  const dialog = desk.getByRole("dialog", { name: "退款给消费者" });
  await expect(dialog.getByLabel("退款金额（元）")).toHaveValue("128.00");
  await dialog.getByLabel("给消费者的说明").fill("抱歉给你带来不便，已全额退款。");
  await shot(desk, "complaints-console-refund-zh");
  await dialog.getByRole("button", { name: "确认退款" }).dblclick();
  await expect(desk.getByTestId("complaint-status")).toHaveText("已退款");
  await expect(desk.getByTestId("complaint-refund")).toContainText("¥128.00");
  await expect(desk.getByTestId("complaint-refund")).toHaveAttribute("data-refund-status", "SUCCEEDED");
  await shot(desk, "complaints-console-detail-zh");

  // the consumer's page, untouched since: it shows the refund by itself
  await expect(page.getByTestId("complaint-resolved")).toHaveText("申诉已解决：商户已为你退款。");
  await expect(page.getByTestId("complaint-refund")).toContainText("已退回原支付账户");
  await expect(page.getByText("抱歉给你带来不便，已全额退款。")).toBeVisible();
  await shot(page, "complaint-follow-resolved-zh");

  // exactly one refund, of the whole amount
  const paid = await demoBusinessSystem(baseURL as string).order(order.payOrderNo);
  expect(paid.status).toBe("REFUNDED");

  // the same pages in English
  await merchant.addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
  await desk.goto("/console/M10000001/complaints");
  await expect(desk.getByRole("heading", { name: "Consumer complaints" })).toBeVisible();
  await shot(desk, "complaints-console-queue-en");
  await desk.goto(`/console/M10000001/complaints/${complaintNo}`);
  await expect(desk.getByTestId("complaint-status")).toHaveText("Refunded");
  await shot(desk, "complaints-console-detail-en");
  await merchant.close();

  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
  await page.goto(followUrl);
  await expect(page.getByTestId("complaint-resolved")).toHaveText("Resolved: the merchant refunded you.");
  await shot(page, "complaint-follow-resolved-en");
  await page.goto(`/complaints/new?payOrderNo=${order.payOrderNo}`);
  await expect(page.getByRole("heading", { name: "File a complaint" })).toBeVisible();
  await shot(page, "complaint-new-en");
});

test("an operator takes over a complaint the consumer disagreed with", async ({ page, browser, baseURL }) => {
  const order = await demoBusinessSystem(baseURL as string).createCashierOrder({ returnUrl: undefined });
  await payInCashier(page, browser, order.cashierUrl);
  await page.getByRole("link", { name: "对这笔支付有疑问？发起申诉" }).click();
  await page.getByLabel("联系电话").fill("13900139000");
  await page.getByLabel("申诉原因").selectOption({ label: "未收到商品或服务" });
  await page.getByLabel("问题描述").fill("一直没有收到货。");
  await page.getByRole("button", { name: "提交申诉" }).click();
  await page.waitForURL(/\/complaints\/C/);
  const complaintNo = new URL(page.url()).pathname.split("/").pop() as string;

  const merchant = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  const owner = await merchant.newPage();
  await signIn(owner, USERS.owner);
  await owner.goto(`/console/M10000001/complaints/${complaintNo}`);
  await owner.getByLabel("答复消费者").fill("已经发货，请耐心等待。");
  await owner.getByRole("button", { name: "发送答复" }).click();
  await expect(owner.getByTestId("complaint-status")).toHaveText("商户已答复");
  await merchant.close();

  await expect(page.getByTestId("complaint-status")).toHaveText("商户已答复");
  await page.getByLabel("补充说明").fill("物流一周没有更新，我不接受。");
  await page.getByRole("button", { name: "不满意，申请平台介入" }).click();
  await expect(page.getByTestId("complaint-status")).toHaveText("平台处理中");

  const platform = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  const admin = await platform.newPage();
  await signIn(admin, USERS.admin);
  await admin.goto("/admin/complaints");
  const row = admin.getByTestId("complaint-row").filter({ hasText: complaintNo });
  await expect(row).toContainText("演示商城");
  await shot(admin, "complaints-admin-queue-zh");
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  expect(await row.evaluate((el) => el.closest("table")!.getBoundingClientRect().right)).toBeLessThanOrEqual(1366);
  await row.getByRole("link", { name: complaintNo }).click();
  await admin.getByRole("button", { name: "退款并结束" }).click();
  const dialog = admin.getByRole("dialog", { name: "退款给消费者" });
  await dialog.getByLabel("退款金额（元）").fill("28.00");
  await dialog.getByLabel("给消费者的说明").fill("平台核实后，先行退款 28 元。");
  await dialog.getByRole("button", { name: "确认退款" }).click();
  await expect(admin.getByTestId("complaint-status")).toHaveText("已退款");
  await shot(admin, "complaints-admin-detail-zh");
  await platform.close();

  await expect(page.getByTestId("complaint-resolved")).toBeVisible();
  await expect(page.getByTestId("complaint-refund")).toContainText("¥28.00");
  await expect(page.getByTestId("complaint-refund")).toHaveAttribute("data-refund-status", "SUCCEEDED");
  expect((await demoBusinessSystem(baseURL as string).order(order.payOrderNo)).status).toBe("PARTIALLY_REFUNDED");
});
