import { withRouteMetrics } from "@/server/observability/route";

export const dynamic = "force-dynamic";

// GET /api/health – the process is alive (no dependencies checked)
export const GET = withRouteMetrics("/api/health", () => Response.json({ status: "ok" }));
