import { db } from "@/server/db";

/** A merchant's status and the operator's reason (rejection, suspension), for the console's banner. */
export function getMerchantStatus(merchantId: string) {
  return db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { status: true, statusReason: true } });
}
