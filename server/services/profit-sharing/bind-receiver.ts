import { ChannelRejectedError } from "@/server/channels/errors";
import { db } from "@/server/db";
import { channelForAccount } from "@/server/services/payments/channel-for-account";

const reasonOf = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return `${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}`.slice(0, 500);
};

function binding(r: { type: string; account: string; name: string | null; relationType: string; customRelation: string | null }) {
  return { type: r.type, account: r.account, name: r.name ?? undefined, relationType: r.relationType, customRelation: r.customRelation ?? undefined };
}

/**
 * Binds an ACTIVE, PENDING receiver at its channel (job): BOUND, or FAILED with the channel's reason.
 * Anything but a business rejection throws, so the job is retried.
 */
export async function bindReceiverAtChannel(receiverId: string): Promise<void> {
  const receiver = await db.profitShareReceiver.findUnique({ where: { id: receiverId } });
  if (!receiver || receiver.status !== "ACTIVE" || receiver.bindState === "BOUND") return;
  const { plugin, ctx } = await channelForAccount(receiver.channelAccountId);
  if (!plugin.profitSharing) {
    await db.profitShareReceiver.updateMany({ where: { id: receiverId, status: "ACTIVE" }, data: { bindState: "FAILED", bindError: "channel has no profit sharing" } });
    return;
  }
  try {
    await plugin.profitSharing.bindReceiver(ctx, binding(receiver));
  } catch (error) {
    if (!(error instanceof ChannelRejectedError)) throw error;
    await db.profitShareReceiver.updateMany({ where: { id: receiverId, status: "ACTIVE" }, data: { bindState: "FAILED", bindError: reasonOf(error) } });
    return;
  }
  await db.profitShareReceiver.updateMany({ where: { id: receiverId, status: "ACTIVE" }, data: { bindState: "BOUND", bindError: null } });
}

/** Unbinds a REMOVED receiver at its channel (job); a rejection (already unbound) is the end of it. */
export async function unbindReceiverAtChannel(receiverId: string): Promise<void> {
  const receiver = await db.profitShareReceiver.findUnique({ where: { id: receiverId } });
  if (!receiver || receiver.status !== "REMOVED" || receiver.bindState !== "BOUND") return;
  const { plugin, ctx } = await channelForAccount(receiver.channelAccountId);
  if (!plugin.profitSharing) return;
  try {
    await plugin.profitSharing.unbindReceiver(ctx, binding(receiver));
  } catch (error) {
    if (!(error instanceof ChannelRejectedError)) throw error;
  }
  await db.profitShareReceiver.updateMany({ where: { id: receiverId, status: "REMOVED", bindState: "BOUND" }, data: { bindState: "UNBOUND" } });
}
