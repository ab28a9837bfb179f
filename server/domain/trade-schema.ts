import { z } from "zod";
import { CHANNEL_CODES, PAY_MODES } from "./channel-codes";
import { checkAuthCodeChannel, payerSchema } from "./pay-order-schema";

/**
 * POST /api/v1/orders/{orderNo}/trades (OPEN-API.md, trade center). Pure: shared by the Open API and
 * the cashier. Amounts in fen; `points` in points.
 */
export const TRADE_ID_SHAPE = /^T\d{17}[0-9A-HJKMNP-TV-Z]{8}$/;
const COUPON_NO = /^[A-Za-z0-9_-]{1,64}$/;

const count = (max: number) =>
  z
    .number()
    .int("must be an integer")
    .min(0)
    .max(max)
    .transform((value) => BigInt(value));

export const createTradeSchema = z
  .strictObject({
    tradeNo: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]"),
    deductMode: z.enum(["lock", "on_callback"]),
    couponNos: z.array(z.string().regex(COUPON_NO, "must be 1–64 characters of [A-Za-z0-9_-]")).max(1, "at most one coupon per order").optional(),
    points: count(1_000_000_000).optional(),
    walletAmount: count(100_000_000_000).optional(),
    channel: z.enum(CHANNEL_CODES).optional(),
    mode: z.enum(PAY_MODES).optional(),
    payer: payerSchema.optional(),
  })
  .superRefine((trade, ctx) => {
    if (trade.mode && !trade.channel) ctx.addIssue({ code: "custom", path: ["channel"], message: "is required with mode" });
    if (trade.channel && !trade.mode) ctx.addIssue({ code: "custom", path: ["mode"], message: "is required with channel" });
    if (trade.mode === "jsapi" && !trade.payer?.openid) ctx.addIssue({ code: "custom", path: ["payer", "openid"], message: "is required for jsapi" });
    if (trade.mode === "h5" && !trade.payer?.clientIp) ctx.addIssue({ code: "custom", path: ["payer", "clientIp"], message: "is required for h5" });
    if (trade.mode === "barcode" && !trade.payer?.authCode) ctx.addIssue({ code: "custom", path: ["payer", "authCode"], message: "is required for barcode" });
    if (trade.mode === "barcode") checkAuthCodeChannel(trade, ctx);
  });

export type CreateTradeInput = z.infer<typeof createTradeSchema>;
