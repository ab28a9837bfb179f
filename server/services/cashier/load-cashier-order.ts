import { db } from "@/server/db";
import { cashierPhase } from "@/server/domain/cashier-phase";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";

/** An order with what the cashier needs around it (merchant, app status, attempts oldest first) and its phase. */
export async function loadCashierOrder(payOrderNo: string, now = new Date()) {
  if (!hasIdShape("payOrderNo", payOrderNo)) throw new AppError("ORDER_NOT_FOUND", "no such order");
  const order = await db.payOrder.findUnique({
    where: { payOrderNo },
    include: {
      merchant: { select: { name: true, logoUrl: true, status: true } },
      app: { select: { status: true, mode: true } },
      payments: { orderBy: { seq: "asc" } },
    },
  });
  if (!order) throw new AppError("ORDER_NOT_FOUND", "no such order");
  const phase = cashierPhase(
    { orderStatus: order.status, expiresAt: order.expiresAt, closedAt: order.closedAt, merchantStatus: order.merchant.status, appStatus: order.app.status, appMode: order.app.mode },
    now,
  );
  return { order, phase, now };
}

export type LoadedCashierOrder = Awaited<ReturnType<typeof loadCashierOrder>>;
