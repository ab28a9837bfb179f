import { renameSync, rmSync } from "node:fs";
import { db } from "@/server/db";
import { createExportSchema, type ExportFormat, type ExportSource } from "@/server/domain/export-schema";
import { isPointsCurrency } from "@/server/domain/asset-format";
import { minorToDecimal, currencyExponent, parseCurrency } from "@/server/domain/money";
import { localDate } from "@/server/domain/report-range";
import { logger } from "@/server/observability/logger";
import en from "@/server/i18n/messages/en.json";
import zh from "@/server/i18n/messages/zh-CN.json";
import { type CellValue, type ColumnSpec, type ExportSourceDefinition, ledgerSource, ordersSource, refundsSource } from "./export-sources";
import { exportFilePath } from "./export-files";
import { orderCenterSource } from "./order-center-source";
import { reconDifferencesSource } from "./recon-differences-source";
import { type FlatCell, openTableWriter } from "./table-writer";

const BATCH_SIZE = 2000;

type Labels = typeof zh.exports;

/** "2026-11-22 13:05:07", China Standard Time, as finance reads it. */
function localTime(at: Date): string {
  return `${localDate(at)} ${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 19)}`;
}

function headerLabels<Row>(columns: ColumnSpec<Row>[], labels: Labels): string[] {
  const column = labels.columns as Record<string, string>;
  return columns.flatMap((c) =>
    c.type === "money" ? [`${column[c.key]} (${labels.yuan})`, `${column[c.key]} (${labels.fen})`] : [column[c.key] ?? c.key],
  );
}

function flatten<Row>(columns: ColumnSpec<Row>[], row: Row, currency: string): FlatCell[] {
  // a points row (currency PTS) has no money: its money cells stay empty (its source puts the points in a column of their own)
  const points = isPointsCurrency(currency);
  const places = points ? 0 : currencyExponent(parseCurrency(currency));
  return columns.flatMap((c): FlatCell[] => {
    const value: CellValue = c.value(row);
    if (c.type === "money" && points) return [{ t: "text", v: "" }, { t: "text", v: "" }];
    if (c.type === "money") {
      const minor = typeof value === "bigint" ? value : 0n;
      return [
        { t: "decimal", v: minorToDecimal(minor, parseCurrency(currency)), places },
        { t: "integer", v: minor },
      ];
    }
    if (value === null || value === undefined) return [{ t: "text", v: "" }];
    if (value instanceof Date) return [{ t: "text", v: localTime(value) }];
    if (c.type === "integer") return [{ t: "integer", v: value as number }];
    return [{ t: "text", v: String(value) }];
  });
}

function sourceFor(source: ExportSource): ExportSourceDefinition<any, any> {
  return { ledger: ledgerSource, orders: ordersSource, refunds: refundsSource, orderCenter: orderCenterSource, reconDifferences: reconDifferencesSource }[source];
}

/**
 * The export job: counts the rows, then streams them in keyset batches into a CSV or XLSX file
 * (yuan with the currency's decimals AND fen for every amount), reporting progress as it goes. The
 * file is written under a temporary name and renamed when complete, so a download never sees half
 * a file. A run that fails marks the export FAILED with the reason.
 */
export async function runExport(exportId: string): Promise<void> {
  const claimed = await db.dataExport.updateMany({
    where: { id: exportId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "RUNNING", startedAt: new Date(), rowsWritten: 0, error: null },
  });
  if (!claimed.count) return;
  const record = await db.dataExport.findUniqueOrThrow({ where: { id: exportId } });
  const format = record.format as ExportFormat;
  const finalPath = exportFilePath(record.id, format);
  const partPath = `${finalPath}.part`;
  try {
    const request = createExportSchema.parse({ source: record.source, format, filters: record.filters });
    const source = sourceFor(request.source);
    const labels = record.locale === "en" ? en.exports : zh.exports;
    const total = await source.count(record.merchantId, request.filters);
    await db.dataExport.update({ where: { id: exportId }, data: { totalRows: total } });

    const writer = openTableWriter(format, partPath, labels.sheets[request.source]);
    await writer.header(headerLabels(source.columns, labels));
    let written = 0;
    for await (const batch of source.batches(record.merchantId, request.filters, BATCH_SIZE)) {
      await writer.rows(batch.map((row) => flatten(source.columns, row, source.currency(row))));
      written += batch.length;
      await db.dataExport.update({ where: { id: exportId }, data: { rowsWritten: written } });
    }
    const byteSize = await writer.close();
    renameSync(partPath, finalPath);
    await db.dataExport.update({
      where: { id: exportId },
      data: { status: "SUCCEEDED", rowsWritten: written, totalRows: written, byteSize: BigInt(byteSize), fileName: fileNameOf(record, format), finishedAt: new Date() },
    });
  } catch (error) {
    rmSync(partPath, { force: true });
    logger.error({ err: error, exportId }, "export failed");
    await db.dataExport.update({
      where: { id: exportId },
      data: { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : "export failed", finishedAt: new Date() },
    });
  }
}

/** What the browser saves it as: e.g. ledger-M10000001-20261122-130507.csv. */
function fileNameOf(record: { source: string; createdAt: Date; merchantId: string }, format: ExportFormat): string {
  const stamp = localTime(record.createdAt).replace(/[-:]/g, "").replace(" ", "-");
  return `${record.source}-${stamp}.${format}`;
}
