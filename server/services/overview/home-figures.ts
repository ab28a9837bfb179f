import { readDb } from "@/server/read-db";
import { utc } from "@/server/services/ledger/ledger-where";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CST = 8 * HOUR;

/** Start of the China Standard Time (UTC+8, no DST) day holding `at`, as a UTC instant. */
export function chinaDayStart(at: Date): Date {
  return new Date(Math.floor((at.getTime() + CST) / DAY) * DAY - CST);
}

/** "YYYY-MM-DD" of the China day starting at `start`. */
function chinaDate(start: Date): string {
  return new Date(start.getTime() + CST).toISOString().slice(0, 10);
}

export type DayFigures = { volume: bigint; payments: number; refundAmount: bigint; refunds: number; attempts: number; succeeded: number; successRate: number | null };

const emptyDay = (): DayFigures => ({ volume: 0n, payments: 0, refundAmount: 0n, refunds: 0, attempts: 0, succeeded: 0, successRate: null });

const REFUND_KINDS = ["refund", "duplicate_refund"];

/**
 * Today so far against yesterday up to the same hour (a fair comparison at 10:00 is 00:00–10:59 of both days),
 * from the hourly journal rollup (money) and the attempts' hourly rollup (success rate): two indexed aggregates.
 */
export async function todayAgainstYesterday(merchantId: string, currency: string, now: Date) {
  const today = chinaDayStart(now);
  const yesterday = new Date(today.getTime() - DAY);
  // the hour bucket holding "now" a day ago: yesterday's figures stop where today's are
  const sameHourYesterday = new Date(Math.floor((now.getTime() - DAY) / HOUR) * HOUR);
  const [money, attempts] = await Promise.all([
    readDb.$queryRaw<{ day: string; kind: string; entries: bigint; amount: bigint }[]>`
      SELECT CASE WHEN "hour" >= ${utc(today)} THEN 'today' ELSE 'yesterday' END AS day, "kind", sum("entries")::bigint AS entries, sum("amount")::bigint AS amount
      FROM "LedgerRollupHourly"
      WHERE "merchantId" = ${merchantId} AND "currency" = ${currency} AND "hour" >= ${utc(yesterday)}
        AND ("hour" >= ${utc(today)} OR "hour" <= ${utc(sameHourYesterday)})
      GROUP BY 1, 2`,
    readDb.$queryRaw<{ day: string; status: string; attempts: bigint }[]>`
      SELECT CASE WHEN "hour" >= ${utc(today)} THEN 'today' ELSE 'yesterday' END AS day, "status", sum("attempts")::bigint AS attempts
      FROM "PaymentOutcomeHourly"
      WHERE "merchantId" = ${merchantId} AND "currency" = ${currency} AND "hour" >= ${utc(yesterday)}
        AND ("hour" >= ${utc(today)} OR "hour" <= ${utc(sameHourYesterday)})
      GROUP BY 1, 2`,
  ]);
  const days = { today: emptyDay(), yesterday: emptyDay() };
  const finished = { today: 0, yesterday: 0 };
  for (const row of money) {
    const day = days[row.day as keyof typeof days];
    if (row.kind === "payment") {
      day.volume += row.amount;
      day.payments += Number(row.entries);
    } else if (REFUND_KINDS.includes(row.kind)) {
      day.refundAmount -= row.amount;
      day.refunds += Number(row.entries);
    }
  }
  for (const row of attempts) {
    const key = row.day as keyof typeof days;
    const count = Number(row.attempts);
    days[key].attempts += count;
    if (row.status === "SUCCEEDED") days[key].succeeded += count;
    if (row.status === "SUCCEEDED" || row.status === "FAILED" || row.status === "CLOSED") finished[key] += count;
  }
  for (const key of ["today", "yesterday"] as const) days[key].successRate = finished[key] ? days[key].succeeded / finished[key] : null;
  return days;
}

export type TrendPoint = { date: string; volume: bigint; payments: number; refundAmount: bigint };

/** The last 7 China days (today included), volume and payments per day; days without activity are zeros. */
export async function sevenDayTrend(merchantId: string, currency: string, now: Date): Promise<TrendPoint[]> {
  const first = new Date(chinaDayStart(now).getTime() - 6 * DAY);
  const rows = await readDb.$queryRaw<{ date: string; kind: string; entries: bigint; amount: bigint }[]>`
    SELECT to_char(date_trunc('day', "hour" + interval '8 hours'), 'YYYY-MM-DD') AS date, "kind", sum("entries")::bigint AS entries, sum("amount")::bigint AS amount
    FROM "LedgerRollupHourly"
    WHERE "merchantId" = ${merchantId} AND "currency" = ${currency} AND "hour" >= ${utc(first)}
    GROUP BY 1, 2`;
  const points = Array.from({ length: 7 }, (_, i): TrendPoint => ({ date: chinaDate(new Date(first.getTime() + i * DAY)), volume: 0n, payments: 0, refundAmount: 0n }));
  const byDate = new Map(points.map((p) => [p.date, p]));
  for (const row of rows) {
    const point = byDate.get(row.date);
    if (!point) continue;
    if (row.kind === "payment") {
      point.volume += row.amount;
      point.payments += Number(row.entries);
    } else if (REFUND_KINDS.includes(row.kind)) point.refundAmount -= row.amount;
  }
  return points;
}

/** The merchant's latest paid orders and latest refunds (a few rows each, newest first; (merchantId, createdAt) indexes). */
export async function latestActivity(merchantId: string, take = 5) {
  const [payments, refunds] = await Promise.all([
    readDb.payOrder.findMany({
      where: { merchantId, status: { in: ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"] } },
      orderBy: { createdAt: "desc" },
      take,
      select: { payOrderNo: true, mchOrderNo: true, subject: true, paidAmount: true, currency: true, status: true, paidAt: true, createdAt: true },
    }),
    readDb.refund.findMany({
      where: { merchantId },
      orderBy: { createdAt: "desc" },
      take,
      select: { refundNo: true, payOrderNo: true, amount: true, currency: true, status: true, createdAt: true },
    }),
  ]);
  return { payments, refunds };
}
