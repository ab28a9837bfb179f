import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { openStatementDownload } from "./open-statement-download";
import { loadStatementDocument } from "./statement-document";
import { renderStatementPdf } from "./statement-pdf";
import { renderStatementXlsx } from "./statement-xlsx";

const DEMO = "M10000001";
const NAME = "杭州青禾茶饮有限公司";
const STATEMENT = "ST20261203TESTDOC1";
let merchantId = "";
let appId = "";
const users: Record<string, string> = {};
const dir = mkdtempSync(path.join(tmpdir(), "statement-doc-"));

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

beforeAll(async () => {
  await seedIfEmpty();
  const merchant = await db.merchant.update({ where: { mchNo: DEMO }, data: { name: NAME } });
  merchantId = merchant.id;
  appId = (await db.app.findFirstOrThrow({ where: { merchantId } })).id;
  const account = await db.channelAccount.findFirstOrThrow({ where: { merchantId } });
  for (const email of ["finance@demo.local", "viewer@demo.local", "owner@acme.local"]) users[email] = (await db.user.findUniqueOrThrow({ where: { email } })).id;
  // 60 lines: enough for the table to run onto a second page
  const lines = Array.from({ length: 60 }, (_, i) => ({
    appId,
    channelAccountId: account.id,
    channel: "wechatpay",
    kind: i % 3 === 2 ? "refund" : "payment",
    day: new Date(Date.UTC(2026, 11, 3)),
    entryCount: i + 1,
    amount: i % 3 === 2 ? -1_000n - BigInt(i) : 12_345n + BigInt(i),
    fee: i % 3 === 2 ? -6n : 74n,
    net: i % 3 === 2 ? -994n - BigInt(i) : 12_271n + BigInt(i),
    reconciled: i !== 5,
  }));
  await db.settlementStatement.create({
    data: {
      statementNo: STATEMENT,
      merchantId,
      cycle: "T1",
      scope: "MERCHANT",
      source: "JOURNAL",
      currency: "CNY",
      periodStart: new Date("2026-12-02T16:00:00Z"),
      periodEnd: new Date("2026-12-03T16:00:00Z"),
      status: "PAID_OUT",
      entryCount: 1830,
      grossAmount: 98_765_432n,
      refundAmount: -1_234_500n,
      feeAmount: 592_600n,
      profitShareAmount: -300_000n,
      assetAmount: 0n,
      adjustmentAmount: -100n,
      netAmount: 96_638_232n,
      unreconciledAmount: 12_276n,
      payoutReference: "BANK-REF-778899",
      payoutAt: new Date("2026-12-04T02:00:00Z"),
      payoutNote: "十二月三日款项",
      payoutAccount: { holder: NAME, bank: "招商银行", account: "**** 6789" },
      paidOutAt: new Date("2026-12-04T03:00:00Z"),
      lines: { create: lines },
    },
  });
});

describe("a statement's PDF", () => {
  it("prints the Chinese merchant name, the net payable, the lines (across pages with the header repeated), the payout and page numbers", async () => {
    const doc = await loadStatementDocument(merchantId, STATEMENT, "zh-CN", new Date("2026-12-04T04:00:00Z"));
    expect(doc).not.toBeNull();
    const pdf = await renderStatementPdf(doc!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf, "zh");
    // page 1 as an image, for a person to look at (STATEMENT_PNG_DIR keeps it)
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", path.join(dir, "zh.pdf"), path.join(process.env.STATEMENT_PNG_DIR ?? dir, "statement-page")]);
    expect(text).toContain(NAME);
    expect(text).toContain("PayCenter 结算单");
    expect(text).toContain("应结金额");
    expect(text).toContain("966382.32");
    expect(text).toContain("-12345.00"); // refunds
    expect(text).toContain("-5926.00"); // fees, subtracted
    expect(text).toMatch(/2026-12-03\s+演示商城 · 测试\s+微信支付\s+支付\s+1\s+123.45\s+0.74\s+122.71/);
    expect(text).toContain("2026-12-03 *"); // the unreconciled line
    expect(text).toContain("BANK-REF-778899");
    expect(text).toContain("招商银行");
    expect(text).toContain("2026-12-03 00:00 至 2026-12-04 00:00");
    expect(text).toContain("生成时间 2026-12-04 12:00");
    const pages = text.split("\f").filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[1]).toContain("手续费"); // the table's header again on page 2
    expect(text).toContain(`第 2 页，共 ${pages.length} 页`);
  });

  it("is in English when asked", async () => {
    const doc = await loadStatementDocument(merchantId, STATEMENT, "en");
    const text = pdfText(await renderStatementPdf(doc!), "en");
    expect(text).toContain("PayCenter settlement statement");
    expect(text).toContain("Net payable");
    expect(text).toContain(NAME);
    expect(text).toContain("Paid out");
    expect(text).toMatch(/WeChat Pay|wechatpay/i);
  });
});

describe("a statement's XLSX", () => {
  it("has a summary sheet with the figures and a lines sheet with every line", async () => {
    const doc = await loadStatementDocument(merchantId, STATEMENT, "zh-CN");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderStatementXlsx(doc!)) as unknown as ArrayBuffer);
    const [summary, lines] = workbook.worksheets;
    expect(summary.name).toBe("汇总");
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get("商户")).toBe(NAME);
    expect(figures.get("应结金额")).toBe(966382.32);
    expect(figures.get("支付金额")).toBe(987654.32);
    expect(figures.get("渠道手续费")).toBe(-5926);
    expect(figures.get("付款流水号")).toBe("BANK-REF-778899");
    expect(lines.name).toBe("明细");
    expect(lines.rowCount).toBe(61);
    expect(lines.getRow(2).values).toEqual([undefined, "2026-12-03", "演示商城 · 测试", "微信支付", "支付", 1, 123.45, 0.74, 122.71, "是"]);
    const unreconciled = lines.getRows(2, 60)!.filter((row) => row.getCell(9).value === "否");
    expect(unreconciled.map((row) => row.getCell(5).value)).toEqual([6]);
    expect(lines.getRow(2).getCell(6).numFmt).toBe("0.00");
  });
});

describe("downloading a statement", () => {
  it("gives finance the PDF and XLSX with the statement no. as the file name", async () => {
    const pdf = await openStatementDownload(users["finance@demo.local"], STATEMENT, "pdf", "zh-CN");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(`filename="${STATEMENT}.pdf"`);
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()), "download")).toContain(NAME);
    const xlsx = await openStatementDownload(users["finance@demo.local"], STATEMENT, "xlsx", "en");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toContain(`${STATEMENT}.xlsx`);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
  });

  it("is not found for a viewer, another merchant's owner, an unknown number or format", async () => {
    expect((await openStatementDownload(users["viewer@demo.local"], STATEMENT, "pdf", "zh-CN")).status).toBe(404);
    expect((await openStatementDownload(users["owner@acme.local"], STATEMENT, "pdf", "zh-CN")).status).toBe(404);
    expect((await openStatementDownload(users["finance@demo.local"], "ST-NOPE", "pdf", "zh-CN")).status).toBe(404);
    expect((await openStatementDownload(users["finance@demo.local"], STATEMENT, "docx", "zh-CN")).status).toBe(404);
    expect((await openStatementDownload(users["finance@demo.local"], "../../etc/passwd", "pdf", "zh-CN")).status).toBe(404);
  });
});
