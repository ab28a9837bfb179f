import { db } from "@/server/db";
import type { DifferenceFilters } from "@/server/domain/reconciliation-schema";
import { billDateText } from "./day-closure";
import { differenceWhere } from "./difference-where";
import { accountNamesOf } from "./list-runs";
import { reconAssignees } from "./recon-options";

export const DIFFERENCES_PAGE_SIZE = 50;

/** The cursor of the queue: the last row's id (uuid v7, so id order is creation order). */
const CURSOR = /^[0-9a-f-]{36}$/i;

/**
 * One page of the discrepancy queue, newest first (keyset on id). `assignee` is a user id, "none"
 * (unassigned) or "me" (the router passes the viewer's id as `viewerId`).
 */
export async function listDifferences(merchantId: string, filters: DifferenceFilters, viewerId: string) {
  const assigneeId = filters.assignee === "none" ? null : filters.assignee === "me" ? viewerId : filters.assignee;
  const where = differenceWhere(merchantId, { ...filters, assigneeId });
  if (filters.cursor && CURSOR.test(filters.cursor)) where.id = { lt: filters.cursor };
  const rows = await db.reconDifference.findMany({
    where,
    orderBy: { id: "desc" },
    take: DIFFERENCES_PAGE_SIZE + 1,
    select: {
      id: true,
      runId: true,
      channelAccountId: true,
      channel: true,
      billDate: true,
      type: true,
      status: true,
      kind: true,
      outNo: true,
      payOrderNo: true,
      refundNo: true,
      currency: true,
      channelTradeNo: true,
      channelAmount: true,
      channelFee: true,
      channelState: true,
      localAmount: true,
      localFee: true,
      localState: true,
      journalEntryId: true,
      assigneeId: true,
      resolution: true,
      resolvedAt: true,
      createdAt: true,
    },
  });
  const page = rows.slice(0, DIFFERENCES_PAGE_SIZE);
  const [names, assignees] = await Promise.all([accountNamesOf(merchantId), reconAssignees(merchantId)]);
  const people = new Map(assignees.map((a) => [a.id, a.name]));
  return {
    rows: page.map((row) => ({
      ...row,
      billDate: billDateText(row.billDate),
      channelAccountName: names.get(row.channelAccountId) ?? row.channelAccountId,
      assigneeName: row.assigneeId ? (people.get(row.assigneeId) ?? null) : null,
    })),
    nextCursor: rows.length > DIFFERENCES_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
    total: await db.reconDifference.count({ where: differenceWhere(merchantId, { ...filters, assigneeId }) }),
  };
}
