import { readDb } from "@/server/read-db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client.ts";

export const BUYERS_PAGE_SIZE = 20;

export type BuyerRow = {
  buyerId: string;
  walletBalance: bigint;
  walletFrozen: bigint;
  pointsBalance: bigint;
  pointsFrozen: bigint;
  /** AVAILABLE and not past expiry. */
  usableCoupons: number;
  lastMovementAt: Date | null;
};

/** Opaque keyset cursor: base64url of the last row's buyerId (the list is ordered by buyerId). */
export function encodeBuyerCursor(buyerId: string): string {
  return Buffer.from(buyerId, "utf8").toString("base64url");
}

export function decodeBuyerCursor(cursor: string): string {
  const buyerId = Buffer.from(cursor, "base64url").toString("utf8");
  if (!buyerId || buyerId.length > 64 || encodeBuyerCursor(buyerId) !== cursor) {
    throw new AppError("VALIDATION_FAILED", "cursor is not one this list returned", { field: "cursor" });
  }
  return buyerId;
}

/** `LIKE` pattern of a literal prefix. */
function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The merchant's buyers that hold something here — a BuyerAccount (wallet, points) or a coupon — by
 * buyer id (a prefix search), keyset-paged in buyerId order along the primary key of BuyerAccount and
 * the (merchantId, buyerId, status) index of Coupon: each half reads at most a page past the cursor.
 */
export async function listBuyers(merchantId: string, options: { search?: string; cursor?: string | null; limit?: number }) {
  const limit = options.limit ?? BUYERS_PAGE_SIZE;
  const after = options.cursor ? decodeBuyerCursor(options.cursor) : null;
  const conditions = (alias: string) => {
    const column = Prisma.raw(`${alias}."buyerId"`);
    const parts = [Prisma.sql`${Prisma.raw(alias)}."merchantId" = ${merchantId}`];
    if (after !== null) parts.push(Prisma.sql`${column} > ${after}`);
    if (options.search) parts.push(Prisma.sql`${column} >= ${options.search} AND ${column} LIKE ${prefixPattern(options.search)}`);
    return Prisma.join(parts, " AND ");
  };
  const ids = await readDb.$queryRaw<{ buyerId: string }[]>`
    SELECT "buyerId" FROM (
      (SELECT a."buyerId" FROM "BuyerAccount" a WHERE ${conditions("a")} ORDER BY a."buyerId" LIMIT ${limit + 1})
      UNION
      (SELECT DISTINCT c."buyerId" FROM "Coupon" c WHERE ${conditions("c")} ORDER BY c."buyerId" LIMIT ${limit + 1})
    ) b ORDER BY "buyerId" LIMIT ${limit + 1}`;
  const page = ids.slice(0, limit).map((r) => r.buyerId);
  const rows = page.length === 0 ? [] : await buyerRows(merchantId, page);
  return {
    rows,
    nextCursor: ids.length > limit && page.length ? encodeBuyerCursor(page[page.length - 1]!) : null,
  };
}

/** Balances, usable coupons and the last movement of these buyers, in the order given. */
async function buyerRows(merchantId: string, buyerIds: string[]): Promise<BuyerRow[]> {
  const rows = await readDb.$queryRaw<(Omit<BuyerRow, "usableCoupons"> & { usableCoupons: bigint })[]>`
    SELECT b."buyerId",
           COALESCE(a."walletBalance", 0)::bigint AS "walletBalance", COALESCE(a."walletFrozen", 0)::bigint AS "walletFrozen",
           COALESCE(a."pointsBalance", 0)::bigint AS "pointsBalance", COALESCE(a."pointsFrozen", 0)::bigint AS "pointsFrozen",
           (SELECT count(*) FROM "Coupon" c WHERE c."merchantId" = ${merchantId} AND c."buyerId" = b."buyerId"
              AND c."status" = 'AVAILABLE' AND c."expiresAt" > now() AT TIME ZONE 'UTC')::bigint AS "usableCoupons",
           (SELECT e."occurredAt" FROM "JournalEntry" e WHERE e."merchantId" = ${merchantId} AND e."buyerId" = b."buyerId"
              ORDER BY e."occurredAt" DESC LIMIT 1) AS "lastMovementAt"
    FROM unnest(${buyerIds}::text[]) WITH ORDINALITY AS b("buyerId", n)
    LEFT JOIN "BuyerAccount" a ON a."merchantId" = ${merchantId} AND a."buyerId" = b."buyerId"
    ORDER BY b.n`;
  return rows.map((r) => ({ ...r, usableCoupons: Number(r.usableCoupons) }));
}
