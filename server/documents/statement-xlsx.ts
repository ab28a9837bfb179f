import ExcelJS from "exceljs";
import { currencyExponent } from "@/server/domain/money";
import { neutraliseFormula } from "@/server/services/exports/table-writer";
import type { StatementDocument } from "./statement-document";

/** One statement as a workbook: a summary sheet (the header facts and the figures) and a lines sheet. Amounts are exact decimals in 元. */
export async function renderStatementXlsx(doc: StatementDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "PayCenter";
  const places = currencyExponent(doc.currency);
  const numFmt = places === 0 ? "0" : `0.${"0".repeat(places)}`;
  const amount = (decimal: string) => Number(decimal);
  const cellText = (value: string) => neutraliseFormula(value);

  const summary = workbook.addWorksheet(doc.labels.sheetSummary.slice(0, 31));
  summary.columns = [{ width: 24 }, { width: 48 }];
  summary.addRow([cellText(doc.labels.heading)]).font = { bold: true, size: 14 };
  for (const [label, value] of [
    [doc.labels.merchant, doc.merchantName],
    [doc.labels.mchNo, doc.mchNo],
    [doc.labels.statementNo, doc.statementNo],
    [doc.labels.period, doc.period],
    [doc.labels.cycle, doc.cycle],
    [doc.labels.group, doc.group],
    [doc.labels.currency, doc.currency],
    [doc.labels.status, doc.status],
  ] as const) {
    summary.addRow([cellText(label), cellText(value)]);
  }
  summary.addRow([]);
  summary.addRow([cellText(doc.labels.item), cellText(doc.labels.amountYuan)]).font = { bold: true };
  for (const item of doc.summary) {
    const row = summary.addRow([cellText(item.label), amount(item.amount)]);
    row.getCell(2).numFmt = numFmt;
    row.getCell(2).alignment = { horizontal: "right" };
    if (item.strong) row.font = { bold: true };
  }
  if (doc.payout) {
    summary.addRow([]);
    summary.addRow([cellText(doc.labels.payout)]).font = { bold: true };
    for (const item of doc.payout) summary.addRow([cellText(item.label), cellText(item.value)]);
  }
  summary.addRow([]);
  summary.addRow([cellText(doc.generatedAt)]);

  const lines = workbook.addWorksheet(doc.labels.sheetLines.slice(0, 31));
  const c = doc.labels.columns;
  lines.columns = [
    { header: c.day, width: 12 },
    { header: c.app, width: 20 },
    { header: c.channel, width: 12 },
    { header: c.kind, width: 14 },
    { header: c.count, width: 8 },
    { header: `${c.amount} (${doc.currency})`, width: 14 },
    { header: `${c.fee} (${doc.currency})`, width: 12 },
    { header: `${c.net} (${doc.currency})`, width: 14 },
    { header: doc.labels.reconciled, width: 10 },
  ];
  lines.getRow(1).font = { bold: true };
  for (const line of doc.lines) {
    const row = lines.addRow([
      line.day,
      cellText(line.app),
      cellText(line.channel),
      cellText(line.kind),
      line.count,
      amount(line.amount),
      amount(line.fee),
      amount(line.net),
      line.reconciled ? doc.labels.yes : doc.labels.no,
    ]);
    for (const i of [6, 7, 8]) row.getCell(i).numFmt = numFmt;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
