import { db } from "@/server/db";
import { readStoredProfile } from "@/server/domain/merchant-profile";
import { payoutAccountSnapshot } from "@/server/domain/settlement";
import type { PayoutAccount } from "./statement-view";

/**
 * What a statement's page shows besides the statement: the merchant's app names (the lines' apps) and the
 * bank account a payout would be recorded against, masked (holder, bank, last four digits). Call it only
 * after the caller was allowed to read the merchant's statements.
 */
export async function statementPageContext(mchNo: string): Promise<{ appNames: Record<string, string>; payoutAccount: PayoutAccount | null }> {
  const merchant = await db.merchant.findUnique({ where: { mchNo }, select: { id: true, profile: true, bankAccountEnc: true } });
  if (!merchant) return { appNames: {}, payoutAccount: null };
  const apps = await db.app.findMany({ where: { merchantId: merchant.id }, select: { id: true, name: true } });
  return {
    appNames: Object.fromEntries(apps.map((a) => [a.id, a.name])),
    payoutAccount: merchant.bankAccountEnc ? payoutAccountSnapshot(readStoredProfile(merchant.profile)) : null,
  };
}
