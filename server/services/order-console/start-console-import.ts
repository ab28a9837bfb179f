import ExcelJS from "exceljs";
import { db } from "@/server/db";
import { parseCsv, rowsToItems } from "@/server/domain/order-import-file";
import { MAX_IMPORT_ITEMS } from "@/server/domain/order-import-schema";
import { AppError } from "@/server/errors";
import { getOrderImport } from "@/server/services/order-imports/get-order-import";
import { startOrderImport } from "@/server/services/order-imports/start-order-import";

/** An upload larger than this is refused (base64 in a tRPC body of at most 1 MB: node-bridge.ts). */
export const MAX_IMPORT_FILE_BYTES = 700 * 1024;

async function fileRows(bytes: Buffer): Promise<string[][]> {
  if (bytes.subarray(0, 2).toString("latin1") !== "PK") return parseCsv(new TextDecoder("utf-8").decode(bytes));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError("VALIDATION_FAILED", "the file is neither CSV nor XLSX", { field: "file" });
  }
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) {
      const cell = row.getCell(col);
      const value = cell.value instanceof Date ? cell.value.toISOString() : cell.text;
      cells.push(value ?? "");
    }
    rows.push(cells);
  });
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/**
 * The console's import: the uploaded CSV/XLSX (base64) parsed into the Open API's import items and handed
 * to the import service as `console:<userId>` with the file's name. Answers the import and, per item, the
 * file row it starts on (so errors name rows).
 */
export async function startConsoleImport(merchantId: string, userId: string, input: { appId: string; fileName: string; contentBase64: string }) {
  const app = await db.app.findFirst({ where: { id: input.appId, merchantId }, select: { id: true, merchantId: true } });
  if (!app) throw new AppError("NOT_FOUND", "app not found");
  const bytes = Buffer.from(input.contentBase64, "base64");
  if (bytes.length === 0) throw new AppError("VALIDATION_FAILED", "the file is empty", { field: "file" });
  if (bytes.length > MAX_IMPORT_FILE_BYTES) throw new AppError("VALIDATION_FAILED", "the file is larger than 700 KB (the console API takes 1 MB of base64)", { field: "file" });
  const { items, firstRow } = rowsToItems(await fileRows(bytes));
  if (items.length === 0) throw new AppError("VALIDATION_FAILED", "empty", { field: "file" });
  if (items.length > MAX_IMPORT_ITEMS) throw new AppError("VALIDATION_FAILED", "tooMany", { field: "file" });
  const started = await startOrderImport(app, items, { source: `console:${userId}`, fileName: input.fileName });
  return { ...started, firstRow };
}

/** An import of the merchant, for the progress bar. */
export async function getConsoleImport(merchantId: string, importId: string) {
  const row = await db.orderImport.findFirst({ where: { importId, merchantId }, select: { appId: true } });
  if (!row) throw new AppError("IMPORT_NOT_FOUND", "import not found");
  return getOrderImport({ id: row.appId }, importId);
}
