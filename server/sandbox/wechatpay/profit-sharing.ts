import { constants, privateDecrypt } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db";
import type { SandboxSplitOrder, SandboxSplitReturn, SandboxTrade } from "@/server/generated/prisma/client.ts";
import {
  addSplitReceiver,
  createSplit,
  createSplitReturn,
  deleteSplitReceiver,
  findSplit,
  SplitRefusal,
  type SplitRefusalReason,
  type SplitStyle,
  splitLines,
  unfreezeTrade,
} from "../profit-sharing";
import { type MerchantSession, paramError, parseBody, type Reply, WechatpayApiError } from "./reply";
import { wechatTime } from "./wire";

/** /v3/profitsharing: receivers add/delete, orders create/query/unfreeze, return-orders create/query. */

const RECEIVER_TYPES = ["MERCHANT_ID", "PERSONAL_OPENID", "PERSONAL_SUB_OPENID"] as const;
const RELATION_TYPES = ["SERVICE_PROVIDER", "STORE", "STAFF", "STORE_OWNER", "PARTNER", "HEADQUARTER", "BRAND", "DISTRIBUTOR", "USER", "SUPPLIER", "CUSTOM"] as const;
const OUT_NO = z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/, "1–64 位数字、大小写字母或 _-|*@");
const APPID = z.string().regex(/^wx[0-9a-f]{16}$/, "不是合法的 AppID");

const STYLE = (session: MerchantSession): SplitStyle => ({
  settle: "async",
  unbound: "close",
  merchantAccount: session.merchant.channelMchId,
  delayed: true,
});

/** The books' refusals in WeChat Pay's words. */
function refusalError(refusal: SplitRefusal): WechatpayApiError {
  const answers: Record<SplitRefusalReason, [number, string, string]> = {
    TRADE_NOT_FOUND: [400, "INVALID_REQUEST", "微信订单号不存在"],
    TRADE_NOT_PAID: [400, "INVALID_REQUEST", "此订单不支持分账：订单未支付成功"],
    NOT_SHARING: [400, "INVALID_REQUEST", "此订单不支持分账"],
    TOO_EARLY: [400, "INVALID_REQUEST", "订单处理中，请稍后重试"],
    ORDER_PROCESSING: [400, "INVALID_REQUEST", "订单处理中，请稍后重试"],
    FINISHED: [400, "INVALID_REQUEST", "订单已完结分账，不能再分账"],
    RECEIVER_COUNT: [400, "PARAM_ERROR", "分账接收方列表为空或超过 50 个"],
    DUPLICATE_RECEIVER: [400, "PARAM_ERROR", "分账接收方重复"],
    TOO_MANY_SPLITS: [400, "INVALID_REQUEST", "该订单分账次数已达上限 50 次"],
    NO_RELATION: [400, "INVALID_REQUEST", "分账接收方关系不存在"],
    RATIO_EXCEEDED: [400, "INVALID_REQUEST", "分账金额超出最大分账比例"],
    NOT_ENOUGH: [400, "NOT_ENOUGH", "订单剩余待分金额不足"],
    PARAMS_MISMATCH: [400, "INVALID_REQUEST", "参数与首次请求时不一致"],
    ORDER_NOT_FOUND: [404, "RESOURCE_NOT_EXISTS", "记录不存在"],
    NOT_MERCHANT_RECEIVER: [400, "PARAM_ERROR", "回退方须为该分账单中商户号类型的分账接收方"],
    RETURN_EXCEEDS: [400, "NOT_ENOUGH", "回退金额超过可回退金额"],
  };
  const [status, code, message] = answers[refusal.reason];
  return new WechatpayApiError(status, code, message);
}

async function onBooks<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw error instanceof SplitRefusal ? refusalError(error) : error;
  }
}

/** A sensitive field decrypted with the platform private key the request names in Wechatpay-Serial. */
function decryptName(session: MerchantSession, name: string): string {
  if (session.call.serial !== session.keys.channelPublicKeyId) throw paramError("Wechatpay-Serial 缺失或与微信支付公钥ID不符");
  try {
    return privateDecrypt({ key: session.keys.channelPrivateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(name, "base64")).toString("utf8");
  } catch {
    throw paramError("name 解密失败，应以微信支付公钥 RSA-OAEP 加密");
  }
}

// receivers

const addReceiverSchema = z
  .object({
    appid: APPID,
    type: z.enum(RECEIVER_TYPES),
    account: z.string().min(1).max(64),
    name: z.string().min(1).max(1024).optional(),
    relation_type: z.enum(RELATION_TYPES),
    custom_relation: z.string().min(1).max(10).optional(),
  })
  .refine((body) => body.type !== "MERCHANT_ID" || body.name, "name: 商户号类型的接收方必填")
  .refine((body) => body.relation_type !== "CUSTOM" || body.custom_relation, "custom_relation: relation_type 为 CUSTOM 时必填");

export async function addReceiver(session: MerchantSession): Promise<Reply> {
  const body = parseBody(addReceiverSchema, session.call.body);
  const name = body.name ? decryptName(session, body.name) : undefined;
  await addSplitReceiver(session.merchant.id, { type: body.type, account: body.account, name, relationType: body.relation_type, customRelation: body.custom_relation });
  return {
    status: 200,
    json: { type: body.type, account: body.account, ...(body.name ? { name: body.name } : {}), relation_type: body.relation_type, custom_relation: body.custom_relation },
  };
}

export async function deleteReceiver(session: MerchantSession): Promise<Reply> {
  const body = parseBody(z.object({ appid: APPID, type: z.enum(RECEIVER_TYPES), account: z.string().min(1).max(64) }), session.call.body);
  await deleteSplitReceiver(session.merchant.id, body);
  return { status: 200, json: { type: body.type, account: body.account } };
}

// orders

async function tradeOf(session: MerchantSession, transactionId: string): Promise<SandboxTrade> {
  const trade = await db.sandboxTrade.findFirst({ where: { sandboxMerchantId: session.merchant.id, channelTradeNo: transactionId } });
  if (!trade) throw refusalError(new SplitRefusal("TRADE_NOT_FOUND", "no such trade"));
  return trade;
}

/** The order as WeChat Pay answers create, query and unfreeze. */
export function splitOrderOf(order: SandboxSplitOrder, trade: Pick<SandboxTrade, "channelTradeNo">) {
  return {
    transaction_id: trade.channelTradeNo,
    out_order_no: order.outOrderNo,
    order_id: order.channelOrderId,
    state: order.state,
    receivers: splitLines(order).map((line) => ({
      amount: Number(line.amount),
      description: line.description,
      type: line.type,
      account: line.account,
      result: line.result,
      fail_reason: line.failReason,
      detail_id: line.detailId,
      create_time: wechatTime(order.createdAt),
      finish_time: line.finishedAt ? wechatTime(new Date(line.finishedAt)) : undefined,
    })),
  };
}

const createOrderSchema = z.object({
  appid: APPID,
  transaction_id: z.string().min(1).max(32),
  out_order_no: OUT_NO,
  receivers: z
    .array(
      z.object({
        type: z.enum(RECEIVER_TYPES),
        account: z.string().min(1).max(64),
        name: z.string().max(1024).optional(),
        amount: z.number().int().min(1, "分账金额须大于 0"),
        description: z.string().min(1).max(80),
      }),
    )
    .max(1000),
  unfreeze_unsplit: z.boolean(),
});

export async function createOrder(session: MerchantSession): Promise<Reply> {
  const body = parseBody(createOrderSchema, session.call.body);
  const trade = await tradeOf(session, body.transaction_id);
  const order = await onBooks(() =>
    createSplit(
      trade,
      {
        outOrderNo: body.out_order_no,
        receivers: body.receivers.map((r) => ({ type: r.type, account: r.account, amount: BigInt(r.amount), description: r.description })),
        finish: body.unfreeze_unsplit,
      },
      STYLE(session),
    ),
  );
  return { status: 200, json: splitOrderOf(order, trade) };
}

export async function queryOrder(session: MerchantSession, { outOrderNo }: Record<string, string>): Promise<Reply> {
  const transactionId = session.call.query.get("transaction_id");
  if (!transactionId) throw paramError("transaction_id 必填");
  const trade = await db.sandboxTrade.findFirst({ where: { sandboxMerchantId: session.merchant.id, channelTradeNo: transactionId } });
  const order = trade && (await findSplit(session.merchant.id, outOrderNo, { channelTradeNo: transactionId }));
  if (!trade || !order) throw refusalError(new SplitRefusal("ORDER_NOT_FOUND", "no such order"));
  return { status: 200, json: splitOrderOf(order, trade) };
}

export async function unfreezeOrder(session: MerchantSession): Promise<Reply> {
  const body = parseBody(z.object({ transaction_id: z.string().min(1).max(32), out_order_no: OUT_NO, description: z.string().min(1).max(80) }), session.call.body);
  const trade = await tradeOf(session, body.transaction_id);
  const order = await onBooks(() => unfreezeTrade(trade, body.out_order_no, body.description, STYLE(session)));
  return { status: 200, json: splitOrderOf(order, trade) };
}

// returns

function returnOf(ret: SandboxSplitReturn, order: SandboxSplitOrder, description: string) {
  return {
    order_id: order.channelOrderId,
    out_order_no: order.outOrderNo,
    out_return_no: ret.outReturnNo,
    return_id: ret.channelReturnId,
    return_mchid: ret.account,
    amount: Number(ret.amount),
    description,
    result: ret.state,
    fail_reason: ret.failReason ?? undefined,
    create_time: wechatTime(ret.createdAt),
    finish_time: ret.finishedAt ? wechatTime(ret.finishedAt) : undefined,
  };
}

const createReturnSchema = z
  .object({
    order_id: z.string().min(1).max(64).optional(),
    out_order_no: OUT_NO.optional(),
    out_return_no: OUT_NO,
    return_mchid: z.string().min(1).max(32),
    amount: z.number().int().min(1, "回退金额须大于 0"),
    description: z.string().min(1).max(80),
  })
  .refine((body) => body.order_id || body.out_order_no, "order_id 与 out_order_no 必填其一");

export async function createReturn(session: MerchantSession): Promise<Reply> {
  const body = parseBody(createReturnSchema, session.call.body);
  const order = await db.sandboxSplitOrder.findFirst({
    where: {
      trade: { sandboxMerchantId: session.merchant.id },
      ...(body.order_id ? { channelOrderId: body.order_id } : {}),
      ...(body.out_order_no ? { outOrderNo: body.out_order_no } : {}),
    },
  });
  if (!order) throw refusalError(new SplitRefusal("ORDER_NOT_FOUND", "no such order"));
  const ret = await onBooks(() =>
    createSplitReturn(order, { outReturnNo: body.out_return_no, account: body.return_mchid, amount: BigInt(body.amount), description: body.description }),
  );
  return { status: 200, json: returnOf(ret, order, body.description) };
}

export async function queryReturn(session: MerchantSession, { outReturnNo }: Record<string, string>): Promise<Reply> {
  const outOrderNo = session.call.query.get("out_order_no");
  if (!outOrderNo) throw paramError("out_order_no 必填");
  const ret = await db.sandboxSplitReturn.findFirst({
    where: { outReturnNo, splitOrder: { outOrderNo, trade: { sandboxMerchantId: session.merchant.id } } },
    include: { splitOrder: true },
  });
  if (!ret) throw refusalError(new SplitRefusal("ORDER_NOT_FOUND", "no such return"));
  return { status: 200, json: returnOf(ret, ret.splitOrder, "分账回退") };
}
