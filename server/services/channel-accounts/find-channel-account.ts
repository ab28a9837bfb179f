import { db, type Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import { decryptSecret, secretContext } from "@/server/secrets";

/** One of the merchant's channel accounts with its app's mode, or NOT_FOUND. */
export async function findMerchantChannelAccount(merchantId: string, id: string, client: Tx | typeof db = db) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND", "no such channel account");
  const account = await client.channelAccount.findFirst({
    where: { id, merchantId },
    include: { app: { select: { id: true, name: true, mode: true } } },
  });
  if (!account) throw new AppError("NOT_FOUND", "no such channel account");
  return account;
}

/** The stored credentials, opened (server side only: never returned to the console as they are). */
export function openStoredCredentials(account: { id: string; credentialsEnc: string }): Record<string, unknown> {
  return JSON.parse(decryptSecret(account.credentialsEnc, secretContext.channelCredentials(account.id))) as Record<string, unknown>;
}

/** What the audit log records of a channel account: settings and the channel identity, never a credential. */
export function channelAccountSnapshot(
  account: { name: string; channel: string; modes: string[]; feeRateBps: number; subsidyBps: number; priority: number; status: string; baseUrl: string | null },
  identity: { channelAppId: string; channelMchId?: string },
) {
  return {
    name: account.name,
    channel: account.channel,
    modes: account.modes,
    feeRateBps: account.feeRateBps,
    subsidyBps: account.subsidyBps,
    priority: account.priority,
    status: account.status,
    baseUrl: account.baseUrl,
    channelAppId: identity.channelAppId,
    channelMchId: identity.channelMchId ?? null,
  };
}
