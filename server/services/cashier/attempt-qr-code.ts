import QRCode from "qrcode";
import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";

/**
 * The QR code of an attempt that waits for the payer, as SVG (`/pay/[payOrderNo]/qr`), or null when
 * the attempt is not this order's, no longer open, or has no QR code.
 */
export async function attemptQrCode(payOrderNo: string, attemptNo: string): Promise<string | null> {
  if (!hasIdShape("attemptNo", attemptNo) || !attemptNo.startsWith(`${payOrderNo}-`)) return null;
  const attempt = await db.payment.findUnique({ where: { attemptNo }, select: { payOrderNo: true, status: true, payData: true } });
  if (!attempt || attempt.payOrderNo !== payOrderNo || attempt.status !== "PROCESSING") return null;
  const payData = attempt.payData as { type?: string; codeUrl?: string } | null;
  if (payData?.type !== "qr_code" || !payData.codeUrl) return null;
  return QRCode.toString(payData.codeUrl, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
}
