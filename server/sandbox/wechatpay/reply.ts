import type { Readable } from "node:stream";
import type { z } from "zod";
import type { SandboxMerchant } from "@/server/generated/prisma/client.ts";
import { SandboxConflict } from "../trades";
import type { WechatpayKeys } from "./signing";

/** One API call as the simulated WeChat Pay sees it, apart from HTTP (see handle-request.ts). */
export type WechatpayCall = {
  method: string;
  /** Path segments below the sandbox's base URL, decoded: ["v3", "pay", "transactions", "native"]. */
  route: string[];
  /** The path and query exactly as received: what the merchant's signature covers. */
  pathAndQuery: string;
  query: URLSearchParams;
  authorization: string | null;
  /** The `Wechatpay-Serial` header: the platform key that encrypted a request's sensitive fields. */
  serial?: string | null;
  body: string;
};

/** The answer; a bill file's body is a stream (a bill can be hundreds of MB), never signed. */
export type WechatpayAnswer = { status: number; headers: Record<string, string>; body: string | Readable };

/** What a route answers before signing: JSON (or 204 without body), or a bill file streamed. */
export type Reply = { status: number; json?: unknown } | { status: 200; stream: Readable; contentType: string };

/** A business error, answered as WeChat Pay does: non-2xx with `{"code","message"}`. */
export class WechatpayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type MerchantSession = { merchant: SandboxMerchant; keys: WechatpayKeys; call: WechatpayCall };

export function paramError(message: string): WechatpayApiError {
  return new WechatpayApiError(400, "PARAM_ERROR", message);
}

export function parseBody<T>(schema: z.ZodType<T>, body: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw paramError("请求体不是合法的 JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw paramError(`${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}

/** The shared sandbox books' conflicts in WeChat Pay's words. */
export function conflictError(conflict: SandboxConflict): WechatpayApiError {
  switch (conflict.reason) {
    case "TRADE_PAID":
      return new WechatpayApiError(400, "ORDERPAID", "该订单已支付");
    case "TRADE_CLOSED":
      return new WechatpayApiError(400, "ORDER_CLOSED", "订单已关闭");
    case "TRADE_NOT_FOUND":
      return new WechatpayApiError(404, "ORDER_NOT_EXIST", "订单不存在");
    case "PARAMS_MISMATCH":
      return new WechatpayApiError(400, "INVALID_REQUEST", `参数与首次请求时不一致: ${conflict.message}`);
    case "REFUND_EXCEEDS":
      return new WechatpayApiError(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
    case "REFUND_SPLIT_OUT":
      return new WechatpayApiError(400, "NOT_ENOUGH", "订单可退金额不足，部分资金已分账，请先分账回退或解冻");
    case "TRADE_NOT_PAID":
      return new WechatpayApiError(400, "INVALID_REQUEST", "订单未支付，不能退款");
    default:
      throw new Error(`unknown sandbox conflict ${conflict.reason satisfies never}`);
  }
}

/** Runs a step of the books, turning their conflicts into WeChat Pay errors. */
export async function orConflict<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    throw error instanceof SandboxConflict ? conflictError(error) : error;
  }
}
