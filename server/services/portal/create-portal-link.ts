import { signPortalToken } from "@/server/domain/portal-token";
import { loadEnv } from "@/server/env";
import { portalKey } from "./portal-key";

/**
 * A short-lived signed URL of the buyer's "my orders" page (用户端"我的订单") that a business system hands to
 * its user: every order of that buyer across the merchant's apps. Nothing is stored; the URL is good until
 * `expiresAt`.
 */
export function createPortalLink(merchantId: string, buyerId: string, expiresInSeconds: number, now = new Date()) {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + expiresInSeconds * 1000);
  const token = signPortalToken(portalKey(), { merchantId, buyerId, expiresAt });
  return { buyerId, url: `${loadEnv().PUBLIC_BASE_URL}/my-orders/${token}`, expiresAt };
}
