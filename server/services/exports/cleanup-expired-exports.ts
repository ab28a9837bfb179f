import { rmSync } from "node:fs";
import { db } from "@/server/db";
import type { ExportFormat } from "@/server/domain/export-schema";
import { exportFilePath } from "./export-files";

/** Deletes the files of expired exports and forgets their file name (no more download link). */
export async function cleanupExpiredExports(now = new Date()): Promise<number> {
  const expired = await db.dataExport.findMany({
    where: { expiresAt: { lt: now }, fileName: { not: null } },
    select: { id: true, format: true },
    take: 1000,
  });
  for (const record of expired) {
    rmSync(exportFilePath(record.id, record.format as ExportFormat), { force: true });
    await db.dataExport.update({ where: { id: record.id }, data: { fileName: null } });
  }
  return expired.length;
}
