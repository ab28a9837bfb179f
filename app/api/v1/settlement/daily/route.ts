import { localDateSchema } from "@/server/domain/report-range";
import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { dailySettlementSummary } from "@/server/services/settlement/daily-summary";

export const dynamic = "force-dynamic";

// GET /api/v1/settlement/daily?date=YYYY-MM-DD – the app's day (China Standard Time) in figures, for the settlement center
export const GET = openApiRoute({ route: "/api/v1/settlement/daily" }, async ({ app, url }) => {
  const date = localDateSchema.safeParse(url.searchParams.get("date") ?? "");
  if (!date.success) throw new AppError("VALIDATION_FAILED", "date must be a calendar date YYYY-MM-DD", { field: "date" });
  return { status: 200, body: await dailySettlementSummary(app.id, date.data) };
});
