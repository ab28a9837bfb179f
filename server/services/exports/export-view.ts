import type { DataExport } from "@/server/generated/prisma/client.ts";

/** What the console sees of an export (never the file's path). */
export function exportView(record: DataExport) {
  return {
    id: record.id,
    source: record.source,
    format: record.format,
    status: record.status,
    totalRows: record.totalRows,
    rowsWritten: record.rowsWritten,
    fileName: record.fileName,
    byteSize: record.byteSize,
    error: record.status === "FAILED" ? "failed" : null,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
    expiresAt: record.expiresAt,
    downloadUrl: record.status === "SUCCEEDED" && record.fileName && record.expiresAt > new Date() ? `/api/exports/${record.id}` : null,
  };
}

export type ExportView = ReturnType<typeof exportView>;
