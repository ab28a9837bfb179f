import { db } from "@/server/db";
import type { MerchantStatus } from "@/server/generated/prisma/enums.ts";

/** Operators' list of merchants, newest first, optionally by status. */
export function listMerchants(options: { status?: MerchantStatus; take?: number } = {}) {
  return db.merchant.findMany({
    where: options.status ? { status: options.status } : undefined,
    orderBy: { createdAt: "desc" },
    take: options.take ?? 100,
    select: {
      id: true,
      mchNo: true,
      name: true,
      status: true,
      createdAt: true,
      _count: { select: { apps: true, memberships: true } },
    },
  });
}
