import { db } from "@/server/db";
import { resolveChannel } from "@/server/channels/registry";

/** The plugin and call context for a channel account, with its app's mode deciding sandbox or live. */
export async function channelForAccount(channelAccountId: string) {
  const account = await db.channelAccount.findUniqueOrThrow({
    where: { id: channelAccountId },
    include: { app: { select: { mode: true } } },
  });
  return { account, ...resolveChannel(account, account.app.mode) };
}
