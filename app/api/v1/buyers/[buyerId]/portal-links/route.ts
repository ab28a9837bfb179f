import { buyerIdSchema, portalLinkSchema } from "@/server/domain/portal-link-schema";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { createPortalLink } from "@/server/services/portal/create-portal-link";

export const dynamic = "force-dynamic";

// POST /api/v1/buyers/{buyerId}/portal-links – a short-lived signed URL of the buyer's "my orders" page
export const POST = openApiRoute({ route: "/api/v1/buyers/[buyerId]/portal-links", body: portalLinkSchema }, async ({ app, body, params }) => {
  const buyerId = buyerIdSchema.safeParse(params.buyerId);
  if (!buyerId.success) throw new AppError("VALIDATION_FAILED", "buyerId must be 1–64 characters", { field: "buyerId" });
  return { status: 201, body: createPortalLink(app.merchantId, buyerId.data, body.expiresInSeconds) };
});
