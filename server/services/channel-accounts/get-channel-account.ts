import { channelPlugin } from "@/server/channels/registry";
import { maskCredentials } from "@/server/domain/credential-fields";
import { sandboxMerchantOfAccount } from "@/server/sandbox";
import { findMerchantChannelAccount, openStoredCredentials } from "./find-channel-account";

/**
 * One channel account for its edit form: settings, the non-secret credential values, which secrets
 * are set (never their values), and the sandbox's fault settings when it is connected there.
 */
export async function getChannelAccount(merchantId: string, id: string) {
  const account = await findMerchantChannelAccount(merchantId, id);
  const plugin = channelPlugin(account.channel);
  const sandbox = await sandboxMerchantOfAccount(account.id);
  return {
    id: account.id,
    channel: plugin.code,
    name: account.name,
    modes: account.modes,
    feeRateBps: account.feeRateBps,
    subsidyBps: account.subsidyBps,
    priority: account.priority,
    status: account.status,
    baseUrl: account.baseUrl,
    updatedAt: account.updatedAt,
    app: account.app,
    credentials: maskCredentials(openStoredCredentials(account), plugin.secretFields),
    sandbox: sandbox ? { channelMchId: sandbox.channelMchId, faults: sandbox.faults } : null,
  };
}
