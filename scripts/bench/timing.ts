// Timing helpers of the in-process benches: sequential latency percentiles and concurrent throughput.

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

export type Timing = { p50: number; p95: number; p99: number; perSecond: number };

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
export async function throughput(run: () => Promise<unknown>, concurrency = CONCURRENCY, seconds = SECONDS): Promise<Pick<Timing, "perSecond">> {
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
  return { perSecond: Math.round(done / ((performance.now() - started) / 1000)) };
}
