import { existsSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { StatementDocument } from "./statement-document";

/** The committed GB 2312 subset of Noto Sans SC, or PAYCENTER_PDF_FONT (a full CJK font) when set. */
export function statementFontPath(): string {
  const configured = process.env.PAYCENTER_PDF_FONT;
  if (configured) return configured;
  return path.join(process.cwd(), "server", "documents", "fonts", "NotoSansSC-GB2312.otf");
}

const MARGIN = 40;
const FOOTER = 28;
const ROW = 16;
const GREY = "#666666";
const RULE = "#cccccc";

type Column = { key: "day" | "app" | "channel" | "kind" | "count" | "amount" | "fee" | "net"; width: number; align: "left" | "right" };
const COLUMNS: Column[] = [
  { key: "day", width: 64, align: "left" },
  { key: "app", width: 98, align: "left" },
  { key: "channel", width: 58, align: "left" },
  { key: "kind", width: 74, align: "left" },
  { key: "count", width: 40, align: "right" },
  { key: "amount", width: 64, align: "right" },
  { key: "fee", width: 54, align: "right" },
  { key: "net", width: 63, align: "right" },
];

/** One statement as an A4 PDF: header, summary, the lines (the table's header repeated on each page), the payout, page numbers. */
export async function renderStatementPdf(doc: StatementDocument): Promise<Buffer> {
  const font = statementFontPath();
  if (!existsSync(font)) throw new Error(`statement font not found: ${font}`);
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${doc.labels.heading} ${doc.statementNo}`, Author: "PayCenter", Subject: doc.merchantName },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on("end", () => resolve());
    pdf.on("error", reject);
  });
  pdf.registerFont("cjk", font);
  pdf.font("cjk");

  const left = MARGIN;
  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN - FOOTER;
  const rule = (y: number, color = RULE) => pdf.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor(color).stroke();
  const text = (value: string, x: number, y: number, w: number, align: "left" | "right" = "left", size = 9, color = "#000000") =>
    pdf.fontSize(size).fillColor(color).text(value, x, y, { width: w, height: size * 1.4, align, lineBreak: false, ellipsis: true });

  // header
  let y = MARGIN;
  text(doc.labels.heading, left, y, width, "left", 18);
  text(doc.status, left, y + 4, width, "right", 11, GREY);
  y += 30;
  rule(y, "#000000");
  y += 8;
  // label/value pairs, two to a row; a long value (the merchant's name, the period) takes a row of its own
  const facts: { label: string; value: string; wide?: boolean }[] = [
    { label: doc.labels.merchant, value: doc.merchantName, wide: true },
    { label: doc.labels.mchNo, value: doc.mchNo },
    { label: doc.labels.statementNo, value: doc.statementNo },
    { label: doc.labels.period, value: doc.period, wide: true },
    { label: doc.labels.cycle, value: doc.cycle },
    { label: doc.labels.group, value: `${doc.group} · ${doc.currency}` },
  ];
  const half = width / 2;
  const labelWidth = 118;
  let column = 0;
  for (const fact of facts) {
    if (fact.wide && column === 1) {
      y += 18;
      column = 0;
    }
    const x = left + column * half;
    text(fact.label, x, y, labelWidth - 4, "left", 9, GREY);
    text(fact.value, x + labelWidth, y, (fact.wide ? width : half) - labelWidth - 6, "left", 10);
    if (fact.wide || column === 1) {
      y += 18;
      column = 0;
    } else column = 1;
  }
  if (column === 1) y += 18;
  y += 10;

  // summary
  const summaryWidth = 300;
  text(doc.labels.summary, left, y, width, "left", 12);
  text(doc.labels.amountYuan, left, y + 3, summaryWidth, "right", 8, GREY);
  y += 20;
  for (const item of doc.summary) {
    if (item.strong) pdf.moveTo(left, y - 3).lineTo(left + summaryWidth, y - 3).lineWidth(0.5).strokeColor(RULE).stroke();
    text(item.label, left, y, summaryWidth - 120, "left", item.strong ? 11 : 10, item.strong ? "#000000" : "#222222");
    text(item.amount, left + summaryWidth - 120, y, 120, "right", item.strong ? 11 : 10);
    y += item.strong ? 20 : 16;
  }
  y += 14;

  // lines
  text(doc.labels.lines, left, y, width, "left", 12);
  y += 20;
  const tableHeader = () => {
    let x = left;
    for (const column of COLUMNS) {
      text(doc.labels.columns[column.key], x + 2, y, column.width - 4, column.align, 9, GREY);
      x += column.width;
    }
    y += ROW;
    rule(y - 4);
  };
  tableHeader();
  if (doc.lines.length === 0) {
    text(doc.labels.noLines, left, y, width, "left", 9, GREY);
    y += ROW;
  }
  for (const line of doc.lines) {
    if (y + ROW > bottom()) {
      pdf.addPage();
      y = MARGIN;
      tableHeader();
    }
    let x = left;
    for (const column of COLUMNS) {
      const value = column.key === "count" ? String(line.count) : column.key === "day" && !line.reconciled ? `${line.day} *` : line[column.key];
      text(value, x + 2, y, column.width - 4, column.align, 9);
      x += column.width;
    }
    y += ROW;
  }
  rule(y - 4);
  if (doc.hasUnreconciled) {
    text(doc.labels.unreconciledNote, left, y, width, "left", 8, GREY);
    y += ROW;
  }

  // payout
  if (doc.payout) {
    if (y + 30 + doc.payout.length * 16 > bottom()) {
      pdf.addPage();
      y = MARGIN;
    }
    y += 10;
    text(doc.labels.payout, left, y, width, "left", 12);
    y += 20;
    for (const item of doc.payout) {
      text(item.label, left, y, 100, "left", 9, GREY);
      text(item.value, left + 100, y, width - 100, "left", 10);
      y += 16;
    }
  }

  // footer on every page
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const footerY = pdf.page.height - MARGIN - 10;
    // writing below the bottom margin would make pdfkit add a page: lift the margin while the footer is drawn
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.moveTo(left, footerY - 6).lineTo(left + width, footerY - 6).lineWidth(0.5).strokeColor(RULE).stroke();
    text(`${doc.statementNo} · ${doc.generatedAt}`, left, footerY, width - 120, "left", 8, GREY);
    text(doc.page(i + 1, range.count), left + width - 120, footerY, 120, "right", 8, GREY);
    pdf.page.margins.bottom = margin;
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
