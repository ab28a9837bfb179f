import { channelPlugin } from "@/server/channels/registry";
import { db } from "@/server/db";
import type { ReceiverCreateInput } from "@/server/domain/profit-sharing-schema";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { enqueueJob } from "@/server/jobs/enqueue";
import { bindReceiver as bindReceiverJob, unbindReceiver as unbindReceiverJob } from "@/server/jobs/tasks/profit-sharing-jobs";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { findMerchantChannelAccount } from "@/server/services/channel-accounts/find-channel-account";

export const receiverSelect = {
  id: true,
  appId: true,
  channelAccountId: true,
  channel: true,
  type: true,
  account: true,
  name: true,
  relationType: true,
  customRelation: true,
  status: true,
  bindState: true,
  bindError: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProfitShareReceiverSelect;

export type ReceiverView = Prisma.ProfitShareReceiverGetPayload<{ select: typeof receiverSelect }>;

/** The receiver types a channel accepts (empty: the channel has no profit sharing). */
export function receiverTypesOf(channel: string): readonly string[] {
  return channelPlugin(channel).profitSharing?.receiverTypes ?? [];
}

/** The merchant's receivers (removed ones too, last), optionally of one app. */
export async function listReceivers(merchantId: string, filter: { appId?: string; includeRemoved?: boolean } = {}): Promise<ReceiverView[]> {
  return db.profitShareReceiver.findMany({
    where: { merchantId, appId: filter.appId, status: filter.includeRemoved ? undefined : "ACTIVE" },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    select: receiverSelect,
  });
}

/**
 * Adds a receiver at one of the merchant's channel accounts: written PENDING, bound at the channel by
 * a job (BOUND, or FAILED with the channel's reason). Re-adding a removed receiver activates it again.
 */
export async function createReceiver(merchantId: string, actor: AuditActor, input: ReceiverCreateInput): Promise<ReceiverView> {
  return db.$transaction(async (tx) => {
    const account = await findMerchantChannelAccount(merchantId, input.channelAccountId, tx);
    const types = receiverTypesOf(account.channel);
    if (!types.includes(input.type)) {
      throw new AppError("VALIDATION_FAILED", types.length ? `type must be one of ${types.join(", ")}` : "this channel has no profit sharing", { field: "type" });
    }
    const data = {
      name: input.name ?? null,
      relationType: input.relationType,
      customRelation: input.customRelation ?? null,
      status: "ACTIVE" as const,
      bindState: "PENDING",
      bindError: null,
    };
    const existing = await tx.profitShareReceiver.findUnique({
      where: { channelAccountId_type_account: { channelAccountId: account.id, type: input.type, account: input.account } },
    });
    if (existing?.status === "ACTIVE") throw new AppError("RECEIVER_EXISTS", "this receiver already exists", { field: "account" });
    const receiver = existing
      ? await tx.profitShareReceiver.update({ where: { id: existing.id }, data, select: receiverSelect })
      : await tx.profitShareReceiver.create({
          data: { merchantId, appId: account.appId, channelAccountId: account.id, channel: account.channel, type: input.type, account: input.account, ...data },
          select: receiverSelect,
        });
    await enqueueJob(tx, bindReceiverJob, { receiverId: receiver.id }, { jobKey: `bind-receiver:${receiver.id}`, queueName: "profit-sharing" });
    await recordAudit(tx, actor, {
      merchantId,
      action: "profit_share_receiver.created",
      targetType: "profit_share_receiver",
      targetId: receiver.id,
      after: { channelAccountId: account.id, type: receiver.type, account: receiver.account, name: receiver.name, relationType: receiver.relationType },
    });
    return receiver;
  });
}

/** Removes a receiver: no new split may name it; unbound at the channel by a job. Its rules are disabled. */
export async function removeReceiver(merchantId: string, actor: AuditActor, receiverId: string): Promise<ReceiverView> {
  return db.$transaction(async (tx) => {
    const changed = await tx.profitShareReceiver.updateMany({ where: { id: receiverId, merchantId, status: "ACTIVE" }, data: { status: "REMOVED" } });
    const receiver = await tx.profitShareReceiver.findFirst({ where: { id: receiverId, merchantId }, select: receiverSelect });
    if (!receiver) throw new AppError("RECEIVER_NOT_FOUND", "no such receiver");
    if (changed.count === 0) return receiver;
    await tx.profitShareRule.updateMany({ where: { receiverId, enabled: true }, data: { enabled: false } });
    await enqueueJob(tx, unbindReceiverJob, { receiverId }, { jobKey: `bind-receiver:${receiverId}`, queueName: "profit-sharing" });
    await recordAudit(tx, actor, {
      merchantId,
      action: "profit_share_receiver.removed",
      targetType: "profit_share_receiver",
      targetId: receiverId,
      before: { status: "ACTIVE" },
      after: { status: "REMOVED" },
    });
    return receiver;
  });
}
