import { z } from "zod";
import { decimalToMinor } from "@/server/domain/money";
import { parseChinaTime, type Answer, type Params } from "./wire";

/** The business parameters (biz_content) of the simulated gateway's methods, and its refusals. */

/** A business refusal (code 40004): thrown inside a method, answered by runMethod (methods.ts). */
export class Refusal extends Error {
  readonly answer: Answer;
  constructor(subCode: string, subMsg: string) {
    super(subMsg);
    this.answer = { code: "40004", msg: "Business Failed", sub_code: subCode, sub_msg: subMsg };
  }
}

const yuan = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "金额格式错误")
  .transform((text) => decimalToMinor(text, "CNY"))
  .refine((fen) => fen >= 1n && fen <= 10_000_000_000n, "金额超出范围 [0.01, 100000000]");

const chinaTimeField = z.string().transform((text, ctx) => {
  const date = parseChinaTime(text);
  if (!date) {
    ctx.addIssue({ code: "custom", message: "时间格式应为 yyyy-MM-dd HH:mm:ss" });
    return z.NEVER;
  }
  return date;
});

const tradeRef = { out_trade_no: z.string().min(1).max(64).optional(), trade_no: z.string().min(1).max(64).optional() };
const hasTradeRef = (biz: { out_trade_no?: string; trade_no?: string }) => Boolean(biz.out_trade_no || biz.trade_no);
const TRADE_REF_MISSING = "out_trade_no 和 trade_no 不能同时为空";

export const orderBiz = z.object({
  out_trade_no: z.string().min(1).max(64),
  total_amount: yuan,
  subject: z.string().min(1).max(256),
  body: z.string().max(128).optional(),
  time_expire: chinaTimeField.optional(),
  product_code: z.string().optional(),
  /** alipay.trade.create (JSAPI_PAY): the buyer, from auth_base. */
  buyer_id: z.string().regex(/^2088\d{12}$/, "buyer_id 格式错误").optional(),
  buyer_open_id: z.string().min(1).max(128).optional(),
  extend_params: z.object({ royalty_freeze: z.string().optional() }).loose().optional(),
});
export const tradeBiz = z.object({ ...tradeRef, query_options: z.array(z.string()).optional() }).refine(hasTradeRef, TRADE_REF_MISSING);
export const refundBiz = z
  .object({ ...tradeRef, refund_amount: yuan, out_request_no: z.string().min(1).max(64).optional(), refund_reason: z.string().max(256).optional() })
  .refine(hasTradeRef, TRADE_REF_MISSING);
export const refundQueryBiz = z
  .object({ ...tradeRef, out_request_no: z.string().min(1).max(64), query_options: z.array(z.string()).optional() })
  .refine(hasTradeRef, TRADE_REF_MISSING);

const RECEIVER_TYPES = ["userId", "loginName", "openId"] as const;

/** alipay.trade.royalty.relation.bind / .unbind */
export const relationBiz = z.object({
  out_request_no: z.string().min(1).max(64),
  receiver_list: z
    .array(z.object({ type: z.enum(RECEIVER_TYPES), account: z.string().min(1).max(100), name: z.string().max(100).optional(), memo: z.string().max(200).optional() }))
    .min(1)
    .max(50),
});

/** alipay.trade.order.settle: royalty_parameters empty only to finish (release the rest). */
export const settleBiz = z.object({
  out_request_no: z.string().regex(/^[0-9A-Za-z_]{1,64}$/, "由字母、数字、下划线组成"),
  trade_no: z.string().min(1).max(64),
  royalty_parameters: z
    .array(
      z.object({
        royalty_type: z.enum(["transfer", "replenish"]).optional(),
        trans_in_type: z.enum(RECEIVER_TYPES).optional(),
        trans_in: z.string().min(1).max(100),
        amount: yuan,
        desc: z.string().max(1000).optional(),
      }),
    )
    .max(1000),
  royalty_mode: z.enum(["sync", "async"]).optional(),
  extend_params: z.object({ royalty_finish: z.string().optional() }).loose().optional(),
});

export const settleQueryBiz = z.object({
  out_request_no: z.string().min(1).max(64).optional(),
  trade_no: z.string().min(1).max(64).optional(),
  settle_no: z.string().min(1).max(64).optional(),
});

export function readBiz<Schema extends z.ZodType>(schema: Schema, params: Params): z.infer<Schema> {
  let raw: unknown;
  try {
    raw = JSON.parse(params.biz_content ?? "");
  } catch {
    throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: biz_content 不是 JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal("ACQ.INVALID_PARAMETER", `参数无效: ${issue.path.join(".")} ${issue.message}`.trim());
  }
  return parsed.data;
}
