import { db } from "@/server/db";
import { merchantMayTransact } from "@/server/domain/merchant-status";
import { TRADE_HOLDS_ORDER, type TradeStatus } from "@/server/domain/trade-states";
import type { PayOrder, Trade } from "@/server/generated/prisma/client.ts";

/**
 * What a pay order is for, as the cashier tells it: an order center order's own `full` pay order (its
 * buyer's coupons, points and wallet may pay part of it: a trade), the channel part of a trade, a wallet
 * top-up, or any other payment (a plain pay order, a presale's deposit or balance).
 */
export type CashierKind = "payment" | "order" | "trade" | "top_up";

export function cashierKind(payOrder: Pick<PayOrder, "purpose" | "orderNo">): CashierKind {
  if (payOrder.purpose === "top_up") return "top_up";
  if (payOrder.purpose === "trade") return "trade";
  if (payOrder.purpose === "full" && payOrder.orderNo) return "order";
  return "payment";
}

type ContextPayOrder = Pick<PayOrder, "payOrderNo" | "orderNo" | "purpose" | "status" | "expiresAt"> & {
  merchant: { status: string };
  app: { status: string; mode: string };
};

/**
 * The order behind an `order` or `trade` pay order, read for the cashier: the order, the trade that
 * concerns this page (an order's latest trade; a trade pay order's own trade), the order's own pay page
 * (its `full` pay order) and whether a new trade may start for it now: the order waits for payment,
 * before its deadline, no other trade holds it, and its merchant may take payments.
 */
export async function loadCashierOrderContext(payOrder: ContextPayOrder, now = new Date()) {
  const kind = cashierKind(payOrder);
  if (kind !== "order" && kind !== "trade") return null;
  const trade: Trade | null =
    kind === "trade"
      ? await db.trade.findUnique({ where: { payOrderNo: payOrder.payOrderNo } })
      : await db.trade.findFirst({ where: { orderNo: payOrder.orderNo as string }, orderBy: { createdAt: "desc" } });
  const orderNo = kind === "order" ? payOrder.orderNo : (trade?.orderNo ?? payOrder.orderNo);
  if (!orderNo) return null;
  const order = await db.order.findUnique({
    where: { orderNo },
    select: {
      orderNo: true,
      appId: true,
      merchantId: true,
      status: true,
      payBy: true,
      payableAmount: true,
      currency: true,
      buyerId: true,
      buyerName: true,
      payOrders: { where: { purpose: "full" }, select: { payOrderNo: true, status: true, expiresAt: true }, take: 1 },
    },
  });
  if (!order) return null;
  const full = order.payOrders[0] ?? null;
  // the order center's own trade: a trade pay order's may be newer than the one shown on this page
  const latest = kind === "order" ? trade : await db.trade.findFirst({ where: { orderNo }, orderBy: { createdAt: "desc" }, select: { status: true } });
  const held = !!latest && TRADE_HOLDS_ORDER.includes(latest.status as TradeStatus);
  const deadline = order.payBy ?? full?.expiresAt ?? null;
  const transactable = merchantMayTransact(payOrder.merchant.status, payOrder.app.mode) && payOrder.app.status === "ACTIVE";
  const tradeable =
    order.status === "PENDING_PAYMENT" &&
    !held &&
    transactable &&
    !!full &&
    (full.status === "PENDING" || full.status === "CLOSED") &&
    (deadline === null || now < deadline);
  return { kind, order, fullPayOrderNo: full?.payOrderNo ?? null, trade, tradeable, deadline };
}

export type CashierOrderContext = NonNullable<Awaited<ReturnType<typeof loadCashierOrderContext>>>;
