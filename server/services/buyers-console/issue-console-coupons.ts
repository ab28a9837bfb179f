import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { type ConsoleCoupon, type CouponCsvRow, parseCouponCsv } from "@/server/domain/console-coupon-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { type CouponIssueOutcome, issueCoupons } from "@/server/services/buyers/issue-coupons";

/**
 * What became of one coupon of a console issuance: the CSV line (1 for the form), the buyer, the couponNo
 * and `created`, `duplicate` (issued before with the same content: nothing new) or `failed` with a reason
 * key (below `buyers.issue.errors`) and the field it is about.
 */
export type IssueRowResult = {
  line: number;
  buyerId: string;
  couponNo: string | null;
  outcome: "created" | "duplicate" | "failed";
  field?: string;
  reason?: string;
};

const hash = (text: string) => createHash("sha256").update(text).digest("hex").toUpperCase();

/** The merchant's app, or not found (an app id of another merchant names nothing here). */
async function merchantApp(merchantId: string, appId: string) {
  const app = await db.app.findFirst({ where: { id: appId, merchantId }, select: { id: true, merchantId: true } });
  if (!app) throw new AppError("NOT_FOUND", "app not found", { field: "appId" });
  return app;
}

/** An Open API failure as the console says it. */
function failure(outcome: Extract<CouponIssueOutcome, { outcome: "failed" }>): { field: string; reason: string } {
  if (outcome.code === "PARAMS_MISMATCH") return { field: "couponNo", reason: "couponNoTaken" };
  const first = outcome.errors[0];
  if (first?.field === "expiresAt") return { field: "expiresAt", reason: /future/.test(first.message) ? "expiresAtPast" : "expiresAtTooFar" };
  return { field: first?.field ?? "row", reason: "invalid" };
}

async function issue(
  merchantId: string,
  actor: Extract<AuditActor, { type: "USER" }>,
  appId: string,
  rows: CouponCsvRow[],
  couponNoOf: (row: { line: number }) => string,
  batchNo: string | undefined,
): Promise<IssueRowResult[]> {
  const app = await merchantApp(merchantId, appId);
  const valid = rows.flatMap((row) => (row.ok ? [{ line: row.line, coupon: { ...row.coupon, couponNo: row.coupon.couponNo ?? couponNoOf(row) } }] : []));
  const outcomes = await issueCoupons(app, valid.map((v) => v.coupon), `console:${actor.id}`, batchNo ? { batchNo } : {});
  const byLine = new Map(valid.map((v, index) => [v.line, { coupon: v.coupon, outcome: outcomes[index]! }]));
  const results = rows.map((row): IssueRowResult => {
    if (!row.ok) return { line: row.line, buyerId: row.buyerId, couponNo: null, outcome: "failed", field: row.field, reason: row.error };
    const { coupon, outcome } = byLine.get(row.line)!;
    const base = { line: row.line, buyerId: coupon.buyerId, couponNo: coupon.couponNo };
    return outcome.outcome === "failed" ? { ...base, outcome: "failed", ...failure(outcome) } : { ...base, outcome: outcome.outcome };
  });
  const created = results.filter((r) => r.outcome === "created").length;
  if (created > 0) {
    await db.$transaction((tx) =>
      recordAudit(tx, actor, {
        merchantId,
        action: "buyer.coupons_issued",
        targetType: "app",
        targetId: app.id,
        after: { created, rows: results.length, ...(batchNo ? { batchNo } : { buyerId: results[0]?.buyerId }) },
      }),
    );
  }
  return results;
}

/**
 * Issues one coupon from the console's form. Without a couponNo, one is derived from the form's request
 * id (fixed while the dialog is open), so a double submit issues it once and answers `duplicate`.
 */
export async function issueConsoleCoupon(merchantId: string, actor: Extract<AuditActor, { type: "USER" }>, input: { appId: string; requestId: string; coupon: ConsoleCoupon }) {
  const [result] = await issue(merchantId, actor, input.appId, [{ line: 1, ok: true, coupon: input.coupon }], () => `CS${hash(input.requestId).slice(0, 20)}`, undefined);
  return result!;
}

/**
 * Issues the coupons of a CSV list: every row checked on its own, the valid ones issued in one call
 * (created / duplicate / failed per row). A row without a couponNo gets `<batch>-<line>`, the batch being
 * a digest of the file: uploading the same file again issues nothing twice.
 */
export async function issueCouponCsv(merchantId: string, actor: Extract<AuditActor, { type: "USER" }>, input: { appId: string; csv: string }) {
  const parsed = parseCouponCsv(input.csv);
  if ("error" in parsed) throw new AppError("VALIDATION_FAILED", parsed.error, { field: "csv" });
  const batchNo = `B${hash(input.csv.replace(/\r\n/g, "\n").trim()).slice(0, 15)}`;
  const rows = await issue(merchantId, actor, input.appId, parsed.rows, (row) => `${batchNo}-${row.line}`, batchNo);
  return {
    batchNo,
    rows,
    created: rows.filter((r) => r.outcome === "created").length,
    duplicates: rows.filter((r) => r.outcome === "duplicate").length,
    failed: rows.filter((r) => r.outcome === "failed").length,
  };
}
