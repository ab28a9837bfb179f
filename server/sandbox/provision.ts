import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import type { Tx } from "@/server/db";
import type { ChannelCode } from "@/server/domain/channel-codes";
import { registerSandboxMerchant } from "./keys";
import { sandboxChannel } from "./registry";
import type { KeyPair, SandboxCredentials } from "./types";

export type { SandboxCredentials };

/** RSA-2048 off the event loop (libuv's thread pool): a console request or the seed never blocks the server. */
function rsaKeyPair(): Promise<KeyPair> {
  return promisify(generateKeyPair)("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

/** Fresh sandbox credentials for one channel account, issued by the channel's simulator from two new key pairs. */
export async function generateSandboxCredentials(channel: ChannelCode): Promise<SandboxCredentials> {
  const [merchant, channelKeys] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  return sandboxChannel(channel).issueCredentials({ merchant, channel: channelKeys });
}

/**
 * Opens a merchant at the built-in sandbox for a channel account, as signing a contract with the
 * channel would: takes the account's generated credentials (made before the transaction: key generation is
 * slow), registers the sandbox side, links the two
 * (the account's fault settings live on that sandbox merchant). Returns the credentials to seal.
 */
export async function provisionSandboxMerchant(tx: Tx, channel: ChannelCode, channelAccountId: string, generated: SandboxCredentials) {
  await registerSandboxMerchant(tx, { channel, channelMchId: generated.channelMchId, channelAccountId, keys: generated.sandboxKeys });
  return generated.credentials;
}
