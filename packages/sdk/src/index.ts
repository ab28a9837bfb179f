export { PayCenter, OPERATIONS, type PayCenterOptions } from "./client.js";
export { ERROR_STATUS, PayCenterConnectionError, PayCenterError, errorFamily, isPayCenterError, type PayCenterErrorCode, type PayCenterErrorFamily } from "./errors.js";
export type { CallInfo, RequestOptions, RetryOptions } from "./http.js";
export { autoPage } from "./pagination.js";
export { hmacSignature, newNonce, rsaSignature, signRequest, stringToSign, type SignedHeaders, type Signer } from "./signing.js";
export type * from "./types.js";
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  isValidWebhook,
  verifyWebhook,
  webhookSignatureHeader,
  WebhookVerificationError,
  type VerifyWebhookOptions,
  type WebhookFailure,
} from "./webhooks.js";
