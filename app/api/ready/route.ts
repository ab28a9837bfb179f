import { withRouteMetrics } from "@/server/observability/route";
import { checkReadiness } from "@/server/services/system/check-readiness";

export const dynamic = "force-dynamic";

// GET /api/ready – the database is reachable and every migration is applied (503 otherwise)
export const GET = withRouteMetrics("/api/ready", async () => {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
});
