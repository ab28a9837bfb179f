import { createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";
import { Aes, Formatter, Rsa } from "wechatpay-axios-plugin";
import { NotifyVerificationError } from "../errors";
import type { InboundNotification, NotifyAnswer } from "../types";
import type { WechatpayCredentials } from "./credentials";

/** WeChat Pay's clock window for signed messages. */
const MAX_CLOCK_SKEW_SECONDS = 300;

/** Signatures of WeChat Pay's probe traffic, which must be refused. */
const SIGNATURE_PROBE = "WECHATPAY/SIGNTEST/";

const envelopeSchema = z.object({
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.literal("encrypt-resource"),
  resource: z.object({
    algorithm: z.literal("AEAD_AES_256_GCM"),
    original_type: z.string(),
    ciphertext: z.string(),
    associated_data: z.string().default(""),
    nonce: z.string(),
  }),
});

export type VerifiedNotification = { id: string; eventType: string; originalType: string; resource: unknown };

const publicKeys = new Map<string, KeyObject>();

/** WeChat Pay's public key, parsed once per PEM: parsing costs ~5× the verification itself. */
function platformPublicKey(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (publicKeys.size >= 1000) publicKeys.clear();
    publicKeys.set(pem, key);
  }
  return key;
}

function refuse(message: string): never {
  throw new NotifyVerificationError(message);
}

/**
 * Verifies a notification as WeChat Pay sends it: all four Wechatpay-* headers, no probe signature,
 * the timestamp within 5 minutes, the serial of the public key we hold, SHA256withRSA over
 * `TIMESTAMP\nNONCE\nBODY\n`; then opens the AES-256-GCM resource with the APIv3 key.
 */
export function verifyNotification(
  credentials: WechatpayCredentials,
  { headers, body }: InboundNotification,
  now: Date = new Date(),
): VerifiedNotification {
  const timestamp = headers["wechatpay-timestamp"];
  const nonce = headers["wechatpay-nonce"];
  const signature = headers["wechatpay-signature"];
  const serial = headers["wechatpay-serial"];
  if (!timestamp || !nonce || !signature || !serial) refuse("missing Wechatpay-Timestamp/Nonce/Signature/Serial");
  if (signature.startsWith(SIGNATURE_PROBE)) refuse("signature probe (WECHATPAY/SIGNTEST/)");
  // Strict base64: Node's decoder would stop at junk, so "valid-signature, anything" must not verify.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) refuse("malformed Wechatpay-Signature");
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    refuse(`timestamp ${timestamp} is more than ${MAX_CLOCK_SKEW_SECONDS} s off`);
  }
  if (serial !== credentials.platformPublicKeyId) refuse(`unknown Wechatpay-Serial ${serial}`);
  if (!Rsa.verify(Formatter.response(timestamp, nonce, body), signature, platformPublicKey(credentials.platformPublicKeyPem))) {
    refuse("signature does not verify");
  }
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(body));
  } catch {
    refuse("not a WeChat Pay notification body");
  }
  const { ciphertext, nonce: iv, associated_data, original_type } = envelope.resource;
  let plaintext: string;
  try {
    plaintext = Aes.AesGcm.decrypt(ciphertext, credentials.apiV3Key, iv, associated_data);
  } catch {
    refuse("resource does not decrypt with the APIv3 key");
  }
  let resource: unknown;
  try {
    resource = JSON.parse(plaintext);
  } catch {
    refuse("decrypted resource is not JSON");
  }
  return { id: envelope.id, eventType: envelope.event_type, originalType: original_type, resource };
}

/** Parses a decrypted resource, refusing the notification if it is not of the expected shape. */
export function resourceOf<T>(notification: VerifiedNotification, originalType: string, schema: z.ZodType<T>): T {
  if (notification.originalType !== originalType) refuse(`expected a ${originalType} resource, got ${notification.originalType}`);
  const parsed = schema.safeParse(notification.resource);
  if (!parsed.success) refuse(`malformed ${originalType} resource: ${parsed.error.message}`);
  return parsed.data;
}

/** Accepted: 204 without body. Refused: 4xx `{"code":"FAIL","message":…}`, and WeChat Pay retries. */
export function notifyAnswer(accepted: boolean, message?: string): NotifyAnswer {
  if (accepted) return { status: 204, body: "" };
  return { status: 400, contentType: "application/json", body: JSON.stringify({ code: "FAIL", message: message ?? "refused" }) };
}
