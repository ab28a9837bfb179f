import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client.ts";
import { AppError } from "@/server/errors";
import type { RequestLogFilters } from "@/server/domain/request-log-filters";

const PAGE = 50;

const LIST_FIELDS = {
  id: true,
  method: true,
  path: true,
  status: true,
  latencyMs: true,
  errorCode: true,
  requestId: true,
  idempotencyKey: true,
  authenticated: true,
  signType: true,
  createdAt: true,
} as const;

/**
 * One app's recent Open API requests, newest first, for its developers: by status class, path prefix,
 * and a search that is a request id or an Idempotency-Key (exact), keyset-paged by id. Scoped by the
 * merchant in the query (another merchant's app is as unknown as a made-up id).
 */
export async function listRequestLogs(merchantId: string, filters: RequestLogFilters) {
  const apps = await db.app.findMany({ where: { merchantId }, select: { id: true, name: true, mode: true }, orderBy: { createdAt: "asc" } });
  const app = apps.find((a) => a.id === filters.appId) ?? (filters.appId ? undefined : apps[0]);
  if (!app) {
    if (filters.appId) throw new AppError("NOT_FOUND", "no such app");
    return { apps, app: null, rows: [], nextBefore: null };
  }
  const where: Prisma.ApiRequestLogWhereInput = { appId: app.id, merchantId };
  if (filters.statusClass) {
    const low = Number(filters.statusClass[0]) * 100;
    where.status = { gte: low, lt: low + 100 };
  }
  if (filters.path) where.path = { startsWith: filters.path };
  if (filters.q) where.OR = [{ requestId: filters.q }, { idempotencyKey: filters.q }];
  if (filters.before) where.id = { lt: BigInt(filters.before) };
  const rows = await db.apiRequestLog.findMany({ where, orderBy: { id: "desc" }, take: PAGE + 1, select: LIST_FIELDS });
  const page = rows.slice(0, PAGE);
  return { apps, app, rows: page, nextBefore: rows.length > PAGE ? String(page.at(-1)?.id) : null };
}

export type RequestLogRowView = Awaited<ReturnType<typeof listRequestLogs>>["rows"][number];

/**
 * One logged request with its redacted bodies and the webhook deliveries of the object it is about
 * (the same pay order, refund or order), newest first with their attempts.
 */
export async function getRequestLog(merchantId: string, id: string) {
  if (!/^\d{1,19}$/.test(id)) throw new AppError("NOT_FOUND", "no such request");
  const log = await db.apiRequestLog.findFirst({ where: { id: BigInt(id), merchantId } });
  if (!log) throw new AppError("NOT_FOUND", "no such request");
  const app = await db.app.findFirst({ where: { id: log.appId, merchantId }, select: { id: true, name: true, mode: true } });
  const about: Prisma.EventWhereInput[] = [
    ...(log.payOrderNo ? [{ payOrderNo: log.payOrderNo }] : []),
    ...(log.refundNo ? [{ refundNo: log.refundNo }] : []),
    ...(log.orderNo ? [{ orderNo: log.orderNo }] : []),
  ];
  const deliveries =
    about.length === 0
      ? []
      : await db.webhookDelivery.findMany({
          where: { merchantId, appId: log.appId, event: { OR: about } },
          orderBy: { createdAt: "desc" },
          take: 20,
          include: {
            event: { select: { id: true, type: true, payOrderNo: true, refundNo: true, orderNo: true, createdAt: true } },
            attempts: { orderBy: { id: "desc" }, take: 10 },
          },
        });
  return { log, app, deliveries };
}
