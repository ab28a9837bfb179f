import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db, getPool } from "@/server/db";
import { invalidateApiApp, loadApiApp } from "@/server/apps/app-cache";
import { createPayOrderSchema } from "@/server/domain/pay-order-schema";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import { DEMO_APP } from "@/server/testing/open-api-client";
import { recordFirstAttempt } from "./attempt-writes";
import { createPayOrder } from "./create-pay-order";
import { getPayOrder } from "./get-pay-order";

/**
 * What a channel-backed create costs PayCenter besides the channel (docs/adr/0026): its statements to
 * PostgreSQL, counted for this request only (the in-process sandbox answering the call runs in its own
 * HTTP request's context and is not counted), and that no transaction is open while the channel is called.
 */

type Trace = { statements: string[] };
const traces = new AsyncLocalStorage<Trace>();

const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const trace = traces.getStore();
  if (trace) {
    const config = args[0] as string | { text: string };
    trace.statements.push((typeof config === "string" ? config : config.text).replace(/\s+/g, " ").trim());
  }
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof original;

const env = useDemoPaymentEnv(async () => {
  await db.app.update({ where: { id: DEMO_APP.id }, data: { repeatGuardSeconds: 0 } });
  invalidateApiApp();
});

let counter = 0;
async function traced(body: Record<string, unknown>) {
  const app = (await loadApiApp(DEMO_APP.id))!;
  const input = createPayOrderSchema.parse({ mchOrderNo: `CPC${Date.now()}${counter++}`, amount: 12800, subject: "cost", ...body });
  const trace: Trace = { statements: [] };
  const result = await traces.run(trace, () => createPayOrder(app, input));
  return { result, trace };
}

describe("the cost of a channel-backed create (WeChat Pay native through the sandbox)", () => {
  it("records the attempt and its answer in 6 statements, none through a transaction held across the channel call", async () => {
    expect(env.harness.url).toBeTruthy();
    await traced({ channel: "wechatpay", mode: "native" }); // warm: the app, its route rules and credentials cached
    const { result, trace } = await traced({ channel: "wechatpay", mode: "native" });
    expect(result.status).toBe(201);
    const attemptNo = `${result.order.payOrderNo}-1`;
    expect(result.order.attempts).toEqual([expect.objectContaining({ attemptNo, status: "PROCESSING", channel: "wechatpay" })]);
    expect(result.order.payData).toMatchObject({ type: "qr_code" });
    expect(result.order).toEqual((await getPayOrder(await loadApiApp(DEMO_APP.id).then((app) => app!), { payOrderNo: result.order.payOrderNo })));

    // look up, route, profit-sharing rules, insert, first attempt + its job + its account, the answer
    expect(trace.statements, trace.statements.join("\n")).toHaveLength(6);
    expect(trace.statements.filter((text) => /^(BEGIN|START TRANSACTION)/i.test(text))).toEqual([]);

    // what the one-statement writes left behind is what the general path writes
    const payment = await db.payment.findUniqueOrThrow({ where: { attemptNo } });
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: result.order.payOrderNo } });
    expect(payment).toMatchObject({ seq: 1, status: "PROCESSING", payOutcome: "ok", mode: "native", amount: 12800n, currency: "CNY", merchantId: order.merchantId });
    expect(payment.routeDecision).toEqual(order.routeDecision);
    expect(payment.payData).toEqual(result.order.payData);
    expect(Math.abs(payment.createdAt.getTime() - Date.now())).toBeLessThan(60_000); // stored as UTC, as Prisma stores it
    const { rows: jobs } = await getPool().query<{ run_at: Date }>(
      `SELECT j.run_at FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.key = $1 AND t.identifier = 'sync-payment'`,
      [`sync-payment:${attemptNo}`],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].run_at.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it("the one-statement first attempt steps aside for an order that has an attempt or is no longer pending", async () => {
    const { result } = await traced({ channel: "wechatpay", mode: "native" });
    const order = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: result.order.payOrderNo } });
    const payment = await db.payment.findUniqueOrThrow({ where: { attemptNo: `${order.payOrderNo}-1` } });
    const attempt = { decision: payment.routeDecision as never, mode: "native", payer: null, returnUrl: null, paramsHash: payment.paramsHash };
    expect(await recordFirstAttempt(order, attempt)).toBeNull();

    const app = (await loadApiApp(DEMO_APP.id))!;
    const { order: cashier } = await createPayOrder(app, createPayOrderSchema.parse({ mchOrderNo: `CPC${Date.now()}${counter++}`, amount: 100, subject: "closed" }));
    await db.payOrder.update({ where: { payOrderNo: cashier.payOrderNo }, data: { status: "CLOSED" } });
    const closed = await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: cashier.payOrderNo } });
    expect(await recordFirstAttempt(closed, attempt)).toBeNull();
    expect(await db.payment.count({ where: { payOrderNo: cashier.payOrderNo } })).toBe(0);
  });
});
