import { db } from "@/server/db";
import type { ComplaintStatusValue } from "@/server/domain/complaint-schema";
import { maskPhone } from "@/server/domain/phone";
import type { Prisma } from "@/server/generated/prisma/client.ts";

/** Keyset cursor: the last row's createdAt and number. */
function encodeCursor(row: { createdAt: Date; complaintNo: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.complaintNo}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; complaintNo: string } | null {
  if (!cursor) return null;
  const [at, complaintNo] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  return complaintNo && !Number.isNaN(createdAt.getTime()) ? { createdAt, complaintNo } : null;
}

/**
 * The complaint queue, newest first: a merchant's own (merchantId), or — for operators (null) — every
 * merchant's, by default the escalated ones. With the counts per status for the tabs.
 */
export async function listComplaints(input: { merchantId: string | null; status?: ComplaintStatusValue; cursor?: string; limit: number }) {
  const scope: Prisma.ComplaintWhereInput = input.merchantId ? { merchantId: input.merchantId } : {};
  const after = decodeCursor(input.cursor);
  const where: Prisma.ComplaintWhereInput = {
    ...scope,
    ...(input.status ? { status: input.status } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, complaintNo: { lt: after.complaintNo } }] } : {}),
  };
  const [rows, counts] = await Promise.all([
    db.complaint.findMany({ where, orderBy: [{ createdAt: "desc" }, { complaintNo: "desc" }], take: input.limit + 1 }),
    db.complaint.groupBy({ by: ["status"], where: scope, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, input.limit);
  const [orders, merchants] = await Promise.all([
    db.payOrder.findMany({ where: { payOrderNo: { in: page.map((c) => c.payOrderNo) } }, select: { payOrderNo: true, amount: true, currency: true, subject: true } }),
    input.merchantId ? [] : db.merchant.findMany({ where: { id: { in: [...new Set(page.map((c) => c.merchantId))] } }, select: { id: true, mchNo: true, name: true } }),
  ]);
  const orderOf = new Map(orders.map((o) => [o.payOrderNo, o]));
  const merchantOf = new Map(merchants.map((m) => [m.id, m]));
  return {
    rows: page.map((c) => ({
      complaintNo: c.complaintNo,
      payOrderNo: c.payOrderNo,
      subject: orderOf.get(c.payOrderNo)?.subject ?? "",
      amount: orderOf.get(c.payOrderNo)?.amount ?? 0n,
      currency: orderOf.get(c.payOrderNo)?.currency ?? "CNY",
      merchant: merchantOf.get(c.merchantId) ?? null,
      contactPhone: maskPhone(c.contactPhone),
      reason: c.reason,
      requestedAmount: c.requestedAmount,
      status: c.status,
      resolution: c.resolution,
      slaDueAt: c.slaDueAt,
      createdAt: c.createdAt,
    })),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<ComplaintStatusValue, number>>,
    nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]) : null,
  };
}
