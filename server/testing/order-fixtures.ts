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

