import { z } from "zod";
import { BUSINESS_CATEGORIES } from "./merchant-profile-schema";

/** The licence file's record in the profile (the file itself is on disk under UPLOAD_DIR). */
export const storedLicenceSchema = z.object({
  storedName: z.string(),
  fileName: z.string(),
  mime: z.enum(["image/png", "image/jpeg", "application/pdf"]),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type StoredLicence = z.infer<typeof storedLicenceSchema>;

/**
 * Merchant.profile as stored: the form's fields (the account number only as its last four digits;
 * the full settlement account is sealed in Merchant.bankAccountEnc) and the licence record.
 */
export const storedProfileSchema = z
  .object({
    legalName: z.string(),
    creditCode: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
    contactEmail: z.string(),
    businessCategory: z.enum(BUSINESS_CATEGORIES),
    bankName: z.string(),
    bankAccountName: z.string(),
    bankAccountLast4: z.string(),
    licence: storedLicenceSchema,
  })
  .partial();
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** A stored profile, or an empty one when the column is empty or unreadable. */
export function readStoredProfile(json: unknown): StoredProfile {
  const parsed = storedProfileSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : {};
}

export const PROFILE_PARTS = ["company", "contact", "bankAccount", "licence"] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

/** What is still missing before the merchant may submit for review. */
export function missingProfileParts(profile: StoredProfile, hasBankAccount: boolean): ProfilePart[] {
  const missing: ProfilePart[] = [];
  if (!profile.legalName || !profile.creditCode || !profile.businessCategory) missing.push("company");
  if (!profile.contactName || !profile.contactPhone || !profile.contactEmail) missing.push("contact");
  if (!hasBankAccount || !profile.bankName || !profile.bankAccountLast4) missing.push("bankAccount");
  if (!profile.licence) missing.push("licence");
  return missing;
}

/** Merchant states in which the owner may edit the profile and submit it. */
export const EDITABLE_STATUSES = ["DRAFT", "REJECTED"] as const;
