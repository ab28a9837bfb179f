import { CASHIER_PAYABLE_MODES } from "@/server/domain/payable";
import { AppError } from "@/server/errors";
import { sql } from "@/server/sql";

export const NO_CHANNEL_ACCOUNT_MESSAGE = "this app has no enabled channel account that can take payments; add one in the console (Apps → Channel accounts)";

/**
 * Refuses an order the app could never take (server/domain/payable.ts): one indexed look at its channel accounts,
 * before anything is written, so the consumer never lands on a cashier with nothing to pay with.
 */
export async function requirePayableApp(appId: string): Promise<void> {
  const { rows } = await sql<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "ChannelAccount" WHERE "appId" = $1 AND status = 'ENABLED' AND modes && $2::text[]) AS ok`,
    [appId, [...CASHIER_PAYABLE_MODES]],
  );
  if (!rows[0]?.ok) throw new AppError("NO_CHANNEL_ACCOUNT", NO_CHANNEL_ACCOUNT_MESSAGE);
}
