import { UNSETTLED_DIFFERENCE_STATUSES } from "@/server/domain/reconciliation";
import type { DifferenceFilters } from "@/server/domain/reconciliation-schema";
import type { Prisma } from "@/server/generated/prisma/client.ts";

type Filters = Omit<DifferenceFilters, "cursor" | "assignee" | "runId" | "q"> & { assigneeId?: string | null; runId?: string; q?: string };

/**
 * The queue's filters as a where clause, always scoped to the merchant. No status (or UNSETTLED)
 * means what is left to do: OPEN and EXPECTED; ALL means every status. `assigneeId` null: unassigned.
 */
export function differenceWhere(merchantId: string, f: Filters): Prisma.ReconDifferenceWhereInput {
  const where: Prisma.ReconDifferenceWhereInput = { merchantId };
  if (f.type) where.type = f.type;
  if (!f.status || f.status === "UNSETTLED") where.status = { in: [...UNSETTLED_DIFFERENCE_STATUSES] };
  else if (f.status !== "ALL") where.status = f.status;
  if (f.assigneeId !== undefined) where.assigneeId = f.assigneeId;
  if (f.channelAccountId) where.channelAccountId = f.channelAccountId;
  if (f.runId) where.runId = f.runId;
  if (f.from || f.to) {
    where.billDate = {
      ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
      ...(f.to ? { lte: new Date(`${f.to}T00:00:00Z`) } : {}),
    };
  }
  if (f.q) where.OR = [{ outNo: f.q }, { payOrderNo: f.q }, { refundNo: f.q }, { channelTradeNo: f.q }];
  return where;
}
