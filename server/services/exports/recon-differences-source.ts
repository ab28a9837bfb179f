import { readDb } from "@/server/read-db";
import type { DifferenceExportFilters } from "@/server/domain/reconciliation-schema";
import { billDateText } from "@/server/services/reconciliation/day-closure";
import { differenceWhere } from "@/server/services/reconciliation/difference-where";
import type { ExportSourceDefinition } from "./export-sources";

export type ReconDifferenceExportRow = {
  id: string;
  billDate: Date;
  channel: string;
  channelAccountId: string;
  type: string;
  status: string;
  kind: string;
  outNo: string;
  payOrderNo: string | null;
  refundNo: string | null;
  channelTradeNo: string | null;
  currency: string;
  channelAmount: bigint | null;
  localAmount: bigint | null;
  channelFee: bigint | null;
  localFee: bigint | null;
  channelState: string | null;
  localState: string | null;
  resolution: string | null;
  resolvedAt: Date | null;
  note: string | null;
  createdAt: Date;
};

const SELECT = {
  id: true,
  billDate: true,
  channel: true,
  channelAccountId: true,
  type: true,
  status: true,
  kind: true,
  outNo: true,
  payOrderNo: true,
  refundNo: true,
  channelTradeNo: true,
  currency: true,
  channelAmount: true,
  localAmount: true,
  channelFee: true,
  localFee: true,
  channelState: true,
  localState: true,
  resolution: true,
  resolvedAt: true,
  note: true,
  createdAt: true,
} as const;

/** The discrepancy queue (对账差错) as a file: the queue's filters, newest first, by keyset on id. */
export const reconDifferencesSource: ExportSourceDefinition<ReconDifferenceExportRow, DifferenceExportFilters> = {
  columns: [
    { key: "billDate", type: "text", value: (r) => billDateText(r.billDate) },
    { key: "differenceType", type: "text", value: (r) => r.type },
    { key: "status", type: "text", value: (r) => r.status },
    { key: "movement", type: "text", value: (r) => r.kind },
    { key: "outNo", type: "text", value: (r) => r.outNo },
    { key: "payOrderNo", type: "text", value: (r) => r.payOrderNo },
    { key: "refundNo", type: "text", value: (r) => r.refundNo },
    { key: "channelTradeNo", type: "text", value: (r) => r.channelTradeNo },
    { key: "channel", type: "text", value: (r) => r.channel },
    { key: "channelAccountId", type: "text", value: (r) => r.channelAccountId },
    { key: "currency", type: "text", value: (r) => r.currency },
    { key: "channelAmount", type: "money", value: (r) => r.channelAmount },
    { key: "localAmount", type: "money", value: (r) => r.localAmount },
    { key: "channelFee", type: "money", value: (r) => r.channelFee },
    { key: "localFee", type: "money", value: (r) => r.localFee },
    { key: "channelState", type: "text", value: (r) => r.channelState },
    { key: "localState", type: "text", value: (r) => r.localState },
    { key: "resolution", type: "text", value: (r) => r.resolution },
    { key: "resolvedAt", type: "time", value: (r) => r.resolvedAt },
    { key: "note", type: "text", value: (r) => r.note },
    { key: "createdAt", type: "time", value: (r) => r.createdAt },
  ],
  currency: (r) => r.currency,
  count: (merchantId, filters) => readDb.reconDifference.count({ where: differenceWhere(merchantId, filters) }),
  async *batches(merchantId, filters, size) {
    let after: string | null = null;
    for (;;) {
      const where = differenceWhere(merchantId, filters);
      if (after) where.id = { lt: after };
      const rows: ReconDifferenceExportRow[] = await readDb.reconDifference.findMany({ where, orderBy: { id: "desc" }, take: size, select: SELECT });
      if (rows.length) yield rows;
      if (rows.length < size) return;
      after = rows[rows.length - 1].id;
    }
  },
};
