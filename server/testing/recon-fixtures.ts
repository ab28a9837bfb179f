import { db } from "@/server/db";
import type { Prisma, ReconDifferenceStatus, ReconDifferenceType, ReconRunStatus } from "@/server/generated/prisma/client.ts";

/**
 * Reconciliation rows written directly (the matching engine is not needed to test the finance
 * workflow and its pages): a run of one channel account's day, and differences it found.
 */

let counter = 0;

/** The merchant's first channel account of a channel (the seed gives each demo app one per channel). */
export async function channelAccountOf(mchNo: string, channel = "wechatpay") {
  return db.channelAccount.findFirstOrThrow({ where: { merchant: { mchNo }, channel }, orderBy: { createdAt: "asc" } });
}

type RunSpec = {
  channelAccountId: string;
  billDate: string;
  status?: ReconRunStatus;
  figures?: Partial<Omit<Prisma.ReconRunUncheckedCreateInput, "id" | "merchantId" | "appId" | "channelAccountId" | "channel" | "billDate" | "status">>;
};

/** A run of a day (SUCCEEDED unless told), with the figures given; openDifferences is counted by the differences added. */
export async function reconRunFixture(spec: RunSpec) {
  const account = await db.channelAccount.findUniqueOrThrow({ where: { id: spec.channelAccountId } });
  const status = spec.status ?? "SUCCEEDED";
  return db.reconRun.create({
    data: {
      merchantId: account.merchantId,
      appId: account.appId,
      channelAccountId: account.id,
      channel: account.channel,
      billDate: new Date(`${spec.billDate}T00:00:00Z`),
      status,
      trigger: "schedule",
      startedAt: new Date(),
      endedAt: status === "SUCCEEDED" || status === "FAILED" ? new Date() : null,
      ...spec.figures,
    },
  });
}

type DifferenceSpec = {
  type: ReconDifferenceType;
  status?: ReconDifferenceStatus;
  kind?: "payment" | "refund";
  outNo?: string;
  payOrderNo?: string | null;
  refundNo?: string | null;
  channelAmount?: bigint | null;
  channelFee?: bigint | null;
  channelState?: string | null;
  localAmount?: bigint | null;
  localFee?: bigint | null;
  localState?: string | null;
  journalEntryId?: bigint | null;
  assigneeId?: string | null;
};

/** A difference found by the run (OPEN unless told); the run's openDifferences and counters follow. */
export async function reconDifferenceFixture(run: { id: string }, spec: DifferenceSpec) {
  const r = await db.reconRun.findUniqueOrThrow({ where: { id: run.id } });
  const outNo = spec.outNo ?? `RF${Date.now()}${counter++}-1`;
  const status = spec.status ?? "OPEN";
  const at = new Date(`${r.billDate.toISOString().slice(0, 10)}T12:00:00+08:00`);
  const difference = await db.reconDifference.create({
    data: {
      merchantId: r.merchantId,
      appId: r.appId,
      channelAccountId: r.channelAccountId,
      channel: r.channel,
      runId: r.id,
      billDate: r.billDate,
      type: spec.type,
      status,
      kind: spec.kind ?? "payment",
      outNo,
      outTradeNo: (spec.kind ?? "payment") === "payment" ? outNo : null,
      payOrderNo: spec.payOrderNo ?? null,
      refundNo: spec.refundNo ?? null,
      currency: "CNY",
      channelTradeNo: spec.channelAmount !== null && spec.channelAmount !== undefined ? `42000${counter++}` : null,
      channelAmount: spec.channelAmount ?? null,
      channelFee: spec.channelFee ?? null,
      channelState: spec.channelState ?? (spec.channelAmount != null ? "SUCCEEDED" : null),
      channelAt: spec.channelAmount != null ? at : null,
      journalEntryId: spec.journalEntryId ?? null,
      localAmount: spec.localAmount ?? null,
      localFee: spec.localFee ?? null,
      localState: spec.localState ?? (spec.localAmount != null ? "SUCCEEDED" : null),
      localAt: spec.localAmount != null ? at : null,
      assigneeId: spec.assigneeId ?? null,
    },
  });
  const counterField = { MISSING_LOCAL: "missingLocal", MISSING_CHANNEL: "missingChannel", AMOUNT_MISMATCH: "amountMismatch", FEE_MISMATCH: "feeMismatch", STATUS_MISMATCH: "statusMismatch" }[spec.type];
  await db.reconRun.update({
    where: { id: r.id },
    data: {
      [counterField]: { increment: 1 },
      ...(status === "EXPECTED" ? { expected: { increment: 1 } } : {}),
      ...(status !== "RESOLVED" ? { openDifferences: { increment: 1 } } : {}),
      closedAt: null,
    },
  });
  return difference;
}

/** A day with nothing left: closed now (as refreshDayClosure would leave it). */
export async function closeRunFixture(run: { id: string }) {
  return db.reconRun.update({ where: { id: run.id }, data: { openDifferences: 0, closedAt: new Date() } });
}
