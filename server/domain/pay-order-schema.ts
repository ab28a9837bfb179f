import { z } from "zod";
import { channelOfAuthCode, UNKNOWN_AUTH_CODE } from "./auth-code";
import { CHANNEL_CODES, PAY_MODES } from "./channel-codes";
import { isStorableText, PROTO_KEY, UNSTORABLE_TEXT_MESSAGE } from "./storable-text";

/** The Open API's pay-order request (OPEN-API.md), shared by the Open API, the cashier and the console. */
export const ORDER_MODES = [...PAY_MODES, "cashier"] as const;
export type OrderMode = (typeof ORDER_MODES)[number];

/** Text PostgreSQL can store and people can read: no NUL or other C0 control characters (tab and newline aside), no lone surrogates. */
export const safeText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(value), "must not contain control characters");

/**
 * An amount in minor units (fen) as JSON carries it, turned into a bigint during validation: past the schema no
 * code converts amounts between number and bigint again.
 */
export const minorAmountSchema = z
  .number()
  .int("must be an integer number of fen")
  .min(1)
  .max(100_000_000_000)
  .transform((fen) => BigInt(fen));

export const httpUrl = z
  .string()
  .max(512)
  .refine((value) => !/[\u0000-\u001F\s]/.test(value), "must not contain spaces or control characters")
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:";
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

/**
 * Names an object literal or a zod record would silently drop (`__proto__`) or that shadow what
 * every object has: refused by name, so `metadata` is echoed back exactly as it was sent.
 */
const RESERVED_KEYS = new Set([PROTO_KEY, "constructor", "prototype"]);

/** `metadata`: at most 20 string values, echoed back. */
export const metadataSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) ctx.addIssue({ code: "custom", path: [key], message: "is a reserved name" });
    }
  })
  .pipe(z.record(safeText(1, 40), safeText(0, 500)).refine((m) => Object.keys(m).length <= 20, "at most 20 keys"));

export const payerSchema = z.strictObject({
  openid: safeText(1, 128).optional(),
  // zod's own IP checks, not node:net: this schema also runs in the browser (console forms).
  clientIp: z.string().refine((ip) => z.ipv4().safeParse(ip).success || z.ipv6().safeParse(ip).success, "must be an IPv4 or IPv6 address").optional(),
  authCode: z.string().regex(/^\d{10,32}$/, "must be the 10–32 digit payment code").optional(),
  /** The payer's device as the business system knows it, for risk control (docs/adr/0018). */
  deviceId: safeText(1, 128).optional(),
});

export const createPayOrderSchema = z
  .strictObject({
    mchOrderNo: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 characters of [A-Za-z0-9_-]"),
    amount: minorAmountSchema,
    currency: z.literal("CNY", "only CNY is supported").default("CNY"),
    subject: safeText(1, 128).refine((value) => value.trim().length > 0, "must not be blank"),
    description: safeText(0, 512).optional(),
    channel: z.enum(CHANNEL_CODES).optional(),
    mode: z.enum(ORDER_MODES).default("cashier"),
    payer: payerSchema.optional(),
    expireInSeconds: z.number().int().min(60).max(86_400).default(1800),
    notifyUrl: httpUrl.optional(),
    returnUrl: httpUrl.optional(),
    metadata: metadataSchema.optional(),
    /** Freeze the payment for profit sharing (分账) at the channel; splits follow by rule or by API. */
    profitSharing: z.boolean().optional(),
  })
  .superRefine((order, ctx) => {
    if (order.mode === "jsapi" && !order.payer?.openid) ctx.addIssue({ code: "custom", path: ["payer", "openid"], message: "is required for jsapi" });
    if (order.mode === "h5" && !order.payer?.clientIp) ctx.addIssue({ code: "custom", path: ["payer", "clientIp"], message: "is required for h5" });
    if (order.mode === "barcode" && !order.payer?.authCode) ctx.addIssue({ code: "custom", path: ["payer", "authCode"], message: "is required for barcode" });
    if (order.mode === "barcode") checkAuthCodeChannel(order, ctx);
  });

/** A barcode payment's code must be one a channel of ours issues, and of the channel named (if any). */
export function checkAuthCodeChannel(order: { channel?: string; payer?: { authCode?: string } }, ctx: z.RefinementCtx): void {
  const code = order.payer?.authCode;
  if (!code) return;
  const channel = channelOfAuthCode(code);
  if (!channel) ctx.addIssue({ code: "custom", path: ["payer", "authCode"], message: UNKNOWN_AUTH_CODE });
  else if (order.channel && order.channel !== channel) ctx.addIssue({ code: "custom", path: ["payer", "authCode"], message: `is a ${channel} payment code, not ${order.channel}` });
}

export type CreatePayOrderInput = z.infer<typeof createPayOrderSchema>;

export const simulateSchema = z.strictObject({
  outcome: z.enum(["success", "fail", "close"]),
  channel: z.enum(CHANNEL_CODES).optional(),
  mode: z.enum(ORDER_MODES).exclude(["cashier"]).optional(),
});

/** POST /api/v1/sandbox/refunds/{refundNo}/simulate (TEST apps): settle a refund the sandbox holds. */
export const simulateRefundSchema = z.strictObject({ outcome: z.enum(["success", "fail"]) });
