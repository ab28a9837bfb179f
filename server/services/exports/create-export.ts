import { db } from "@/server/db";
import { newExportId } from "@/server/domain/ids";
import type { ParsedExportRequest } from "@/server/domain/export-schema";
import { can, type Capability, type MemberRole } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { enqueueJob } from "@/server/jobs/enqueue";
import { runExport } from "@/server/jobs/tasks/export-jobs";
import { EXPORT_TTL_MS } from "./export-files";
import { exportView } from "./export-view";

/** What a role needs to export each source. */
export const EXPORT_CAPABILITY: Record<ParsedExportRequest["source"], Capability> = {
  ledger: "ledger.read",
  orders: "orders.export",
  refunds: "orders.export",
  orderCenter: "orderCenter.export",
  reconDifferences: "recon.read",
};

/** A user may have this many exports waiting or running at once. */
const MAX_PENDING_PER_USER = 3;

export type CreateExportOptions = { merchantId: string; userId: string; role: MemberRole; storeIds?: string[]; request: ParsedExportRequest };

/** The filters as stored: an order-center export of a DEALER is narrowed to its stores, whatever the client sent. */
function storedFilters(request: ParsedExportRequest, role: MemberRole, storeIds: string[]) {
  if (request.source !== "orderCenter") return request.filters;
  const { dealerStoreIds: _ignored, ...filters } = request.filters;
  return role === "DEALER" ? { ...filters, dealerStoreIds: storeIds } : filters;
}

/** Records the export and queues its job in one transaction: the job exists exactly when the record does. */
export async function createExport({ merchantId, userId, role, storeIds = [], request }: CreateExportOptions) {
  if (!can(role, EXPORT_CAPABILITY[request.source])) throw new AppError("FORBIDDEN", `role ${role} may not export ${request.source}`);
  return db.$transaction(async (tx) => {
    const pending = await tx.dataExport.count({ where: { merchantId, requestedById: userId, status: { in: ["QUEUED", "RUNNING"] } } });
    if (pending >= MAX_PENDING_PER_USER) throw new AppError("CONFLICT", "too many exports are still being prepared");
    const record = await tx.dataExport.create({
      data: {
        id: newExportId(),
        merchantId,
        requestedById: userId,
        source: request.source,
        format: request.format,
        locale: request.locale,
        filters: storedFilters(request, role, storeIds),
        expiresAt: new Date(Date.now() + EXPORT_TTL_MS),
      },
    });
    await enqueueJob(tx, runExport, { exportId: record.id }, { queueName: "exports" });
    return exportView(record);
  });
}
