import { db } from "@/server/db";
import { merchantMayTransact } from "@/server/domain/merchant-status";
import { STATIC_QR_CODE_SHAPE } from "@/server/domain/static-qr";

/** What the consumer's page needs of a code: the payee, the fixed amount, and whether it takes payments now. */
export type PublicStaticQrCode = {
  code: string;
  appId: string;
  appMode: "TEST" | "LIVE";
  merchantId: string;
  merchantName: string;
  storeId: string | null;
  name: string;
  subject: string;
  amount: bigint | null;
  currency: string;
  /** disabled: the merchant switched it off (or its app, or the merchant cannot take payments now). */
  usable: boolean;
};

/** The code as the consumer's page shows it, or null for a code that does not exist (any malformed code too). */
export async function loadPublicStaticQrCode(code: string): Promise<PublicStaticQrCode | null> {
  if (!STATIC_QR_CODE_SHAPE.test(code)) return null;
  const row = await db.staticQrCode.findUnique({
    where: { code },
    include: { merchant: { select: { name: true, status: true } }, app: { select: { mode: true, status: true } } },
  });
  if (!row) return null;
  // a TEST app of a merchant still onboarding may take sandbox payments, as in the cashier
  const merchantOpen = merchantMayTransact(row.merchant.status, row.app.mode);
  return {
    code: row.code,
    appId: row.appId,
    appMode: row.app.mode,
    merchantId: row.merchantId,
    merchantName: row.merchant.name,
    storeId: row.storeId,
    name: row.name,
    subject: row.subject,
    amount: row.amount,
    currency: row.currency,
    usable: row.disabledAt === null && row.app.status === "ACTIVE" && merchantOpen,
  };
}
