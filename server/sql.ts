import { createHash } from "node:crypto";
import pg from "pg";
import { getPool } from "./db";

/**
 * SQL sent straight to the Prisma client's pool, for the Open API's hot paths: a `pg` query costs
 * ~50–80 µs of CPU where the same Prisma query costs ~200–400 µs (docs/adr/0006-lean-api-server.md).
 * Each statement is prepared once per connection (PostgreSQL parses and plans it once). Rows come
 * back as Prisma returns them: int8 → bigint, timestamp (UTC, as Prisma stores DateTime) → Date,
 * json → parsed. Date parameters are sent as UTC.
 */
const parsers: Record<number, (text: string) => unknown> = {
  20: BigInt,
  1114: (text) => new Date(`${text.replace(" ", "T")}Z`),
};

const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") => parsers[oid] ?? pg.types.getTypeParser(oid, format),
};

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `paycenter_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`));
  return name;
}

/**
 * A model's columns for a SELECT list or RETURNING, from its Prisma field enum (e.g.
 * `Prisma.OrderScalarFieldEnum`). Never `*`: a prepared `*` fails once a migration adds a column.
 */
export function columns(fields: Record<string, string>, alias?: string): string {
  return Object.values(fields)
    .map((column) => (alias ? `${alias}."${column}"` : `"${column}"`))
    .join(", ");
}

export async function sql<Row>(text: string, values: unknown[]): Promise<{ rows: Row[]; rowCount: number }> {
  const params = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const result = await getPool().query({ name: statementName(text), text, values: params, types });
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

/** A unique constraint refused the write, whether it came through Prisma (P2002, or the adapter's 23505) or straight from pg (23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  const meta = (error as { meta?: { code?: string } } | null)?.meta;
  return code === "P2002" || code === "23505" || meta?.code === "23505";
}
