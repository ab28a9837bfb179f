import { db } from "@/server/db";
import { verifyPortalToken } from "@/server/domain/portal-token";
import { decodeOrderCursor, listOrders } from "@/server/services/orders/list-orders";
import { orderAppNames } from "@/server/services/order-console/order-app-names";
import { portalKey } from "./portal-key";

export const PORTAL_PAGE_SIZE = 20;

/**
 * The buyer's orders behind a portal token, newest first, from every app of the merchant: status, lines,
 * amounts, timeline and the cashier links of unpaid pay orders. A forged, changed or expired token → null
 * (the page says the link is no longer valid, without telling which).
 */
export async function listPortalOrders(token: string, cursor?: string) {
  const claims = verifyPortalToken(portalKey(), token);
  if (!claims) return null;
  const merchant = await db.merchant.findUnique({ where: { id: claims.merchantId }, select: { name: true } });
  if (!merchant) return null;
  const page = await listOrders({ merchantId: claims.merchantId }, { buyerId: claims.buyerId }, { limit: PORTAL_PAGE_SIZE, cursor: cursor && validCursor(cursor) ? cursor : null });
  const appNames = await orderAppNames(page.data.map((order) => order.orderNo));
  const complaintLinks = await portalComplaintLinks(claims.merchantId, claims.buyerId, page.data.flatMap((order) => order.payments.map((p) => p.payOrderNo)));
  return {
    merchantName: merchant.name,
    buyerId: claims.buyerId,
    expiresAt: claims.expiresAt,
    orders: page.data.map((order) => ({
      orderNo: order.orderNo,
      sourceOrderNo: order.sourceOrderNo,
      appName: appNames.get(order.orderNo) ?? "",
      scene: order.scene,
      type: order.type,
      status: order.status,
      currency: order.currency,
      payableAmount: order.payableAmount,
      paidAmount: order.paidAmount,
      refundedAmount: order.refundedAmount,
      lines: order.lines.map((line) => ({ sku: line.sku, name: line.name, quantity: line.quantity, amount: line.amount })),
      timeline: order.timeline,
      shipments: order.shipments,
      payNow: order.status === "PENDING_PAYMENT" || order.status === "DEPOSIT_PAID" ? order.payments.filter((p) => p.status === "PENDING").map((p) => ({ purpose: p.purpose, amount: p.amount, url: `/pay/${p.payOrderNo}` })) : [],
      placedAt: order.placedAt,
      // paid pay orders a consumer may complain about (申诉)
      complain: order.payments
        .filter((p) => complaintLinks.has(p.payOrderNo) || p.status === "PAID" || p.status === "PARTIALLY_REFUNDED")
        .map((p) => ({ purpose: p.purpose, url: complaintLinks.get(p.payOrderNo) ?? `/complaints/new?payOrderNo=${p.payOrderNo}`, filed: complaintLinks.has(p.payOrderNo) })),
    })),
    nextCursor: page.nextCursor,
  };
}

/** The follow-up link of each pay order's latest complaint: the signed portal link proves the buyer, so it may hand the complaint's own link back. */
async function portalComplaintLinks(merchantId: string, buyerId: string, payOrderNos: string[]): Promise<Map<string, string>> {
  if (payOrderNos.length === 0) return new Map();
  const complaints = await db.complaint.findMany({
    where: { merchantId, buyerId, payOrderNo: { in: payOrderNos } },
    select: { complaintNo: true, payOrderNo: true, viewToken: true },
    orderBy: { createdAt: "asc" },
  });
  return new Map(complaints.map((c) => [c.payOrderNo, `/complaints/${c.complaintNo}?t=${c.viewToken}`]));
}

/** A cursor of the URL that this list did not hand out starts from the newest order again. */
function validCursor(cursor: string): boolean {
  try {
    decodeOrderCursor(cursor);
    return true;
  } catch {
    return false;
  }
}
