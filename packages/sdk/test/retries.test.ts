import { describe, expect, it } from "vitest";
import { PayCenter, PayCenterConnectionError, PayCenterError } from "../src/index.js";

type Seen = { method: string; url: string; headers: Record<string, string>; body?: string };

/** A PayCenter client over a scripted fetch: each answer in turn (a Response, or an Error to throw). */
function scripted(answers: (Response | Error)[], options: { maxRetries?: number; maxRetryAfterSeconds?: number } = {}) {
  const seen: Seen[] = [];
  const waits: number[] = [];
  const client = new PayCenter({
    baseUrl: "https://pay.example/",
    appId: "app_1",
    secret: "s3cret",
    retry: { baseDelayMs: 100, maxDelayMs: 1000, ...options },
    random: () => 1,
    sleep: async (ms) => void waits.push(ms),
    fetch: async (input, init) => {
      seen.push({ method: init?.method as string, url: String(input), headers: init?.headers as Record<string, string>, body: init?.body as string | undefined });
      const next = answers.shift();
      if (!next) throw new Error("no more scripted answers");
      if (next instanceof Error) throw next;
      return next;
    },
  });
  return { client, seen, waits };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "x-request-id": `req_${status}`, ...headers } });
const failure = (status: number, code: string, headers: Record<string, string> = {}, field?: string) =>
  json(status, { error: { code, message: code.toLowerCase(), ...(field ? { field } : {}) }, requestId: `req_${status}` }, headers);
const ORDER = { payOrderNo: "P1", status: "PENDING" };

describe("retries", () => {
  it("retries a POST after a network error and 5xx with the same Idempotency-Key, signing each try anew", async () => {
    const { client, seen, waits } = scripted([new TypeError("fetch failed"), failure(502, "CHANNEL_ERROR"), json(201, ORDER)]);
    expect(await client.payOrders.create({ mchOrderNo: "M1", amount: 100, subject: "x" })).toEqual(ORDER);
    expect(seen).toHaveLength(3);
    const keys = new Set(seen.map((s) => s.headers["idempotency-key"]));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(seen.map((s) => s.headers["x-nonce"])).size).toBe(3);
    expect(new Set(seen.map((s) => s.body)).size).toBe(1);
    // exponential backoff: 100 ms then 200 ms (jitter at its top here)
    expect(waits).toEqual([100, 200]);
    expect(client.lastCall).toMatchObject({ status: 201, tries: 3 });
  });

  it("honours Retry-After on a 429, and gives up when it is longer than the limit", async () => {
    const retried = scripted([failure(429, "RATE_LIMITED", { "retry-after": "3" }), json(200, ORDER)]);
    await retried.client.payOrders.retrieve("P1");
    expect(retried.waits).toEqual([3000]);

    const tooLong = scripted([failure(429, "REPEAT_TOO_SOON", { "retry-after": "120" })], { maxRetryAfterSeconds: 60 });
    const error = (await tooLong.client.payOrders.create({ mchOrderNo: "M1", amount: 1, subject: "x" }).catch((e) => e)) as PayCenterError;
    expect(error).toMatchObject({ code: "REPEAT_TOO_SOON", status: 429, retryAfter: 120, family: "rate_limit" });
    expect(tooLong.seen).toHaveLength(1);
  });

  it("never retries a POST whose Idempotency-Key the caller disabled", async () => {
    const network = scripted([new TypeError("fetch failed")]);
    await expect(network.client.refunds.create({ payOrderNo: "P1", mchRefundNo: "R1", amount: 1 }, { idempotencyKey: false })).rejects.toBeInstanceOf(PayCenterConnectionError);
    expect(network.seen).toHaveLength(1);
    expect(network.seen[0].headers["idempotency-key"]).toBeUndefined();

    const unavailable = scripted([failure(503, "CHANNEL_UNAVAILABLE")]);
    await expect(unavailable.client.refunds.create({ payOrderNo: "P1", mchRefundNo: "R1", amount: 1 }, { idempotencyKey: false })).rejects.toMatchObject({ code: "CHANNEL_UNAVAILABLE" });
    expect(unavailable.seen).toHaveLength(1);
  });

  it("sends the caller's Idempotency-Key as given", async () => {
    const { client, seen } = scripted([failure(500, "INTERNAL_ERROR"), json(201, ORDER)]);
    await client.payOrders.create({ mchOrderNo: "M1", amount: 1, subject: "x" }, { idempotencyKey: "order-M1" });
    expect(seen.map((s) => s.headers["idempotency-key"])).toEqual(["order-M1", "order-M1"]);
  });

  it("stops after maxRetries and throws the last error", async () => {
    const { client, seen } = scripted([failure(503, "SERVICE_UNAVAILABLE"), failure(503, "SERVICE_UNAVAILABLE"), failure(503, "SERVICE_UNAVAILABLE")], { maxRetries: 2 });
    await expect(client.events.list()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503, requestId: "req_503" });
    expect(seen).toHaveLength(3);
  });

  it("does not retry a 4xx other than 429 and 409 IDEMPOTENCY_IN_PROGRESS", async () => {
    const invalid = scripted([failure(400, "VALIDATION_FAILED", {}, "amount")]);
    const error = (await invalid.client.payOrders.create({ mchOrderNo: "M1", amount: 0, subject: "x" }).catch((e) => e)) as PayCenterError;
    expect(error).toBeInstanceOf(PayCenterError);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", status: 400, field: "amount", requestId: "req_400", family: "validation" });
    expect(error.is("VALIDATION_FAILED")).toBe(true);
    expect(invalid.seen).toHaveLength(1);

    const inProgress = scripted([failure(409, "IDEMPOTENCY_IN_PROGRESS"), json(201, ORDER)]);
    await inProgress.client.payOrders.create({ mchOrderNo: "M1", amount: 1, subject: "x" });
    expect(inProgress.seen).toHaveLength(2);
  });

  it("signs the path and query exactly as sent, with path values encoded", async () => {
    const { client, seen } = scripted([json(200, { data: [], nextCursor: null, hasMore: false })]);
    await client.orders.list({ buyerId: "U 1/2", limit: 5 });
    expect(seen[0].url).toBe("https://pay.example/api/v1/orders?buyerId=U+1%2F2&limit=5");
    await expect(client.orders.retrieve("")).rejects.toThrow(/orderNo is required/);
  });
});

describe("pagination", () => {
  it("follows nextCursor until hasMore is false, fetching pages only as the loop asks", async () => {
    const { client, seen } = scripted([
      json(200, { data: [{ orderNo: "O1" }, { orderNo: "O2" }], nextCursor: "c1", hasMore: true }),
      json(200, { data: [{ orderNo: "O3" }], nextCursor: null, hasMore: false }),
    ]);
    const orderNos: string[] = [];
    for await (const order of client.orders.listAll({ status: "PAID", limit: 2 })) orderNos.push(order.orderNo);
    expect(orderNos).toEqual(["O1", "O2", "O3"]);
    expect(seen.map((s) => new URL(s.url).search)).toEqual(["?status=PAID&limit=2", "?status=PAID&limit=2&cursor=c1"]);
  });

  it("stops the event feed at hasMore false (its cursor is never null)", async () => {
    const { client, seen } = scripted([
      json(200, { data: [{ id: "evt_1" }], nextCursor: "s1", hasMore: true }),
      json(200, { data: [{ id: "evt_2" }], nextCursor: "s2", hasMore: false }),
    ]);
    const ids: string[] = [];
    for await (const event of client.events.listAll({ limit: 1 })) ids.push(event.id);
    expect(ids).toEqual(["evt_1", "evt_2"]);
    expect(seen).toHaveLength(2);
  });

  it("fetches no further page after a break", async () => {
    const { client, seen } = scripted([json(200, { data: [{ orderNo: "O1" }, { orderNo: "O2" }], nextCursor: "c1", hasMore: true })]);
    for await (const order of client.orders.listAll()) if (order.orderNo === "O1") break;
    expect(seen).toHaveLength(1);
  });
});
