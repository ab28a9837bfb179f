import { z } from "zod";
import { ALERT_TARGET_KINDS, alertRuleInputSchema, alertTargetInputSchema } from "@/server/domain/alert-rule-schema";

/** Inputs and outputs of the alerts console's procedures (merchant and operator routers share them). */
export const byId = z.object({ id: z.uuid() });
export const updateRuleSchema = z.object({ id: z.uuid(), rule: alertRuleInputSchema });
export const createTargetSchema = z.object({ target: alertTargetInputSchema });
export const updateTargetSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(60),
  enabled: z.boolean(),
  /** Write-only: omitted keeps the sealed config. */
  config: z.record(z.string(), z.unknown()).optional(),
});
export const incidentFilterSchema = z.object({
  status: z.enum(["FIRING", "ACKNOWLEDGED", "RESOLVED"]).optional(),
  /** Only what still needs someone: firing or acknowledged (the overview's top). */
  open: z.boolean().optional(),
  before: z.date().optional(),
});
export const healthInputSchema = z.object({ range: z.enum(["hour", "day"]).default("hour") });

/** A target as the console may see it: no URL token, no SEC secret (declared, so nothing else can leave). */
export const targetViewSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_TARGET_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  description: z.string(),
  usedBy: z.number(),
  createdAt: z.date(),
});
