/**
 * Where a read that may be a little stale goes: the replica while it is up, replaying, and no further behind than the
 * bound; the primary otherwise (docs/adr/0034-replication-and-read-split.md). Pure: the lag monitor feeds it samples.
 */
export type ReadTarget = "replica" | "primary";

export type ReplicaSample =
  /** No answer from the replica (down, refusing, timed out). */
  | { state: "down" }
  /** The replica answers but is not in recovery: promoted, no longer a copy of the primary. */
  | { state: "promoted" }
  /** A standby, replaying WAL. `primaryLsn` is null when the primary did not answer. */
  | { state: "replaying"; replayLsn: bigint | null; primaryLsn: bigint | null; lastReplayAt: Date | null; at: Date };

export type ReplicaHealth = { up: boolean; lagSeconds: number | null };

/** "16/B374D848" → the byte position it names. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/**
 * The primary's recent WAL positions, to tell how long ago the primary was where the replica now is. An idle primary
 * writes nothing, so "now − last replayed commit" alone would grow without any lag; a replica that has replayed
 * everything the primary has written has no lag, however old its last commit.
 */
export class PrimaryPositions {
  private samples: { at: number; lsn: bigint }[] = [];

  constructor(private readonly keepMs = 10 * 60_000) {}

  add(at: Date, lsn: bigint): void {
    this.samples.push({ at: at.getTime(), lsn });
    const cutoff = at.getTime() - this.keepMs;
    while (this.samples.length > 1 && this.samples[0]!.at < cutoff) this.samples.shift();
  }

  /** Seconds since the first sample at which the primary was past `replayLsn` (0 if none is): the replica is at least that far behind. */
  behindSince(replayLsn: bigint, now: Date): number {
    const first = this.samples.find((sample) => sample.lsn > replayLsn);
    return first ? Math.max(0, (now.getTime() - first.at) / 1000) : 0;
  }
}

/** Lag of a replaying standby, or null when it cannot be told (the primary did not answer). */
export function replicaLagSeconds(sample: Extract<ReplicaSample, { state: "replaying" }>, positions: PrimaryPositions): number | null {
  if (sample.primaryLsn === null || sample.replayLsn === null) return null;
  if (sample.replayLsn >= sample.primaryLsn) return 0;
  const byPositions = positions.behindSince(sample.replayLsn, sample.at);
  // The last replayed commit bounds it too (a primary that was idle, then wrote once, is behind by at most that).
  const byCommit = sample.lastReplayAt ? Math.max(0, (sample.at.getTime() - sample.lastReplayAt.getTime()) / 1000) : Number.POSITIVE_INFINITY;
  return Math.min(byPositions, byCommit);
}

export function replicaHealth(sample: ReplicaSample, positions: PrimaryPositions): ReplicaHealth {
  if (sample.state !== "replaying") return { up: false, lagSeconds: null };
  return { up: true, lagSeconds: replicaLagSeconds(sample, positions) };
}

/** Replica unset, down, promoted, lag unknown or past the bound → the primary. */
export function chooseReadTarget(configured: boolean, health: ReplicaHealth | null, maxLagSeconds: number): ReadTarget {
  if (!configured || !health?.up || health.lagSeconds === null) return "primary";
  return health.lagSeconds <= maxLagSeconds ? "replica" : "primary";
}
