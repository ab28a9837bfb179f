import { openApiRoute } from "@/server/openapi/handler";
import { getRefund } from "@/server/services/refunds/get-refund";

export const dynamic = "force-dynamic";

// GET /api/v1/refunds/{refundNo} – a refund by our number
export const GET = openApiRoute({ route: "/api/v1/refunds/[refundNo]" }, async ({ app, params }) => ({
  status: 200,
  body: await getRefund(app, { refundNo: params.refundNo }),
}));
