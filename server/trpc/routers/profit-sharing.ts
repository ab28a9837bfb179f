import { z } from "zod";
import { can } from "@/server/domain/permissions";
import { consoleSplitSchema, receiverCreateSchema, ruleCreateSchema, ruleUpdateSchema } from "@/server/domain/profit-sharing-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { createSplit } from "@/server/services/profit-sharing/create-split";
import { createReceiver, listReceivers, removeReceiver } from "@/server/services/profit-sharing/receivers";
import { createRule, deleteRule, listRules, setRuleEnabled, updateRule } from "@/server/services/profit-sharing/rules";
import { sharingOptions } from "@/server/services/profit-sharing/sharing-options";
import { orderSplits, splitView } from "@/server/services/profit-sharing/split-view";
import { merchantProcedure, router } from "../procedures";

const id = z.string().trim().min(1).max(64);
const appFilter = z.object({ appId: id.optional(), includeRemoved: z.boolean().optional() }).default({});

/**
 * Profit sharing (分账) for the console: receivers (bound at a channel account), the apps' rules, an
 * order's splits with their state at the channel and the returns made before refunds, and a split by
 * hand. Reads need profitSharing.read, every change profitSharing.manage.
 */
export const profitSharingRouter = router({
  options: merchantProcedure("profitSharing.read").query(async ({ ctx }) => ({
    ...(await sharingOptions(ctx.merchant.id)),
    mayManage: can(ctx.role, "profitSharing.manage"),
  })),
  receivers: merchantProcedure("profitSharing.read")
    .input(appFilter)
    .query(({ ctx, input }) => listReceivers(ctx.merchant.id, input)),
  createReceiver: merchantProcedure("profitSharing.manage")
    .input(receiverCreateSchema)
    .mutation(({ ctx, input }) => createReceiver(ctx.merchant.id, userActor(ctx), input)),
  removeReceiver: merchantProcedure("profitSharing.manage")
    .input(z.object({ receiverId: id }))
    .mutation(({ ctx, input }) => removeReceiver(ctx.merchant.id, userActor(ctx), input.receiverId)),
  rules: merchantProcedure("profitSharing.read")
    .input(z.object({ appId: id.optional() }).default({}))
    .query(({ ctx, input }) => listRules(ctx.merchant.id, input)),
  createRule: merchantProcedure("profitSharing.manage")
    .input(ruleCreateSchema)
    .mutation(({ ctx, input }) => createRule(ctx.merchant.id, userActor(ctx), input)),
  updateRule: merchantProcedure("profitSharing.manage")
    .input(ruleUpdateSchema)
    .mutation(({ ctx, input }) => updateRule(ctx.merchant.id, userActor(ctx), input)),
  setRuleEnabled: merchantProcedure("profitSharing.manage")
    .input(z.object({ ruleId: id, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setRuleEnabled(ctx.merchant.id, userActor(ctx), input.ruleId, input.enabled)),
  deleteRule: merchantProcedure("profitSharing.manage")
    .input(z.object({ ruleId: id }))
    .mutation(({ ctx, input }) => deleteRule(ctx.merchant.id, userActor(ctx), input.ruleId)),
  /** The order's sharing state, splits (with receivers) and returns; `inFlight` → poll. */
  orderSplits: merchantProcedure("profitSharing.read")
    .input(z.object({ payOrderNo: id }))
    .query(({ ctx, input }) => orderSplits(ctx.merchant.id, input.payOrderNo)),
  /** A split by hand (source CONSOLE); answered at once PENDING, the channel's result follows. */
  split: merchantProcedure("profitSharing.manage")
    .input(consoleSplitSchema)
    .mutation(async ({ ctx, input }) => {
      const { split } = await createSplit({
        scope: { merchantId: ctx.merchant.id },
        payOrderNo: input.payOrderNo,
        source: "CONSOLE",
        receivers: input.receivers,
        finish: input.finish,
      }, userActor(ctx));
      return splitView(split);
    }),
});
