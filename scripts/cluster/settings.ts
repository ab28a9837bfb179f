// Where the one-machine cluster puts things: ports (54621/54622 for PostgreSQL, 3620 for nginx,
// 3621… for web nodes), the data directory .data/cluster/, and how many nodes of each kind.
import path from "node:path";
import { REPO_ROOT } from "../lib/migrations-dir.ts";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}=${process.env[name]} is not a whole number`);
  return value;
};

export const CLUSTER_DIR = path.join(REPO_ROOT, ".data", "cluster");
export const PRIMARY_PORT = int("CLUSTER_PG_PRIMARY_PORT", 54621);
export const REPLICA_PORT = int("CLUSTER_PG_REPLICA_PORT", 54622);
export const LB_PORT = int("CLUSTER_LB_PORT", 3620);
/** Web node i (0-based) listens on FIRST_WEB_PORT + i. */
export const FIRST_WEB_PORT = int("CLUSTER_FIRST_WEB_PORT", 3621);
export const DATABASE = "paycenter";
export const PG_USER = "postgres";
export const PG_PASSWORD = "postgres";

export function webCount(): number {
  const n = int("CLUSTER_WEB", 2);
  if (n < 1 || n > 4) throw new Error("CLUSTER_WEB must be 1–4 (ports 3621–3624)");
  return n;
}

export function workerCount(): number {
  const n = int("CLUSTER_WORKERS", 1);
  if (n < 1) throw new Error("CLUSTER_WORKERS must be at least 1");
  return n;
}

/** One server. */
export function singleHostUrl(port: number): string {
  return `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

/** Both servers: the client connects to the one that accepts writes (libpq's target_session_attrs). */
export function followPrimaryUrl(ports: number[]): string {
  return `postgresql://${PG_USER}:${PG_PASSWORD}@${ports.map((p) => `127.0.0.1:${p}`).join(",")}/${DATABASE}?target_session_attrs=read-write`;
}
