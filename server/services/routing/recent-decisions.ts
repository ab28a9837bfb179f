import { db } from "@/server/db";
import type { RouteDecision } from "@/server/domain/routing/types";
import { findRoutingApp } from "./route-rules";

/** The app's latest attempts with their routing decisions (the routing page's decision log). */
export async function recentDecisions(merchantId: string, appId: string, limit: number) {
  await findRoutingApp(merchantId, appId);
  const rows = await db.payment.findMany({
    where: { appId, merchantId, routeDecision: { not: { equals: null } } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { attemptNo: true, payOrderNo: true, amount: true, currency: true, status: true, createdAt: true, routeDecision: true },
  });
  return rows.map((r) => ({ ...r, routeDecision: r.routeDecision as unknown as RouteDecision }));
}
