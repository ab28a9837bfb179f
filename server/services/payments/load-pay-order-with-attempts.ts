import { hasIdShape } from "@/server/domain/id-shapes";
import { type PayOrder, Prisma } from "@/server/generated/prisma/client.ts";
import { columns, sql } from "@/server/sql";
import type { AttemptShown } from "./pay-order-view";

export const ORDER_COLUMNS = columns(Prisma.PayOrderScalarFieldEnum);

/**
 * An order and the attempt fields its view shows, in one query (the Open API's hottest read; see
 * server/sql.ts). Null when there is no such order (a number of another shape names none: no query).
 */
export async function loadOrderWithAttempts(
  by: { payOrderNo: string } | { appId: string; mchOrderNo: string },
): Promise<{ order: PayOrder; attempts: AttemptShown[] } | null> {
  if ("payOrderNo" in by ? !hasIdShape("payOrderNo", by.payOrderNo) : !hasIdShape("mchOrderNo", by.mchOrderNo)) return null;
  const [where, values] = "payOrderNo" in by ? [`o."payOrderNo" = $1`, [by.payOrderNo]] : [`o."appId" = $1 AND o."mchOrderNo" = $2`, [by.appId, by.mchOrderNo]];
  const { rows } = await sql<PayOrder & { attempts: AttemptShown[] }>(
    `SELECT ${ORDER_COLUMNS}, COALESCE((
       SELECT json_agg(json_build_object('attemptNo', p."attemptNo", 'seq', p.seq, 'channel', p.channel, 'mode', p.mode,
                                         'status', p.status, 'channelTradeNo', p."channelTradeNo", 'payData', p."payData") ORDER BY p.seq)
       FROM "Payment" p WHERE p."payOrderNo" = o."payOrderNo"), '[]') AS attempts
     FROM "PayOrder" o WHERE ${where}`,
    values,
  );
  if (!rows[0]) return null;
  const { attempts, ...order } = rows[0];
  return { order, attempts };
}
