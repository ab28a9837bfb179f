import { z } from "zod";
import { billEditsFormSchema } from "@/server/domain/bill-edit-schema";
import { channelAccountSettingsSchema, createChannelAccountSchema, faultsFormSchema } from "@/server/domain/channel-account-schema";
import { userActor } from "@/server/services/audit/record-audit";
import { listChannelForms } from "@/server/services/channel-accounts/channel-forms";
import { createChannelAccount } from "@/server/services/channel-accounts/create-channel-account";
import { getChannelAccount } from "@/server/services/channel-accounts/get-channel-account";
import { listChannelAccounts } from "@/server/services/channel-accounts/list-channel-accounts";
import { setChannelAccountStatus } from "@/server/services/channel-accounts/set-channel-account-status";
import { testChannelConnection } from "@/server/services/channel-accounts/test-connection";
import { updateSandboxBillEdits } from "@/server/services/channel-accounts/update-sandbox-bill-edits";
import { updateSandboxFaults } from "@/server/services/channel-accounts/update-sandbox-faults";
import { updateChannelAccount } from "@/server/services/channel-accounts/update-channel-account";
import { merchantProcedure, router } from "../procedures";

const accountId = z.object({ id: z.string().min(1).max(64) });

/** An app's contracts with channels: credentials write-only, test connection, sandbox faults. */
export const channelAccountsRouter = router({
  /** The channels one can add, with their modes and the credential fields generated from each plugin's schema. */
  forms: merchantProcedure("channels.manage").query(() => listChannelForms()),
  list: merchantProcedure("channels.manage")
    .input(z.object({ appId: z.string().min(1).max(64).optional() }))
    .query(({ ctx, input }) => listChannelAccounts(ctx.merchant.id, input.appId)),
  get: merchantProcedure("channels.manage").input(accountId).query(({ ctx, input }) => getChannelAccount(ctx.merchant.id, input.id)),
  create: merchantProcedure("channels.manage")
    .input(createChannelAccountSchema.extend({ appId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input: { appId, ...account } }) => createChannelAccount(ctx.merchant.id, userActor(ctx), appId, account)),
  update: merchantProcedure("channels.manage")
    .input(accountId.extend(channelAccountSettingsSchema.shape))
    .mutation(({ ctx, input: { id, ...settings } }) => updateChannelAccount(ctx.merchant.id, userActor(ctx), id, settings)),
  setStatus: merchantProcedure("channels.manage")
    .input(accountId.extend({ status: z.enum(["ENABLED", "DISABLED"]) }))
    .mutation(({ ctx, input }) => setChannelAccountStatus(ctx.merchant.id, userActor(ctx), input.id, input.status)),
  testConnection: merchantProcedure("channels.manage")
    .input(accountId)
    .mutation(({ ctx, input }) => testChannelConnection(ctx.merchant.id, input.id)),
  updateFaults: merchantProcedure("channels.manage")
    .input(accountId.extend({ faults: faultsFormSchema }))
    .mutation(({ ctx, input }) => updateSandboxFaults(ctx.merchant.id, userActor(ctx), input.id, input.faults)),
  /** Replaces the differences the sandbox writes into this account's bills (TEST apps; yuan in, fen stored). */
  updateBillEdits: merchantProcedure("channels.manage")
    .input(accountId.extend({ billEdits: billEditsFormSchema }))
    .mutation(({ ctx, input }) => updateSandboxBillEdits(ctx.merchant.id, userActor(ctx), input.id, input.billEdits)),
});
