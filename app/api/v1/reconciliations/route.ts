import { isBillDate } from "@/server/domain/reconciliation";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { listAppReconciliations, MAX_DIFFERENCES_PAGE } from "@/server/services/reconciliation/open-api-reconciliations";

export const dynamic = "force-dynamic";

const CURSOR = /^[0-9a-f-]{36}$/;

// GET /api/v1/reconciliations?date=YYYY-MM-DD&after={cursor}&limit=100 – the app's reconciliation of a Beijing day, for the finance system
export const GET = openApiRoute({ route: "/api/v1/reconciliations" }, async ({ app, url }) => {
  const date = url.searchParams.get("date") ?? "";
  if (!isBillDate(date)) throw new AppError("VALIDATION_FAILED", "date must be a calendar date YYYY-MM-DD", { field: "date" });
  const after = url.searchParams.get("after");
  if (after !== null && !CURSOR.test(after)) throw new AppError("VALIDATION_FAILED", "after must be a nextCursor this endpoint returned", { field: "after" });
  const rawLimit = url.searchParams.get("limit") ?? "100";
  const limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_DIFFERENCES_PAGE)) throw new AppError("VALIDATION_FAILED", `limit must be 1–${MAX_DIFFERENCES_PAGE}`, { field: "limit" });
  return { status: 200, body: await listAppReconciliations(app.id, date, after, limit) };
});
