import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics, one registry per process (kept on globalThis because Next.js bundles the
 * instrumentation hook and the route handlers separately).
 */
function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "paycenter" });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency by route",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobsCompleted: new Counter({
      name: "jobs_completed_total",
      help: "Background jobs finished, by task and outcome",
      labelNames: ["task", "outcome"],
      registers: [registry],
    }),
    channelCallbacks: new Counter({
      name: "channel_callbacks_total",
      help: "Inbound channel callbacks, by kind and result (UNKNOWN_ACCOUNT: not stored)",
      labelNames: ["kind", "result"],
      registers: [registry],
    }),
    payments: new Counter({
      name: "payments_total",
      help: "Payment attempts reaching a state, by channel and status",
      labelNames: ["channel", "status"],
      registers: [registry],
    }),
    riskDecisions: new Counter({
      name: "risk_decisions_total",
      help: "Risk checks decided (docs/adr/0018), by checkpoint and action (ALLOW includes checks no rule hit)",
      labelNames: ["checkpoint", "action"],
      registers: [registry],
    }),
    // The read replica as this process sees it (server/read-db.ts, docs/adr/0034).
    replicaLag: new Gauge({
      name: "paycenter_db_replica_lag_seconds",
      help: "How far the read replica is behind the primary, seconds (0: it has replayed everything; absent while unknown)",
      registers: [registry],
    }),
    replicaUp: new Gauge({
      name: "paycenter_db_replica_up",
      help: "1 while DATABASE_REPLICA_URL answers as a standby replaying WAL, else 0",
      registers: [registry],
    }),
    reads: new Counter({
      name: "paycenter_db_reads_total",
      help: "Reads that may be stale (reports, ledger, exports, dashboards, console lists), by where they went",
      labelNames: ["target"],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export const metrics: Metrics = ((globalThis as Record<string, unknown>).__paycenterMetrics ??= createMetrics()) as Metrics;
