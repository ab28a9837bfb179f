import { db, type Prisma } from "@/server/db";
import { readStoredProfile, type StoredLicence } from "@/server/domain/merchant-profile";
import { LICENCE_MAX_BYTES, sniffLicenceType } from "@/server/domain/upload-type";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { removeLicenceFile, writeLicenceFile } from "./licence-storage";
import { assertEditable, lockMerchant } from "./lock-merchant";

/** A file name fit for display and Content-Disposition: no paths, no control characters, 100 characters at most. */
function displayName(name: string, ext: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\p{Cc}"]/gu, "").trim().slice(0, 100);
  return clean || `licence.${ext}`;
}

/**
 * Stores the business licence of a DRAFT or REJECTED merchant: PNG, JPEG or PDF by its first bytes,
 * 5 MB at most. The file is written first, then the profile points at it in a transaction with the
 * audit entry; the previous file is removed once that commits (and the new one if it does not).
 */
export async function uploadLicence(options: { merchantId: string; actor: AuditActor; fileName: string; bytes: Uint8Array }) {
  const { merchantId, actor, bytes } = options;
  if (bytes.byteLength > LICENCE_MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "the licence file is larger than 5 MB", { field: "file" });
  if (bytes.byteLength === 0) throw new AppError("VALIDATION_FAILED", "the licence file is empty", { field: "file" });
  const type = sniffLicenceType(bytes.subarray(0, 16));
  if (!type) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "the licence must be a PNG, JPEG or PDF file", { field: "file" });

  const storedName = await writeLicenceFile(merchantId, type.ext, bytes);
  let previous: StoredLicence | undefined;
  try {
    const licence: StoredLicence = {
      storedName,
      fileName: displayName(options.fileName, type.ext),
      mime: type.mime,
      size: bytes.byteLength,
      uploadedAt: new Date().toISOString(),
    };
    await db.$transaction(async (tx) => {
      const merchant = await lockMerchant(tx, merchantId);
      assertEditable(merchant);
      const profile = readStoredProfile(merchant.profile);
      previous = profile.licence;
      await tx.merchant.update({ where: { id: merchantId }, data: { profile: { ...profile, licence } as Prisma.InputJsonValue } });
      await recordAudit(tx, actor, {
        merchantId,
        action: "merchant.licence_uploaded",
        targetType: "merchant",
        targetId: merchantId,
        before: previous ? { fileName: previous.fileName, size: previous.size } : null,
        after: { fileName: licence.fileName, mime: licence.mime, size: licence.size },
      });
    });
    if (previous) await removeLicenceFile(merchantId, previous.storedName);
    return { fileName: licence.fileName, mime: licence.mime, size: licence.size };
  } catch (error) {
    await removeLicenceFile(merchantId, storedName);
    throw error;
  }
}
