import { z } from "zod";
import { minorAmountSchema, safeText } from "./pay-order-schema";
import { MAX_SPLIT_BPS, MAX_SPLIT_RECEIVERS, RELATION_TYPES, RULE_MATCHES, RULE_MODES } from "./profit-sharing";

/**
 * Inputs of profit sharing (分账): receivers and rules (console), and the Open API's split request.
 * Which receiver types a channel accepts is the plugin's (`profitSharing.receiverTypes`): the service
 * checks the type against it; here it is only well-formed.
 */

const id = z.string().trim().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, "must be an id");

// Console inputs are plain objects: the console's procedures add `mchNo` to every input.
export const receiverCreateSchema = z
  .object({
    channelAccountId: id,
    type: z.string().trim().regex(/^[A-Za-z_]{1,32}$/, "must be a receiver type"),
    account: safeText(1, 128).transform((v) => v.trim()).refine((v) => v.length > 0, "must not be blank"),
    name: safeText(0, 128).transform((v) => v.trim() || undefined).optional(),
    relationType: z.enum(RELATION_TYPES),
    customRelation: safeText(0, 10).transform((v) => v.trim() || undefined).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.relationType === "CUSTOM" && !r.customRelation) ctx.addIssue({ code: "custom", path: ["customRelation"], message: "is required for CUSTOM" });
    if (r.relationType !== "CUSTOM" && r.customRelation) ctx.addIssue({ code: "custom", path: ["customRelation"], message: "only with CUSTOM" });
  });
export type ReceiverCreateInput = z.output<typeof receiverCreateSchema>;

const ruleFields = {
  name: safeText(1, 64).transform((v) => v.trim()).refine((v) => v.length > 0, "must not be blank"),
  receiverId: id,
  mode: z.enum(RULE_MODES),
  ratioBps: z.number().int().min(1).max(MAX_SPLIT_BPS).optional(),
  amount: minorAmountSchema.optional(),
  match: z.enum(RULE_MATCHES).default("ALL"),
  storeId: safeText(1, 64).optional(),
  metadataKey: safeText(1, 40).optional(),
  metadataValue: safeText(0, 500).optional(),
};

type RuleShape = {
  mode: string;
  ratioBps?: number;
  amount?: bigint;
  match: string;
  storeId?: string;
  metadataKey?: string;
  metadataValue?: string;
};

function checkRule(r: RuleShape, ctx: z.RefinementCtx) {
  if (r.mode === "RATIO" && r.ratioBps === undefined) ctx.addIssue({ code: "custom", path: ["ratioBps"], message: "is required for RATIO" });
  if (r.mode === "RATIO" && r.amount !== undefined) ctx.addIssue({ code: "custom", path: ["amount"], message: "only with FIXED" });
  if (r.mode === "FIXED" && r.amount === undefined) ctx.addIssue({ code: "custom", path: ["amount"], message: "is required for FIXED" });
  if (r.mode === "FIXED" && r.ratioBps !== undefined) ctx.addIssue({ code: "custom", path: ["ratioBps"], message: "only with RATIO" });
  if (r.match === "STORE" && !r.storeId) ctx.addIssue({ code: "custom", path: ["storeId"], message: "is required for STORE" });
  if (r.match === "METADATA" && (!r.metadataKey || r.metadataValue === undefined))
    ctx.addIssue({ code: "custom", path: ["metadataKey"], message: "key and value are required for METADATA" });
}

export const ruleCreateSchema = z.object({ appId: id, ...ruleFields }).superRefine(checkRule);
export type RuleCreateInput = z.output<typeof ruleCreateSchema>;

export const ruleUpdateSchema = z.object({ ruleId: id, ...ruleFields }).superRefine(checkRule);
export type RuleUpdateInput = z.output<typeof ruleUpdateSchema>;

export const outSplitNoSchema = z.string().regex(/^[0-9a-zA-Z_\-|*@]{1,64}$/, "must be 1–64 characters of [0-9a-zA-Z_-|*@]");

export const splitReceiversSchema = z
  .array(
    z.strictObject({
      receiverId: id,
      amount: minorAmountSchema,
      description: safeText(0, 80).optional(),
    }),
  )
  .min(1)
  .max(MAX_SPLIT_RECEIVERS)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.receiverId)) ctx.addIssue({ code: "custom", path: [i, "receiverId"], message: "appears twice" });
      seen.add(r.receiverId);
    });
  });

/** `POST /api/v1/pay-orders/{payOrderNo}/splits` (docs/api.md). */
export const createSplitSchema = z.strictObject({
  outSplitNo: outSplitNoSchema,
  receivers: splitReceiversSchema,
  finish: z.boolean().default(false),
});
export type CreateSplitInput = z.output<typeof createSplitSchema>;

/** The console's split of one order (no outSplitNo: each click is a new split). */
export const consoleSplitSchema = z.object({
  payOrderNo: z.string().trim().min(1).max(64),
  receivers: splitReceiversSchema,
  finish: z.boolean().default(false),
});
