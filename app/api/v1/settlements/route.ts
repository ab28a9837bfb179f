import { queryObject } from "@/server/domain/order-schema";
import { settlementsQuerySchema } from "@/server/domain/settlement-schema";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { listAppSettlements } from "@/server/services/settlement/open-api-settlements";
import { validationError } from "@/server/to-app-error";

export const dynamic = "force-dynamic";

// GET /api/v1/settlements?from=YYYY-MM-DD&to=YYYY-MM-DD&status=&cursor=&limit= – the app's settlement statements, for the finance system
export const GET = openApiRoute({ route: "/api/v1/settlements" }, async ({ app, url }) => {
  const query = queryObject(url.searchParams);
  if ("duplicate" in query) throw new AppError("VALIDATION_FAILED", `${query.duplicate}: given more than once`, { field: query.duplicate });
  const parsed = settlementsQuerySchema.safeParse(query.value);
  if (!parsed.success) throw validationError(parsed.error);
  return { status: 200, body: await listAppSettlements(app, parsed.data) };
});
