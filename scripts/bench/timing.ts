// Timing helpers of the in-process benches: sequential latency percentiles, concurrent throughput, and the
// CPU time spent per run (this process, and other processes by pid: PostgreSQL's backends, a server), which
// does not depend on how busy a shared machine is.
import { readFileSync } from "node:fs";

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

export type Timing = { p50: number; p95: number; p99: number; perSecond: number; cpuMs?: { self: number; others: number } };

/** CPU seconds (user + system) a process has used so far; 0 once it is gone (or without a pid). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** RUNS sequential runs after 3 warm-ups: p50/p95/p99 in ms. */
export async function timeRuns(run: () => Promise<unknown>, runs = RUNS): Promise<Pick<Timing, "p50" | "p95" | "p99">> {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)) };
}

/** CONCURRENCY loops running `run` back to back for SECONDS: completed runs per second. */
export async function throughput(
  run: () => Promise<unknown>,
  others: () => Promise<number[]> = async () => [],
  concurrency = CONCURRENCY,
  seconds = SECONDS,
): Promise<Pick<Timing, "perSecond" | "cpuMs">> {
  const pids = await others();
  const selfBefore = process.cpuUsage();
  const othersBefore = pids.map(cpuSecondsOf);
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await run();
        done++;
      }
    }),
  );
  const self = process.cpuUsage(selfBefore);
  // connections a pool opened during the window count whole (all their CPU is from the window)
  const before = new Map(pids.map((pid, i) => [pid, othersBefore[i]]));
  const after = [...new Set([...pids, ...(await others())])];
  const othersSeconds = after.reduce((sum, pid) => sum + Math.max(0, cpuSecondsOf(pid) - (before.get(pid) ?? 0)), 0);
  const perRun = (ms: number) => Math.round((ms / Math.max(1, done)) * 100) / 100;
  return {
    perSecond: Math.round(done / ((performance.now() - started) / 1000)),
    cpuMs: { self: perRun((self.user + self.system) / 1000), others: perRun(othersSeconds * 1000) },
  };
}
