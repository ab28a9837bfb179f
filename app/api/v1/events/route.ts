import { AppError } from "@/server/errors";
import { openApiRoute } from "@/server/openapi/handler";
import { listEvents } from "@/server/services/events/list-events";

export const dynamic = "force-dynamic";

// GET /api/v1/events?after={cursor}&limit=100 – the app's events in commit order, for systems that pull
export const GET = openApiRoute({ route: "/api/v1/events" }, async ({ app, url }) => {
  const rawLimit = url.searchParams.get("limit") ?? "100";
  const limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
  if (!(limit >= 1 && limit <= 1000)) throw new AppError("VALIDATION_FAILED", "limit must be 1–1000", { field: "limit" });
  return { status: 200, body: await listEvents(app.id, url.searchParams.get("after"), limit) };
});
