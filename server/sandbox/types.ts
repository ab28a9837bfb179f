import type { SandboxMerchant, SandboxRefund, SandboxTrade } from "@/server/generated/prisma/client.ts";

/** The keys a sandbox merchant's channel side holds (sealed in SandboxMerchant.keysEnc). */
export type SandboxKeys = {
  /** The merchant's public key: the sandbox verifies request signatures with it. */
  merchantPublicKeyPem: string;
  /** The channel's private key: the sandbox signs answers and notifications with it. */
  channelPrivateKeyPem: string;
  /** WeChat Pay: the public key id (PUB_KEY_ID_…) the merchant verifies with. */
  channelPublicKeyId?: string;
  /** WeChat Pay: the API v3 key that encrypts notification resources. */
  apiV3Key?: string;
};

export type OutboundNotification = { url: string; headers: Record<string, string>; body: string };

/**
 * What each simulated channel plugs into the shared sandbox machinery (trades, notifications,
 * retries, faults). Its HTTP API lives in server/sandbox/<channel>/ and app/api/sandbox/<channel>/.
 */
export interface SandboxChannel {
  code: "wechatpay" | "alipay";
  /** The channel's own notification retry schedule, in seconds after the previous attempt. */
  retryScheduleSeconds: readonly number[];
  paymentNotification(input: { merchant: SandboxMerchant; keys: SandboxKeys; trade: SandboxTrade }): OutboundNotification;
  refundNotification(input: { merchant: SandboxMerchant; keys: SandboxKeys; trade: SandboxTrade; refund: SandboxRefund }): OutboundNotification | null;
  /** Whether the receiver's answer counts as acknowledged (WeChat: 200/204; Alipay: body `success`). */
  isAcknowledged(status: number, body: string): boolean;
}
