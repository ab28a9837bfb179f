import { AppError } from "@/server/errors";
import { loadPosPayment } from "./load-pos-payments";
import type { PosMember } from "./pos-member";
import type { PosPayment } from "./pos-view";

/** One POS payment of the member's stores, as the POS page polls it while the payer confirms. Anything else: not found. */
export async function getPosPayment(member: Pick<PosMember, "merchantId" | "role" | "storeIds">, orderNo: string): Promise<PosPayment> {
  const payment = await loadPosPayment(member, orderNo);
  if (!payment) throw new AppError("ORDER_NOT_FOUND", "no such POS payment");
  return payment;
}
