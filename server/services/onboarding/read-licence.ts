import { db } from "@/server/db";
import { readStoredProfile } from "@/server/domain/merchant-profile";
import { readLicenceFile } from "./licence-storage";

/** The merchant's licence file and how to serve it, or null when none was uploaded (or the file is gone). */
export async function readLicence(merchantId: string) {
  const merchant = await db.merchant.findUnique({ where: { id: merchantId }, select: { profile: true } });
  const licence = readStoredProfile(merchant?.profile).licence;
  if (!licence) return null;
  try {
    return { bytes: await readLicenceFile(merchantId, licence.storedName), mime: licence.mime, fileName: licence.fileName };
  } catch {
    return null;
  }
}
