import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { profileView } from "@/server/services/onboarding/profile-view";

/** A merchant's profile and documents as an operator reviews them, with its owners. */
export async function getMerchantReview(mchNo: string) {
  const merchant = await db.merchant.findUnique({
    where: { mchNo },
    select: {
      id: true,
      mchNo: true,
      name: true,
      status: true,
      statusReason: true,
      profile: true,
      bankAccountEnc: true,
      createdAt: true,
      updatedAt: true,
      memberships: { where: { role: "OWNER" }, select: { user: { select: { email: true } } } },
    },
  });
  if (!merchant) throw new AppError("NOT_FOUND", "merchant not found");
  return {
    mchNo: merchant.mchNo,
    name: merchant.name,
    createdAt: merchant.createdAt,
    updatedAt: merchant.updatedAt,
    owners: merchant.memberships.map((m) => m.user.email),
    ...profileView(merchant),
  };
}
