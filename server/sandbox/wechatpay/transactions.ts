import { z } from "zod";
import { loadEnv } from "@/server/env";
import { closeTrade, createTrade, findTrade, newChannelTradeNo } from "../trades";
import { type MerchantSession, orConflict, paramError, parseBody, type Reply, WechatpayApiError } from "./reply";
import { isTradeType, prepayIdOf, type SandboxTradeType, transactionOf } from "./wire";

/** /v3/pay/transactions: create (native, jsapi, h5, app), query by out_trade_no, close. */

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** WeChat Pay's expiry when time_expire is absent. */
const DEFAULT_EXPIRY_MS = 2 * 3_600_000;

const createSchema = z.object({
  appid: z.string().regex(/^wx[0-9a-f]{16}$/, "不是合法的 AppID"),
  mchid: z.string().min(1).max(32),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/, "6–32 位数字、大小写字母或 _-|*"),
  time_expire: z.string().regex(RFC3339, "不是 RFC 3339 时间").optional(),
  attach: z.string().max(128).optional(),
  notify_url: z.url({ protocol: /^https?$/ }).max(255),
  amount: z.object({ total: z.number().int().min(1), currency: z.literal("CNY").default("CNY") }),
  payer: z.object({ openid: z.string().min(1).max(128) }).optional(),
  scene_info: z
    .object({ payer_client_ip: z.string().min(1).max(45), h5_info: z.object({ type: z.string().min(1) }).optional() })
    .optional(),
  settle_info: z.object({ profit_sharing: z.boolean().optional() }).optional(),
});

function checkMchid(session: MerchantSession, mchid: string | null): void {
  if (mchid !== session.merchant.channelMchId) throw paramError("mchid 与请求签名的商户号不一致");
}

/** Where the simulated payer confirms: an http URL the cashier's QR encodes and H5 redirects to. */
function payerPageUrl(channelTradeNo: string): string {
  return `${loadEnv().PUBLIC_BASE_URL}/sandbox/wechatpay/pay/${channelTradeNo}`;
}

function checkModeFields(mode: SandboxTradeType, order: z.infer<typeof createSchema>): void {
  if (mode === "jsapi" && !order.payer?.openid) throw paramError("payer.openid: JSAPI 下单必填");
  if (mode === "h5" && !order.scene_info?.h5_info) throw paramError("scene_info.h5_info: H5 下单必填");
}

export async function createTransaction(session: MerchantSession, { mode }: Record<string, string>): Promise<Reply> {
  if (!isTradeType(mode)) throw new WechatpayApiError(404, "NOT_FOUND", `没有 ${mode} 下单接口`);
  const order = parseBody(createSchema, session.call.body);
  checkMchid(session, order.mchid);
  checkModeFields(mode, order);
  const expiresAt = order.time_expire ? new Date(order.time_expire) : new Date(Date.now() + DEFAULT_EXPIRY_MS);
  if (expiresAt <= new Date()) throw paramError("time_expire 早于当前时间");
  const trade = await orConflict(
    createTrade({
      sandboxMerchantId: session.merchant.id,
      channel: "wechatpay",
      outTradeNo: order.out_trade_no,
      channelTradeNo: newChannelTradeNo("42"),
      channelAppId: order.appid,
      tradeType: mode,
      amount: BigInt(order.amount.total),
      currency: order.amount.currency,
      subject: order.description,
      notifyUrl: order.notify_url,
      returnUrl: null,
      expiresAt,
      profitSharing: order.settle_info?.profit_sharing === true,
    }),
  );
  switch (mode) {
    case "native":
      return { status: 200, json: { code_url: payerPageUrl(trade.channelTradeNo) } };
    case "h5":
      return { status: 200, json: { h5_url: `${payerPageUrl(trade.channelTradeNo)}?prepay_id=${prepayIdOf(trade)}` } };
    case "jsapi":
    case "app":
      return { status: 200, json: { prepay_id: prepayIdOf(trade) } };
    default:
      throw new Error(`unknown trade type ${mode satisfies never}`);
  }
}

async function existingTrade(session: MerchantSession, outTradeNo: string) {
  const trade = await findTrade(session.merchant.id, outTradeNo);
  if (!trade) throw new WechatpayApiError(404, "ORDER_NOT_EXIST", "订单不存在");
  return trade;
}

export async function queryTransaction(session: MerchantSession, { outTradeNo }: Record<string, string>): Promise<Reply> {
  checkMchid(session, session.call.query.get("mchid"));
  return { status: 200, json: transactionOf(await existingTrade(session, outTradeNo), session.merchant.channelMchId) };
}

export async function closeTransaction(session: MerchantSession, { outTradeNo }: Record<string, string>): Promise<Reply> {
  checkMchid(session, parseBody(z.object({ mchid: z.string() }), session.call.body).mchid);
  await orConflict(closeTrade(session.merchant.id, outTradeNo));
  return { status: 204 };
}
