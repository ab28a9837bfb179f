import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { USERS, shot, signIn } from "./fixtures/auth";

/**
 * Refund review (退款审核) as finance does it: the business system asks for a refund above the demo app's
 * ¥500 threshold, a finance user approves it in the console, and the order turns PARTIALLY_REFUNDED.
 */
test.describe("refunds in the console", () => {
  async function paidOrder(baseURL: string, amount: number) {
    const api = openApiClient(baseURL, DEMO_APP);
    const created = await api("/api/v1/pay-orders", {
      body: { mchOrderNo: `E2E-RF-${Date.now()}`, amount, subject: "实木餐桌 Dining table", channel: "wechatpay", mode: "native" },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const payOrderNo = created.json.payOrderNo as string;
    await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
    await expect.poll(async () => (await api(`/api/v1/pay-orders/${payOrderNo}`)).json.status, { timeout: 20_000 }).toBe("PAID");
    return { api, payOrderNo };
  }

  test("finance approves a refund held for review and sees the order partially refunded", async ({ page, baseURL }) => {
    const { api, payOrderNo } = await paidOrder(baseURL!, 200_000);
    const held = await api("/api/v1/refunds", { body: { payOrderNo, mchRefundNo: `RF-${Date.now()}`, amount: 80_000, reason: "桌面划痕 scratched top" } });
    expect(held.json.status).toBe("PENDING_REVIEW");

    await signIn(page, USERS.finance);
    await page.goto("/console/M10000001/refunds?status=PENDING_REVIEW");
    const row = page.locator(`[data-refund-no="${held.json.refundNo}"]`);
    await expect(row).toContainText("待审核");
    await shot(page, "refunds-review-queue");
    await row.getByRole("link", { name: payOrderNo }).click();

    await expect(page.getByRole("heading", { level: 1 })).toContainText(payOrderNo);
    const refundRow = page.locator(`[data-testid="refund-row"][data-refund-no="${held.json.refundNo}"]`);
    await refundRow.getByRole("button", { name: "通过" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("¥800.00");
    await dialog.getByLabel("审核意见（可选）").fill("已核实退货");
    await dialog.getByRole("button", { name: "确认" }).click();
    await expect(dialog).toBeHidden();

    // The sandbox settles the refund within seconds and calls back; the page shows it after a reload.
    await expect(async () => {
      await page.reload();
      await expect(refundRow).toContainText("退款成功");
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("部分退款");
    await expect(refundRow).toContainText("已核实退货");
    await expect(refundRow).toContainText(USERS.finance);
    await shot(page, "order-partially-refunded");
    expect((await api(`/api/v1/pay-orders/${payOrderNo}`)).json).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: 80_000 });
  });

  test("finance refunds from the order page; a wrong amount gets a field error and keeps what was typed", async ({ page, baseURL }) => {
    const { payOrderNo } = await paidOrder(baseURL!, 12_800);
    await signIn(page, USERS.finance);
    await page.goto(`/console/M10000001/pay-orders?q=${payOrderNo}`);
    await expect(page.getByTestId("order-row")).toHaveCount(1);
    await shot(page, "orders-table");
    await page.getByRole("link", { name: payOrderNo }).click();
    // the attempt's routing decision (route rules, #7) is on the order's page
    await page.getByTestId("order-attempts").getByText("路由决策").click();
    await expect(page.getByTestId("route-decision")).toBeVisible();
    await shot(page, "order-route-decision");
    await page.getByRole("button", { name: "发起退款" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("退款金额（元）").fill("12.345");
    await dialog.getByLabel("退款原因").fill("尺寸不合适");
    await dialog.getByRole("button", { name: "提交退款" }).click();
    await expect(dialog.getByRole("alert")).toContainText("最多两位小数");
    await expect(dialog.getByLabel("退款原因")).toHaveValue("尺寸不合适");
    await shot(page, "refund-dialog-error");
    await dialog.getByLabel("退款金额（元）").fill("200");
    await dialog.getByRole("button", { name: "提交退款" }).click();
    await expect(dialog.getByRole("alert")).toContainText("超出可退金额");
    await dialog.getByLabel("退款金额（元）").fill("28");
    await dialog.getByRole("button", { name: "提交退款" }).click();
    await expect(dialog).toBeHidden();
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("refund-row")).toContainText("退款成功");
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("order-journal")).toContainText("退款");
    await expect(page.getByTestId("order-journal")).toContainText("¥28.00");
    await shot(page, "order-page-finance");
  });

  test("a developer sends a test event to an endpoint and sees it in the delivery log; a viewer cannot open it", async ({ page }) => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      received.push(String(req.headers["x-paycenter-signature"] ?? ""));
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/paycenter/notify`;
    try {
      await signIn(page, USERS.developer);
      await page.goto("/console/M10000001/webhooks");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("通知回调");
      await page.getByLabel("接收地址").fill("ftp://nope");
      await page.getByRole("button", { name: "发送测试事件" }).click();
      await expect(page.getByText("请输入 http(s) 地址")).toBeVisible();
      await page.getByLabel("接收地址").fill(url);
      await page.getByRole("button", { name: "发送测试事件" }).click();
      await expect(page.getByTestId("test-event-result")).toContainText("已送达：HTTP 200");
      expect(received[0]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      await expect(page.getByTestId("delivery-row").first()).toContainText("webhook.test");
      await shot(page, "webhooks-log");
    } finally {
      receiver.close();
    }

    await page.context().clearCookies();
    await signIn(page, USERS.viewer);
    const response = await page.goto("/console/M10000001/webhooks");
    expect(response?.status()).toBe(403);
  });
});
