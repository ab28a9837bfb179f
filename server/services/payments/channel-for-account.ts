import type { Prisma } from "@/server/db";
import { resolveChannel } from "@/server/channels/registry";
import { Prisma as Models } from "@/server/generated/prisma/client.ts";
import { columns, sql } from "@/server/sql";
import { timedPlugin } from "@/server/services/monitoring/timed-plugin";

/** What to read with a channel account so it can be resolved: its app's mode (sandbox or live). */
const withAppMode = { app: { select: { mode: true } } } satisfies Prisma.ChannelAccountInclude;

type AccountWithAppMode = Prisma.ChannelAccountGetPayload<{ include: typeof withAppMode }>;

/** The plugin and call context for an account read with its app's mode; its channel calls are timed into the account's metrics. */
/** What resolving an account reads of it. */
export type ResolvableAccount = Pick<AccountWithAppMode, "id" | "merchantId" | "channel" | "credentialsEnc" | "baseUrl"> & { app: { mode: AccountWithAppMode["app"]["mode"] } };

export function channelOf<A extends ResolvableAccount>(account: A) {
  const { plugin, ctx } = resolveChannel(account, account.app.mode);
  return { account, plugin: timedPlugin(plugin, { channelAccountId: account.id, merchantId: account.merchantId, channel: account.channel }), ctx };
}

/** The plugin and call context for a channel account, with its app's mode deciding sandbox or live. */
export async function channelForAccount(channelAccountId: string) {
  // one prepared statement (every channel call resolves its account: the pay call of each create among them)
  const account = await findAccountWithAppMode(channelAccountId);
  if (!account) throw new Error(`no channel account ${channelAccountId}`);
  return channelOf(account);
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
