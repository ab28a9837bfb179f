import { db } from "@/server/db";
import type { OrderFlow, OrderStatus } from "@/server/domain/order-flows";
import type { openApiClient } from "./open-api-client";
import { eventually } from "./payment-fixtures";

type Api = ReturnType<typeof openApiClient>;

export type TestOrderOptions = {
  status?: OrderStatus;
  flow?: OrderFlow;
  buyerId?: string;
  storeId?: string;
  lines?: { sku: string; name?: string; quantity: number; unitPrice: number }[];
  discountAmount?: number;
  shippingAmount?: number;
  notifyUrl?: string;
};

let counter = 0;

/**
 * An order pushed through the Open API (POST /api/v1/orders), its `full` pay order paid by the sandbox
 * (the channel's signed callback moves the order to PAID), then moved by the business to `status`
 * (POST …/transitions). Everything real: refunds of it go through the payment center.
 */
export async function createPaidTestOrder(api: Api, options: TestOrderOptions = {}) {
  const lines = (options.lines ?? [{ sku: "SOFA-3", quantity: 1, unitPrice: 39900 }, { sku: "LAMP-1", quantity: 2, unitPrice: 5000 }]).map((line) => ({
    ...line,
    name: line.name ?? line.sku,
  }));
  const goods = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const discountAmount = options.discountAmount ?? 0;
  const shippingAmount = options.shippingAmount ?? 0;
  const payable = goods - discountAmount + shippingAmount;
  const created = await api("/api/v1/orders", {
    body: {
      sourceOrderNo: `T-${Date.now()}-${process.pid}-${counter++}`,
      type: "standard",
      scene: "mall",
      storeId: options.storeId ?? "S01",
      buyer: { id: options.buyerId ?? "U1001", name: "张三", phone: "13800138000" },
      lines,
      discountAmount,
      shippingAmount,
      payableAmount: payable,
      ...(options.flow ? { flow: options.flow } : {}),
      ...(options.notifyUrl ? { notifyUrl: options.notifyUrl } : {}),
    },
  });
  if (created.status !== 201) throw new Error(`order: ${JSON.stringify(created.json)}`);
  const orderNo = created.json.orderNo as string;
  const payOrderNo = created.json.payments[0].payOrderNo as string;
  await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
  await eventually(async () => (await db.order.findUniqueOrThrow({ where: { orderNo } })).status === "PAID");
  const status = options.status ?? "PAID";
  if (status !== "PAID") {
    const moved = await api(`/api/v1/orders/${orderNo}/transitions`, { body: { to: status } });
    if (moved.status !== 200) throw new Error(`transition to ${status}: ${JSON.stringify(moved.json)}`);
  }
  return { orderNo, payOrderNo, payable };
}
