import { db } from "@/server/db";
import { type StaticQrCodeView, staticQrCodeView } from "./code-view";

/** The merchant's aggregated QR codes, newest first (a merchant prints tens, not thousands: no paging). */
export async function listStaticQrCodes(merchantId: string): Promise<StaticQrCodeView[]> {
  const rows = await db.staticQrCode.findMany({
    where: { merchantId },
    orderBy: { createdAt: "desc" },
    take: 500,
    include: { app: { select: { name: true } } },
  });
  return rows.map(staticQrCodeView);
}
