// Every child of `npm run cluster`, the failover drill and the cluster bench — the PostgreSQL pair, web nodes,
// workers, nginx — runs in a process group of its own (a kill -9 in a drill must reach all of it), so none of
// them gets the terminal's Ctrl-C, and a script that died without stopping them left them running: orphans that
// held the cluster's ports (a later asynchronous drill stalled silently on them). Here: on SIGINT, SIGTERM,
// SIGHUP, an uncaught error or an unhandled rejection, whatever is registered is stopped gracefully, then the
// process exits. A second signal while stopping kills every registered child at once (kill -9 of each group).

export type Teardown = {
  /** Graceful stop of everything the resource started. */
  stop(): Promise<void>;
  /** kill -9 of every child process group, issued synchronously. */
  kill(): void;
};

const live = new Set<Teardown>();
let installed = false;
let stopping = false;

/** Registers a resource to stop on a signal or a crash; returns a function that unregisters it (call it after a normal stop). */
export function stopOnExit(resource: Teardown): () => void {
  install();
  live.add(resource);
  return () => live.delete(resource);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void tearDown(signal, 130));
  process.on("uncaughtException", (error) => {
    console.error("[teardown] uncaught error:", error.stack ?? error);
    void tearDown("an uncaught error", 1);
  });
  process.on("unhandledRejection", (reason) => {
    console.error("[teardown] unhandled rejection:", reason instanceof Error ? reason.stack : reason);
    void tearDown("an unhandled rejection", 1);
  });
}

/** Stops everything registered, then exits with `code`; called again while stopping (a second Ctrl-C), kills it all and exits at once. */
export async function tearDown(why: string, code: number): Promise<never> {
  if (stopping) {
    console.error(`\n[teardown] ${why} again: killing every child now`);
    killAll();
    process.exit(code);
  }
  stopping = true;
  console.error(`\n[teardown] ${why}: stopping every child (again to kill them at once)`);
  // a stop that hangs (a child ignoring SIGTERM past its own timeout) must not keep the process forever
  const hardStop = setTimeout(() => {
    console.error("[teardown] still stopping after 60 s: killing every child");
    killAll();
    process.exit(code);
  }, 60_000);
  await Promise.all([...live].map((resource) => resource.stop().catch((error: Error) => console.error(`[teardown] ${error.message}`))));
  clearTimeout(hardStop);
  process.exit(code);
}

function killAll(): void {
  for (const resource of live) {
    try {
      resource.kill();
    } catch {
      // already gone
    }
  }
}
