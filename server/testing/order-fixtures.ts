import { db } from "@/server/db";
import { newOrderNo } from "@/server/domain/ids";
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


/**
 * An order written straight into the order center (as an import lands one), for tests of the console and
 * the portal that need orders of several stores, buyers and apps without paying them.
 */
export async function insertOrder(options: { appId: string; storeId?: string | null; buyerId?: string; sku?: string; status?: OrderStatus; scene?: string; placedAt?: Date; amount?: bigint }) {
  const app = await db.app.findUniqueOrThrow({ where: { id: options.appId }, select: { merchantId: true } });
  const placedAt = options.placedAt ?? new Date(Date.now() - counter * 1000);
  const amount = options.amount ?? 10_000n;
  const orderNo = newOrderNo();
  counter += 1;
  await db.order.create({
    data: {
      orderNo,
      merchantId: app.merchantId,
      appId: options.appId,
      sourceOrderNo: `FIX-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      type: "standard",
      scene: options.scene ?? "mall",
      storeId: options.storeId ?? null,
      flow: "standard",
      status: options.status ?? "PAID",
      buyerId: options.buyerId ?? "U1001",
      buyerName: "张三",
      buyerPhone: "13800138000",
      payableAmount: amount,
      paidAmount: options.status === "PENDING_PAYMENT" ? 0n : amount,
      paramsHash: "fixture",
      placedAt,
      lines: { create: [{ lineNo: 0, merchantId: app.merchantId, appId: options.appId, placedAt, sku: options.sku ?? "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: amount, amount }] },
      timeline: { create: [{ status: options.status ?? "PAID", by: "import", at: placedAt }] },
    },
  });
  return orderNo;
}

/**
 * The order center through the signed Open API, for tests of its lifecycle: orders pushed with `base`
 * (and a fresh sourceOrderNo), paid through the sandbox, read back from the database.
 */
export function orderCenterClient(api: Api, prefix: string, base: Record<string, unknown>) {
  let n = 0;
  const orderBody = (overrides: Record<string, unknown> = {}) => ({ sourceOrderNo: `${prefix}-${Date.now()}-${n++}`, ...base, ...overrides });
  const createOrder = async (overrides: Record<string, unknown> = {}) => {
    const created = await api("/api/v1/orders", { body: orderBody(overrides) });
    if (created.status !== 201) throw new Error(`order create: ${created.status} ${JSON.stringify(created.json)}`);
    return created.json;
  };
  const pay = (payOrderNo: string) => api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success", channel: "wechatpay", mode: "native" } });
  const order = (orderNo: string) => db.order.findUniqueOrThrow({ where: { orderNo } });
  const statusIs = (orderNo: string, status: string) => eventually(async () => (await order(orderNo)).status === status);
  return { orderBody, createOrder, pay, order, statusIs };
}
