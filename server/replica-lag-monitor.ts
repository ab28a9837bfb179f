import type pg from "pg";
import { parseLsn, PrimaryPositions, type ReplicaHealth, type ReplicaSample, replicaHealth } from "./domain/replica-routing";
import { metrics } from "./observability/metrics";

const QUERY_TIMEOUT_MS = 2000;

/**
 * Samples the replica's replay position against the primary's WAL position every few seconds (one process, one
 * monitor) and keeps the verdict the read path consults without any I/O of its own. docs/adr/0034.
 */
export class ReplicaLagMonitor {
  private positions = new PrimaryPositions();
  private timer: NodeJS.Timeout | undefined;
  private running: { downs: number; health: Promise<ReplicaHealth> } | undefined;
  /** Counts markDown() calls, so a sample that began before the replica failed under a read cannot bring it back. */
  private downs = 0;
  health: ReplicaHealth | null = null;

  constructor(
    private readonly replica: pg.Pool,
    private readonly primary: () => pg.Pool,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.checkNow();
    this.timer = setInterval(() => void this.checkNow(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The replica failed under a read: reads go to the primary until the next check finds it again. */
  markDown(): void {
    this.downs += 1;
    this.publish({ up: false, lagSeconds: null });
  }

  /** One sample now (the timer calls it; tests call it to not wait). A sample in flight is joined, unless it began before the last markDown(). */
  checkNow(): Promise<ReplicaHealth> {
    if (this.running?.downs === this.downs) return this.running.health;
    const downs = this.downs;
    const health: Promise<ReplicaHealth> = this.sample()
      .then((sample) => {
        const found = replicaHealth(sample, this.positions);
        // the replica failed under a read while this sample was in flight: its "up" is older than that failure
        if (found.up && this.downs !== downs) return this.health ?? found;
        return this.publish(found);
      })
      .finally(() => {
        if (this.running?.health === health) this.running = undefined;
      });
    this.running = { downs, health };
    return health;
  }

  private async sample(): Promise<ReplicaSample> {
    const at = new Date();
    const [replica, primaryLsn] = await Promise.all([this.replicaState(), this.primaryLsn()]);
    if (primaryLsn !== null) this.positions.add(at, primaryLsn);
    if (!replica) return { state: "down" };
    if (!replica.recovery) return { state: "promoted" };
    return { state: "replaying", replayLsn: replica.replay ? parseLsn(replica.replay) : null, primaryLsn, lastReplayAt: replica.lastReplayAt, at };
  }

  private async replicaState(): Promise<{ recovery: boolean; replay: string | null; lastReplayAt: Date | null } | null> {
    try {
      const { rows } = await withTimeout(
        this.replica.query<{ recovery: boolean; replay: string | null; lastReplayAt: Date | null }>(
          `SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replay, pg_last_xact_replay_timestamp() AS "lastReplayAt"`,
        ),
      );
      return rows[0] ?? null;
    } catch {
      return null;
    }
  }

  private async primaryLsn(): Promise<bigint | null> {
    try {
      const { rows } = await withTimeout(this.primary().query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn"));
      return rows[0] ? parseLsn(rows[0].lsn) : null;
    } catch {
      return null;
    }
  }

  private publish(health: ReplicaHealth): ReplicaHealth {
    this.health = health;
    metrics.replicaUp.set(health.up ? 1 : 0);
    // NaN is Prometheus' "unknown" (a gauge without labels cannot be absent: prom-client resets it to 0, which would read as no lag)
    metrics.replicaLag.set(health.lagSeconds ?? Number.NaN);
    return health;
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${QUERY_TIMEOUT_MS} ms`)), QUERY_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
