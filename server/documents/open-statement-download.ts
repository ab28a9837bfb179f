import { db } from "@/server/db";
import { can } from "@/server/domain/permissions";
import { type DocumentLocale, loadStatementDocument, statementFileName } from "./statement-document";
import { renderStatementPdf } from "./statement-pdf";
import { renderStatementXlsx } from "./statement-xlsx";

export const STATEMENT_FORMATS = ["pdf", "xlsx"] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

const CONTENT_TYPES: Record<StatementFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * A statement's PDF or XLSX for a member of its merchant with settlement.read. Anything else (an unknown format or
 * number, another merchant's statement, a role without the capability) is "not found": a statement's existence is not revealed.
 */
export async function openStatementDownload(userId: string, statementNo: string, format: string, locale: DocumentLocale): Promise<Response> {
  const notFound = () => new Response("not found", { status: 404, headers: { "content-type": "text/plain" } });
  if (!(STATEMENT_FORMATS as readonly string[]).includes(format) || !/^[0-9A-Za-z_-]{1,64}$/.test(statementNo)) return notFound();
  const statement = await db.settlementStatement.findUnique({ where: { statementNo }, select: { merchantId: true } });
  if (!statement) return notFound();
  const membership = await db.membership.findUnique({ where: { userId_merchantId: { userId, merchantId: statement.merchantId } }, select: { role: true } });
  if (!membership || !can(membership.role, "settlement.read")) return notFound();
  const doc = await loadStatementDocument(statement.merchantId, statementNo, locale);
  if (!doc) return notFound();
  const kind = format as StatementFormat;
  const body = kind === "pdf" ? await renderStatementPdf(doc) : await renderStatementXlsx(doc);
  const fileName = statementFileName(doc.statementNo, kind);
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": CONTENT_TYPES[kind],
      "content-length": String(body.byteLength),
      "content-disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
