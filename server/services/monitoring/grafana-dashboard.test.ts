import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("docs/grafana/paycenter.json", () => {
  it("is an importable dashboard with a panel for every gauge /api/metrics reads from the database, and docs/monitoring.md lists each", () => {
    const dashboard = JSON.parse(readFileSync(path.join(ROOT, "docs/grafana/paycenter.json"), "utf8")) as {
      panels: { type: string; targets?: { expr: string }[]; datasource?: { type: string } }[];
    };
    const source = readFileSync(path.join(ROOT, "server/services/monitoring/scrape-gauges.ts"), "utf8");
    const docs = readFileSync(path.join(ROOT, "docs/monitoring.md"), "utf8");
    const gauges = [...source.matchAll(/"(paycenter_[a-z0-9_]+)"/g)].map((m) => m[1]);
    expect(gauges.length).toBeGreaterThanOrEqual(13);
    const exprs = dashboard.panels.flatMap((p) => p.targets?.map((t) => t.expr) ?? []);
    for (const gauge of gauges) {
      expect(exprs.some((e) => e.includes(gauge)), gauge).toBe(true);
      expect(docs, gauge).toContain(gauge);
    }
    for (const panel of dashboard.panels.filter((p) => p.type !== "row")) expect(panel.datasource?.type).toBe("prometheus");
  });
});
