// The cluster refuses to start on a port already in use: a crashed run's orphans (PostgreSQL, nodes, nginx)
// holding the ports made a later drill talk to the old processes, or wait on them, without a word.
import { createServer } from "node:net";

function inUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/** Throws, naming every port of `ports` something already listens on. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [what, port] of Object.entries(ports)) if (await inUse(port)) taken.push(`${port} (${what})`);
  if (taken.length === 0) return;
  throw new Error(
    `port${taken.length > 1 ? "s" : ""} already in use: ${taken.join(", ")} — a cluster, drill or bench still running, or its orphans ` +
      "(look with `ss -ltnp`; stop them by their pid before starting again)",
  );
}
