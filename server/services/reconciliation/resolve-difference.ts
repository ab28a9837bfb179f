import { db, type Tx } from "@/server/db";
import type { EntryKind, Posting } from "@/server/domain/ledger";
import { acceptChannelPostings, type DifferenceSides, differenceDelta, type FinanceResolution, UNSETTLED_DIFFERENCE_STATUSES, writeOffPostings } from "@/server/domain/reconciliation";
import type { ResolutionInput } from "@/server/domain/reconciliation-schema";
import { AppError } from "@/server/errors";
import type { ReconDifference } from "@/server/generated/prisma/client.ts";
import { recordAudit } from "@/server/services/audit/record-audit";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";
import { bulkFailure, type BulkOutcome, differenceOf, differenceSnapshot, type ReconActor } from "./difference-access";
import { refreshDayClosure } from "./day-closure";

type Adjustment = { kind: EntryKind; postings: Posting[]; amount: bigint; fee: bigint };

/**
 * The adjusting entry a resolution posts, or null when no money moves: accepting the channel's
 * figure posts recon_adjustment (fee_adjustment when only the fee differs), a write-off
 * recon_write_off against RECON_WRITE_OFFS, an explanation nothing.
 */
export function adjustmentFor(d: DifferenceSides & Pick<ReconDifference, "type">, resolution: FinanceResolution): Adjustment | null {
  const delta = differenceDelta(d);
  if (resolution === "EXPLAINED") return null;
  if (resolution === "ACCEPTED_CHANNEL") {
    const postings = acceptChannelPostings(delta.amount, delta.fee);
    if (!postings) return null;
    const feeAlone = d.type === "FEE_MISMATCH" || (delta.amount === 0n && delta.fee !== 0n);
    return { kind: feeAlone ? "fee_adjustment" : "recon_adjustment", postings, amount: delta.amount, fee: delta.fee };
  }
  const postings = writeOffPostings(delta.amount, delta.fee);
  // the ledger row: what the merchant loses (or gains) by the write-off, as net
  return postings ? { kind: "recon_write_off", postings, amount: delta.amount - delta.fee, fee: 0n } : null;
}

async function postAdjustment(tx: Tx, d: ReconDifference, adjustment: Adjustment, resolution: FinanceResolution): Promise<bigint> {
  const dedupeKey = `recon:${d.id}`;
  const order = d.payOrderNo ? await tx.payOrder.findUnique({ where: { payOrderNo: d.payOrderNo }, select: { mchOrderNo: true, status: true } }) : null;
  const attemptNo = d.kind === "payment" ? (d.outTradeNo ?? d.outNo) : undefined;
  await postJournalEntry(tx, {
    merchantId: d.merchantId,
    appId: d.appId,
    kind: adjustment.kind,
    dedupeKey,
    currency: d.currency,
    channelAccountId: d.channelAccountId,
    payOrderNo: d.payOrderNo ?? undefined,
    attemptNo: d.payOrderNo ? attemptNo : undefined,
    refundNo: d.refundNo ?? undefined,
    memo: `reconciliation ${d.type} ${resolution} ${d.outNo}`,
    occurredAt: new Date(),
    postings: adjustment.postings,
    row: {
      channel: d.channel,
      mode: null,
      amount: adjustment.amount,
      fee: adjustment.fee,
      subsidy: 0n,
      mchOrderNo: order?.mchOrderNo ?? null,
      channelTradeNo: d.channelTradeNo,
      storeId: null,
      orderStatus: order?.status ?? null,
    },
  });
  // the day of the bill it settles, so that day's figures and a rerun see it
  const entry = await tx.journalEntry.update({ where: { dedupeKey }, data: { reconBillDate: d.billDate }, select: { id: true } });
  return entry.id;
}

/**
 * Finance resolves one difference (对账差错处理): accept the channel's figure, write it off, or explain
 * it. Compare-and-set on an unsettled status, so two clicks (or a later run matching it) resolve it
 * once: the loser gets DIFFERENCE_RESOLVED, and the adjusting entry's dedupeKey `recon:<id>` posts
 * money once whatever happens. Audited, and the day's closure recounted in the same transaction.
 */
export async function resolveDifference(merchantId: string, differenceId: string, input: ResolutionInput, by: ReconActor) {
  if (input.resolution === "EXPLAINED" && !input.note) throw new AppError("VALIDATION_FAILED", "an explanation needs a note", { field: "note" });
  return db.$transaction(async (tx) => {
    const before = await differenceOf(tx, merchantId, differenceId);
    const claimed = await tx.reconDifference.updateMany({
      where: { id: differenceId, status: { in: [...UNSETTLED_DIFFERENCE_STATUSES] } },
      data: { status: "RESOLVED", resolution: input.resolution, resolvedById: by.id, resolvedAt: new Date(), note: input.note ?? null },
    });
    if (claimed.count !== 1) throw new AppError("DIFFERENCE_RESOLVED", "the difference is resolved already");
    const current = await tx.reconDifference.findUniqueOrThrow({ where: { id: differenceId } });
    const adjustment = adjustmentFor(current, input.resolution);
    if (adjustment) {
      const entryId = await postAdjustment(tx, current, adjustment, input.resolution);
      await tx.reconDifference.update({ where: { id: differenceId }, data: { adjustmentEntryId: entryId } });
    }
    const after = await tx.reconDifference.findUniqueOrThrow({ where: { id: differenceId } });
    await recordAudit(tx, by.actor, {
      merchantId,
      action: "recon_difference.resolved",
      targetType: "recon_difference",
      targetId: differenceId,
      before: differenceSnapshot(before),
      after: { ...differenceSnapshot(after), entryKind: adjustment?.kind ?? null },
    });
    const day = await refreshDayClosure(tx, after.runId);
    return { difference: after, entryKind: adjustment?.kind ?? null, day };
  });
}

/** The same resolution for many differences, each in its own transaction, with an outcome per id. */
export async function bulkResolveDifferences(merchantId: string, differenceIds: string[], input: ResolutionInput, by: ReconActor): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const differenceId of new Set(differenceIds)) {
    try {
      await resolveDifference(merchantId, differenceId, input, by);
      outcomes.push({ differenceId, ok: true });
    } catch (error) {
      outcomes.push(bulkFailure(differenceId, error));
    }
  }
  return outcomes;
}
