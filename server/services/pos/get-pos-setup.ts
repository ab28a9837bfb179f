import { db } from "@/server/db";
import { posStoreScope, type PosMember } from "./pos-member";

export type PosSetup = {
  apps: { id: string; name: string; mode: "TEST" | "LIVE"; barcodeAccounts: number }[];
  /** The stores the member may pick; `anyStore`: it may also type another one (the owner). */
  stores: string[];
  anyStore: boolean;
};

/** At most this many known stores are offered to an owner (it may type any other). */
const MAX_KNOWN_STORES = 100;

/**
 * What the POS settings offer: the merchant's active apps (with how many enabled channel accounts take payment codes)
 * and the stores — a cashier's own; for the owner, the stores the merchant's members and orders name (it may type
 * another one). The browser remembers the member's choice; every payment is checked again on the server.
 */
export async function getPosSetup(member: Pick<PosMember, "merchantId" | "role" | "storeIds">): Promise<PosSetup> {
  const apps = await db.app.findMany({
    where: { merchantId: member.merchantId, status: "ACTIVE" },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, mode: true, _count: { select: { channelAccounts: { where: { status: "ENABLED", modes: { has: "barcode" } } } } } },
  });
  const scope = posStoreScope(member);
  return {
    apps: apps.map((a) => ({ id: a.id, name: a.name, mode: a.mode, barcodeAccounts: a._count.channelAccounts })),
    stores: scope ?? (await knownStores(member.merchantId)),
    anyStore: scope === null,
  };
}

/** The stores the merchant's members are given and its orders carry: distinct values by a skip scan of (merchantId, storeId, …). */
async function knownStores(merchantId: string): Promise<string[]> {
  const [members, orders] = await Promise.all([
    db.membership.findMany({ where: { merchantId }, select: { storeIds: true } }),
    db.$queryRaw<{ storeId: string }[]>`
      WITH RECURSIVE s("storeId", n) AS (
        SELECT (SELECT "storeId" FROM "Order" WHERE "merchantId" = ${merchantId} AND "storeId" IS NOT NULL ORDER BY "storeId" LIMIT 1), 1
        UNION ALL
        SELECT (SELECT "storeId" FROM "Order" WHERE "merchantId" = ${merchantId} AND "storeId" > s."storeId" ORDER BY "storeId" LIMIT 1), n + 1
        FROM s WHERE s."storeId" IS NOT NULL AND n < ${MAX_KNOWN_STORES}
      )
      SELECT "storeId" FROM s WHERE "storeId" IS NOT NULL`,
  ]);
  const all = new Set([...members.flatMap((m) => m.storeIds), ...orders.map((o) => o.storeId)]);
  return [...all].sort().slice(0, MAX_KNOWN_STORES);
}
