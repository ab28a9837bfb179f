import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db } from "@/server/db";
import { newPayOrderNo } from "@/server/domain/ids";
import { callerAs, outcome } from "@/server/testing/callers";

const DEMO = "M10000001";
const ACME = "M10000002";
const sameInstant = new Date("2026-03-01T08:00:00Z");

/** Orders written directly: 30 in the demo merchant (12 at one instant, to test keyset ties), 2 in Acme. */
async function order(mchNo: string, over: { amount?: bigint; status?: "PENDING" | "PAID" | "CLOSED"; createdAt?: Date; channel?: "wechatpay" | "alipay"; channelTradeNo?: string } = {}) {
  const app = await db.app.findFirstOrThrow({ where: { merchant: { mchNo } } });
  const account = await db.channelAccount.findFirstOrThrow({ where: { appId: app.id, channel: over.channel ?? "wechatpay" } });
  const payOrderNo = newPayOrderNo();
  await db.payOrder.create({
    data: {
      payOrderNo,
      merchantId: app.merchantId,
      appId: app.id,
      mchOrderNo: `MO-${randomBytes(5).toString("hex")}`,
      amount: over.amount ?? 1000n,
      currency: "CNY",
      subject: "console test",
      status: over.status ?? "PENDING",
      channelTradeNo: over.channelTradeNo,
      expireInSeconds: 1800,
      expiresAt: new Date(Date.now() + 1_800_000),
      paramsHash: "secret-params-hash",
      createdAt: over.createdAt,
      payments: {
        create: {
          attemptNo: `${payOrderNo}-1`,
          seq: 1,
          merchantId: app.merchantId,
          appId: app.id,
          channelAccountId: account.id,
          channel: account.channel,
          mode: account.channel === "wechatpay" ? "native" : "qr",
          amount: over.amount ?? 1000n,
          currency: "CNY",
          paramsHash: "x",
          payer: { openid: "o-PRIVATE-OPENID" },
        },
      },
    },
  });
  return payOrderNo;
}

let tied: string[] = [];
let special: { paid: string; alipay: string; big: string; traded: string; acme: string };

beforeAll(async () => {
  await seedIfEmpty();
  tied = [];
  for (let i = 0; i < 12; i++) tied.push(await order(DEMO, { createdAt: sameInstant }));
  for (let i = 0; i < 13; i++) await order(DEMO, { createdAt: new Date(sameInstant.getTime() - (i + 1) * 60_000) });
  special = {
    paid: await order(DEMO, { status: "PAID", createdAt: new Date("2026-04-02T10:00:00Z") }),
    alipay: await order(DEMO, { channel: "alipay", createdAt: new Date("2026-04-03T10:00:00Z") }),
    big: await order(DEMO, { amount: 987_654n, createdAt: new Date("2026-04-04T10:00:00Z") }),
    traded: await order(DEMO, { channelTradeNo: "4200009999", createdAt: new Date("2026-04-05T10:00:00Z") }),
    acme: await order(ACME),
  };
  await order(ACME);
});

describe("the console's orders table", () => {
  it("pages through every order of the merchant once, newest first, even across identical timestamps", async () => {
    const viewer = await callerAs("viewer@demo.local");
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await viewer.payOrders.list({ mchNo: DEMO, cursor });
      seen.push(...page.rows.map((r) => r.payOrderNo));
      for (let i = 1; i < page.rows.length; i++) expect(page.rows[i - 1]!.createdAt >= page.rows[i]!.createdAt).toBe(true);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const all = await db.payOrder.count({ where: { merchant: { mchNo: DEMO } } });
    expect(seen).toHaveLength(all);
    expect(new Set(seen).size).toBe(all);
    expect(seen).toEqual(expect.arrayContaining(tied));
    expect(seen).not.toContain(special.acme);
  });

  it("filters by any of the three numbers, status, channel, amount range and dates", async () => {
    const finance = await callerAs("finance@demo.local");
    const list = async (filters: Record<string, string>) => (await finance.payOrders.list({ mchNo: DEMO, ...filters })).rows.map((r) => r.payOrderNo);
    const mchOrderNo = (await db.payOrder.findUniqueOrThrow({ where: { payOrderNo: special.big } })).mchOrderNo;
    expect(await list({ q: special.big })).toEqual([special.big]);
    expect(await list({ q: mchOrderNo })).toEqual([special.big]);
    expect(await list({ q: "4200009999" })).toEqual([special.traded]);
    expect(await list({ q: special.acme })).toEqual([]);
    expect(await list({ status: "PAID" })).toContain(special.paid);
    expect((await list({ status: "PAID" })).every((p) => p !== special.alipay)).toBe(true);
    expect(await list({ channel: "alipay", from: "2026-04-01", to: "2026-04-30" })).toEqual([special.alipay]);
    expect(await list({ minAmount: "9000", maxAmount: "9876.54" })).toEqual([special.big]);
    expect(await list({ minAmount: "9876.55" })).toEqual([]);
    expect(await list({ from: "2026-04-04", to: "2026-04-04T23:59:59Z" })).toEqual([special.big]);
  });

  it("refuses malformed filters and cursors without a 500", async () => {
    const owner = await callerAs("owner@demo.local");
    expect(await outcome(owner.payOrders.list({ mchNo: DEMO, minAmount: "12.345" }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.payOrders.list({ mchNo: DEMO, from: "yesterday" }))).toBe("BAD_REQUEST");
    expect(await outcome(owner.payOrders.list({ mchNo: DEMO, q: "x".repeat(65) }))).toBe("BAD_REQUEST");
    // an unknown status or a forged cursor is ignored, not an error
    expect(await outcome(owner.payOrders.list({ mchNo: DEMO, status: "HACKED" as never }))).toBe("OK");
    expect(await outcome(owner.payOrders.list({ mchNo: DEMO, cursor: "bm9wZQ" }))).toBe("OK");
    expect(await outcome(owner.payOrders.list({ mchNo: ACME }))).toBe("NOT_FOUND");
  });
});

describe("the console's order page", () => {
  it("shows each role what it may: the journal to finance, raw callbacks and deliveries to developers", async () => {
    const viewerView = await (await callerAs("viewer@demo.local")).payOrders.detail({ mchNo: DEMO, payOrderNo: special.paid });
    expect(viewerView.may).toEqual({ refund: false, review: false, ledger: false, webhooks: false, profitSharing: false, split: false });
    expect(viewerView.entries).toBeNull();
    expect(viewerView.callbacks).toBeNull();
    const financeView = await (await callerAs("finance@demo.local")).payOrders.detail({ mchNo: DEMO, payOrderNo: special.paid });
    expect(financeView.may).toMatchObject({ refund: true, review: true, ledger: true, webhooks: false, profitSharing: true, split: true });
    expect(financeView.entries).toEqual([]);
    const devView = await (await callerAs("dev@demo.local")).payOrders.detail({ mchNo: DEMO, payOrderNo: special.paid });
    expect(devView.callbacks).toEqual([]);
    expect(devView.entries).toBeNull();

    const text = JSON.stringify(devView, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toMatch(/secret-params-hash|PRIVATE-OPENID|paramsHash|"payer"/);
    expect(devView.order.payments).toHaveLength(1);
  });

  it("never shows another merchant's order", async () => {
    expect(await outcome((await callerAs("owner@demo.local")).payOrders.detail({ mchNo: DEMO, payOrderNo: special.acme }))).toBe("NOT_FOUND");
    expect(await outcome((await callerAs("owner@acme.local")).payOrders.detail({ mchNo: DEMO, payOrderNo: special.paid }))).toBe("NOT_FOUND");
  });
});
