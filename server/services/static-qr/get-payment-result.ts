import { db } from "@/server/db";
import { STATIC_QR_CODE_SHAPE } from "@/server/domain/static-qr";

export type StaticQrResultState = "paid" | "pending" | "failed" | "closed";

export type StaticQrPaymentResult = {
  state: StaticQrResultState;
  amount: bigint;
  currency: string;
  merchantName: string;
  subject: string;
};

/**
 * The result page of a payment made with `code`: the pay order's outcome, or null when that pay order
 * was not paid through this code (a pay order number alone shows nothing of other payments).
 */
export async function getStaticQrPaymentResult(code: string, payOrderNo: string): Promise<StaticQrPaymentResult | null> {
  if (!STATIC_QR_CODE_SHAPE.test(code) || !/^P\d{17}[0-9A-Z]{8}$/.test(payOrderNo)) return null;
  const payOrder = await db.payOrder.findUnique({
    where: { payOrderNo },
    select: {
      status: true,
      amount: true,
      currency: true,
      subject: true,
      merchant: { select: { name: true } },
      order: { select: { metadata: true } },
      payments: { select: { status: true }, orderBy: { seq: "desc" }, take: 1 },
    },
  });
  const metadata = payOrder?.order?.metadata as { staticQrCode?: string } | null | undefined;
  if (!payOrder || metadata?.staticQrCode !== code) return null;
  const latest = payOrder.payments[0]?.status;
  const state: StaticQrResultState =
    payOrder.status === "PENDING" ? (latest === "FAILED" ? "failed" : "pending") : payOrder.status === "CLOSED" ? (latest === "FAILED" ? "failed" : "closed") : "paid";
  return { state, amount: payOrder.amount, currency: payOrder.currency, merchantName: payOrder.merchant.name, subject: payOrder.subject };
}
