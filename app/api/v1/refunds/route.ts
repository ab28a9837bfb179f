import { createRefundSchema } from "@/server/domain/refund-schema";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { createRefund } from "@/server/services/refunds/create-refund";
import { getRefund } from "@/server/services/refunds/get-refund";

export const dynamic = "force-dynamic";

// POST /api/v1/refunds – refund (part of) a paid order
export const POST = openApiRoute({ route: "/api/v1/refunds", body: createRefundSchema }, async ({ app, body }) => {
  const { status, refund } = await createRefund(app, body);
  return { status, body: refund };
});

// GET /api/v1/refunds?mchRefundNo=… – a refund by the merchant's number
export const GET = openApiRoute({ route: "/api/v1/refunds" }, async ({ app, url }) => {
  const value = url.searchParams.get("mchRefundNo");
  if (!value) throw new AppError("VALIDATION_FAILED", "mchRefundNo is required", { field: "mchRefundNo" });
  return { status: 200, body: await getRefund(app, { mchRefundNo: value }) };
});
