import { timingSafeEqual } from "node:crypto";
import { metrics } from "@/server/observability/metrics";
import { scrapeGauges } from "@/server/services/monitoring/scrape-gauges";

export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  const token = process.env.METRICS_TOKEN;
  if (!token) return true;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// GET /api/metrics – Prometheus exposition: this process's metrics (HTTP latency by route, jobs, payments), then the
// gauges read from the database at scrape time (channel accounts, webhook backlog, job queue, recon, risk, alerts;
// docs/monitoring.md). METRICS_TOKEN protects it.
export async function GET(request: Request) {
  if (!authorized(request)) return new Response("unauthorized", { status: 401 });
  const [own, gauges] = await Promise.all([metrics.registry.metrics(), scrapeGauges()]);
  return new Response(`${own}\n${gauges}`, { headers: { "content-type": metrics.registry.contentType } });
}
