import { z } from "zod";
import { INSUFFICIENT, PayCodeRefused, payByCode, reverseTrade } from "../barcode-trades";
import { scaled } from "../faults";
import { findTrade, newChannelTradeNo } from "../trades";
import { type MerchantSession, orConflict, paramError, parseBody, type Reply, WechatpayApiError } from "./reply";
import { transactionOf } from "./wire";

/**
 * 付款码支付 (API v3): POST /v3/pay/transactions/codepay and its reverse
 * POST /v3/pay/transactions/out-trade-no/{out_trade_no}/reverse, on the shared books
 * (server/sandbox/barcode-trades.ts). Codepay sends no notification: its answer, the query and the
 * reverse are all the merchant hears.
 *
 * Answers, as we read WeChat Pay's documentation: paid → 200 with the transaction (trade_state
 * SUCCESS); waiting for the payer's password → 202 USERPAYING; declined → 403 NOTENOUGH (balance),
 * PAYERROR; system error → 500 SYSTEM_ERROR (outcome unknown); a bad or expired code → 400
 * INVALID_REQUEST / AUTH_CODE_ERROR. Reverse: 200 on success; a trade whose payer is still entering the
 * password within 15 s of the pay call → 403 USERPAYING "正在支付中不能发起撤销", retry later.
 */

/** WeChat Pay does not reverse a trade whose payer may still be typing the password this soon after the pay call. */
export const REVERSE_NOT_BEFORE_MS = 15_000;
const DEFAULT_EXPIRY_MS = 2 * 3_600_000;

const codepaySchema = z.object({
  appid: z.string().regex(/^wx[0-9a-f]{16}$/, "不是合法的 AppID"),
  mchid: z.string().min(1).max(32),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/, "6–32 位数字、大小写字母或 _-|*"),
  attach: z.string().max(128).optional(),
  amount: z.object({ total: z.number().int().min(1), currency: z.literal("CNY").default("CNY") }),
  payer: z.object({ auth_code: z.string().min(1).max(128) }),
  scene_info: z.object({ device_ip: z.string().max(45).optional(), device_id: z.string().max(32).optional() }).loose().optional(),
  settle_info: z.object({ profit_sharing: z.boolean().optional() }).optional(),
});

const CODE_REFUSALS = {
  invalid: ["INVALID_REQUEST", "付款码无效，请重新扫码"],
  expired: ["INVALID_REQUEST", "二维码已过期，请用户在微信上刷新后再试"],
  used: ["INVALID_REQUEST", "每个二维码仅限使用一次，请刷新再试"],
} as const;

export async function codepayTransaction(session: MerchantSession): Promise<Reply> {
  const order = parseBody(codepaySchema, session.call.body);
  if (order.mchid !== session.merchant.channelMchId) throw paramError("mchid 与请求签名的商户号不一致");
  let paid;
  try {
    paid = await orConflict(
      payByCode(
        "wechatpay",
        {
          sandboxMerchantId: session.merchant.id,
          outTradeNo: order.out_trade_no,
          channelTradeNo: newChannelTradeNo("42"),
          channelAppId: order.appid,
          tradeType: "codepay",
          amount: BigInt(order.amount.total),
          currency: order.amount.currency,
          subject: order.description,
          // codepay has no notify_url: WeChat Pay sends it no notification
          notifyUrl: "",
          returnUrl: null,
          expiresAt: new Date(Date.now() + DEFAULT_EXPIRY_MS),
          profitSharing: order.settle_info?.profit_sharing === true,
        },
        order.payer.auth_code,
      ),
    );
  } catch (error) {
    if (error instanceof PayCodeRefused) throw new WechatpayApiError(400, CODE_REFUSALS[error.reason][0], CODE_REFUSALS[error.reason][1]);
    throw error;
  }
  const { trade, answer } = paid;
  switch (answer) {
    case "PAID":
      return { status: 200, json: transactionOf(trade, session.merchant.channelMchId) };
    case "USERPAYING":
      return { status: 202, json: { code: "USERPAYING", message: "需要用户输入支付密码" } };
    case "DECLINED":
      throw trade.stateDetail === INSUFFICIENT
        ? new WechatpayApiError(403, "NOTENOUGH", "用户账户余额不足")
        : new WechatpayApiError(403, "PAYERROR", trade.stateDetail ?? "支付失败");
    case "SYSTEM_ERROR":
      throw new WechatpayApiError(500, "SYSTEM_ERROR", "系统错误，请使用查单接口确认结果");
    default:
      throw new Error(`unknown answer ${answer satisfies never}`);
  }
}

export async function reverseTransaction(session: MerchantSession, { outTradeNo }: Record<string, string>): Promise<Reply> {
  const body = parseBody(z.object({ appid: z.string(), mchid: z.string() }), session.call.body);
  if (body.mchid !== session.merchant.channelMchId) throw paramError("mchid 与请求签名的商户号不一致");
  const pending = await findTrade(session.merchant.id, outTradeNo);
  if (pending?.state === "PENDING" && Date.now() - pending.createdAt.getTime() < scaled(REVERSE_NOT_BEFORE_MS)) {
    throw new WechatpayApiError(403, "USERPAYING", "正在支付中不能发起撤销，请稍后再试");
  }
  const reversed = await orConflict(reverseTrade(session.merchant.id, outTradeNo));
  if (!reversed) throw new WechatpayApiError(404, "ORDER_NOT_EXIST", "订单不存在");
  return { status: 200, json: { appid: reversed.trade.channelAppId, mchid: session.merchant.channelMchId, out_trade_no: outTradeNo } };
}
