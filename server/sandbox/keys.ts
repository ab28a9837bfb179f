import type { Tx } from "@/server/db";
import type { ChannelCode } from "@/server/domain/channel-codes";
import { decryptSecret, encryptSecret } from "@/server/secrets";
import type { SandboxKeys } from "./types";

const context = (id: string) => `sandbox.keys:${id}`;

export function openSandboxKeys(merchant: { id: string; keysEnc: string }): SandboxKeys {
  return JSON.parse(decryptSecret(merchant.keysEnc, context(merchant.id))) as SandboxKeys;
}

/**
 * Registers a merchant at a sandbox channel, as signing a contract with the channel would:
 * the sandbox learns the merchant's public key and gets a key pair of its own.
 */
export async function registerSandboxMerchant(
  tx: Tx,
  input: { channel: ChannelCode; channelMchId: string; channelAccountId?: string; keys: SandboxKeys },
) {
  const id = crypto.randomUUID();
  return tx.sandboxMerchant.create({
    data: {
      id,
      channel: input.channel,
      channelMchId: input.channelMchId,
      channelAccountId: input.channelAccountId,
      keysEnc: encryptSecret(JSON.stringify(input.keys), context(id)),
    },
  });
}
