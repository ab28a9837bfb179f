import { setTimeout as sleep } from "node:timers/promises";
import type { PrismaClient } from "../../server/generated/prisma/client.ts";

/**
 * The rate-limit scenarios of `npm run bench` (issue #20, ADR 0029): the same request with the bench app unlimited
 * (no bucket statement at all) and with a limit far above what the machine can send (every request refills and
 * spends the bucket, none is refused), in turns. The server caches the app for up to 5 s, so a toggle waits that out.
 */
const CACHE_WAIT_MS = 5_500;
const NEVER_REACHED = 1_000_000;

export async function setRateLimit(db: PrismaClient, appId: string, on: boolean): Promise<void> {
  await db.app.update({ where: { id: appId }, data: { rateLimitPerSecond: on ? NEVER_REACHED : null, rateLimitBurst: NEVER_REACHED } });
  await sleep(CACHE_WAIT_MS);
}

/** "limits on" as a share of "limits off" per round and path, req/s and server CPU per request. */
export function rateLimitCost(results: Record<string, { reqPerSec: number; serverCpuMs?: number }>): string[] {
  const lines: string[] = [];
  for (const path of RATE_LIMIT_PATHS) {
    const pairs = RATE_LIMIT_ROUNDS
      .map((round) => [results[`limits off: ${path} #${round}`], results[`limits on: ${path} #${round}`]] as const)
      .filter(([off, on]) => off && on);
    if (pairs.length === 0) continue;
    const throughput = pairs.map(([off, on]) => on!.reqPerSec / off!.reqPerSec);
    const cpu = pairs.filter(([off, on]) => off!.serverCpuMs && on!.serverCpuMs).map(([off, on]) => on!.serverCpuMs! / off!.serverCpuMs!);
    const pct = (values: number[]) => values.map((v) => `${Math.round(v * 1000) / 10}%`).join(", ");
    const mean = (values: number[]) => `${Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 10}%`;
    const total = (side: 0 | 1) => pairs.reduce((sum, pair) => sum + pair[side]!.reqPerSec, 0);
    lines.push(
      `rate limits on vs off, ${path}: req/s ${pct(throughput)} (mean ${mean(throughput)}; all rounds ${total(1)} vs ${total(0)} = ${Math.round((total(1) / total(0)) * 1000) / 10}%; target ≥ 90%)` +
        (cpu.length ? `; server CPU per request ${pct(cpu)} (mean ${mean(cpu)})` : ""),
    );
  }
  return lines;
}

/** Rounds of each pair (BENCH_LIMIT_ROUNDS, default 4: off on, on off, off on, on off). */
export const RATE_LIMIT_ROUNDS = Array.from({ length: Number(process.env.BENCH_LIMIT_ROUNDS ?? 4) }, (_, i) => i + 1);

export const RATE_LIMIT_PATHS = ["create order (cashier mode)", "query order by payOrderNo"] as const;
