import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { createPgPool } from "./pg-pool";

export type { Prisma } from "./generated/prisma/client.ts";

/** What a service receives when it may run inside a caller's transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

type Connection = { client: PrismaClient; pool: pg.Pool; url: string };

function connect(): Connection {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (scripts/run.ts sets it for the embedded database)");
  const pool = createPgPool(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // One pool for both: the client's $disconnect ends it.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  return { client, pool, url };
}

const globalForDb = globalThis as unknown as { __paycenterDb?: PrismaClient; __paycenterConnection?: Connection };

/** The connection for DATABASE_URL, made on first use (tests point DATABASE_URL at their own database first) and again after a disconnect. */
function connection(): Connection {
  const current = globalForDb.__paycenterConnection;
  if (current && current.url === process.env.DATABASE_URL && !current.pool.ended) return current;
  const made = connect();
  globalForDb.__paycenterConnection = made;
  globalForDb.__paycenterDb = made.client;
  return made;
}

/** The Prisma client for DATABASE_URL. */
export function getDb(): PrismaClient {
  return connection().client;
}

/** The Prisma client's connection pool, for the few hot paths that send SQL directly (server/sql.ts). */
export function getPool(): pg.Pool {
  return connection().pool;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
