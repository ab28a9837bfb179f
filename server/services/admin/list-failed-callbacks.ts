import { db } from "@/server/db";
import type { NotificationResult, Prisma } from "@/server/generated/prisma/client.ts";
import { type Paging, pageWindow } from "@/server/domain/paging";
import { AppError } from "@/server/errors";

export const FAILED_RESULTS = ["INVALID_SIGNATURE", "MISMATCH", "UNKNOWN_TRADE", "ERROR"] as const satisfies NotificationResult[];

export type FailedCallbackFilter = {
  result?: (typeof FAILED_RESULTS)[number];
  channel?: string;
  mchNo?: string;
  from?: Date;
  to?: Date;
};

/** Inbound channel callbacks we did not accept (bad signature, amount or merchant mismatch, unknown trade), across merchants. */
export async function listFailedCallbacks(filter: FailedCallbackFilter, paging: Paging) {
  let merchantId: string | undefined;
  if (filter.mchNo) {
    const merchant = await db.merchant.findUnique({ where: { mchNo: filter.mchNo }, select: { id: true } });
    if (!merchant) return { rows: [], total: 0 };
    merchantId = merchant.id;
  }
  const where: Prisma.ChannelNotificationWhereInput = {
    result: filter.result ?? { in: [...FAILED_RESULTS] },
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(merchantId ? { merchantId } : {}),
    ...(filter.from || filter.to ? { receivedAt: { gte: filter.from, lt: filter.to } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.channelNotification.findMany({
      where,
      orderBy: { id: "desc" },
      ...pageWindow(paging),
      select: { id: true, channel: true, kind: true, result: true, resultDetail: true, merchantId: true, attemptNo: true, refundNo: true, receivedAt: true },
    }),
    db.channelNotification.count({ where }),
  ]);
  const ids = [...new Set(rows.map((r) => r.merchantId).filter((id): id is string => !!id))];
  const merchants = new Map((await db.merchant.findMany({ where: { id: { in: ids } }, select: { id: true, mchNo: true } })).map((m) => [m.id, m.mchNo]));
  return {
    rows: rows.map(({ merchantId: id, ...row }) => ({ ...row, id: row.id.toString(), mchNo: id ? (merchants.get(id) ?? null) : null })),
    total,
  };
}

/** Request headers a channel never needs to send and an operator never needs to read. */
const HIDDEN_HEADERS = new Set(["cookie", "authorization", "proxy-authorization"]);

/** One callback with its raw headers (credentials left out) and body, for an operator to read. */
export async function getCallback(id: string) {
  if (!/^\d{1,18}$/.test(id)) throw new AppError("NOT_FOUND", "callback not found");
  const row = await db.channelNotification.findUnique({ where: { id: BigInt(id) } });
  if (!row) throw new AppError("NOT_FOUND", "callback not found");
  const merchant = row.merchantId ? await db.merchant.findUnique({ where: { id: row.merchantId }, select: { mchNo: true } }) : null;
  const headers = Object.fromEntries(Object.entries((row.headers ?? {}) as Record<string, unknown>).filter(([name]) => !HIDDEN_HEADERS.has(name.toLowerCase())));
  return { ...row, headers, id: row.id.toString(), mchNo: merchant?.mchNo ?? null };
}
