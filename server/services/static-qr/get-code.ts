import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { type StaticQrCodeView, staticQrCodeView } from "./code-view";

/** One of the merchant's codes with the merchant's name (the print view); another merchant's code is not found. */
export async function getStaticQrCode(merchantId: string, id: string): Promise<StaticQrCodeView & { merchantName: string }> {
  const row = await db.staticQrCode.findFirst({
    where: { id, merchantId },
    include: { app: { select: { name: true } }, merchant: { select: { name: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "no such QR code");
  return { ...staticQrCodeView(row), merchantName: row.merchant.name };
}
