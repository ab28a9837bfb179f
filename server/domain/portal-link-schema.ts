import { z } from "zod";
import { PORTAL_TTL } from "./portal-token";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

/** POST /api/v1/buyers/{buyerId}/portal-links: `{}` or `{"expiresInSeconds": 300 … 86400}` (default 1800). */
export const portalLinkSchema = z
  .object({ expiresInSeconds: z.number().int().min(PORTAL_TTL.min).max(PORTAL_TTL.max).default(PORTAL_TTL.default) })
  .strict();

/** The buyer id of the path: the order's `buyer.id`, 1–64 characters. */
export const buyerIdSchema = z.string().min(1).max(64).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
