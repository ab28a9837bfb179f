import { db, type Prisma } from "@/server/db";
import { resolveChannel } from "@/server/channels/registry";
import { Prisma as Models } from "@/server/generated/prisma/client.ts";
import { columns, sql } from "@/server/sql";
import { timedPlugin } from "@/server/services/monitoring/timed-plugin";

/** What to read with a channel account so it can be resolved: its app's mode (sandbox or live). */
const withAppMode = { app: { select: { mode: true } } } satisfies Prisma.ChannelAccountInclude;

type AccountWithAppMode = Prisma.ChannelAccountGetPayload<{ include: typeof withAppMode }>;

/** The plugin and call context for an account read with its app's mode; its channel calls are timed into the account's metrics. */
export function channelOf(account: AccountWithAppMode) {
  const { plugin, ctx } = resolveChannel(account, account.app.mode);
  return { account, plugin: timedPlugin(plugin, { channelAccountId: account.id, merchantId: account.merchantId, channel: account.channel }), ctx };
}

/** The plugin and call context for a channel account, with its app's mode deciding sandbox or live. */
export async function channelForAccount(channelAccountId: string) {
  return channelOf(await db.channelAccount.findUniqueOrThrow({ where: { id: channelAccountId }, include: withAppMode }));
}

/** A channel account with its app's mode, or null: one query on the callback path (server/sql.ts). */
export async function findAccountWithAppMode(channelAccountId: string): Promise<AccountWithAppMode | null> {
  const { rows } = await sql<AccountWithAppMode>(
    `SELECT ${columns(Models.ChannelAccountScalarFieldEnum, "a")}, json_build_object('mode', app.mode) AS app
     FROM "ChannelAccount" a JOIN "App" app ON app.id = a."appId" WHERE a.id = $1`,
    [channelAccountId],
  );
  return rows[0] ?? null;
}
