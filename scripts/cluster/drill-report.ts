// docs/deploy/failover-report.md from the drill's results (the raw ones go to docs/deploy/drill/*.json).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { ErrorWindow } from "./error-window.ts";

export type DrillResult = {
  mode: "sync" | "async";
  orders: number;
  paid: number;
  gaveUp: number;
  /** Orders the driver gave up on, and why (the first 5). */
  gaveUpSamples?: { payOrderNo: string | undefined; reason: string }[];
  refundsRequested: number;
  requests: number;
  queries: number;
  failedRequests: number;
  replicaBytesBehindAtKill: number;
  promotionSeconds: number;
  webKill: ErrorWindow;
  workerKill: ErrorWindow;
  primaryKill: ErrorWindow;
  rpo: { acknowledgedCreates: number; createsLost: number; deliveredEvents: number; deliveredEventsLost: number; lostEventSamples: string[] };
  settledSecondsAfterDriving: number;
  healthChanges: { atMs: number; healthy: number[] }[];
  invariants: { name: string; ok: boolean; detail: string }[];
  invariantsOk: boolean;
  figures: Record<string, number>;
  log: string[];
};

const window = (w: ErrorWindow) =>
  `${w.seconds} s (${w.failedRequests} failed requests; first 2xx ${w.firstSuccessAfterMs === null ? "–" : `${(w.firstSuccessAfterMs / 1000).toFixed(1)} s`} after the kill)`;

export function renderDrillReport(results: DrillResult[], when = new Date()): string {
  const head = ["| | " + results.map((r) => (r.mode === "sync" ? "synchronous replication" : "asynchronous replication")).join(" | ") + " |", "|---|" + results.map(() => "---|").join("")];
  const row = (label: string, value: (r: DrillResult) => string | number) => `| ${label} | ${results.map((r) => String(value(r))).join(" | ")} |`;
  const lines = [
    "# Failover drill report",
    "",
    `Measured ${when.toISOString().slice(0, 16).replace("T", " ")} UTC on this repository's machine (2 shared cores) with`,
    "`npm run drill:failover` (scripts/cluster/failover-drill.ts): PostgreSQL 18 primary + streaming replica, 2 web",
    "nodes, 2 job workers, nginx in front; mixed load through nginx (creates, sandbox payments and callbacks, queries,",
    "refunds); kill -9 of web-1, then worker-1 (each restarted after 3 s), then of the primary, whose replica is promoted",
    "at once (`pg_promote`). Nodes reconnect through their multi-host `DATABASE_URL` (`target_session_attrs=read-write`).",
    "Raw results: `docs/deploy/drill/sync.json`, `docs/deploy/drill/async.json`.",
    "",
    ...head,
    row("orders / paid / given up", (r) => `${r.orders} / ${r.paid} / ${r.gaveUp}`),
    row("requests (of which queries) / failed", (r) => `${r.requests} (${r.queries}) / ${r.failedRequests}`),
    row("error window after kill -9 web-1", (r) => window(r.webKill)),
    row("error window after kill -9 worker-1", (r) => window(r.workerKill)),
    row("**RTO**: error window after kill -9 of the primary", (r) => `**${window(r.primaryKill)}**`),
    row("promotion (kill → pg_promote done)", (r) => `${r.promotionSeconds.toFixed(1)} s`),
    row("replica behind the primary just before the kill", (r) => `${r.replicaBytesBehindAtKill} bytes`),
    row("**RPO**: acknowledged creates lost", (r) => `**${r.rpo.createsLost} of ${r.rpo.acknowledgedCreates}**`),
    row("**RPO**: delivered webhook events lost", (r) => `**${r.rpo.deliveredEventsLost} of ${r.rpo.deliveredEvents}**`),
    row("settled after driving", (r) => `${r.settledSecondsAfterDriving} s`),
    row("invariant checker on the new primary", (r) => (r.invariantsOk ? "green" : "**RED**")),
    "",
    "## Invariants after the drill",
    "",
    ...results.flatMap((r) => [
      `### ${r.mode === "sync" ? "Synchronous" : "Asynchronous"} replication`,
      "",
      ...r.invariants.map((c) => `- ${c.ok ? "✔" : "✘"} ${c.name}: ${c.detail}`),
      ...(r.gaveUpSamples ?? []).map((o) => `- orders the driver gave up on: ${o.payOrderNo ?? "(never created)"} — ${o.reason}`),
      "",
    ]),
    "## Timeline",
    "",
    ...results.flatMap((r) => [`### ${r.mode}`, "", "```", ...r.log, "```", ""]),
  ];
  return `${lines.join("\n")}\n`;
}

/** Written by hand below this line of the report (what was fixed, what remains): a new run keeps it. */
export const NOTES_MARKER = "<!-- written by hand below; the drill keeps it -->";

export function writeDrillReport(file: string, results: DrillResult[]): void {
  const old = existsSync(file) ? readFileSync(file, "utf8") : "";
  const at = old.indexOf(NOTES_MARKER);
  writeFileSync(file, renderDrillReport(results) + (at >= 0 ? `\n${old.slice(at)}` : ""));
}
