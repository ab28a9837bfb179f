import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { billDateText } from "./day-closure";

/**
 * One difference with both sides (the channel's bill row and our journal), the run that found it,
 * its comments with their authors, the adjusting entry a resolution posted and its audit trail.
 */
export async function getDifference(merchantId: string, differenceId: string) {
  const difference = await db.reconDifference.findFirst({
    where: { id: differenceId, merchantId },
    include: { run: { select: { id: true, billDate: true, status: true, closedAt: true, openDifferences: true } }, comments: { orderBy: { createdAt: "asc" } } },
  });
  if (!difference) throw new AppError("DIFFERENCE_NOT_FOUND", "no such difference");
  const userIds = [...new Set([difference.assigneeId, difference.resolvedById, ...difference.comments.map((c) => c.authorId)].filter((v): v is string => !!v))];
  const [users, account, order, adjustment, audit] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db.channelAccount.findFirst({ where: { id: difference.channelAccountId, merchantId }, select: { id: true, name: true, channel: true } }),
    difference.payOrderNo
      ? db.payOrder.findFirst({ where: { payOrderNo: difference.payOrderNo, merchantId }, select: { payOrderNo: true, mchOrderNo: true, status: true, amount: true, currency: true } })
      : null,
    difference.adjustmentEntryId
      ? db.journalEntry.findFirst({ where: { id: difference.adjustmentEntryId, merchantId }, select: { id: true, kind: true, amount: true, fee: true, net: true, occurredAt: true } })
      : null,
    db.auditLog.findMany({
      where: { merchantId, targetType: "recon_difference", targetId: differenceId },
      orderBy: { id: "asc" },
      take: 200,
      select: { id: true, action: true, actorType: true, actorId: true, createdAt: true, before: true, after: true },
    }),
  ]);
  const auditUserIds = audit.map((a) => a.actorId).filter((id): id is string => !!id && !userIds.includes(id));
  const more = auditUserIds.length ? await db.user.findMany({ where: { id: { in: auditUserIds } }, select: { id: true, name: true, email: true } }) : [];
  const people = new Map([...users, ...more].map((u) => [u.id, u]));
  const nameOf = (id: string | null) => (id ? (people.get(id)?.name ?? null) : null);
  const { comments, run, ...rest } = difference;
  return {
    difference: { ...rest, billDate: billDateText(difference.billDate), assigneeName: nameOf(difference.assigneeId), resolvedByName: nameOf(difference.resolvedById) },
    run: { ...run, billDate: billDateText(run.billDate) },
    account,
    order,
    adjustment,
    comments: comments.map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, authorId: c.authorId, authorName: nameOf(c.authorId) })),
    audit: audit.map((a) => ({ ...a, id: a.id.toString(), actorName: nameOf(a.actorId) })),
  };
}
