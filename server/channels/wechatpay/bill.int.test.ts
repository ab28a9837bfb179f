import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { settleRefund, settleTrade } from "@/server/sandbox/trades";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { insertPaidSandboxTrades } from "@/server/testing/sandbox-bulk-trades";
import type { BillRow, ChannelContext } from "../types";
import { callWechatpay } from "./client";
import type { WechatpayCredentials } from "./credentials";
import { seededWechatpayAccount, setSandboxFaults, uniqueNo } from "./fixtures/seeded-account";
import { wechatpayPlugin as plugin } from "./index";

/** The trade bill end to end: our plugin downloads the sandbox's file over HTTP (gzip, SHA-1) and reads it. */

let harness: Harness;
let ctx: ChannelContext<WechatpayCredentials>;
let sandboxMerchantId: string;

beforeAll(async () => {
  harness = await startHttpHarness();
  const seeded = await seededWechatpayAccount();
  ctx = seeded.ctx;
  sandboxMerchantId = seeded.merchant.id;
});
afterAll(async () => {
  await setSandboxFaults(sandboxMerchantId, {});
  await harness.close();
});

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function paidTrade(amount: bigint) {
  const outTradeNo = uniqueNo("B");
  await plugin.pay(ctx, { outTradeNo, amount, currency: "CNY", subject: "账单测试, 含逗号", expiresAt: new Date(Date.now() + 600_000), mode: "native" });
  const pending = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId, outTradeNo } });
  return settleTrade(pending.id, "success");
}

async function refunded(trade: { outTradeNo: string; id: string; amount: bigint }, amount: bigint) {
  const outRefundNo = uniqueNo("BR");
  await plugin.refund(ctx, { outTradeNo: trade.outTradeNo, outRefundNo, refundAmount: amount, totalAmount: trade.amount, currency: "CNY" });
  const refund = await db.sandboxRefund.findFirstOrThrow({ where: { tradeId: trade.id, outRefundNo } });
  return settleRefund(refund.id, "success");
}

async function billRows(date: string): Promise<BillRow[]> {
  const bill = await plugin.downloadBill(ctx, date);
  if (!bill) throw new Error(`no bill for ${date}`);
  const rows: BillRow[] = [];
  for await (const row of bill.rows) rows.push(row);
  return rows;
}

/** Apply and download by hand: the file as served, and the hash announced. */
async function rawBill(date: string, tarType?: "GZIP") {
  const apply = await callWechatpay<{ hash_value: string; download_url: string }>(ctx, {
    method: "GET",
    path: "/v3/bill/tradebill",
    params: { bill_date: date, bill_type: "ALL", ...(tarType ? { tar_type: tarType } : {}) },
  });
  const url = new URL(apply.download_url);
  const download = await callWechatpay<Readable>(ctx, {
    method: "GET",
    path: url.pathname.replace("/api/sandbox/wechatpay", ""),
    params: Object.fromEntries(url.searchParams),
    responseType: "stream",
  });
  const chunks: Buffer[] = [];
  for await (const chunk of download) chunks.push(chunk as Buffer);
  return { file: Buffer.concat(chunks), hash: apply.hash_value };
}

describe("wechatpay trade bill against the sandbox", () => {
  it("is served gzipped when asked, its SHA-1 over the uncompressed file, UTF-8 with BOM, CRLF and backticks", async () => {
    await paidTrade(1_00n);
    const { file: gzipped, hash } = await rawBill(beijingToday(), "GZIP");
    expect([gzipped[0], gzipped[1]]).toEqual([0x1f, 0x8b]);
    const file = gunzipSync(gzipped);
    expect(createHash("sha1").update(file).digest("hex")).toBe(hash);
    const text = file.toString("utf8");
    // a comma in the product name stays: the backticks keep the fields apart
    expect(text).toContain(",`账单测试, 含逗号,`");
    expect(text.startsWith("\uFEFF交易时间,公众账号ID,商户号,")).toBe(true);
    expect(text.split("\r\n")[1]).toMatch(/^`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},`/);
    expect(text).toMatch(/\r\n总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n`\d+,`[\d.]+,`[\d.]+,`0\.00,`-?\d+\.\d{5},/);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("shows every bill edit of the sandbox merchant in the rows: drop, amount, fee, status (payment and refund), extra", async () => {
    const [dropped, shifted, feeShifted, revoked, plain] = await Promise.all([paidTrade(10_00n), paidTrade(20_00n), paidTrade(30_00n), paidTrade(40_00n), paidTrade(50_00n)]);
    const refund = await refunded(plain, 10_00n);
    const extraNo = uniqueNo("EXTRA");
    await setSandboxFaults(sandboxMerchantId, {
      billEdits: [
        { type: "drop", outNo: dropped.outTradeNo },
        { type: "amount", outNo: shifted.outTradeNo, delta: 7 },
        { type: "fee", outNo: feeShifted.outTradeNo, delta: -3 },
        { type: "status", outNo: revoked.outTradeNo },
        { type: "status", outNo: refund.outRefundNo },
        { type: "extra", billDate: beijingToday(), outTradeNo: extraNo, amount: 999 },
        { type: "extra", billDate: "2020-01-01", outTradeNo: uniqueNo("ELSEWHERE"), amount: 1 },
      ],
    });
    const rows = await billRows(beijingToday());
    const byNo = (outTradeNo: string, kind: BillRow["kind"] = "payment") => rows.filter((row) => row.outTradeNo === outTradeNo && row.kind === kind);

    expect(byNo(dropped.outTradeNo)).toEqual([]);
    expect(byNo(shifted.outTradeNo)).toMatchObject([{ amount: 20_07n, fee: 12n, state: "SUCCEEDED" }]);
    expect(byNo(feeShifted.outTradeNo)).toMatchObject([{ amount: 30_00n, fee: 18n - 3n, state: "SUCCEEDED" }]);
    expect(byNo(revoked.outTradeNo)).toMatchObject([{ amount: 40_00n, state: "REVERSED", channelState: "REVOKED" }]);
    expect(byNo(plain.outTradeNo)).toMatchObject([{ amount: 50_00n, fee: 30n, state: "SUCCEEDED" }]);
    expect(byNo(plain.outTradeNo, "refund")).toEqual([
      {
        kind: "refund",
        outTradeNo: plain.outTradeNo,
        outRefundNo: refund.outRefundNo,
        channelTradeNo: plain.channelTradeNo,
        channelRefundNo: refund.channelRefundNo,
        amount: -10_00n,
        fee: -6n,
        currency: "CNY",
        state: "PROCESSING",
        channelState: "REFUND",
        occurredAt: new Date(Math.floor(refund.succeededAt!.getTime() / 1000) * 1000),
      },
    ]);
    const [extra] = byNo(extraNo);
    expect(extra).toMatchObject({ kind: "payment", amount: 999n, fee: 6n, state: "SUCCEEDED", occurredAt: new Date(`${beijingToday()}T12:00:00+08:00`) });
    expect(extra.channelTradeNo).toMatch(/^\d{28}$/);
    // the day's edits leave other days alone
    expect(await billRows("2020-01-01")).toMatchObject([{ kind: "payment", amount: 1n }]);
    expect(await plugin.downloadBill(ctx, "2020-01-02")).toBeNull();
    await setSandboxFaults(sandboxMerchantId, {});
  });

  it("streams a day larger than the bridge buffers and the sandbox's page, in time order, every line once", { timeout: 180_000 }, async () => {
    const date = "2026-03-15";
    const start = new Date(`${date}T00:00:00+08:00`).getTime();
    const count = 4_500;
    await insertPaidSandboxTrades({
      sandboxMerchantId,
      channel: "wechatpay",
      channelAppId: ctx.credentials.appid,
      tradeType: "native",
      prefix: `BULK${date}`,
      count,
      firstPaidAt: new Date(start + 60_000),
      // several lines share a second: the keyset pages must not skip or repeat any
      perSecond: 3,
    });
    const rows = await billRows(date);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row.outTradeNo)).size).toBe(count);
    expect(rows.every((row, i) => i === 0 || rows[i - 1].occurredAt <= row.occurredAt)).toBe(true);
    expect(rows.reduce((sum, row) => sum + row.amount, 0n)).toBe(BigInt(count * 100 + (count * (count - 1)) / 2));

    // uncompressed, the file passes the API bridge's buffer: streamed (chunked), byte for byte what the hash says
    const { file, hash } = await rawBill(date);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    expect(createHash("sha1").update(file).digest("hex")).toBe(hash);
  });
});
