import { describe, expect, it } from "vitest";
import { withRouteMetrics } from "./route";

describe("withRouteMetrics", () => {
  it("stamps the request id on an answer with immutable headers (Response.redirect) instead of failing with a 500", async () => {
    const handler = withRouteMetrics("/test/redirect", async () => Response.redirect("https://pay.example/q/abc", 302));
    const response = await handler(new Request("https://pay.example/q/abc/authorize", { headers: { "x-request-id": "req_test_1234567890" } }));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://pay.example/q/abc");
    expect(response.headers.get("x-request-id")).toBe("req_test_1234567890");
  });

  it("stamps it in place on an ordinary answer", async () => {
    const handler = withRouteMetrics("/test/json", async () => Response.json({ ok: true }, { status: 201 }));
    const response = await handler(new Request("https://pay.example/x"));
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await response.json()).toEqual({ ok: true });
  });
});
