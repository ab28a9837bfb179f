import { db } from "@/server/db";
import { profileView } from "./profile-view";

/** A merchant's company profile for its console's settings page. */
export async function getMerchantProfile(merchantId: string) {
  const merchant = await db.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: { mchNo: true, name: true, status: true, statusReason: true, profile: true, bankAccountEnc: true },
  });
  return { mchNo: merchant.mchNo, name: merchant.name, ...profileView(merchant) };
}
