import { BARCODE_REVERSED } from "@/server/domain/barcode-loop";
import { isPaidPayOrder } from "@/server/domain/pay-order-states";
import { type PosFailureReason, type PosStatus, posFailureReason } from "@/server/domain/pos-schema";

/** The rows a POS payment is read from: the order, its `full` pay order, that pay order's latest attempt. */
export type PosOrderRow = {
  orderNo: string;
  storeId: string | null;
  payableAmount: bigint;
  currency: string;
  placedAt: Date;
  metadata: unknown;
  note: string;
  payOrder: {
    payOrderNo: string;
    status: string;
    paidAt: Date | null;
    refundedAmount: bigint;
    channelTradeNo: string | null;
  } | null;
  latest: { attemptNo: string; channel: string; status: string; failureCode: string | null; failureMessage: string | null; payOutcome: string | null } | null;
};

export type PosPayment = {
  orderNo: string;
  payOrderNo: string | null;
  storeId: string | null;
  amount: bigint;
  currency: string;
  note: string;
  placedAt: Date;
  paidAt: Date | null;
  status: PosStatus;
  /** The channel of the latest attempt (from the payment code), once one was made. */
  channel: string | null;
  channelTradeNo: string | null;
  refundedAmount: bigint;
  reason: PosFailureReason | null;
  cashierId: string | null;
};

/**
 * What the clerk sees: paid once the pay order is; failed when its latest attempt failed (declined, code expired…);
 * cancelled when it was closed unpaid (the clerk cancelled, or the payer never confirmed); otherwise waiting (the
 * channel is processing: the payer is entering the password).
 */
export function posStatus(row: Pick<PosOrderRow, "payOrder" | "latest">): PosStatus {
  const { payOrder, latest } = row;
  if (payOrder && isPaidPayOrder(payOrder.status)) return "paid";
  if (latest?.status === "FAILED") return "failed";
  if (payOrder?.status === "CLOSED" || latest?.status === "CLOSED") return "cancelled";
  return "waiting";
}

/** Why it failed; for a cancelled one, only when the barcode loop reversed it (the payer never confirmed), not the clerk. */
function reasonOf(status: PosStatus, latest: PosOrderRow["latest"]): PosFailureReason | null {
  if (!latest) return null;
  if (status === "failed") return posFailureReason(latest.failureCode, latest.failureMessage, latest.payOutcome);
  if (status === "cancelled" && latest.failureCode === BARCODE_REVERSED) return "notConfirmed";
  return null;
}

export function posPaymentView(row: PosOrderRow): PosPayment {
  const status = posStatus(row);
  const metadata = (row.metadata ?? {}) as Record<string, unknown>;
  return {
    orderNo: row.orderNo,
    payOrderNo: row.payOrder?.payOrderNo ?? null,
    storeId: row.storeId,
    amount: row.payableAmount,
    currency: row.currency,
    note: row.note,
    placedAt: row.placedAt,
    paidAt: row.payOrder?.paidAt ?? null,
    status,
    channel: row.latest?.channel ?? null,
    channelTradeNo: status === "paid" ? (row.payOrder?.channelTradeNo ?? null) : null,
    refundedAmount: row.payOrder?.refundedAmount ?? 0n,
    reason: reasonOf(status, row.latest),
    cashierId: typeof metadata.cashier === "string" ? metadata.cashier : null,
  };
}
