import type { Tx } from "@/server/db";

/**
 * The next free merchant number (M + 8 digits, M10000001, M10000002 …). Takes a transaction-scoped
 * advisory lock, so two sign-ups at once get different numbers; the lock ends with the transaction.
 */
export async function allocateMchNo(tx: Tx): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('paycenter.merchant.mchNo'))`;
  const [row] = await tx.$queryRaw<{ max: string | null }[]>`
    SELECT max("mchNo") AS max FROM "Merchant" WHERE "mchNo" ~ '^M[0-9]{8}$'`;
  const last = row?.max ? Number(row.max.slice(1)) : 10_000_000;
  return `M${last + 1}`;
}
