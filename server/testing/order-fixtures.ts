import { db } from "@/server/db";
import { FLOW_STEPS, type OrderFlow, type OrderStatus } from "@/server/domain/order-flows";
import { newOrderNo } from "@/server/domain/ids";
import { DEMO_APP, type openApiClient } from "./open-api-client";
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
 * An order of the demo app paid for real: a pay order through the payment center, paid by the sandbox
 * (its signed callback), linked to the order as its `full` pay order, and the order in `status` with the
 * timeline of a business that moved it there. (Until order create lands on main this inserts the order
 * itself; the pay order and its money are real, so refunds go through the payment center.)
 */
export async function createPaidTestOrder(api: Api /* signed for DEMO_APP */, options: TestOrderOptions = {}) {
  const flow = options.flow ?? "standard";
  const status = options.status ?? "PAID";
  const lines = (options.lines ?? [{ sku: "SOFA-3", quantity: 1, unitPrice: 39900 }, { sku: "LAMP-1", quantity: 2, unitPrice: 5000 }]).map((line, lineNo) => ({
    ...line,
    lineNo,
    name: line.name ?? line.sku,
  }));
  const goods = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const discountAmount = options.discountAmount ?? 0;
  const shippingAmount = options.shippingAmount ?? 0;
  const payable = goods - discountAmount + shippingAmount;
  const orderNo = newOrderNo();
  const app = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } });

  const created = await api("/api/v1/pay-orders", {
    body: { mchOrderNo: `${orderNo}-full`, amount: payable, subject: `order ${orderNo}`, channel: "wechatpay", mode: "native" },
  });
  if (created.status !== 201) throw new Error(`pay order: ${JSON.stringify(created.json)}`);
  const payOrderNo = created.json.payOrderNo as string;
  await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
  const paidAt = (await eventually(async () => {
    const payOrder = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo } });
    return payOrder.status === "PAID" && payOrder;
  })).paidAt as Date;

  const steps = FLOW_STEPS[flow];
  const passed = status === "CANCELLED" || status === "SPLIT" ? ["PENDING_PAYMENT", "PAID", status] : steps.slice(0, steps.indexOf(status) + 1).filter((s) => s !== "DEPOSIT_PAID");
  const placedAt = new Date(Date.now() - 60_000);
  await db.$transaction(async (tx) => {
    await tx.order.create({
      data: {
        orderNo,
        merchantId: app.merchantId,
        appId: app.id,
        sourceOrderNo: `T-${orderNo}-${counter++}`,
        type: "standard",
        scene: "mall",
        storeId: options.storeId ?? "S01",
        flow,
        status,
        buyerId: options.buyerId ?? "U1001",
        buyerName: "张三",
        buyerPhone: "13800138000",
        discountAmount: BigInt(discountAmount),
        shippingAmount: BigInt(shippingAmount),
        payableAmount: BigInt(payable),
        paidAmount: BigInt(payable),
        paramsHash: "fixture",
        notifyUrl: options.notifyUrl,
        paidAt,
        placedAt,
        lines: {
          create: lines.map((line) => ({
            lineNo: line.lineNo,
            merchantId: app.merchantId,
            appId: app.id,
            placedAt,
            sku: line.sku,
            name: line.name,
            quantity: line.quantity,
            unitPrice: BigInt(line.unitPrice),
            amount: BigInt(line.quantity * line.unitPrice),
          })),
        },
        timeline: { create: passed.map((s, i) => ({ status: s as OrderStatus, at: new Date(placedAt.getTime() + i * 1000), by: s === "PAID" ? "payment" : "api" })) },
      },
    });
    await tx.payOrder.update({ where: { payOrderNo }, data: { orderNo, purpose: "full" } });
  });
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
