import type { Tx } from "@/server/db";
import type { ChannelCode } from "@/server/domain/channel-codes";
import { decryptSecret, encryptSecret } from "@/server/secrets";
import type { SandboxKeys } from "./types";

const context = (id: string) => `sandbox.keys:${id}`;

/** Opened keys by merchant and sealed value (every simulated API call opens its merchant's keys). */
const opened = new Map<string, SandboxKeys>();

export function openSandboxKeys(merchant: { id: string; keysEnc: string }): SandboxKeys {
  const key = `${merchant.id}\n${merchant.keysEnc}`;
  let keys = opened.get(key);
  if (!keys) {
    keys = Object.freeze(JSON.parse(decryptSecret(merchant.keysEnc, context(merchant.id))) as SandboxKeys);
    if (opened.size >= 1000) opened.clear();
    opened.set(key, keys);
  }
  return keys;
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
