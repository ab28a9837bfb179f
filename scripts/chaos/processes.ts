// The processes a chaos run kills: the production web server, the job worker, PostgreSQL. Each runs
// in a process group of its own, so a kill -9 takes the whole of it (PostgreSQL's backends with its
// postmaster), as a power cut would. Web and worker are supervised as a service manager would: one
// that exits unasked is started again (and counted).
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded-postgres.ts";

export type Launch = { command: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string; logFile: string };

/** A child in its own process group, restarted when it exits without being asked to. */
export class Supervised {
  private child: ChildProcess | undefined;
  private expectedExit = false;
  private stopped = false;
  unplannedExits = 0;
  /** Starts whose process exited before it was ready (e.g. PostgreSQL still recovering). */
  failedStarts = 0;
  starts = 0;

  constructor(
    readonly name: string,
    private readonly launch: Launch,
    private readonly ready: (pid: number) => Promise<void>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Starts the process and waits until it is ready; one that exits while starting (its database still
   * recovering, say) is started again, for up to 3 minutes.
   */
  async start(): Promise<void> {
    const deadline = Date.now() + 180_000;
    for (;;) {
      this.expectedExit = false;
      this.starts++;
      const child = this.spawnChild();
      const exited = new Promise<false>((resolve) => child.once("exit", () => resolve(false)));
      const ready = this.ready(child.pid!).then(() => true as const);
      ready.catch(() => undefined); // when the child exited first, its readiness probe runs out on its own
      if (await Promise.race([ready, exited])) {
        this.watch(child);
        return;
      }
      this.failedStarts++;
      if (this.stopped || Date.now() > deadline) throw new Error(`${this.name} did not start`);
      await sleep(1000);
    }
  }

  /**
   * Both output streams into one log, which neither may end: the first to close would end it and the other's
   * last bytes — or the exit line — would be a "write after end", an 'error' event that crashed the whole run.
   * The log ends once the child is gone and both streams are closed ('close'); its errors are reported, never thrown.
   */
  private spawnChild(): ChildProcess {
    const log = createWriteStream(this.launch.logFile, { flags: "a" });
    log.on("error", (error) => console.log(`  ! ${this.name}'s log: ${error.message}`));
    const child = spawn(this.launch.command, this.launch.args, { cwd: this.launch.cwd, env: this.launch.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once("close", (code, signal) => {
      if (!log.writableEnded) log.end(`\n[chaos] ${this.name} exited (${signal ?? code})\n`);
    });
    this.child = child;
    return child;
  }

  /** A running child that exits unasked is counted and started again, as a service manager would. */
  private watch(child: ChildProcess): void {
    child.once("exit", (code, signal) => {
      if (this.stopped || this.expectedExit || this.child !== child) return;
      this.unplannedExits++;
      console.log(`  ! ${this.name} exited by itself (${signal ?? code}); starting it again`);
      void sleep(1000)
        .then(() => (this.stopped ? undefined : this.start()))
        .catch((error: Error) => console.log(`  ! ${this.name} did not come back: ${error.message}`));
    });
  }

  /** kill -9 of the whole process group; resolves once it is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    this.expectedExit = true;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await exited;
  }

  /** A graceful stop (SIGTERM), then SIGKILL after 15 s. */
  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The embedded PostgreSQL of the run, which can be killed -9 (postmaster and backends) and started again (crash recovery). */
export class ChaosPostgres {
  private server: EmbeddedPostgres | undefined;
  url = "";

  constructor(
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  async start(): Promise<void> {
    this.server = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, database: "paycenter" });
    this.url = this.server.url;
  }

  async kill9(): Promise<void> {
    const pidFile = path.join(this.dataDir, "postmaster.pid");
    if (!existsSync(pidFile)) return;
    const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
    if (!Number.isInteger(pid) || pid <= 0) return;
    try {
      process.kill(-pid, "SIGKILL"); // the postmaster leads its group: its backends go with it
    } catch {
      return;
    }
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
