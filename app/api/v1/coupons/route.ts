import { z } from "zod";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { issueCoupons } from "@/server/services/buyers/issue-coupons";

export const dynamic = "force-dynamic";

// POST /api/v1/coupons – issue one coupon (replayed by couponNo); the console issues lists with the same service
export const POST = openApiRoute({ route: "/api/v1/coupons", body: z.unknown() }, async ({ app, body }) => {
  const [outcome] = await issueCoupons(app, [body], "api");
  if (outcome.outcome === "failed") {
    const [first] = outcome.errors;
    const field = first?.field || undefined;
    const message = first ? `${field ? `${field}: ` : ""}${first.message}` : "invalid coupon";
    throw new AppError(outcome.code, message, { field });
  }
  return { status: outcome.outcome === "created" ? 201 : 200, body: outcome.coupon };
});
