import { describe, expect, it } from "vitest";
import { GET as health } from "./health/route";
import { GET as metricsRoute } from "./metrics/route";
import { GET as ready } from "./ready/route";

describe("operations routes", () => {
  it("/api/health answers ok with a request id", async () => {
    const response = await health(new Request("http://test/api/health", { headers: { "x-request-id": "req_abcdef123456" } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("x-request-id")).toBe("req_abcdef123456");
  });

  it("/api/ready checks the database and the migrations", async () => {
    const response = await ready(new Request("http://test/api/ready"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, database: "up", pendingMigrations: [] });
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("/api/ready says 503 when the database is unreachable", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody:wrong@127.0.0.1:1/nothing";
    try {
      const response = await ready(new Request("http://test/api/ready"));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ready: false, database: "down" });
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it("/api/metrics exposes HTTP latency by route", async () => {
    await health(new Request("http://test/api/health"));
    const response = await metricsRoute(new Request("http://test/api/metrics"));
    const text = await response.text();
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/health"[^}]*\} \d+/);
    expect(text).toContain("jobs_completed_total");
  });
});
