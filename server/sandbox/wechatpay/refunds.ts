import { z } from "zod";
import { db } from "@/server/db";
import { createRefund, findTrade, newChannelTradeNo } from "../trades";
import { type MerchantSession, orConflict, paramError, parseBody, type Reply, WechatpayApiError } from "./reply";
import { refundOf } from "./wire";

/** /v3/refund/domestic/refunds: create (idempotent on out_refund_no) and query. */

const createSchema = z
  .object({
    transaction_id: z.string().min(1).max(32).optional(),
    out_trade_no: z.string().min(1).max(32).optional(),
    out_refund_no: z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/, "1–64 位数字、大小写字母或 _-|*@"),
    reason: z.string().max(80).optional(),
    notify_url: z.url({ protocol: /^https?$/ }).max(256).optional(),
    amount: z.object({ refund: z.number().int().min(1), total: z.number().int().min(1), currency: z.literal("CNY") }),
  })
  .refine((body) => body.transaction_id || body.out_trade_no, "transaction_id 与 out_trade_no 必填其一");

async function tradeOf(sandboxMerchantId: string, body: z.infer<typeof createSchema>) {
  const trade = body.transaction_id
    ? await db.sandboxTrade.findFirst({ where: { sandboxMerchantId, channelTradeNo: body.transaction_id } })
    : await findTrade(sandboxMerchantId, body.out_trade_no as string);
  if (!trade) throw new WechatpayApiError(404, "RESOURCE_NOT_EXISTS", "订单不存在");
  return trade;
}

export async function createDomesticRefund({ merchant, call }: MerchantSession): Promise<Reply> {
  const body = parseBody(createSchema, call.body);
  const trade = await tradeOf(merchant.id, body);
  if (BigInt(body.amount.total) !== trade.amount) throw paramError("amount.total 与原订单金额不一致");
  // out_refund_no is unique per merchant at WeChat Pay, not only per trade
  const elsewhere = await db.sandboxRefund.findFirst({
    where: { outRefundNo: body.out_refund_no, trade: { sandboxMerchantId: merchant.id }, NOT: { tradeId: trade.id } },
  });
  if (elsewhere) throw new WechatpayApiError(400, "INVALID_REQUEST", "out_refund_no 已用于另一笔订单");
  const refund = await orConflict(
    createRefund(trade, {
      outRefundNo: body.out_refund_no,
      amount: BigInt(body.amount.refund),
      reason: body.reason,
      notifyUrl: body.notify_url,
      channelRefundNo: newChannelTradeNo("50"),
    }),
  );
  return { status: 200, json: refundOf(refund, trade) };
}

export async function queryDomesticRefund({ merchant }: MerchantSession, { outRefundNo }: Record<string, string>): Promise<Reply> {
  const refund = await db.sandboxRefund.findFirst({
    where: { outRefundNo, trade: { sandboxMerchantId: merchant.id } },
    include: { trade: true },
  });
  if (!refund) throw new WechatpayApiError(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
  return { status: 200, json: refundOf(refund, refund.trade) };
}
