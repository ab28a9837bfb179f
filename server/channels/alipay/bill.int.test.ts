import iconv from "iconv-lite";
import { fetch } from "undici";
import yauzl from "yauzl";
import { z } from "zod";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { BillEdit } from "@/server/sandbox/faults";
import { sandboxSellerId } from "@/server/sandbox/alipay/merchant";
import { settleTrade } from "@/server/sandbox/trades";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { insertPaidSandboxTrades } from "@/server/testing/sandbox-bulk-trades";
import type { BillRow } from "../types";
import { callAlipay } from "./client";
import { sandboxTradeOf, seededAlipayAccount } from "./fixtures/sandbox-account";

/** Alipay's trade bill end to end: the plugin asks the sandbox's gateway for the link, downloads the zip over HTTP and reads it. */

let harness: Harness;
let account: Awaited<ReturnType<typeof seededAlipayAccount>>;
let sequence = 0;

beforeAll(async () => {
  harness = await startHttpHarness();
  account = await seededAlipayAccount();
});
afterAll(() => harness.close());
afterEach(() => setBillEdits([]));

const setBillEdits = (billEdits: BillEdit[]) => db.sandboxMerchant.update({ where: { id: account.sandboxMerchant.id }, data: { faults: { billEdits } } });
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function paidTrade(amount: bigint) {
  sequence += 1;
  const outTradeNo = `AB${Date.now()}${sequence}-1`;
  await account.plugin.pay(account.ctx, { outTradeNo, amount, currency: "CNY", subject: "账单测试, \"引号\"", expiresAt: new Date(Date.now() + 600_000), mode: "qr" });
  return settleTrade((await sandboxTradeOf(account.sandboxMerchant.id, outTradeNo)).id, "success");
}

async function billRows(date: string): Promise<BillRow[]> {
  const bill = await account.plugin.downloadBill(account.ctx, date);
  if (!bill) throw new Error(`no bill for ${date}`);
  const rows: BillRow[] = [];
  for await (const row of bill.rows) rows.push(row);
  return rows;
}

/** The zip as served, its entries' raw names, flags and GBK contents. */
async function servedZip(date: string) {
  const { bill_download_url: url } = await callAlipay(account.ctx, "alipay.data.dataservice.bill.downloadurl.query", { bill_type: "trade", bill_date: date }, z.object({ bill_download_url: z.string() }));
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, decodeStrings: false });
  const entries: { rawName: Buffer; utf8Flag: boolean; text: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", async (entry: yauzl.Entry) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      entries.push({ rawName: entry.fileName as unknown as Buffer, utf8Flag: (entry.generalPurposeBitFlag & 0x800) !== 0, text: iconv.decode(Buffer.concat(chunks), "gbk") });
      zip.readEntry();
    });
    zip.once("end", resolve).once("error", reject);
    zip.readEntry();
  });
  return { url, entries };
}

describe("alipay trade bill against the sandbox", () => {
  it("is a zip of two GBK files named in GBK without the UTF-8 flag, # preamble and footer, trailing tabs, negative refunds", async () => {
    const trade = await paidTrade(100_01n);
    await account.plugin.refund(account.ctx, { outTradeNo: trade.outTradeNo, outRefundNo: `R${trade.outTradeNo}`, refundAmount: 1n, totalAmount: 100_01n, currency: "CNY" });
    const day = beijingToday().replaceAll("-", "");
    const { url, entries } = await servedZip(beijingToday());
    const userId = `${sandboxSellerId(account.ctx.credentials.appId)}0156`;
    expect(url).toContain(`downloadFileName=${userId}_${day}.csv.zip`);
    expect(entries.map((entry) => ({ name: iconv.decode(entry.rawName, "gbk"), utf8Flag: entry.utf8Flag }))).toEqual([
      { name: `${userId}_${day}_业务明细.csv`, utf8Flag: false },
      { name: `${userId}_${day}_业务明细(汇总).csv`, utf8Flag: false },
    ]);
    expect(entries[0].rawName.equals(iconv.encode(`${userId}_${day}_业务明细.csv`, "gbk"))).toBe(true);
    const [detail, summary] = entries.map((entry) => entry.text.split("\r\n"));
    expect(detail.slice(0, 4)).toEqual([
      "#支付宝业务明细查询",
      `#账号：[${userId}]`,
      expect.stringMatching(/^#起始日期：\[\d{4}年\d{2}月\d{2}日 00:00:00\]   终止日期：\[\d{4}年\d{2}月\d{2}日 00:00:00\]$/),
      expect.stringMatching(/^#-+业务明细列表-+$/),
    ]);
    expect(detail[4]).toMatch(/^支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,.*订单金额（元）,商家实收（元）,.*退款批次号\/请求号,服务费（元）,分润（元）,备注$/);
    const refundLine = detail.find((line) => line.includes(`R${trade.outTradeNo}\t`));
    expect(refundLine).toContain(`${trade.channelTradeNo}\t,${trade.outTradeNo}\t,退款\t,"账单测试, ""引号""",`);
    expect(refundLine).toContain(",-0.01,-0.01,");
    expect(detail.at(-4)).toMatch(/^#交易合计：\d+笔，商家实收共\d+\.\d{2}元，商家优惠共0\.00元$/);
    expect(detail.at(-3)).toMatch(/^#退款合计：\d+笔，商家实收退款共-\d+\.\d{2}元，商家优惠退款共0\.00元$/);
    expect(summary.find((line) => line.startsWith("合计,"))).toMatch(/^合计,\t,\d+,\d+,/);

    // the link is the merchant's alone: a changed token is refused
    const forged = url.replace(/token=([^&]+)/, (_, token: string) => `token=${token.slice(0, -2)}AA`);
    expect((await fetch(forged)).status).toBe(400);
  });

  it("reads back every bill edit: drop, amount, fee, status (a payment gains a full refund line), extra", async () => {
    const [dropped, shifted, feeShifted, reversed, plain] = await Promise.all([paidTrade(10_00n), paidTrade(20_00n), paidTrade(30_00n), paidTrade(40_00n), paidTrade(50_00n)]);
    const outRefundNo = `R${plain.outTradeNo}`;
    await account.plugin.refund(account.ctx, { outTradeNo: plain.outTradeNo, outRefundNo, refundAmount: 10_00n, totalAmount: 50_00n, currency: "CNY" });
    const extraNo = `EXTRA${Date.now()}`;
    await setBillEdits([
      { type: "drop", outNo: dropped.outTradeNo },
      { type: "amount", outNo: shifted.outTradeNo, delta: -5 },
      { type: "fee", outNo: feeShifted.outTradeNo, delta: 4 },
      { type: "status", outNo: reversed.outTradeNo },
      { type: "amount", outNo: outRefundNo, delta: 1 },
      { type: "extra", billDate: beijingToday(), outTradeNo: extraNo, amount: 12_345 },
    ]);
    const rows = await billRows(beijingToday());
    const of = (outTradeNo: string) => rows.filter((row) => row.outTradeNo === outTradeNo).map(({ kind, amount, fee, outRefundNo: no, channelState }) => ({ kind, amount, fee, outRefundNo: no, channelState }));
    expect(of(dropped.outTradeNo)).toEqual([]);
    // 0.55 %: 20.00 → 0.11
    expect(of(shifted.outTradeNo)).toEqual([{ kind: "payment", amount: 19_95n, fee: 11n, outRefundNo: undefined, channelState: "交易" }]);
    expect(of(feeShifted.outTradeNo)).toEqual([{ kind: "payment", amount: 30_00n, fee: 17n + 4n, outRefundNo: undefined, channelState: "交易" }]);
    expect(of(reversed.outTradeNo)).toEqual([
      { kind: "payment", amount: 40_00n, fee: 22n, outRefundNo: undefined, channelState: "交易" },
      { kind: "refund", amount: -40_00n, fee: -22n, outRefundNo: reversed.outTradeNo, channelState: "退款" },
    ]);
    expect(of(plain.outTradeNo)).toEqual([
      { kind: "payment", amount: 50_00n, fee: 28n, outRefundNo: undefined, channelState: "交易" },
      { kind: "refund", amount: -10_01n, fee: -6n, outRefundNo, channelState: "退款" },
    ]);
    expect(rows.find((row) => row.outTradeNo === extraNo)).toMatchObject({ kind: "payment", amount: 123_45n, fee: 68n, channelTradeNo: expect.stringMatching(/^\d{28}$/) });
  });

  it("answers null for a day without a bill (isp.bill_not_exist), and refuses a date that is not one", async () => {
    expect(await account.plugin.downloadBill(account.ctx, "2020-01-02")).toBeNull();
    await expect(account.plugin.downloadBill(account.ctx, "2020-01")).rejects.toMatchObject({ name: "ChannelRejectedError" });
  });

  it("streams a day of several pages through the zip, every line once", { timeout: 180_000 }, async () => {
    const date = "2026-03-16";
    const start = new Date(`${date}T00:00:00+08:00`).getTime();
    const count = 4_100;
    await insertPaidSandboxTrades({
      sandboxMerchantId: account.sandboxMerchant.id,
      channel: "alipay",
      channelAppId: account.ctx.credentials.appId,
      tradeType: "precreate",
      prefix: `ABULK${date}`,
      count,
      firstPaidAt: new Date(start + 3_600_000),
      perSecond: 2,
    });
    const rows = await billRows(date);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row.outTradeNo)).size).toBe(count);
    expect(rows.reduce((sum, row) => sum + row.amount, 0n)).toBe(BigInt(count * 100 + (count * (count - 1)) / 2));
  });
});
