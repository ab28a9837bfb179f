import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { exportView } from "./export-view";

/** The user's recent exports for this merchant, newest first. */
export async function listExports(merchantId: string, userId: string, source?: string) {
  const records = await db.dataExport.findMany({
    where: { merchantId, requestedById: userId, ...(source ? { source } : {}) },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
  return records.map(exportView);
}

/** One of the user's exports for this merchant (progress polling). */
export async function getExport(merchantId: string, userId: string, exportId: string) {
  const record = await db.dataExport.findFirst({ where: { id: exportId, merchantId, requestedById: userId } });
  if (!record) throw new AppError("NOT_FOUND", "export not found");
  return exportView(record);
}
