import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";
import type { ApiApp } from "@/server/apps/app-cache";
import { refundView } from "./refund-view";

/** GET /api/v1/refunds/{refundNo} and ?mchRefundNo=…, scoped to the calling app. */
export async function getRefund(app: ApiApp, by: { refundNo: string } | { mchRefundNo: string }) {
  if ("refundNo" in by ? !hasIdShape("refundNo", by.refundNo) : !hasIdShape("mchRefundNo", by.mchRefundNo)) throw new AppError("REFUND_NOT_FOUND", "no such refund");
  const refund =
    "refundNo" in by
      ? await db.refund.findUnique({ where: { refundNo: by.refundNo } })
      : await db.refund.findUnique({ where: { appId_mchRefundNo: { appId: app.id, mchRefundNo: by.mchRefundNo } } });
  if (!refund || refund.appId !== app.id || refund.kind !== "MERCHANT") throw new AppError("REFUND_NOT_FOUND", "no such refund");
  return refundView(refund);
}
