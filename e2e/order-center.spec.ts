import { expect, test } from "@playwright/test";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { USERS, shot, signIn } from "./fixtures/auth";

/**
 * The order center (订单中心) end to end: orders pushed and paid through the signed Open API, then found,
 * shipped and refunded in the console; the buyer's "my orders" link; an import with a bad row.
 */
test.describe("order center", () => {
  const stamp = Date.now();
  let counter = 0;

  async function paidOrder(baseURL: string, over: { sku: string; storeId: string; buyerId: string }) {
    const api = openApiClient(baseURL, DEMO_APP);
    const created = await api("/api/v1/orders", {
      body: {
        sourceOrderNo: `E2E-OC-${stamp}-${counter++}`,
        type: "standard",
        scene: "store",
        storeId: over.storeId,
        buyer: { id: over.buyerId, name: "李四", phone: "13800138000" },
        lines: [{ sku: over.sku, name: "实木餐椅", quantity: 2, unitPrice: 19_900 }],
        payableAmount: 39_800,
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const orderNo = created.json.orderNo as string;
    const payOrderNo = created.json.payments[0].payOrderNo as string;
    const paid = await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
    expect(paid.status, JSON.stringify(paid.json)).toBe(202);
    await expect.poll(async () => (await api(`/api/v1/orders/${orderNo}`)).json.status, { timeout: 30_000 }).toBe("PAID");
    return { api, orderNo };
  }

  test("a merchant finds an order by SKU and store and ships it; the buyer's portal link shows it", async ({ page, baseURL }) => {
    const sku = `CHAIR-${stamp}`;
    const buyerId = `U-E2E-${stamp}`;
    const { api, orderNo } = await paidOrder(baseURL!, { sku, storeId: "S-E2E", buyerId });
    await paidOrder(baseURL!, { sku, storeId: "S-OTHER", buyerId: `${buyerId}-2` });

    await signIn(page, USERS.developer);
    await page.goto("/console/M10000001/orders");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("订单中心");
    await page.getByLabel("SKU").fill(sku);
    await page.getByLabel("门店").fill("S-E2E");
    await page.getByRole("button", { name: "查询" }).click();
    const rows = page.getByTestId("order-center-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(orderNo);
    await expect(rows.first()).toContainText("已支付");
    await shot(page, "order-center-list");

    await rows.first().getByRole("link", { name: orderNo }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(orderNo);
    await page.getByTestId("move-SHIPPED").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("物流公司").fill("顺丰");
    await dialog.getByLabel("运单号").fill(`SF${stamp}`);
    await dialog.getByRole("button", { name: "确定" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("order-center-status")).toHaveText("已发货");
    await expect(page.getByTestId("order-timeline")).toContainText(`SF${stamp}`);
    await shot(page, "order-center-shipped");
    expect((await api(`/api/v1/orders/${orderNo}`)).json).toMatchObject({ status: "SHIPPED" });

    // the business system hands its buyer a "my orders" link; it opens on a phone without signing in
    const link = await api(`/api/v1/buyers/${buyerId}/portal-links`, { body: {} });
    expect(link.status).toBe(201);
    await page.context().clearCookies();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(new URL(link.json.url).pathname);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的订单");
    const card = page.locator(`[data-order-no="${orderNo}"]`);
    await expect(card.getByTestId("portal-status")).toHaveText("已发货");
    await expect(card).toContainText("实木餐椅 × 2");
    await expect(page.getByTestId("portal-order")).toHaveCount(1);
    await shot(page, "portal-my-orders");
    await page.goto(`${new URL(link.json.url).pathname}x`);
    await expect(page.getByTestId("portal-expired")).toBeVisible();
  });

  test("finance approves an after-sale and the page shows it refunded", async ({ page, baseURL }) => {
    const { api, orderNo } = await paidOrder(baseURL!, { sku: `TABLE-${stamp}`, storeId: "S-E2E", buyerId: `U-AS-${stamp}` });
    expect((await api(`/api/v1/orders/${orderNo}/transitions`, { body: { to: "SHIPPED", carrier: "SF", trackingNo: `SF${stamp}9` } })).status).toBe(200);
    const afterSale = await api(`/api/v1/orders/${orderNo}/after-sales`, { body: { afterSaleNo: `AS-${stamp}`, type: "refund_only", amount: 5_000, reason: "椅面划痕" } });
    expect(afterSale.status, JSON.stringify(afterSale.json)).toBe(201);

    await signIn(page, USERS.finance);
    await page.goto(`/console/M10000001/orders/${orderNo}`);
    const row = page.getByTestId("after-sale-row");
    await expect(row.getByTestId("after-sale-status")).toHaveText("待审核");
    await row.getByTestId("approve-after-sale").click();
    await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
    // REFUNDING while the sandbox settles the refund; the page refreshes itself until it is REFUNDED
    await expect(row.getByTestId("after-sale-status")).toHaveText("已退款", { timeout: 45_000 });
    await shot(page, "order-center-after-sale-refunded");
    expect((await api(`/api/v1/orders/${orderNo}`)).json).toMatchObject({ refundedAmount: 5_000 });
  });

  test("an import with a bad row lands the good one and names the bad row's error", async ({ page }) => {
    const header = "sourceOrderNo,type,scene,storeId,buyerId,buyerName,buyerPhone,sku,name,quantity,unitPrice,discountAmount,shippingAmount,payableAmount,status,paidAmount,placedAt";
    const csv = [
      header,
      `IMP-${stamp}-1,standard,store,S01,U1001,张三,13800138000,SOFA-3,三人沙发,1,3999.00,0,0,3999.00,COMPLETED,,2026-11-01T10:00:00+08:00`,
      `IMP-${stamp}-2,standard,store,S01,U1001,张三,13800138000,SOFA-3,三人沙发,two,3999.00,0,0,3999.00,COMPLETED,,2026-11-01T10:00:00+08:00`,
    ].join("\n");
    await signIn(page, USERS.owner);
    await page.goto("/console/M10000001/orders");
    await page.getByRole("link", { name: "导入订单" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入订单");
    await page.getByTestId("import-file").setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByTestId("import-start").click();
    const result = page.getByTestId("import-result");
    await expect(result).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
    await expect(page.getByTestId("import-created")).toHaveText("1");
    await expect(page.getByTestId("import-failed")).toHaveText("1");
    await expect(page.getByTestId("import-duplicates")).toHaveText("0");
    const error = page.getByTestId("import-error");
    await expect(error).toHaveCount(1);
    await expect(error).toContainText("3");
    await expect(error).toContainText("lines.0.quantity");
    await shot(page, "order-center-import");
  });
});
