import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExportFormat } from "@/server/domain/export-schema";
import { loadEnv } from "@/server/env";

/** The directory export files are written to (EXPORTS_DIR, relative to the working directory), created on first use. */
export function exportsDir(): string {
  const dir = path.resolve(loadEnv().EXPORTS_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The file of an export: named by its id only (never by user input). */
export function exportFilePath(exportId: string, format: ExportFormat): string {
  if (!/^exp_[0-9a-z]+$/.test(exportId)) throw new Error(`bad export id ${exportId}`);
  return path.join(exportsDir(), `${exportId}.${format}`);
}

/** How long a finished file stays downloadable. */
export const EXPORT_TTL_MS = 7 * 24 * 3600_000;
