import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type { Prisma } from "./generated/prisma/client.ts";

/** What a service receives when it may run inside a caller's transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (scripts/run.ts sets it for the embedded database)");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __paycenterDb?: PrismaClient; __paycenterDbUrl?: string };

/** The Prisma client for DATABASE_URL, created on first use (tests point DATABASE_URL at their own database first). */
export function getDb(): PrismaClient {
  if (!globalForDb.__paycenterDb || globalForDb.__paycenterDbUrl !== process.env.DATABASE_URL) {
    globalForDb.__paycenterDb = createClient();
    globalForDb.__paycenterDbUrl = process.env.DATABASE_URL;
  }
  return globalForDb.__paycenterDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
