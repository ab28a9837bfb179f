import { channelPlugin } from "@/server/channels/registry";
import { maskCredentials } from "@/server/domain/credential-fields";
import { parseFaults } from "@/server/sandbox/faults";
import { findMerchantChannelAccount, openStoredCredentials } from "./find-channel-account";
import { linkedSandboxMerchant } from "./update-sandbox-faults";

/**
 * One channel account for its edit form: settings, the non-secret credential values, which secrets
 * are set (never their values), and the sandbox's fault settings when it is connected there.
 */
export async function getChannelAccount(merchantId: string, id: string) {
  const account = await findMerchantChannelAccount(merchantId, id);
  const plugin = channelPlugin(account.channel);
  const sandbox = await linkedSandboxMerchant(account.id);
  return {
    id: account.id,
    channel: account.channel,
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
    sandbox: sandbox ? { channelMchId: sandbox.channelMchId, faults: parseFaults(sandbox.faults) } : null,
  };
}
