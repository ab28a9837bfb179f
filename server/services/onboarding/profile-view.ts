import { type StoredProfile, missingProfileParts, readStoredProfile } from "@/server/domain/merchant-profile";
import { maskAccountNumber } from "@/server/domain/merchant-profile-schema";
import { EDITABLE_STATUSES } from "@/server/domain/merchant-profile";

/** What the console and the operators see of a profile: never the account number, never the file path. */
export function profileView(merchant: { status: string; statusReason: string | null; profile: unknown; bankAccountEnc: string | null }) {
  const profile: StoredProfile = readStoredProfile(merchant.profile);
  const { licence, bankAccountLast4, ...fields } = profile;
  return {
    status: merchant.status,
    statusReason: merchant.statusReason,
    fields,
    bankAccountMasked: merchant.bankAccountEnc && bankAccountLast4 ? maskAccountNumber(bankAccountLast4) : null,
    licence: licence ? { fileName: licence.fileName, mime: licence.mime, size: licence.size, uploadedAt: licence.uploadedAt } : null,
    missing: missingProfileParts(profile, merchant.bankAccountEnc !== null),
    editable: (EDITABLE_STATUSES as readonly string[]).includes(merchant.status),
  };
}

/** The profile as written in audit entries: what changed, the account only by its last four digits. */
export function profileAuditSnapshot(profile: StoredProfile) {
  const { licence, bankAccountLast4, bankAccountName, ...fields } = profile;
  return {
    ...fields,
    // Named so the audit redaction (which hides any "bankAccount…" field) keeps the holder's name readable.
    settlementAccountHolder: bankAccountName,
    settlementAccount: bankAccountLast4 ? maskAccountNumber(bankAccountLast4) : undefined,
    licenceFile: licence ? licence.fileName : undefined,
  };
}
