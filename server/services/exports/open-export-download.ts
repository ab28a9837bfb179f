import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import { db } from "@/server/db";
import type { ExportFormat } from "@/server/domain/export-schema";
import { can, type Capability } from "@/server/domain/permissions";
import { EXPORT_CAPABILITY } from "./create-export";
import { exportFilePath } from "./export-files";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * The file of a finished export, for its requester while they are still a member of the merchant
 * with the capability the source needs. Anything else is "not found" (an export's existence is not revealed).
 */
export async function openExportDownload(userId: string, exportId: string): Promise<Response> {
  const notFound = () => new Response("not found", { status: 404, headers: { "content-type": "text/plain" } });
  if (!/^exp_[0-9a-z]{1,40}$/.test(exportId)) return notFound();
  const record = await db.dataExport.findUnique({ where: { id: exportId } });
  if (!record || record.requestedById !== userId || record.status !== "SUCCEEDED" || !record.fileName || record.expiresAt <= new Date()) return notFound();
  const membership = await db.membership.findUnique({ where: { userId_merchantId: { userId, merchantId: record.merchantId } }, select: { role: true } });
  const capability = EXPORT_CAPABILITY[record.source as keyof typeof EXPORT_CAPABILITY] as Capability | undefined;
  if (!membership || !capability || !can(membership.role, capability)) return notFound();
  const path = exportFilePath(record.id, record.format as ExportFormat);
  if (!existsSync(path)) return notFound();
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[record.format as ExportFormat],
      ...(record.byteSize !== null ? { "content-length": String(record.byteSize) } : {}),
      "content-disposition": `attachment; filename="${record.fileName}"; filename*=UTF-8''${encodeURIComponent(record.fileName)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
