import type { ChannelCode } from "@/server/domain/channel-codes";
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
  /** UnionPay: the channel's signing certificate (signPubKeyCert), PEM, issued by its middle CA. */
  channelCertificatePem?: string;
  /** UnionPay: the merchant's signing certificate serial (certId, decimal) the sandbox expects on requests. */
  merchantCertificateId?: string;
  /** WeChat: the AppSecret of the official account bound to the merchant (OAuth's access_token checks it). */
  officialAccountSecret?: string;
};

export type OutboundNotification = { url: string; headers: Record<string, string>; body: string };

export type KeyPair = { publicKey: string; privateKey: string };

/**
 * Fresh sandbox credentials for one channel account: our side (what a real merchant would paste in,
 * valid for the plugin's credentials schema) and the sandbox channel's side (the keys the simulated
 * channel signs and verifies with).
 */
export type SandboxCredentials = { credentials: Record<string, string>; channelMchId: string; sandboxKeys: SandboxKeys };

/**
 * What each simulated channel plugs into the shared sandbox machinery (trades, notifications,
 * retries, faults, the payer pages). Its code lives in server/sandbox/<channel>/; its HTTP API is
 * served at /api/sandbox/<channel>/… (app/api/sandbox/[channel]/[...path]), its payer page at
 * /sandbox/<channel>/pay/<channelTradeNo>.
 */
export interface SandboxChannel {
  code: ChannelCode;
  /** The simulated channel's HTTP API: `path` is what follows /api/sandbox/<channel>/. */
  handleRequest(request: Request, path: string[]): Promise<Response>;
  /**
   * Opens a merchant as the channel's console would: the credentials the merchant gets (and pastes
   * into PayCenter) and the keys the sandbox keeps, from two fresh RSA key pairs (merchant's, channel's).
   */
  issueCredentials(keys: { merchant: KeyPair; channel: KeyPair }): SandboxCredentials;
  /**
   * Where the payer page sends the browser once the payer acted, as the channel's app does; null: it
   * stays. `redirectUrl` is what the merchant appended to the page's URL (WeChat H5's redirect_url).
   */
  payerReturnAddress(input: { trade: SandboxTrade; keys: SandboxKeys; redirectUrl?: string }): string | null;
  /** The channel's own notification retry schedule, in seconds after the previous attempt. */
  retryScheduleSeconds: readonly number[];
  paymentNotification(input: { merchant: SandboxMerchant; keys: SandboxKeys; trade: SandboxTrade }): OutboundNotification;
  refundNotification(input: { merchant: SandboxMerchant; keys: SandboxKeys; trade: SandboxTrade; refund: SandboxRefund }): OutboundNotification | null;
  /** Whether the receiver's answer counts as acknowledged (WeChat: 200/204; Alipay: body `success`). */
  isAcknowledged(status: number, body: string): boolean;
}
