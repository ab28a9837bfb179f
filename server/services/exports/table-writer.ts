import { once } from "node:events";
import { createWriteStream, statSync } from "node:fs";
import ExcelJS from "exceljs";
import type { ExportFormat } from "@/server/domain/export-schema";

/** A cell as written: text, an exact decimal ("128.00", yuan), or an integer (fen, counts). */
export type FlatCell = { t: "text"; v: string } | { t: "decimal"; v: string; places: number } | { t: "integer"; v: bigint | number };

export interface TableWriter {
  header(labels: string[]): Promise<void>;
  rows(rows: FlatCell[][]): Promise<void>;
  /** Finishes the file; returns its size in bytes. */
  close(): Promise<number>;
}

/** A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(cell: FlatCell): string {
  if (cell.t !== "text") return String(cell.v);
  const text = neutraliseFormula(cell.v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV, UTF-8 with a byte-order mark (so Excel opens Chinese text right), CRLF lines, written with back-pressure. */
function csvWriter(path: string): TableWriter {
  const stream = createWriteStream(path);
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  return {
    header: (labels) => write(`\uFEFF${labels.map((label) => csvField({ t: "text", v: label })).join(",")}\r\n`),
    rows: (rows) => write(rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("")),
    async close() {
      stream.end();
      await once(stream, "finish");
      return statSync(path).size;
    },
  };
}

/** XLSX through exceljs' streaming WorkbookWriter: each row is committed to the file as it comes. */
function xlsxWriter(path: string, sheetName: string): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const value = (cell: FlatCell) => (cell.t === "text" ? cell.v : Number(cell.v));
  return {
    async header(labels) {
      const row = sheet.addRow(labels);
      row.font = { bold: true };
      row.commit();
    },
    async rows(rows) {
      for (const cells of rows) {
        const row = sheet.addRow(cells.map(value));
        cells.forEach((cell, i) => {
          if (cell.t === "decimal") row.getCell(i + 1).numFmt = cell.places === 0 ? "0" : `0.${"0".repeat(cell.places)}`;
        });
        row.commit();
      }
    },
    async close() {
      sheet.commit();
      await workbook.commit();
      return statSync(path).size;
    },
  };
}

export function openTableWriter(format: ExportFormat, path: string, sheetName: string): TableWriter {
  return format === "csv" ? csvWriter(path) : xlsxWriter(path, sheetName);
}
