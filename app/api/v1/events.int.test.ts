import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { ACME_APP, DEMO_APP, openApiClient } from "@/server/testing/open-api-client";

const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);

async function closedOrders(count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await api("/api/v1/pay-orders", { body: { mchOrderNo: `EV${Date.now()}${i}`, amount: 100, subject: "x" } });
    await api(`/api/v1/pay-orders/${created.json.payOrderNo}/close`, { method: "POST" });
    numbers.push(created.json.payOrderNo);
  }
  return numbers;
}

/** The feed holds an event back while any older transaction of the cluster is open (pg_snapshot_xmin): another test
 *  file's transaction on the shared server may do so for a moment, so a read that expects events waits for them. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

async function readAll(limit: number) {
  const seen: { id: string; type: string; data: { payOrderNo: string } }[] = [];
  let after = "";
  for (;;) {
    const page = await api(`/api/v1/events?limit=${limit}${after ? `&after=${after}` : ""}`);
    expect(page.status).toBe(200);
    seen.push(...page.json.data);
    after = page.json.nextCursor;
    if (!page.json.hasMore) return { seen, after };
  }
}

describe("GET /api/v1/events", () => {
  it("pages through the app's events with a stable cursor, and only this app's", async () => {
    const orders = await closedOrders(5);
    const { seen, after } = await eventually(() => readAll(2), (r) => r.seen.length >= orders.length);
    expect(seen.map((e) => e.data.payOrderNo)).toEqual(orders);
    expect(seen.every((e) => e.type === "pay_order.closed" && e.id.startsWith("evt_"))).toBe(true);
    const again = await api(`/api/v1/events?after=${after}`);
    expect(again.json).toMatchObject({ data: [], hasMore: false, nextCursor: after });
    const acme = await openApiClient(env.harness.url, ACME_APP)("/api/v1/events");
    expect(acme.json.data).toEqual([]);
  });

  it("never skips an event whose transaction commits after a later one", async () => {
    const { after } = await readAll(100);
    const app = await db.app.findUniqueOrThrow({ where: { id: DEMO_APP.id } });
    const slow = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await slow.connect();
    try {
      await slow.query("BEGIN");
      await slow.query(`INSERT INTO "Event" (id, "merchantId", "appId", type, data) VALUES ('evt_slow', $1, $2, 'pay_order.closed', '{"payOrderNo":"slow"}')`, [app.merchantId, app.id]);
      const [fast] = await closedOrders(1); // committed, with a higher seq than evt_slow
      const during = await api(`/api/v1/events?after=${after}`);
      expect(during.json.data).toEqual([]); // neither: the fast one waits for the slow one
      await slow.query("COMMIT");
      const afterCommit = await eventually(() => api(`/api/v1/events?after=${after}`), (r) => r.json.data.length >= 2);
      expect(afterCommit.json.data.map((e: { data: { payOrderNo: string } }) => e.data.payOrderNo)).toEqual(["slow", fast]);
    } finally {
      await slow.end();
    }
  });

  it("is not held back by a transaction left open in another database of the same server", async () => {
    const other = new URL(process.env.DATABASE_URL!);
    other.pathname = "/postgres";
    const elsewhere = new pg.Client({ connectionString: other.toString() });
    await elsewhere.connect();
    try {
      await elsewhere.query("BEGIN");
      await elsewhere.query("SELECT pg_current_xact_id()"); // a write transaction: it has an id, older than what follows
      const { after } = await readAll(100);
      const [mine] = await closedOrders(1);
      const page = await api(`/api/v1/events?after=${after}`);
      expect(page.json.data.map((e: { data: { payOrderNo: string } }) => e.data.payOrderNo)).toEqual([mine]);
    } finally {
      await elsewhere.query("ROLLBACK");
      await elsewhere.end();
    }
  });

  it("refuses a forged cursor and a bad limit", async () => {
    expect((await api("/api/v1/events?after=bm9wZQ")).json.error.field).toBe("after");
    expect((await api("/api/v1/events?limit=0")).json.error.field).toBe("limit");
    expect((await api("/api/v1/events?limit=abc")).status).toBe(400);
  });
});
