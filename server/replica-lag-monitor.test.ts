// The monitor's verdict against a read that fails while a sample is in flight (the race CI met in read-db.int.test.ts:
// a timer's sample that found the replica up before it was killed must not bring it back after a read found it dead).
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { ReplicaLagMonitor } from "./replica-lag-monitor";

type Row = Record<string, unknown>;

/** A pool whose answers the test releases by hand, one query at a time. */
function heldPool() {
  const pending: { resolve: (rows: Row[]) => void; reject: (error: Error) => void }[] = [];
  const pool = {
    query: () => new Promise<{ rows: Row[] }>((resolve, reject) => pending.push({ resolve: (rows) => resolve({ rows }), reject })),
  } as unknown as pg.Pool;
  return { pool, pending };
}

const standby: Row = { recovery: true, replay: "0/3000000", lastReplayAt: new Date() };
const primaryAt: Row = { lsn: "0/3000000" };

/** A monitor over two held pools: the replica's and the primary's. */
function heldMonitor() {
  const replica = heldPool();
  const primary = heldPool();
  return { replica, primary, monitor: new ReplicaLagMonitor(replica.pool, () => primary.pool, 60_000) };
}

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

describe("ReplicaLagMonitor", () => {
  it("finds a replaying standby up with no lag when it has replayed everything", async () => {
    const { replica, primary, monitor } = heldMonitor();
    const health = monitor.checkNow();
    replica.pending[0]!.resolve([standby]);
    primary.pending[0]!.resolve([primaryAt]);
    expect(await health).toEqual({ up: true, lagSeconds: 0 });
    expect(monitor.health).toEqual({ up: true, lagSeconds: 0 });
  });

  it("keeps the replica down when a read fails while a sample that found it up is still in flight", async () => {
    const { replica, primary, monitor } = heldMonitor();
    const inFlight = monitor.checkNow();
    replica.pending[0]!.resolve([standby]); // the replica answered ...
    await settled();
    monitor.markDown(); // ... then died under a read, before the primary's position came back
    primary.pending[0]!.resolve([primaryAt]);
    expect(await inFlight).toEqual({ up: false, lagSeconds: null });
    expect(monitor.health).toEqual({ up: false, lagSeconds: null });
  });

  it("does not join a sample that began before markDown(): the next check samples afresh and may find it up again", async () => {
    const { replica, primary, monitor } = heldMonitor();
    const stale = monitor.checkNow();
    monitor.markDown();
    const fresh = monitor.checkNow();
    expect(fresh).not.toBe(stale);
    expect(replica.pending).toHaveLength(2);
    for (const query of replica.pending) query.resolve([standby]);
    for (const query of primary.pending) query.resolve([primaryAt]);
    expect(await fresh).toEqual({ up: true, lagSeconds: 0 });
    await stale;
    expect(monitor.health).toEqual({ up: true, lagSeconds: 0 });
  });

  it("joins a sample in flight when nothing failed since it began", () => {
    const { replica, monitor } = heldMonitor();
    expect(monitor.checkNow()).toBe(monitor.checkNow());
    expect(replica.pending).toHaveLength(1);
  });

  it("publishes a down sample even when a read failed meanwhile", async () => {
    const { replica, primary, monitor } = heldMonitor();
    const inFlight = monitor.checkNow();
    monitor.markDown();
    replica.pending[0]!.reject(new Error("connect ECONNREFUSED"));
    primary.pending[0]!.resolve([primaryAt]);
    expect(await inFlight).toEqual({ up: false, lagSeconds: null });
  });
});
