import type { Tx } from "@/server/db";
import { COMPLAINT_LIMITS } from "@/server/domain/complaint-schema";
import { AppError } from "@/server/errors";

/**
 * Counts a filing against its pay order (per Beijing day) and its IP (per hour) in PostgreSQL, so every
 * web node agrees, and refuses it past the limits. The counters share the risk engine's RiskCounter table
 * (generic key/grain/bucket counts) under keys `complaint.po:` and `complaint.ip:`, which no risk rule
 * reads. Runs in the filing's transaction: a refused or failed filing counts nothing.
 */
export async function countComplaintFiling(tx: Tx, input: { payOrderNo: string; ip: string | null }, now = new Date()): Promise<void> {
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  // the Beijing day (UTC+8) as the instant it starts
  const day = new Date(Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000);
  const perOrder = await bump(tx, `complaint.po:${input.payOrderNo}`, "d", day);
  if (perOrder > COMPLAINT_LIMITS.perPayOrderPerDay) {
    throw new AppError("RATE_LIMITED", "too many complaints about this payment today", { retryAfter: secondsUntil(day.getTime() + 86_400_000, now) });
  }
  if (!input.ip) return;
  const perIp = await bump(tx, `complaint.ip:${input.ip}`, "h", hour);
  if (perIp > COMPLAINT_LIMITS.perIpPerHour) {
    throw new AppError("RATE_LIMITED", "too many complaints from this network, try again later", { retryAfter: secondsUntil(hour.getTime() + 3_600_000, now) });
  }
}

async function bump(tx: Tx, key: string, grain: "h" | "d", bucket: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO "RiskCounter" ("key", "grain", "bucket", "count", "amount", "updatedAt")
    VALUES (${key}, ${grain}, ${bucket}, 1, 0, now())
    ON CONFLICT ("key", "grain", "bucket") DO UPDATE SET "count" = "RiskCounter"."count" + 1, "updatedAt" = now()
    RETURNING "count"`;
  return Number(rows[0]?.count ?? 0);
}

function secondsUntil(at: number, now: Date): number {
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}
