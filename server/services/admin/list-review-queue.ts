import { db } from "@/server/db";
import { readStoredProfile } from "@/server/domain/merchant-profile";

/** Merchants waiting for review, oldest submission first (updatedAt is when they were submitted). */
export async function listReviewQueue() {
  const merchants = await db.merchant.findMany({
    where: { status: "PENDING_REVIEW" },
    orderBy: { updatedAt: "asc" },
    take: 200,
    select: { mchNo: true, name: true, profile: true, updatedAt: true },
  });
  return merchants.map((m) => {
    const profile = readStoredProfile(m.profile);
    return {
      mchNo: m.mchNo,
      name: m.name,
      legalName: profile.legalName ?? null,
      creditCode: profile.creditCode ?? null,
      businessCategory: profile.businessCategory ?? null,
      submittedAt: m.updatedAt,
    };
  });
}
