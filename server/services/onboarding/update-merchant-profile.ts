import { db, type Prisma } from "@/server/db";
import { readStoredProfile } from "@/server/domain/merchant-profile";
import type { MerchantProfileValues } from "@/server/domain/merchant-profile-schema";
import { AppError } from "@/server/errors";
import { decryptSecret, encryptSecret, secretContext } from "@/server/secrets";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { assertEditable, lockMerchant } from "./lock-merchant";
import { profileAuditSnapshot } from "./profile-view";

type SealedBankAccount = { bankName: string; accountName: string; accountNumber: string };

/**
 * Saves the company profile of a DRAFT or REJECTED merchant. The settlement account is sealed in
 * bankAccountEnc (the profile keeps its last four digits); an empty account number keeps the sealed one.
 */
export async function updateMerchantProfile(options: { merchantId: string; actor: AuditActor; values: MerchantProfileValues }) {
  const { merchantId, actor, values } = options;
  await db.$transaction(async (tx) => {
    const merchant = await lockMerchant(tx, merchantId);
    assertEditable(merchant);
    const before = readStoredProfile(merchant.profile);
    const context = secretContext.bankAccount(merchantId);
    let accountNumber = values.bankAccountNumber;
    if (!accountNumber) {
      if (!merchant.bankAccountEnc) throw new AppError("VALIDATION_FAILED", "enter the settlement account number", { field: "bankAccountNumber" });
      accountNumber = (JSON.parse(decryptSecret(merchant.bankAccountEnc, context)) as SealedBankAccount).accountNumber;
    }
    const sealed: SealedBankAccount = { bankName: values.bankName, accountName: values.bankAccountName, accountNumber };
    const { bankAccountNumber: _, ...fields } = values;
    const after = { ...before, ...fields, bankAccountLast4: accountNumber.slice(-4) };
    await tx.merchant.update({
      where: { id: merchantId },
      data: { profile: after as Prisma.InputJsonValue, bankAccountEnc: encryptSecret(JSON.stringify(sealed), context) },
    });
    await recordAudit(tx, actor, {
      merchantId,
      action: "merchant.profile_updated",
      targetType: "merchant",
      targetId: merchantId,
      before: profileAuditSnapshot(before),
      after: profileAuditSnapshot(after),
    });
  });
}
