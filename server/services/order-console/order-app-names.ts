import { db } from "@/server/db";

/** orderNo → the name of the app it came from (the Open API's order view names no app; merchant-wide lists do). */
export async function orderAppNames(orderNos: string[]): Promise<Map<string, string>> {
  if (orderNos.length === 0) return new Map();
  const rows = await db.order.findMany({ where: { orderNo: { in: orderNos } }, select: { orderNo: true, app: { select: { name: true } } } });
  return new Map(rows.map((row) => [row.orderNo, row.app.name]));
}
