// The chaos run's business system: creates pay orders through the signed Open API, pays them through
// the sandbox's simulate endpoint, refunds some, and behaves as a careful client does while the
// server dies under it — the same request again after a lost answer, with backoff, until a deadline.
import { randomBytes, randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { signedHeaders } from "../bench/signed-requests.ts";

export type DriverApp = { id: string; secret: string };

export type DriverStats = {
  requests: number;
  /** Answers with a 5xx status, by status and error code. */
  serverErrors: Map<string, number>;
  /** No answer at all (connection refused or reset, timeout): the server was down. */
  connectionErrors: number;
  /** A create answered for a pending order without payData: the order could not be paid. */
  emptyPayData: number;
  /** 4xx answers nobody expects (anything but the documented retryable conflicts). */
  unexpected: Map<string, number>;
  successes: number[];
  /** When each request failed on the server's side (a 5xx, or no answer at all): the failover drill's RTO. */
  failures: number[];
};

export type OrderRecord = { payOrderNo?: string; app: string; amount: number; paid: boolean; refunds: number; gaveUp?: string };

type Answer = { status: number; json: any } | { status: 0; error: string };

export class Driver {
  readonly stats: DriverStats = { requests: 0, serverErrors: new Map(), connectionErrors: 0, emptyPayData: 0, unexpected: new Map(), successes: [], failures: [] };
  readonly orders: OrderRecord[] = [];
  started = 0;
  finished = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly apps: DriverApp[],
    private readonly options: { orders: number; concurrency: number; refundPerMille: number; deadlineMs: number },
  ) {}

  private count(map: Map<string, number>, key: string) {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  private async call(app: DriverApp, method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> {
    const raw = body === undefined ? "" : JSON.stringify(body);
    this.stats.requests++;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: signedHeaders(app, method, path, raw),
        body: method === "POST" ? raw : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let json: any = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = { unparsable: text.slice(0, 200) };
      }
      if (response.status >= 500) {
        this.count(this.stats.serverErrors, `${response.status} ${json?.error?.code ?? "?"}`);
        this.stats.failures.push(Date.now());
      }
      if (response.status < 300) this.stats.successes.push(Date.now());
      return { status: response.status, json };
    } catch (error) {
      this.stats.connectionErrors++;
      this.stats.failures.push(Date.now());
      return { status: 0, error: (error as Error).message };
    }
  }

  /**
   * Sends one request until it gets a definitive answer (`done` says which), the same request each
   * time, backing off while the server is unreachable or busy. Throws at the deadline.
   */
  private async until(app: DriverApp, method: "GET" | "POST", path: string, body: unknown, deadline: number, done: (a: Answer & { status: number; json?: any }) => boolean) {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.call(app, method, path, body);
      if (done(answer)) return answer as { status: number; json: any };
      if (answer.status >= 400 && answer.status < 500 && ![409, 429].includes(answer.status)) {
        this.count(this.stats.unexpected, `${answer.status} ${(answer as { json: any }).json?.error?.code ?? "?"} ${path.split("/").slice(0, 4).join("/")}`);
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer before the deadline (last ${answer.status})`);
      await sleep(Math.min(3_000, 200 * 2 ** Math.min(attempt, 4)) + randomInt(0, 200));
    }
  }

  private async payOne(index: number): Promise<void> {
    const app = this.apps[index % this.apps.length]!;
    const amount = randomInt(100, 40_000); // below the demo app's refund review threshold (¥500)
    const record: OrderRecord = { app: app.id, amount, paid: false, refunds: 0 };
    this.orders.push(record);
    const deadline = Date.now() + this.options.deadlineMs;
    const [channel, mode] = index % 3 === 0 ? ["alipay", "qr"] : ["wechatpay", "native"];
    const order = { mchOrderNo: `C${index}${randomBytes(4).toString("hex")}`, amount, subject: `chaos ${index}`, channel, mode };
    try {
      // create, until the order can be paid (or is paid)
      let created: { status: number; json: any };
      for (;;) {
        created = await this.until(app, "POST", "/api/v1/pay-orders", order, deadline, (a) => a.status === 200 || a.status === 201);
        if (created.json.status !== "PENDING" || created.json.payData) break;
        this.stats.emptyPayData++;
        if (Date.now() > deadline) throw new Error("the order stayed without payData");
        await sleep(1_000);
      }
      record.payOrderNo = created.json.payOrderNo;
      if (created.json.status === "PENDING") {
        // the consumer pays in the simulated WeChat / Alipay app
        const path = `/api/v1/sandbox/pay-orders/${record.payOrderNo}/simulate`;
        for (let round = 1; ; round++) {
          const paid = await this.until(app, "POST", path, { outcome: "success" }, deadline, (a) => a.status === 202 || a.status === 409 || a.status === 502);
          if (paid.status !== 502) break;
          // No trade for the open attempt. An attempt without its pay answer is resumed by the identical create; one
          // whose answer is recorded while the channel has no trade — the sandbox's own row lost with a primary under
          // asynchronous replication, the answer recorded on the new one — cannot be paid: the consumer gives up.
          if (round >= 10 || Date.now() > deadline) throw new Error(`the channel has no trade for the order's attempt (simulate answered 502 ${round} times)`);
          await sleep(Math.min(3_000, 200 * 2 ** Math.min(round, 4)));
          await this.until(app, "POST", "/api/v1/pay-orders", order, deadline, (a) => a.status === 200 || a.status === 201);
        }
      }
      record.paid = true;
      if (randomInt(0, 1000) < 50) await this.until(app, "GET", `/api/v1/pay-orders/${record.payOrderNo}?sync=true`, undefined, deadline, (a) => a.status === 200);
      if (randomInt(0, 1000) < this.options.refundPerMille) await this.refund(app, record, order.mchOrderNo, deadline);
    } catch (error) {
      record.gaveUp = (error as Error).message;
    }
  }

  private async refund(app: DriverApp, record: OrderRecord, mchOrderNo: string, deadline: number): Promise<void> {
    await this.until(app, "GET", `/api/v1/pay-orders/${record.payOrderNo}`, undefined, deadline, (a) => a.status === 200 && a.json.status === "PAID");
    const parts = randomInt(0, 3) === 0 ? [record.amount] : [Math.floor(record.amount / 3), Math.floor(record.amount / 4)].filter((n) => n > 0);
    for (const [i, amount] of parts.entries()) {
      const body = { payOrderNo: record.payOrderNo, mchRefundNo: `R${mchOrderNo}-${i}`, amount, reason: "chaos" };
      await this.until(app, "POST", "/api/v1/refunds", body, deadline, (a) => a.status === 200 || a.status === 201);
      record.refunds++;
    }
  }

  /** Runs every order through `concurrency` clients; resolves when each has finished or given up. */
  async run(): Promise<void> {
    let next = 0;
    const client = async () => {
      while (next < this.options.orders) {
        const index = next++;
        this.started = next;
        await this.payOne(index);
        this.finished++;
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, client));
  }
}
