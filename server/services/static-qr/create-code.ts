import { db } from "@/server/db";
import { decimalToMinor } from "@/server/domain/money";
import { createStaticQrSchema, type CreateStaticQrInput, newStaticQrCode } from "@/server/domain/static-qr";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { type StaticQrCodeView, staticQrCodeView } from "./code-view";

/** Creates an aggregated QR code of one of the merchant's apps (and optionally one store), audited. */
export async function createStaticQrCode(merchantId: string, actor: AuditActor, input: CreateStaticQrInput): Promise<StaticQrCodeView> {
  const values = createStaticQrSchema.parse(input);
  const app = await db.app.findFirst({ where: { id: values.appId, merchantId }, select: { id: true } });
  if (!app) throw new AppError("VALIDATION_FAILED", "appId: no such app", { field: "appId" });
  return db.$transaction(async (tx) => {
    const row = await tx.staticQrCode.create({
      data: {
        code: newStaticQrCode(),
        merchantId,
        appId: app.id,
        storeId: values.storeId || null,
        name: values.name,
        subject: values.subject,
        amount: values.amountYuan ? decimalToMinor(values.amountYuan, "CNY") : null,
      },
      include: { app: { select: { name: true } } },
    });
    const view = staticQrCodeView(row);
    await recordAudit(tx, actor, {
      merchantId,
      action: "static_qr.created",
      targetType: "StaticQrCode",
      targetId: row.id,
      after: { ...view, amount: view.amount?.toString() ?? null },
    });
    return view;
  });
}
