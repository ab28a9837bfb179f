import type { OrderImport } from "@/server/generated/prisma/client.ts";

/** GET /api/v1/orders/imports/{importId}: progress, counts and the failed items' errors. */
export function orderImportView(row: OrderImport) {
  return {
    importId: row.importId,
    status: row.status,
    total: row.total,
    created: row.created,
    duplicates: row.duplicates,
    failed: row.failed,
    errors: row.errors,
    source: row.source,
    ...(row.fileName ? { fileName: row.fileName } : {}),
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
