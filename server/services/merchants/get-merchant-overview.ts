import { db } from "@/server/db";

/** Start of the current day in China Standard Time (UTC+8, no DST), as a UTC instant. */
export function startOfChinaDay(now = new Date()): Date {
  const shifted = new Date(now.getTime() + 8 * 3600_000);
  shifted.setUTCHours(0, 0, 0, 0);
  return new Date(shifted.getTime() - 8 * 3600_000);
}

/** Figures for the console's overview page, scoped to one merchant. */
export async function getMerchantOverview(merchantId: string, now = new Date()) {
  const since = startOfChinaDay(now);
  const [merchant, apps, ordersToday, paidToday] = await Promise.all([
    db.merchant.findUniqueOrThrow({
      where: { id: merchantId },
      select: { mchNo: true, name: true, status: true, statusReason: true, createdAt: true },
    }),
    db.app.findMany({
      where: { merchantId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, mode: true, status: true, _count: { select: { channelAccounts: true } } },
    }),
    db.payOrder.count({ where: { merchantId, createdAt: { gte: since } } }),
    db.payOrder.aggregate({
      where: { merchantId, paidAt: { gte: since } },
      _count: { _all: true },
      _sum: { paidAmount: true },
    }),
  ]);
  return {
    merchant,
    apps: apps.map(({ _count, ...app }) => ({ ...app, channelAccountCount: _count.channelAccounts })),
    today: { orders: ordersToday, paidOrders: paidToday._count._all, paidAmount: paidToday._sum.paidAmount ?? 0n, currency: "CNY" },
  };
}
