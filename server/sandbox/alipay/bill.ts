import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { z } from "zod";
import { beijingDayRange } from "@/server/domain/reconciliation";
import { minorToDecimal } from "@/server/domain/money";
import { loadEnv } from "@/server/env";
import type { SandboxMerchant } from "@/server/generated/prisma/client.ts";
import { type BillEntry, billEntries, inChunks } from "../bill-entries";
import { parseFaults } from "../faults";
import { openSandboxKeys } from "../keys";
import { findSandboxMerchant } from "../trades";
import { Refusal } from "./biz-content";
import { maskedBuyerLogonId, sandboxSellerId } from "./merchant";
import { chinaTime, type Params } from "./wire";

/**
 * alipay.data.dataservice.bill.downloadurl.query and the download it names (FIELD-NOTES A3): a zip
 * holding `<pid>0156_<yyyymmdd>_业务明细.csv` and `…_业务明细(汇总).csv`, names and contents in GBK
 * (names without the zip's UTF-8 flag), `#` preamble and footer lines, trailing tabs on id-like
 * cells, refunds as negative lines. The detail streams from the books (bill-entries.ts) through the
 * zip; the summary, written after it, adds up what was written.
 *
 * Conventions the public sources leave open, chosen here: 服务费 is written as the merchant's balance
 * sees it (a payment's fee negative, a refund's returned fee positive); the sandbox charges 0.55 %
 * (the seeded Alipay account's rate); a status edit on a payment adds a full refund line without
 * 退款批次号 (Alipay's 撤销 of a paid trade refunds it whole, filed under the out_trade_no), while a
 * status edit on a refund changes nothing (Alipay bills refunds only once they are done). A day
 * without a line answers isp.bill_not_exist. Any day is served, today included (Alipay refuses
 * today's bill; the sandbox serves it so that tests need not wait a day).
 */

const FEE_RATE_BPS = 55;
const LINK_LIFETIME_MS = 30_000;
export const BILL_DOWNLOAD_PATH = "downloadBillFile.resource";

const DETAIL_HEADER =
  "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
const SUMMARY_HEADER = "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";

const yuan = (fen: bigint) => minorToDecimal(fen);
/** A free-text cell, quoted as CSV when it must be. */
const textCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/[\r\n]/g, " ").replace(/"/g, '""')}"` : value);

type Totals = { payments: bigint; refunds: bigint; paymentReceived: bigint; refundReceived: bigint; ordered: bigint; serviceFee: bigint };

function billUserId(merchant: SandboxMerchant): string {
  return `${sandboxSellerId(merchant.channelMchId)}0156`;
}

function chineseDateTime(date: Date): string {
  const [day, time] = chinaTime(date).split(" ");
  const [y, m, d] = day.split("-");
  return `${y}年${m}月${d}日 ${time}`;
}

function preamble(title: string, merchant: SandboxMerchant, billDate: string): string[] {
  const { from, to } = beijingDayRange(billDate);
  return [`#支付宝${title}查询`, `#账号：[${billUserId(merchant)}]`, `#起始日期：[${chineseDateTime(from)}]   终止日期：[${chineseDateTime(to)}]`];
}

/** One detail line: `sign` 1 for a trade, −1 for a refund; 服务费 as the balance sees it (−fee). */
function detailLine(entry: BillEntry, type: "交易" | "退款", outRequestNo: string, amount: bigint, fee: bigint, totals: Totals): string {
  const signed = type === "交易" ? amount : -amount;
  totals.ordered += signed;
  totals.serviceFee -= fee;
  if (type === "交易") {
    totals.payments += 1n;
    totals.paymentReceived += signed;
  } else {
    totals.refunds += 1n;
    totals.refundReceived += signed;
  }
  const cells = [
    `${entry.channelTradeNo}\t`, `${entry.outTradeNo}\t`, `${type}\t`, textCell(entry.subject), chinaTime(entry.createdAt), chinaTime(entry.at),
    "\t", "\t", "\t", "\t", entry.payerId ? `${maskedBuyerLogonId(entry.payerId)}\t` : "\t",
    yuan(signed), yuan(signed), "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00\t", "0.00",
    `${outRequestNo}\t`, yuan(-fee), "0.00", textCell(entry.subject),
  ];
  return `${cells.join(",")}\r\n`;
}

function* linesOf(entry: BillEntry, totals: Totals): Generator<string> {
  if (entry.kind === "refund") {
    yield detailLine(entry, "退款", entry.outRefundNo ?? "", entry.amount, entry.fee, totals);
    return;
  }
  yield detailLine(entry, "交易", "", entry.amount, entry.fee, totals);
  if (entry.flipped) yield detailLine({ ...entry }, "退款", "", entry.amount, -entry.fee, totals);
}

type BillCut = { merchant: SandboxMerchant; billDate: string; asOf: Date };

function entriesOf({ merchant, billDate, asOf }: BillCut) {
  return billEntries({ sandboxMerchantId: merchant.id, billDate, asOf, feeRateBps: FEE_RATE_BPS, edits: parseFaults(merchant.faults).billEdits });
}

async function* detailFile(cut: BillCut, totals: Totals, finished: () => void): AsyncGenerator<string> {
  yield [...preamble("业务明细", cut.merchant, cut.billDate), "#-----------------------------------------业务明细列表----------------------------------------", DETAIL_HEADER, ""].join("\r\n");
  for await (const entry of entriesOf(cut)) yield* linesOf(entry, totals);
  yield [
    "#-----------------------------------------业务明细列表结束------------------------------------",
    `#交易合计：${totals.payments}笔，商家实收共${yuan(totals.paymentReceived)}元，商家优惠共0.00元`,
    `#退款合计：${totals.refunds}笔，商家实收退款共${yuan(totals.refundReceived)}元，商家优惠退款共0.00元`,
    `#导出时间：[${chineseDateTime(cut.asOf)}]`,
    "",
  ].join("\r\n");
  finished();
}

function summaryLines(cut: BillCut, totals: Totals): string {
  const figures = (name: string) =>
    [name, "\t", totals.payments, totals.refunds, yuan(totals.ordered), yuan(totals.ordered), "0.00", "0.00", "0.00", yuan(totals.serviceFee), "0.00", yuan(totals.ordered + totals.serviceFee)].join(",");
  return [
    ...preamble("业务汇总", cut.merchant, cut.billDate),
    "#-----------------------------------------业务汇总列表-----------------------------------------",
    SUMMARY_HEADER,
    // the sandbox has no stores: one line for the app's trades without a store, then the total
    figures("\t"),
    figures("合计"),
    "#-----------------------------------------业务汇总列表结束---------------------------------------",
    `#导出时间：[${chineseDateTime(cut.asOf)}]`,
    "",
  ].join("\r\n");
}

const gbk = (text: string) => iconv.encode(text, "gbk");

/** The zip, streamed: the detail as the books are read, then the summary of what the detail held. */
function billZip(cut: BillCut): Readable {
  const totals: Totals = { payments: 0n, refunds: 0n, paymentReceived: 0n, refundReceived: 0n, ordered: 0n, serviceFee: 0n };
  let finished!: () => void;
  const detailDone = new Promise<void>((resolve) => (finished = resolve));
  async function* summary() {
    await detailDone;
    yield gbk(summaryLines(cut, totals));
  }
  const prefix = `${billUserId(cut.merchant)}_${cut.billDate.replaceAll("-", "")}`;
  const zip = new JSZip();
  const date = new Date(cut.asOf.getTime() + 8 * 3_600_000);
  zip.file(`${prefix}_业务明细.csv`, Readable.from(inChunks(detailFile(cut, totals, finished), gbk)), { binary: true, date });
  zip.file(`${prefix}_业务明细(汇总).csv`, Readable.from(summary()), { binary: true, date });
  const stream = zip.generateNodeStream({
    streamFiles: true,
    compression: "DEFLATE",
    // GBK names, without the UTF-8 flag (jszip sets the flag only for its own UTF-8 encoding)
    encodeFileName: (name) => gbk(name) as unknown as string,
  });
  return new Readable().wrap(stream);
}

// the download link

const tokenSchema = z.object({ app_id: z.string(), bill_date: z.string(), as_of: z.number().int(), expires: z.number().int() });
type Token = z.infer<typeof tokenSchema>;

/** The link is the merchant's alone: an HMAC under a key derived from the sandbox's own secret for this merchant. */
function tokenMac(merchant: SandboxMerchant, payload: string): Buffer {
  const key = createHash("sha256").update(`alipay-bill-link:${openSandboxKeys(merchant).channelPrivateKeyPem}`).digest();
  return createHmac("sha256", key).update(payload).digest();
}

function downloadUrl(merchant: SandboxMerchant, token: Token): string {
  const payload = Buffer.from(JSON.stringify(token)).toString("base64url");
  const day = token.bill_date.replaceAll("-", "");
  const userId = billUserId(merchant);
  const params = new URLSearchParams({
    bizType: "trade",
    userId,
    fileType: "csv.zip",
    bizDates: day,
    downloadFileName: `${userId}_${day}.csv.zip`,
    timestamp: String(token.as_of),
    token: `${payload}.${tokenMac(merchant, payload).toString("base64url")}`,
  });
  return `${loadEnv().PUBLIC_BASE_URL}/api/sandbox/alipay/${BILL_DOWNLOAD_PATH}?${params}`;
}

const billQueryBiz = z.object({ bill_type: z.string(), bill_date: z.string() });

/** alipay.data.dataservice.bill.downloadurl.query: the link to the day's trade bill, valid 30 s. */
export async function billDownloadUrlQuery(merchant: SandboxMerchant, params: Params): Promise<{ bill_download_url: string }> {
  let biz;
  try {
    biz = billQueryBiz.parse(JSON.parse(params.biz_content ?? ""));
  } catch {
    throw new Refusal("isv.invalid_arguments", "入参不合法");
  }
  if (biz.bill_type !== "trade") throw new Refusal("isv.invalid_arguments", "入参不合法: 沙箱只提供 trade 账单");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(biz.bill_date) || Number.isNaN(Date.parse(biz.bill_date))) {
    throw new Refusal("isv.invalid_arguments", "入参不合法: 沙箱只提供日账单 yyyy-MM-dd");
  }
  const asOf = new Date();
  const entries = entriesOf({ merchant, billDate: biz.bill_date, asOf });
  const first = await entries.next();
  await entries.return(undefined);
  if (first.done) throw new Refusal("isp.bill_not_exist", "账单不存在");
  return { bill_download_url: downloadUrl(merchant, { app_id: merchant.channelMchId, bill_date: biz.bill_date, as_of: asOf.getTime(), expires: Date.now() + LINK_LIFETIME_MS }) };
}

const plain = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The download itself: a plain GET, no signature, the token is the authority. */
export async function downloadBillFile(request: Request): Promise<Response> {
  const [payload, mac] = (new URL(request.url).searchParams.get("token") ?? "").split(".");
  let token: Token;
  try {
    token = tokenSchema.parse(JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")));
  } catch {
    return plain(400, "下载链接无效");
  }
  const merchant = await findSandboxMerchant("alipay", token.app_id);
  const expected = merchant ? tokenMac(merchant, payload) : null;
  const given = Buffer.from(mac ?? "", "base64url");
  if (!merchant || !expected || given.length !== expected.length || !timingSafeEqual(given, expected)) return plain(400, "下载链接无效");
  if (Date.now() > token.expires) return plain(400, "下载超时，请重新下载");
  const zip = billZip({ merchant, billDate: token.bill_date, asOf: new Date(token.as_of) });
  const fileName = `${billUserId(merchant)}_${token.bill_date.replaceAll("-", "")}.csv.zip`;
  return new Response(Readable.toWeb(zip) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: { "content-type": "application/octet-stream", "content-disposition": `attachment; filename="${fileName}"` },
  });
}
