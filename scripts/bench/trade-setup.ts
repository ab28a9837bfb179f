import type { PrismaClient } from "../../server/generated/prisma/client.ts";
import { type BenchApp, signedHeaders } from "./signed-requests.ts";

/**
 * The combined-trade scenario of `npm run bench` (issue #15): `count` orders of one app, each of its own
 * buyer (as in a real mall: no two requests queue on one buyer's row), each buyer with a wallet and an
 * amount_off coupon, written in bulk with SQL. Each request then pays one of them with coupon + wallet
 * + the cashier for the rest (a channel part whose pay order is opened, like a cashier-mode pay order).
 */
export async function prepareTradeOrders(db: PrismaClient, app: { id: string; merchantId: string }, count: number): Promise<string[]> {
  const run = `${Date.now().toString(36)}`;
  await db.$executeRawUnsafe(
    `INSERT INTO "Order" ("orderNo", "merchantId", "appId", "sourceOrderNo", type, scene, flow, status, "buyerId", "payableAmount", "paramsHash",
                          "expireInSeconds", "payBy", "placedAt", "createdAt", "updatedAt", "statusAt")
     SELECT 'O' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDDHH24MISSMS') || lpad(upper(to_hex(n)), 8, '0'), $2, $1,
            'BT-' || $3 || '-' || n, 'standard', 'mall', 'standard', 'PENDING_PAYMENT', 'BT' || $3 || n, 20000, 'bench', 86400, now() + interval '1 day', now(), now(), now(), now()
     FROM generate_series(1, $4::int) AS n`,
    app.id,
    app.merchantId,
    run,
    count,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "OrderLine" (id, "orderNo", "lineNo", "merchantId", "appId", "placedAt", sku, name, quantity, "unitPrice", amount, kind)
     SELECT gen_random_uuid()::text, "orderNo", 0, "merchantId", "appId", "placedAt", 'SOFA-3', '三人沙发', 1, 20000, 20000, 'stock' FROM "Order" WHERE "sourceOrderNo" LIKE $1`,
    `BT-${run}-%`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "BuyerAccount" ("merchantId", "buyerId", "walletBalance", "updatedAt") SELECT $1, 'BT' || $2 || n, 100000, now() FROM generate_series(1, $3::int) AS n`,
    app.merchantId,
    run,
    count,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Coupon" (id, "appId", "merchantId", "couponNo", "buyerId", type, value, "minSpend", "expiresAt", "paramsHash", "updatedAt")
     SELECT gen_random_uuid()::text, $1, $2, 'BC' || $3 || n, 'BT' || $3 || n, 'amount_off', 2000, 10000, now() + interval '1 day', 'bench', now()
     FROM generate_series(1, $4::int) AS n`,
    app.id,
    app.merchantId,
    run,
    count,
  );
  const orders = await db.$queryRawUnsafe<{ orderNo: string; buyerId: string }[]>(
    `SELECT "orderNo", "buyerId" FROM "Order" WHERE "sourceOrderNo" LIKE $1 ORDER BY "sourceOrderNo"`,
    `BT-${run}-%`,
  );
  return orders.map((order) => `${order.orderNo} ${order.buyerId.replace(/^BT/, "BC")}`);
}

/** Each request takes the next prepared order: coupon 20.00 + wallet 50.00, the cashier pays the rest. */
export function createTradeRequest(app: BenchApp, orders: string[]) {
  let next = 0;
  return {
    method: "POST" as const,
    path: "/api/v1/orders",
    setupRequest: (request: Record<string, unknown>) => {
      const [orderNo, couponNo] = orders[next++ % orders.length].split(" ");
      const path = `/api/v1/orders/${orderNo}/trades`;
      const body = JSON.stringify({ tradeNo: `BT-${orderNo}-${next}`, deductMode: "lock", couponNos: [couponNo], walletAmount: 5000 });
      return { ...request, path, body, headers: signedHeaders(app, "POST", path, body) };
    },
  };
}
