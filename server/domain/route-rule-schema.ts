import { z } from "zod";
import { PAY_MODES, PAYMENT_APPS } from "./channel-codes";

/**
 * Route rules as the console edits them and the server stores them: one zod schema for both
 * (react-hook-form's resolver and the tRPC input). Amounts are integer fen.
 */
export const ROUTE_MODES = PAY_MODES;
/** Where the consumer pays (the seed's 流量入口): inside a channel's app (WeChat, Alipay), a phone browser, a PC, a POS scanner. */
export const ROUTE_ENTRIES = [...PAYMENT_APPS, "phone", "pc", "pos"] as const;
export const ROUTE_STRATEGIES = ["fixed", "weighted", "lowest_cost", "highest_subsidy", "best_success_rate"] as const;

export type RouteEntry = (typeof ROUTE_ENTRIES)[number];
export type RouteStrategy = (typeof ROUTE_STRATEGIES)[number];

const MAX_AMOUNT = 100_000_000_000;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time_format");

export const routeConditionsSchema = z
  .strictObject({
    minAmount: z.number().int().min(0).max(MAX_AMOUNT).nullable(),
    maxAmount: z.number().int().min(0).max(MAX_AMOUNT).nullable(),
    modes: z.array(z.enum(ROUTE_MODES)).max(ROUTE_MODES.length),
    entries: z.array(z.enum(ROUTE_ENTRIES)).max(ROUTE_ENTRIES.length),
    /** Order metadata: conditions on one key match any of their values; different keys must all match. */
    metadata: z
      .array(z.strictObject({ key: z.string().trim().min(1).max(64), value: z.string().trim().min(1).max(256) }))
      .max(20),
    /** China time (UTC+8); `from` after `to` spans midnight. */
    timeOfDay: z.strictObject({ from: clock, to: clock }).nullable(),
  })
  .superRefine((c, ctx) => {
    if (c.minAmount !== null && c.maxAmount !== null && c.minAmount > c.maxAmount) {
      ctx.addIssue({ code: "custom", path: ["maxAmount"], message: "max_below_min" });
    }
    if (c.timeOfDay && c.timeOfDay.from === c.timeOfDay.to) ctx.addIssue({ code: "custom", path: ["timeOfDay", "to"], message: "empty_time_range" });
  });

export const routeParamsSchema = z.strictObject({
  /** best_success_rate: the last N concluded attempts per account and mode … */
  windowSize: z.number().int().min(5).max(1000),
  /** … no older than this. */
  windowMinutes: z.number().int().min(1).max(1440),
  /** Below this many samples an account is still being measured (tried first, optimistically). */
  minSamples: z.number().int().min(1).max(1000),
  /** Share of payments sent to another candidate than the best, so a recovering account is tried again. */
  explorationPercent: z.number().int().min(0).max(50),
});

export const routeTargetSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  /** weighted: percent (all targets sum to 100); other strategies ignore it. */
  weight: z.number().int().min(0).max(100),
});

export const routeRuleSchema = z
  .strictObject({
    id: z.string().max(64).optional(),
    name: z.string().trim().min(1).max(64),
    enabled: z.boolean(),
    isDefault: z.boolean(),
    conditions: routeConditionsSchema,
    strategy: z.enum(ROUTE_STRATEGIES),
    params: routeParamsSchema,
    /** Empty only on the default rule: every account of the app, highest priority first. */
    targets: z.array(routeTargetSchema).max(20),
  })
  .superRefine((rule, ctx) => {
    if (!rule.isDefault && rule.targets.length === 0) ctx.addIssue({ code: "custom", path: ["targets"], message: "targets_required" });
    const ids = rule.targets.map((t) => t.accountId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["targets"], message: "targets_duplicate" });
    if (rule.strategy === "weighted" && rule.targets.length > 0 && rule.targets.reduce((sum, t) => sum + t.weight, 0) !== 100) {
      ctx.addIssue({ code: "custom", path: ["targets"], message: "weights_sum" });
    }
    if (rule.strategy === "weighted" && rule.targets.length === 0) ctx.addIssue({ code: "custom", path: ["strategy"], message: "weighted_needs_targets" });
  });

export const routeRuleSetSchema = z
  .object({ appId: z.string().min(1).max(64), rules: z.array(routeRuleSchema).min(1).max(50) })
  .superRefine((set, ctx) => {
    const defaults = set.rules.filter((r) => r.isDefault).length;
    const last = set.rules.at(-1);
    if (defaults !== 1 || !last?.isDefault) ctx.addIssue({ code: "custom", path: ["rules"], message: "default_rule_last" });
    if (last?.isDefault && !last.enabled) ctx.addIssue({ code: "custom", path: ["rules", set.rules.length - 1, "enabled"], message: "default_rule_enabled" });
  });

export type RouteConditions = z.infer<typeof routeConditionsSchema>;
export type RouteParams = z.infer<typeof routeParamsSchema>;
export type RouteTarget = z.infer<typeof routeTargetSchema>;
export type RouteRuleInput = z.infer<typeof routeRuleSchema>;
export type RouteRuleSet = z.infer<typeof routeRuleSetSchema>;

export const EMPTY_CONDITIONS: RouteConditions = { minAmount: null, maxAmount: null, modes: [], entries: [], metadata: [], timeOfDay: null };
export const DEFAULT_PARAMS: RouteParams = { windowSize: 100, windowMinutes: 60, minSamples: 20, explorationPercent: 5 };

/** The rule every app has: last, catch-all, every account by priority. */
export function defaultRouteRule(): RouteRuleInput {
  return { name: "Default", enabled: true, isDefault: true, conditions: EMPTY_CONDITIONS, strategy: "fixed", params: DEFAULT_PARAMS, targets: [] };
}

/** Reads a stored rule, tolerating fields added later (defaults) but not invalid data (null). */
export function parseStoredRule(row: {
  id: string;
  name: string;
  enabled: boolean;
  isDefault: boolean;
  conditions: unknown;
  strategy: string;
  params: unknown;
  targets: unknown;
}): RouteRuleInput | null {
  const parsed = routeRuleSchema.safeParse({
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    isDefault: row.isDefault,
    conditions: { ...EMPTY_CONDITIONS, ...(row.conditions as object) },
    strategy: row.strategy,
    params: { ...DEFAULT_PARAMS, ...(row.params as object) },
    targets: row.targets,
  });
  return parsed.success ? parsed.data : null;
}
