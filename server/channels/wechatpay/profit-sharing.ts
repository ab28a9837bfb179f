import { constants, publicEncrypt } from "node:crypto";
import { z } from "zod";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnsupportedError, SPLIT_NOT_FOUND, SPLIT_RETRY_LATER } from "../errors";
import type {
  ChannelContext,
  ProfitSharingSupport,
  SplitReceiverBinding,
  SplitReceiverResult,
  SplitRequest,
  SplitResult,
  SplitReturnRequest,
  SplitReturnResult,
} from "../types";
import { callWechatpay, type WechatpayRequest } from "./client";
import type { WechatpayCredentials } from "./credentials";
import { fen } from "./transformers";

/**
 * WeChat Pay API v3 profit sharing (分账, 普通商户): receivers, split orders (asynchronous: PROCESSING,
 * then each receiver's result by query), unfreeze, and returns (回退) from MERCHANT_ID receivers.
 * ../shared/FIELD-NOTES.md §C1, docs/profit-sharing.md.
 */

type Ctx = ChannelContext<WechatpayCredentials>;

export const WECHATPAY_RECEIVER_TYPES = ["MERCHANT_ID", "PERSONAL_OPENID"] as const;

/**
 * A sensitive field (the receiver's name) encrypted as WeChat Pay asks: RSA-OAEP (SHA-1, MGF1) with
 * the platform public key, base64; the request then names that key in `Wechatpay-Serial`.
 */
export function encryptSensitive(credentials: WechatpayCredentials, plaintext: string): string {
  return publicEncrypt({ key: credentials.platformPublicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(plaintext, "utf8")).toString("base64");
}

const text = (value: string, max: number) => Array.from(value).slice(0, max).join("");

export function addReceiverBody(credentials: WechatpayCredentials, receiver: SplitReceiverBinding) {
  if (!(WECHATPAY_RECEIVER_TYPES as readonly string[]).includes(receiver.type)) {
    throw new ChannelRejectedError(`WeChat Pay has no receiver type ${receiver.type}`, "PARAM_ERROR");
  }
  if (receiver.type === "MERCHANT_ID" && !receiver.name) throw new ChannelRejectedError("a MERCHANT_ID receiver needs its name", "PARAM_ERROR");
  if (receiver.relationType === "CUSTOM" && !receiver.customRelation) throw new ChannelRejectedError("relation CUSTOM needs custom_relation", "PARAM_ERROR");
  return {
    appid: credentials.appid,
    type: receiver.type,
    account: receiver.account,
    ...(receiver.name ? { name: encryptSensitive(credentials, receiver.name) } : {}),
    relation_type: receiver.relationType,
    ...(receiver.relationType === "CUSTOM" ? { custom_relation: text(receiver.customRelation ?? "", 10) } : {}),
  };
}

export function splitOrderBody(credentials: WechatpayCredentials, request: SplitRequest) {
  if (request.currency !== "CNY") throw new ChannelUnsupportedError(`WeChat Pay splits CNY, not ${request.currency}`);
  if (request.receivers.length > 50) throw new ChannelRejectedError("at most 50 receivers per split", "PARAM_ERROR");
  return {
    appid: credentials.appid,
    transaction_id: request.channelTradeNo,
    out_order_no: request.outOrderNo,
    receivers: request.receivers.map((receiver) => ({
      type: receiver.type,
      account: receiver.account,
      // the name travels encrypted; a split needs it for no receiver type we send, so it stays out
      amount: fen(receiver.amount),
      description: text(receiver.description, 80),
    })),
    unfreeze_unsplit: request.finish,
  };
}

const wechatTime = z.string().transform((value, ctx) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: `not a time: ${value}` });
    return z.NEVER;
  }
  return date;
});

const RECEIVER_RESULTS = ["PENDING", "SUCCESS", "CLOSED"] as const;

/** The answer of create, query and unfreeze. */
export const splitOrderSchema = z.object({
  transaction_id: z.string().optional(),
  out_order_no: z.string(),
  order_id: z.string(),
  state: z.enum(["PROCESSING", "FINISHED"]),
  receivers: z
    .array(
      z.object({
        amount: z.number().int().nonnegative(),
        description: z.string().optional(),
        type: z.string(),
        account: z.string(),
        result: z.enum(RECEIVER_RESULTS),
        fail_reason: z.string().optional(),
        detail_id: z.string().optional(),
        create_time: wechatTime.optional(),
        finish_time: wechatTime.optional(),
      }),
    )
    .default([]),
});

export function toSplitResult(order: z.infer<typeof splitOrderSchema>): SplitResult {
  return {
    state: order.state,
    channelOrderId: order.order_id,
    receivers: order.receivers.map(
      (receiver): SplitReceiverResult => ({
        type: receiver.type,
        account: receiver.account,
        amount: BigInt(receiver.amount),
        result: receiver.result,
        failReason: receiver.fail_reason || undefined,
        detailId: receiver.detail_id || undefined,
        finishedAt: receiver.result !== "PENDING" ? receiver.finish_time : undefined,
      }),
    ),
  };
}

/** The answer of return create and query. */
export const returnOrderSchema = z.object({
  order_id: z.string().optional(),
  out_order_no: z.string().optional(),
  out_return_no: z.string(),
  return_id: z.string(),
  return_mchid: z.string().optional(),
  amount: z.number().int().nonnegative(),
  result: z.enum(["PROCESSING", "SUCCESS", "FAILED"]),
  fail_reason: z.string().optional(),
  finish_time: wechatTime.optional(),
});

export function toSplitReturnResult(answer: z.infer<typeof returnOrderSchema>): SplitReturnResult {
  const state = answer.result === "SUCCESS" ? "SUCCEEDED" : answer.result;
  return {
    state,
    channelReturnId: answer.return_id,
    failReason: state === "FAILED" ? answer.fail_reason || "FAILED" : undefined,
    finishedAt: state !== "PROCESSING" ? answer.finish_time : undefined,
  };
}

/**
 * WeChat Pay's ambiguous "no"s in channel-neutral terms: "订单处理中，请稍后重试" (too early after the
 * payment, or another split of the trade still running) and rate limiting → SPLIT_RETRY_LATER;
 * an order it does not know → SPLIT_NOT_FOUND. Every other business error keeps WeChat Pay's code
 * (NOT_ENOUGH, INVALID_REQUEST "此订单不支持分账", PARAM_ERROR…).
 */
export function splitErrorOf(error: unknown): unknown {
  if (!(error instanceof ChannelRejectedError)) return error;
  if (error.code === "FREQUENCY_LIMITED" || (error.code === "INVALID_REQUEST" && error.message.includes("请稍后重试"))) {
    return new ChannelRejectedError(error.message, SPLIT_RETRY_LATER, { cause: error });
  }
  if (error.code === "RESOURCE_NOT_EXISTS" || error.code === "ORDER_NOT_EXIST") return new ChannelRejectedError(error.message, SPLIT_NOT_FOUND, { cause: error });
  return error;
}

async function call<T>(ctx: Ctx, request: WechatpayRequest, schema: z.ZodType<T>): Promise<T> {
  let answer: unknown;
  try {
    answer = await callWechatpay<unknown>(ctx, request);
  } catch (error) {
    throw splitErrorOf(error);
  }
  const parsed = schema.safeParse(answer);
  // WeChat Pay may have acted: what it said cannot be used, the query tells later
  if (!parsed.success) throw new ChannelTimeoutError(`WeChat Pay's answer is unusable, outcome unknown: ${parsed.error.issues[0]?.message}`, "OUTCOME_UNKNOWN");
  return parsed.data;
}

const segment = encodeURIComponent;

export const wechatpayProfitSharing: ProfitSharingSupport<WechatpayCredentials> = {
  receiverTypes: WECHATPAY_RECEIVER_TYPES,

  async bindReceiver(ctx, receiver) {
    const body = addReceiverBody(ctx.credentials, receiver);
    await call(
      ctx,
      {
        method: "POST",
        path: "/v3/profitsharing/receivers/add",
        body,
        ...("name" in body ? { headers: { "Wechatpay-Serial": ctx.credentials.platformPublicKeyId } } : {}),
      },
      z.unknown(),
    );
  },

  async unbindReceiver(ctx, receiver) {
    await call(
      ctx,
      { method: "POST", path: "/v3/profitsharing/receivers/delete", body: { appid: ctx.credentials.appid, type: receiver.type, account: receiver.account } },
      z.unknown(),
    );
  },

  async split(ctx, request) {
    const answer = await call(ctx, { method: "POST", path: "/v3/profitsharing/orders", body: splitOrderBody(ctx.credentials, request) }, splitOrderSchema);
    return toSplitResult(answer);
  },

  async querySplit(ctx, { outOrderNo, channelTradeNo }) {
    const answer = await call(
      ctx,
      { method: "GET", path: `/v3/profitsharing/orders/${segment(outOrderNo)}`, params: { transaction_id: channelTradeNo } },
      splitOrderSchema,
    );
    return toSplitResult(answer);
  },

  async unfreeze(ctx, { outOrderNo, channelTradeNo, description }) {
    const answer = await call(
      ctx,
      {
        method: "POST",
        path: "/v3/profitsharing/orders/unfreeze",
        body: { transaction_id: channelTradeNo, out_order_no: outOrderNo, description: text(description, 80) },
      },
      splitOrderSchema,
    );
    return toSplitResult(answer);
  },

  async returnSplit(ctx, request: SplitReturnRequest) {
    if (request.currency !== "CNY") throw new ChannelUnsupportedError(`WeChat Pay returns CNY, not ${request.currency}`);
    if (request.receiver.type !== "MERCHANT_ID") throw new ChannelRejectedError("WeChat Pay returns only from MERCHANT_ID receivers", "PARAM_ERROR");
    const answer = await call(
      ctx,
      {
        method: "POST",
        path: "/v3/profitsharing/return-orders",
        body: {
          ...(request.channelOrderId ? { order_id: request.channelOrderId } : {}),
          out_order_no: request.outOrderNo,
          out_return_no: request.outReturnNo,
          return_mchid: request.receiver.account,
          amount: fen(request.amount),
          description: text(request.description, 80),
        },
      },
      returnOrderSchema,
    );
    return toSplitReturnResult(answer);
  },

  async queryReturn(ctx, { outReturnNo, outOrderNo }) {
    const answer = await call(
      ctx,
      { method: "GET", path: `/v3/profitsharing/return-orders/${segment(outReturnNo)}`, params: { out_order_no: outOrderNo } },
      returnOrderSchema,
    );
    return toSplitReturnResult(answer);
  },
};
