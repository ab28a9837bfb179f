import { z } from "zod";

/**
 * Risk rules (风控, docs/adr/0018): a typed condition and an action, evaluated at checkpoints. Amounts are
 * integer minor units (fen) kept as JSON numbers (≤ MAX_RULE_AMOUNT, far below 2^53), turned into bigint by the
 * engine. Validated here for the console forms, the services and the stored JSON alike.
 */
export const RISK_CHECKPOINTS = ["ORDER", "PAY_ORDER", "TRADE", "CASHIER"] as const;
export type RiskCheckpoint = (typeof RISK_CHECKPOINTS)[number];

export const RISK_ACTIONS = ["ALLOW", "REVIEW", "BLOCK"] as const;
export type RiskAction = (typeof RISK_ACTIONS)[number];

/**
 * REVIEW holds an order (the order center) until someone approves it. At the other checkpoints a consumer or
 * a business system is waiting on the answer, so a rule there may only allow or block.
 */
export const REVIEWABLE_CHECKPOINTS: readonly RiskCheckpoint[] = ["ORDER"];

/** Who or what a limit or a velocity counts by. `merchant` counts everything of the merchant. */
export const RISK_DIMENSIONS = ["buyer", "phone", "ip", "device", "openid", "address", "merchant"] as const;
export type RiskDimension = (typeof RISK_DIMENSIONS)[number];

export const RISK_LIST_KINDS = ["BUYER_ID", "PHONE", "IP", "OPENID", "DEVICE", "ADDRESS_KEYWORD"] as const;
export type RiskListKind = (typeof RISK_LIST_KINDS)[number];

export const MAX_RULE_AMOUNT = 100_000_000_000; // 10^9 yuan, as MAX_AMOUNT_MINOR
const amount = z.number().int().min(1).max(MAX_RULE_AMOUNT);
const count = z.number().int().min(1).max(1_000_000);

export const riskConditionSchema = z.discriminatedUnion("type", [
  /** One order / payment above this amount. */
  z.strictObject({ type: z.literal("amount_over"), amount }),
  /** The day's (Beijing) total amount by a dimension, this one included, above this amount. */
  z.strictObject({ type: z.literal("daily_amount_over"), dimension: z.enum(RISK_DIMENSIONS), amount }),
  /** The day's (Beijing) count by a dimension, this one included, above this count. */
  z.strictObject({ type: z.literal("daily_count_over"), dimension: z.enum(RISK_DIMENSIONS), count }),
  /** More than `count` in the last `windowMinutes` by a dimension, this one included. Windows up to 60 min count by
   *  minute, longer ones (whole hours, up to 7 days) by hour. */
  z
    .strictObject({ type: z.literal("velocity"), dimension: z.enum(RISK_DIMENSIONS), count, windowMinutes: z.number().int().min(1).max(7 * 24 * 60) })
    .refine((c) => c.windowMinutes <= 60 || c.windowMinutes % 60 === 0, { message: "windows over 60 minutes are whole hours", path: ["windowMinutes"] }),
  /** Any of the facts is on a blacklist (the merchant's or the platform's) of these kinds, not expired. */
  z.strictObject({ type: z.literal("blacklisted"), kinds: z.array(z.enum(RISK_LIST_KINDS)).min(1).max(RISK_LIST_KINDS.length) }),
  /** The same buyer ordered the same lines for the same amount within the last N minutes (order center). */
  z.strictObject({ type: z.literal("duplicate_order"), withinMinutes: z.number().int().min(1).max(24 * 60) }),
  /** Above `multiplePercent`/100 × the merchant's p99 amount of the last 30 days, once it has `minSamples` payments. */
  z.strictObject({ type: z.literal("abnormal_amount"), multiplePercent: z.number().int().min(100).max(100_000), minSamples: z.number().int().min(10).max(1_000_000) }),
  /** A shipping address without province, city or a detail of at least 4 characters (orders with an address). */
  z.strictObject({ type: z.literal("address_incomplete") }),
  /** More than `count` orders to one (normalised) address in the last `windowHours`. */
  z.strictObject({ type: z.literal("address_orders_over"), count, windowHours: z.number().int().min(1).max(7 * 24) }),
]);
export type RiskCondition = z.infer<typeof riskConditionSchema>;
export type RiskConditionType = RiskCondition["type"];

export const riskRuleInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    checkpoints: z.array(z.enum(RISK_CHECKPOINTS)).min(1).max(RISK_CHECKPOINTS.length),
    condition: riskConditionSchema,
    action: z.enum(RISK_ACTIONS),
    priority: z.number().int().min(0).max(10_000).default(100),
  })
  .superRefine((rule, ctx) => {
    if (rule.action === "REVIEW" && rule.checkpoints.some((c) => !REVIEWABLE_CHECKPOINTS.includes(c))) {
      ctx.addIssue({ code: "custom", path: ["action"], message: "review holds orders only: choose the ORDER checkpoint alone, or block" });
    }
    const orderOnly: RiskConditionType[] = ["duplicate_order", "address_incomplete", "address_orders_over"];
    if (orderOnly.includes(rule.condition.type) && rule.checkpoints.some((c) => c !== "ORDER")) {
      ctx.addIssue({ code: "custom", path: ["checkpoints"], message: "this condition is about orders: ORDER checkpoint only" });
    }
  });
export type RiskRuleInput = z.infer<typeof riskRuleInputSchema>;

export const riskListEntryInputSchema = z.strictObject({
  kind: z.enum(RISK_LIST_KINDS),
  value: z.string().trim().min(1).max(200),
  note: z.string().trim().max(200).optional(),
  /** null / absent: no expiry. */
  expiresAt: z.coerce.date().optional(),
});
export type RiskListEntryInput = z.infer<typeof riskListEntryInputSchema>;
