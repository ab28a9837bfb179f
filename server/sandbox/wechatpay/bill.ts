import { createGzip } from "node:zlib";
import { z } from "zod";
import { minorToDecimal } from "@/server/domain/money";
import { loadEnv } from "@/server/env";
import { type BillEntry, billEntries, inChunks } from "../bill-entries";
import { cutBillFile, openBillFile } from "../bill-files";
import { parseFaults } from "../faults";
import { type MerchantSession, paramError, parseBody, type Reply, WechatpayApiError } from "./reply";
import { isTradeType, TRADE_TYPES } from "./wire";

/**
 * /v3/bill/tradebill and its download: the day's trade bill (交易账单) as WeChat Pay writes it
 * (FIELD-NOTES A1) — UTF-8 with a BOM, CRLF lines, a plain header, every data field prefixed with a
 * backtick, amounts in yuan, 手续费 with 5 decimals, a totals caption and line at the end; gzip when
 * tar_type=GZIP, the announced SHA-1 always over the uncompressed file. The sandbox charges 0.60 %.
 * The file is cut at apply time from the books (bill-entries.ts, read in pages, never whole in
 * memory) into a file (bill-files.ts) with the merchant's bill edits applied; a status edit makes a
 * payment REVOKED and a refund's 退款状态 PROCESSING.
 */

const FEE_RATE_BPS = 60;
const FEE_RATE_TEXT = "0.60%";
const BILL_TYPES = ["ALL", "SUCCESS", "REFUND"] as const;

const HEADER = [
  "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态",
  "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态",
  "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注",
];
const TOTALS_HEADER = ["总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"];

const yuan = (fen: bigint) => minorToDecimal(fen);
/** 手续费 as WeChat Pay writes it: 5 decimals (`0.04000`); the sandbox's fees are whole fen. */
const feeYuan = (fen: bigint) => `${minorToDecimal(fen)}000`;
/** Free text as WeChat Pay writes it: commas stay (the backticks keep them apart), line ends and backticks cannot. */
const text = (value: string) => value.replace(/[\r\n`]/g, " ");

function beijingDateTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

type Totals = { count: bigint; settled: bigint; refunded: bigint; fee: bigint; ordered: bigint };

function cellsOf(entry: BillEntry, mchid: string, totals: Totals): string[] {
  const tradeType = isTradeType(entry.tradeType) ? TRADE_TYPES[entry.tradeType] : "NATIVE";
  const common = [beijingDateTime(entry.at), entry.channelAppId, mchid, "0", "", entry.channelTradeNo, entry.outTradeNo, entry.payerId ?? "", tradeType];
  totals.count += 1n;
  totals.fee += entry.fee;
  if (entry.kind === "payment") {
    totals.settled += entry.amount;
    totals.ordered += entry.amount;
    return [
      ...common, entry.flipped ? "REVOKED" : "SUCCESS", "OTHERS", entry.currency,
      yuan(entry.amount), "0.00", "0", "0", "0.00", "0.00", "", "",
      text(entry.subject), "", feeYuan(entry.fee), FEE_RATE_TEXT, yuan(entry.amount), "0.00", "",
    ];
  }
  totals.refunded += entry.amount;
  return [
    ...common, "REFUND", "OTHERS", entry.currency,
    "0.00", "0.00", entry.channelRefundNo ?? "", entry.outRefundNo ?? "", yuan(entry.amount), "0.00", "ORIGINAL", entry.flipped ? "PROCESSING" : "SUCCESS",
    text(entry.subject), "", feeYuan(entry.fee), FEE_RATE_TEXT, "0.00", yuan(entry.amount), "",
  ];
}

const backticked = (cells: string[]) => `${cells.map((cell) => `\`${cell}`).join(",")}\r\n`;

type BillQuery = z.infer<typeof billQuerySchema>;

/** The bill's lines as text, or nothing at all when the day has no line (NO_STATEMENT_EXIST). */
async function* billLines(session: MerchantSession, query: BillQuery, asOf: Date): AsyncGenerator<string> {
  const { merchant } = session;
  const entries = billEntries({
    sandboxMerchantId: merchant.id,
    billDate: query.bill_date,
    asOf,
    feeRateBps: FEE_RATE_BPS,
    edits: parseFaults(merchant.faults).billEdits,
    kinds: { payments: query.bill_type !== "REFUND", refunds: query.bill_type !== "SUCCESS" },
  });
  const totals: Totals = { count: 0n, settled: 0n, refunded: 0n, fee: 0n, ordered: 0n };
  for await (const entry of entries) {
    if (totals.count === 0n) yield `\uFEFF${HEADER.join(",")}\r\n`;
    yield backticked(cellsOf(entry, merchant.channelMchId, totals));
  }
  if (totals.count === 0n) return;
  yield `${TOTALS_HEADER.join(",")}\r\n`;
  yield backticked([
    String(totals.count), yuan(totals.settled), yuan(totals.refunded), "0.00", feeYuan(totals.fee), yuan(totals.ordered), yuan(totals.refunded),
  ]);
}

const billQuerySchema = z.object({
  bill_date: z.iso.date(),
  bill_type: z.enum(BILL_TYPES).default("ALL"),
  tar_type: z.literal("GZIP").optional(),
});

/**
 * What the download token carries: the bill file cut at apply time (its hash announced) and when the
 * link dies: 30 s after it was handed out, the strict one of WeChat Pay's figures.
 */
const tokenSchema = z.object({ file_id: z.string(), gzip: z.boolean(), expires: z.number().int() });
const LINK_LIFETIME_MS = 30_000;

function billQuery(query: URLSearchParams) {
  const parsed = billQuerySchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw paramError(`bill_date / bill_type / tar_type: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** Apply: the bill is cut now (read from the books once, hashed as it is written), downloaded from that file. */
export async function applyTradeBill(session: MerchantSession): Promise<Reply> {
  const query = billQuery(session.call.query);
  const file = await cutBillFile(session.merchant.id, inChunks(billLines(session, query, new Date())));
  if (!file) throw new WechatpayApiError(400, "NO_STATEMENT_EXIST", "账单文件不存在");
  const token = { file_id: file.fileId, gzip: query.tar_type === "GZIP", expires: Date.now() + LINK_LIFETIME_MS };
  return {
    status: 200,
    json: {
      hash_type: "SHA1",
      hash_value: file.sha1,
      download_url: `${loadEnv().PUBLIC_BASE_URL}/api/sandbox/wechatpay/v3/billdownload/file?token=${Buffer.from(JSON.stringify(token)).toString("base64url")}`,
    },
  };
}

export async function downloadTradeBill(session: MerchantSession): Promise<Reply> {
  let token;
  try {
    token = parseBody(tokenSchema, Buffer.from(session.call.query.get("token") ?? "", "base64url").toString("utf8"));
  } catch {
    throw new WechatpayApiError(400, "INVALID_REQUEST", "token 无效");
  }
  if (Date.now() > token.expires) throw new WechatpayApiError(400, "INVALID_REQUEST", "下载链接已过期，请重新申请账单");
  // the file is the merchant's own: another merchant's token finds nothing
  const file = await openBillFile(session.merchant.id, token.file_id);
  if (!file) throw new WechatpayApiError(400, "INVALID_REQUEST", "token 无效");
  if (token.gzip) {
    const gzip = createGzip();
    file.on("error", (error) => gzip.destroy(error));
    return { status: 200, stream: file.pipe(gzip), contentType: "application/octet-stream" };
  }
  return { status: 200, stream: file, contentType: "text/plain; charset=utf-8" };
}
