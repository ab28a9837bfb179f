import { z } from "zod";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { replaceSandboxBillEdits } from "@/server/sandbox";
import { type BillEdit, billEditSchema } from "@/server/domain/bill-edits";
import { MAX_BILL_EDITS } from "@/server/domain/bill-edit-schema";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantChannelAccount } from "./find-channel-account";

const billEditsSchema = z.array(billEditSchema).max(MAX_BILL_EDITS, { error: "billEditsTooMany" });

/**
 * Replaces the differences the sandbox writes into the bills of one channel account (TEST apps at the
 * built-in sandbox only: a LIVE rehearsal's bills stay true); the next bill download carries them.
 */
export async function updateSandboxBillEdits(merchantId: string, actor: AuditActor, id: string, billEdits: BillEdit[]) {
  const parsed = billEditsSchema.safeParse(billEdits);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "invalid bill edits", { field: "billEdits", cause: parsed.error });
  const account = await findMerchantChannelAccount(merchantId, id);
  if (account.app.mode !== "TEST") throw new AppError("CONFLICT", "bill differences are for TEST apps only");
  return db.$transaction(async (tx) => {
    const before = await replaceSandboxBillEdits(tx, id, parsed.data);
    if (!before) throw new AppError("CONFLICT", "this account is not connected to the built-in sandbox");
    await recordAudit(tx, actor, {
      merchantId,
      action: "channel_account.bill_edits_updated",
      targetType: "channel_account",
      targetId: id,
      before: { billEdits: before },
      after: { billEdits: parsed.data },
    });
    return parsed.data;
  });
}
