import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";

/**
 * Disables or enables a code (compare-and-set: a repeat changes nothing and writes no audit entry).
 * A disabled code's page says so; payments already started go on.
 */
export async function setStaticQrCodeEnabled(merchantId: string, actor: AuditActor, id: string, enabled: boolean): Promise<{ enabled: boolean }> {
  return db.$transaction(async (tx) => {
    const changed = await tx.staticQrCode.updateMany({
      where: { id, merchantId, disabledAt: enabled ? { not: null } : null },
      data: { disabledAt: enabled ? null : new Date() },
    });
    if (changed.count === 0) {
      const exists = await tx.staticQrCode.count({ where: { id, merchantId } });
      if (!exists) throw new AppError("NOT_FOUND", "no such QR code");
      return { enabled };
    }
    await recordAudit(tx, actor, {
      merchantId,
      action: enabled ? "static_qr.enabled" : "static_qr.disabled",
      targetType: "StaticQrCode",
      targetId: id,
      before: { enabled: !enabled },
      after: { enabled },
    });
    return { enabled };
  });
}
