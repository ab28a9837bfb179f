import { generateKeyPair, randomBytes, randomInt } from "node:crypto";
import { promisify } from "node:util";
import type { Tx } from "@/server/db";
import { randomBase32 } from "@/server/domain/ids";
import { sandboxSellerId } from "./alipay/merchant";
import { registerSandboxMerchant } from "./keys";
import type { SandboxKeys } from "./types";

export type SandboxChannelCode = "wechatpay" | "alipay";

/** RSA-2048 off the event loop (libuv's thread pool): a console request or the seed never blocks the server. */
function rsaKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  return promisify(generateKeyPair)("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

/**
 * Fresh sandbox credentials for one channel account: our side (what a real merchant would paste in)
 * and the sandbox channel's side (the keys the simulated channel signs and verifies with).
 */
export type SandboxCredentials = { credentials: Record<string, string>; channelMchId: string; sandboxKeys: SandboxKeys };

export async function generateSandboxCredentials(channel: SandboxChannelCode): Promise<SandboxCredentials> {
  const [merchantKeys, channelKeys] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  if (channel === "wechatpay") {
    const publicKeyId = `PUB_KEY_ID_${randomBytes(12).toString("hex").toUpperCase()}`;
    const mchid = `19${String(randomInt(0, 1e8)).padStart(8, "0")}`;
    const apiV3Key = randomBase32(32);
    return {
      credentials: {
        mchid,
        appid: `wx${randomBytes(8).toString("hex")}`,
        serialNo: randomBytes(20).toString("hex").toUpperCase(),
        apiV3Key,
        privateKeyPem: merchantKeys.privateKey,
        platformPublicKeyId: publicKeyId,
        platformPublicKeyPem: channelKeys.publicKey,
      },
      channelMchId: mchid,
      sandboxKeys: {
        channelPrivateKeyPem: channelKeys.privateKey,
        merchantPublicKeyPem: merchantKeys.publicKey,
        channelPublicKeyId: publicKeyId,
        apiV3Key,
      },
    };
  }
  const appId = `2021${String(randomInt(0, 1e12)).padStart(12, "0")}`;
  return {
    credentials: { appId, privateKeyPem: merchantKeys.privateKey, alipayPublicKeyPem: channelKeys.publicKey, sellerId: sandboxSellerId(appId) },
    channelMchId: appId,
    sandboxKeys: { channelPrivateKeyPem: channelKeys.privateKey, merchantPublicKeyPem: merchantKeys.publicKey },
  };
}

/**
 * Opens a merchant at the built-in sandbox for a channel account, as signing a contract with the
 * channel would: takes the account's generated credentials (made before the transaction: key generation is
 * slow), registers the sandbox side, links the two
 * (the account's fault settings live on that sandbox merchant). Returns the credentials to seal.
 */
export async function provisionSandboxMerchant(tx: Tx, channel: SandboxChannelCode, channelAccountId: string, generated: SandboxCredentials) {
  await registerSandboxMerchant(tx, { channel, channelMchId: generated.channelMchId, channelAccountId, keys: generated.sandboxKeys });
  return generated.credentials;
}
