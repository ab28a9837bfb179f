import { queryObject } from "@/server/domain/order-schema";
import { reconciliationsQuerySchema } from "@/server/domain/reconciliation-schema";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { listAppReconciliations } from "@/server/services/reconciliation/open-api-reconciliations";
import { validationError } from "@/server/to-app-error";

export const dynamic = "force-dynamic";

// GET /api/v1/reconciliations?date=YYYY-MM-DD&after={cursor}&limit=100 – the app's reconciliation of a Beijing day, for the finance system
export const GET = openApiRoute({ route: "/api/v1/reconciliations" }, async ({ app, url }) => {
  const query = queryObject(url.searchParams);
  if ("duplicate" in query) throw new AppError("VALIDATION_FAILED", `${query.duplicate}: given more than once`, { field: query.duplicate });
  const parsed = reconciliationsQuerySchema.safeParse(query.value);
  if (!parsed.success) throw validationError(parsed.error);
  const { date, after, limit } = parsed.data;
  return { status: 200, body: await listAppReconciliations(app.id, date, after ?? null, limit) };
});
