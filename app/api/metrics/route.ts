import { timingSafeEqual } from "node:crypto";
import { metrics } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  const token = process.env.METRICS_TOKEN;
  if (!token) return true;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// GET /api/metrics – Prometheus exposition (HTTP latency by route, jobs, payments); METRICS_TOKEN protects it
export async function GET(request: Request) {
  if (!authorized(request)) return new Response("unauthorized", { status: 401 });
  return new Response(await metrics.registry.metrics(), { headers: { "content-type": metrics.registry.contentType } });
}
