import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db";
import { feeForRate, minorToDecimal } from "@/server/domain/money";
import { loadEnv } from "@/server/env";
import type { SandboxRefund, SandboxTrade } from "@/server/generated/prisma/client.ts";
import { type MerchantSession, paramError, parseBody, type Reply, WechatpayApiError } from "./reply";
import { TRADE_TYPES, type SandboxTradeType } from "./wire";

/**
 * /v3/bill/tradebill and its download: the day's trade bill (交易账单) as WeChat Pay writes it —
 * UTF-8 with a BOM, CRLF lines, a plain header, every data field prefixed with a backtick,
 * amounts in yuan, a totals caption and line at the end. The sandbox charges 0.60 %.
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
const text = (value: string) => value.replace(/[\r\n`]/g, " ");

function beijingDateTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

type Row = { at: Date; cells: string[]; settled: bigint; refunded: bigint; fee: bigint; ordered: bigint };

function tradeCells(trade: SandboxTrade, mchid: string, at: Date, state: "SUCCESS" | "REFUND") {
  return [
    beijingDateTime(at), trade.channelAppId, mchid, "0", "", trade.channelTradeNo, trade.outTradeNo, trade.payerId ?? "",
    TRADE_TYPES[trade.tradeType as SandboxTradeType], state, "OTHERS", trade.currency,
  ];
}

function paymentRow(trade: SandboxTrade & { paidAt: Date }, mchid: string): Row {
  const fee = feeForRate(trade.amount, FEE_RATE_BPS);
  const cells = [
    ...tradeCells(trade, mchid, trade.paidAt, "SUCCESS"),
    yuan(trade.amount), "0.00", "0", "0", "0.00", "0.00", "", "",
    text(trade.subject), "", yuan(fee), FEE_RATE_TEXT, yuan(trade.amount), "0.00", "",
  ];
  return { at: trade.paidAt, cells, settled: trade.amount, refunded: 0n, fee, ordered: trade.amount };
}

function refundRow(refund: SandboxRefund & { succeededAt: Date; trade: SandboxTrade }, mchid: string): Row {
  const fee = -feeForRate(refund.amount, FEE_RATE_BPS);
  const cells = [
    ...tradeCells(refund.trade, mchid, refund.succeededAt, "REFUND"),
    "0.00", "0.00", refund.channelRefundNo, refund.outRefundNo, yuan(refund.amount), "0.00", "ORIGINAL", "SUCCESS",
    text(refund.trade.subject), "", yuan(fee), FEE_RATE_TEXT, "0.00", yuan(refund.amount), "",
  ];
  return { at: refund.succeededAt, cells, settled: 0n, refunded: refund.amount, fee, ordered: 0n };
}

/** The bill file of one Beijing day, or null when nothing happened (WeChat Pay: NO_STATEMENT_EXIST). */
async function billFile(sandboxMerchantId: string, mchid: string, billDate: string, billType: (typeof BILL_TYPES)[number]) {
  const from = new Date(`${billDate}T00:00:00+08:00`);
  const to = new Date(from.getTime() + 86_400_000);
  const payments =
    billType === "REFUND"
      ? []
      : await db.sandboxTrade.findMany({ where: { sandboxMerchantId, state: "SUCCEEDED", paidAt: { gte: from, lt: to } } });
  const refunds =
    billType === "SUCCESS"
      ? []
      : await db.sandboxRefund.findMany({
          where: { state: "SUCCEEDED", succeededAt: { gte: from, lt: to }, trade: { sandboxMerchantId } },
          include: { trade: true },
        });
  const rows = [
    ...payments.map((trade) => paymentRow(trade as SandboxTrade & { paidAt: Date }, mchid)),
    ...refunds.map((refund) => refundRow(refund as SandboxRefund & { succeededAt: Date; trade: SandboxTrade }, mchid)),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (rows.length === 0) return null;
  const sum = (pick: (row: Row) => bigint) => rows.reduce((total, row) => total + pick(row), 0n);
  const totals = [
    String(rows.length), yuan(sum((r) => r.settled)), yuan(sum((r) => r.refunded)), "0.00",
    yuan(sum((r) => r.fee)), yuan(sum((r) => r.ordered)), yuan(sum((r) => r.refunded)),
  ];
  const backticked = (cells: string[]) => cells.map((cell) => `\`${cell}`).join(",");
  const lines = [HEADER.join(","), ...rows.map((row) => backticked(row.cells)), TOTALS_HEADER.join(","), backticked(totals)];
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join("")}`;
}

const billQuerySchema = z.object({
  bill_date: z.iso.date(),
  bill_type: z.enum(BILL_TYPES).default("ALL"),
});

function billQuery(query: URLSearchParams) {
  const parsed = billQuerySchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw paramError(`bill_date / bill_type: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

async function requiredBill(session: MerchantSession, query: z.infer<typeof billQuerySchema>): Promise<string> {
  const file = await billFile(session.merchant.id, session.merchant.channelMchId, query.bill_date, query.bill_type);
  if (file === null) throw new WechatpayApiError(400, "NO_STATEMENT_EXIST", "账单文件不存在");
  return file;
}

export async function applyTradeBill(session: MerchantSession): Promise<Reply> {
  const query = billQuery(session.call.query);
  const file = await requiredBill(session, query);
  const token = Buffer.from(JSON.stringify(query)).toString("base64url");
  return {
    status: 200,
    json: {
      hash_type: "SHA1",
      hash_value: createHash("sha1").update(file, "utf8").digest("hex"),
      download_url: `${loadEnv().PUBLIC_BASE_URL}/api/sandbox/wechatpay/v3/billdownload/file?token=${token}`,
    },
  };
}

export async function downloadTradeBill(session: MerchantSession): Promise<Reply> {
  let query;
  try {
    query = parseBody(billQuerySchema, Buffer.from(session.call.query.get("token") ?? "", "base64url").toString("utf8"));
  } catch {
    throw new WechatpayApiError(400, "INVALID_REQUEST", "token 无效");
  }
  return { status: 200, file: await requiredBill(session, query), contentType: "text/plain; charset=utf-8" };
}
