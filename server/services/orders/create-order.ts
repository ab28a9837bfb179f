import type { ApiApp } from "@/server/apps/app-cache";
import { db, type Tx } from "@/server/db";
import { newOrderNo } from "@/server/domain/ids";
import { defaultFlow, shipByOnEntering } from "@/server/domain/order-flows";
import type { CreateOrderInput } from "@/server/domain/order-schema";
import { paramsHash } from "@/server/domain/params-hash";
import { AppError } from "@/server/errors";
import type { PayOrder, Prisma } from "@/server/generated/prisma/client.ts";
import { orderRiskFacts } from "@/server/domain/risk-facts";
import { recordEvent } from "@/server/services/events/record-event";
import { evaluateRiskCheck, type RiskCheck, recordRiskDecision, riskRejected } from "@/server/services/risk/check-risk";
import { openOrderPayment } from "./order-payment";
import { orderLineRows, recordOrderEvent } from "./order-records";
import { loadOrderView, type OrderView, orderView, type OrderWithParts } from "./order-view";

/** The order-defining parameters as hashed for ORDER_PARAMS_MISMATCH (dates as ISO text, amounts as digits). */
export function orderParamsHash(input: CreateOrderInput): string {
  const { client: _client, ...order } = input; // where it was sent from is not what was ordered
  return paramsHash({
    ...order,
    presale: input.presale ? { ...input.presale, balanceDueAt: input.presale.balanceDueAt.toISOString() } : undefined,
  });
}

export { paymentSubject } from "./order-payment";

async function replay(appId: string, sourceOrderNo: string, hash: string): Promise<{ status: 200; order: OrderView }> {
  const existing = await db.order.findUniqueOrThrow({ where: { appId_sourceOrderNo: { appId, sourceOrderNo } }, select: { orderNo: true, paramsHash: true } });
  if (existing.paramsHash !== hash) throw new AppError("ORDER_PARAMS_MISMATCH", "this sourceOrderNo was used with other order parameters", { field: "sourceOrderNo" });
  return { status: 200, order: await loadOrderView(db, appId, existing.orderNo) };
}

/**
 * POST /api/v1/orders (OPEN-API.md, "Order center"). One transaction writes the order, its lines, its
 * first timeline entry, the pay order(s) it opens and `order.created`. The same sourceOrderNo replays
 * the order (200) when its parameters are the same, else ORDER_PARAMS_MISMATCH; concurrent identical
 * pushes insert one order (the unique (appId, sourceOrderNo) decides, the others replay it).
 * The risk check (checkpoint ORDER, docs/adr/0018) runs before the transaction: BLOCK writes only its decision and
 * answers RISK_REJECTED; REVIEW writes the order held (riskReview PENDING, no pay order, no payment deadline yet).
 */
export async function createOrder(
  app: Pick<ApiApp, "id" | "merchantId">,
  input: CreateOrderInput,
  /** Runs first in the order's own transaction (a caller's lock and check that must commit with the order, e.g. a daily cap). */
  options: { beforeInsert?: (tx: Tx) => Promise<void> } = {},
): Promise<{ status: 200 | 201; order: OrderView }> {
  const hash = orderParamsHash(input);
  const known = await db.order.findUnique({ where: { appId_sourceOrderNo: { appId: app.id, sourceOrderNo: input.sourceOrderNo } }, select: { orderNo: true } });
  if (known) return replay(app.id, input.sourceOrderNo, hash);

  const settings = await db.app.findUniqueOrThrow({ where: { id: app.id }, select: { orderFlows: true, shipWithinHours: true } });
  const flow = input.flow ?? defaultFlow(input.type);
  if (!settings.orderFlows.includes(flow)) throw new AppError("VALIDATION_FAILED", `flow: ${flow} is not enabled for this app`, { field: "flow" });

  const now = new Date();
  const risk = await evaluateRiskCheck(orderRiskFacts(app, input, now));
  if (risk.action === "BLOCK") {
    await recordRiskDecision(db, risk, { sourceNo: input.sourceOrderNo });
    throw riskRejected(risk);
  }
  const created = await db.$transaction(async (tx) => {
    await options.beforeInsert?.(tx);
    return insertOrder(tx, app, input, { hash, flow, shipWithinHours: settings.shipWithinHours, now, risk });
  });
  if (!created) return replay(app.id, input.sourceOrderNo, hash);
  return { status: 201, order: created }; // the order.created snapshot: the order as committed
}

type InsertOptions = { hash: string; flow: "standard" | "custom_home"; shipWithinHours: number | null; now: Date; risk: RiskCheck };

/** Writes the order and everything that comes with it; its view, or null when another request inserted this sourceOrderNo first. */
async function insertOrder(tx: Tx, app: Pick<ApiApp, "id" | "merchantId">, input: CreateOrderInput, options: InsertOptions): Promise<OrderView | null> {
  const now = options.now;
  const orderNo = newOrderNo(now);
  const paidAtOnce = input.type === "points" && input.payableAmount === 0n;
  // Held for review: no pay order and no payment deadline until a person releases it (review-order.ts).
  const held = options.risk.action === "REVIEW" && !paidAtOnce;
  const row: Prisma.OrderCreateManyInput = {
    orderNo,
    merchantId: app.merchantId,
    appId: app.id,
    sourceOrderNo: input.sourceOrderNo,
    type: input.type,
    scene: input.scene,
    storeId: input.storeId ?? null,
    flow: options.flow,
    status: paidAtOnce ? "PAID" : "PENDING_PAYMENT",
    buyerId: input.buyer.id,
    buyerName: input.buyer.name ?? null,
    buyerPhone: input.buyer.phone ?? null,
    discountAmount: input.discountAmount,
    shippingAmount: input.shippingAmount,
    payableAmount: input.payableAmount,
    depositAmount: input.presale?.depositAmount ?? null,
    balanceDueAt: input.presale?.balanceDueAt ?? null,
    depositRefundable: input.presale?.depositRefundable ?? null,
    shippingAddress: input.shippingAddress,
    expireInSeconds: input.expireInSeconds,
    payBy: paidAtOnce || held ? null : new Date(now.getTime() + input.expireInSeconds * 1000),
    riskReview: held ? "PENDING" : null,
    openPayment: input.openPayment,
    notifyUrl: input.notifyUrl ?? null,
    metadata: input.metadata,
    paramsHash: options.hash,
    statusAt: now,
    paidAt: paidAtOnce ? now : null,
    shipBy: paidAtOnce ? shipByOnEntering(options.flow, "PAID", now, options.shipWithinHours) : null,
    placedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  // ON CONFLICT DO NOTHING: a concurrent insert of the same sourceOrderNo makes this wait for it, then insert nothing.
  const inserted = await tx.order.createMany({ data: [row], skipDuplicates: true });
  if (inserted.count === 0) return null;

  const lines = orderLineRows({ orderNo, merchantId: app.merchantId, appId: app.id, placedAt: now }, input.lines);
  await tx.orderLine.createMany({ data: lines });
  const timeline = [
    { orderNo, status: "PENDING_PAYMENT" as const, by: "api", at: now, note: null, carrier: null, trackingNo: null },
    ...(paidAtOnce ? [{ orderNo, status: "PAID" as const, by: "payment", at: new Date(now.getTime() + 1), note: null, carrier: null, trackingNo: null }] : []),
  ];
  await tx.orderTimelineEntry.createMany({ data: timeline });

  const decisionId = await recordRiskDecision(tx, options.risk, { orderNo, sourceNo: input.sourceOrderNo });
  if (held) await tx.riskReview.create({ data: { orderNo, merchantId: app.merchantId, appId: app.id, decisionId: decisionId!, createdAt: now } });
  const payOrders: PayOrder[] = [];
  const payable = {
    orderNo,
    type: input.type,
    storeId: input.storeId ?? null,
    openPayment: input.openPayment,
    payableAmount: input.payableAmount,
    depositAmount: input.presale?.depositAmount ?? null,
    expireInSeconds: input.expireInSeconds,
  };
  const payOrder = held ? null : await openOrderPayment(tx, app, payable, input.lines);
  if (payOrder) payOrders.push(payOrder);
  // The order as written, for order.created and the answer: reading it back would take seven statements
  // more (orders.int.test.ts checks it equals GET /orders/{orderNo}).
  const written = {
    ...row,
    currency: "CNY",
    paidAmount: 0n,
    refundedAmount: 0n,
    shippingAddress: input.shippingAddress ?? null,
    metadata: input.metadata ?? null,
    cancelReason: null,
    cancelNote: null,
    parentOrderNo: null,
    importId: null,
    overdueAt: null,
    lines: lines.map((line) => ({ id: "", ...line })),
    timeline: timeline.map((entry) => ({ id: "", ...entry })),
    payOrders,
    children: [],
    shipments: [],
    afterSales: [],
  } as unknown as OrderWithParts;
  const view = await recordOrderEvent(tx, { orderNo, merchantId: app.merchantId, appId: app.id }, "order.created", {}, orderView(written));
  if (held) await recordEvent(tx, { merchantId: app.merchantId, appId: app.id, type: "order.risk_review", orderNo, data: view });
  return view;
}
