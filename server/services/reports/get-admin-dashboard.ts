import { readDb } from "@/server/read-db";
import type { ReportRange } from "@/server/domain/report-range";
import { AppError } from "@/server/errors";
import { getDashboard } from "./get-dashboard";

/** The operators' dashboard: every merchant's figures, or one merchant's (by mchNo). */
export async function getAdminDashboard(options: { range: ReportRange; merchantMchNo?: string; currency: string }) {
  let merchantId: string | null = null;
  if (options.merchantMchNo) {
    const merchant = await readDb.merchant.findUnique({ where: { mchNo: options.merchantMchNo }, select: { id: true } });
    if (!merchant) throw new AppError("NOT_FOUND", "merchant not found");
    merchantId = merchant.id;
  }
  return getDashboard({ merchantId, currency: options.currency }, options.range);
}
