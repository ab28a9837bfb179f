import { describe, expect, it } from "vitest";
import { chooseReadTarget, parseLsn, PrimaryPositions, replicaHealth, type ReplicaSample } from "./replica-routing";

const t = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 2, 0, 0) + seconds * 1000);
const replaying = (replayLsn: bigint | null, primaryLsn: bigint | null, at: Date, lastReplayAt: Date | null = null): ReplicaSample => ({
  state: "replaying",
  replayLsn,
  primaryLsn,
  lastReplayAt,
  at,
});

describe("WAL positions", () => {
  it("parses what pg_current_wal_lsn() prints", () => {
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn("FFFFFFFF/FFFFFFFF")).toBe((1n << 64n) - 1n);
    expect(() => parseLsn("16-B374D848")).toThrow(/WAL position/);
  });
});

describe("replica lag", () => {
  it("is 0 when the replica has replayed everything, however old its last commit (an idle primary)", () => {
    const positions = new PrimaryPositions();
    positions.add(t(0), 100n);
    positions.add(t(3600), 100n);
    expect(replicaHealth(replaying(100n, 100n, t(3600), t(0)), positions)).toEqual({ up: true, lagSeconds: 0 });
  });

  it("grows from the first moment the primary was past the replica's position (replay paused while the primary writes)", () => {
    const positions = new PrimaryPositions();
    positions.add(t(0), 100n);
    positions.add(t(2), 150n);
    positions.add(t(4), 200n);
    positions.add(t(16), 400n);
    expect(replicaHealth(replaying(100n, 400n, t(16), t(-1)), positions)).toEqual({ up: true, lagSeconds: 14 });
    expect(replicaHealth(replaying(150n, 400n, t(16), t(-1)), positions).lagSeconds).toBe(12);
  });

  it("after a long idle spell one new write is no lag of an hour: the last replayed commit bounds it only from above", () => {
    const positions = new PrimaryPositions();
    positions.add(t(0), 100n);
    positions.add(t(3600), 120n);
    expect(replicaHealth(replaying(100n, 120n, t(3600), t(0)), positions).lagSeconds).toBe(0);
    // a sample taken a little later still behind: behind since the first sample past it
    positions.add(t(3602), 120n);
    expect(replicaHealth(replaying(100n, 120n, t(3602), t(0)), positions).lagSeconds).toBe(2);
  });

  it("is unknown when the primary did not answer, and a down or promoted replica is not up", () => {
    const positions = new PrimaryPositions();
    expect(replicaHealth(replaying(100n, null, t(0)), positions)).toEqual({ up: true, lagSeconds: null });
    expect(replicaHealth({ state: "down" }, positions)).toEqual({ up: false, lagSeconds: null });
    expect(replicaHealth({ state: "promoted" }, positions)).toEqual({ up: false, lagSeconds: null });
  });

  it("keeps a bounded history", () => {
    const positions = new PrimaryPositions(10_000);
    for (let s = 0; s <= 60; s += 2) positions.add(t(s), BigInt(s));
    // the samples older than 10 s are gone: the replica at position 0 is known to be behind since t(50) at most
    expect(positions.behindSince(0n, t(60))).toBe(10);
  });
});

describe("where a stale-tolerant read goes", () => {
  it("goes to the replica only when configured, up, and within the bound", () => {
    expect(chooseReadTarget(false, { up: true, lagSeconds: 0 }, 10)).toBe("primary");
    expect(chooseReadTarget(true, null, 10)).toBe("primary");
    expect(chooseReadTarget(true, { up: false, lagSeconds: null }, 10)).toBe("primary");
    expect(chooseReadTarget(true, { up: true, lagSeconds: null }, 10)).toBe("primary");
    expect(chooseReadTarget(true, { up: true, lagSeconds: 0 }, 10)).toBe("replica");
    expect(chooseReadTarget(true, { up: true, lagSeconds: 10 }, 10)).toBe("replica");
    expect(chooseReadTarget(true, { up: true, lagSeconds: 10.5 }, 10)).toBe("primary");
  });
});
