import { loadEnv } from "./env";
import { type Keyring, open, parseKey, seal } from "./domain/secret-box";

/** The keyring from the environment: PAYCENTER_ENCRYPTION_KEY plus any retired keys. */
function keyring(): Keyring {
  const env = loadEnv();
  return {
    current: parseKey(env.PAYCENTER_ENCRYPTION_KEY),
    previous: (env.PAYCENTER_ENCRYPTION_KEYS_PREVIOUS ?? "").split(",").filter(Boolean).map(parseKey),
  };
}

/** Seal a secret for storage; `context` names the row and field it belongs to. */
export function encryptSecret(plaintext: string, context: string): string {
  return seal(keyring(), plaintext, context);
}

export function decryptSecret(envelope: string, context: string): string {
  return open(keyring(), envelope, context);
}

/** Contexts used for sealed columns, so every caller binds the same AAD. */
export const secretContext = {
  appSecret: (appId: string) => `app.secret:${appId}`,
  appPreviousSecret: (appId: string) => `app.previousSecret:${appId}`,
  channelCredentials: (channelAccountId: string) => `channelAccount.credentials:${channelAccountId}`,
  bankAccount: (merchantId: string) => `merchant.bankAccount:${merchantId}`,
  alertTarget: (targetId: string) => `alertTarget.config:${targetId}`,
};
