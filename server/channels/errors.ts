/**
 * What can go wrong when calling a channel, in the terms the core decides on:
 * - ChannelRejectedError: the channel answered and said no (business error). Nothing happened there.
 * - ChannelUnavailableError: the channel could not have accepted the request (connection refused,
 *   DNS, 5xx on create). Safe to try another channel account.
 * - ChannelTimeoutError: no answer in time. The channel MAY have acted: never mark the attempt failed,
 *   never retry it elsewhere; query it later.
 * - NotifyVerificationError: an inbound notification failed its signature, timestamp or decryption
 *   (NotifyMismatchError: it verified, but names another app or seller).
 */
export class ChannelError extends Error {
  constructor(
    message: string,
    /** The channel's own error code when it gave one (ORDERPAID, ACQ.TRADE_NOT_EXIST…). */
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ChannelRejectedError extends ChannelError {}
export class ChannelUnavailableError extends ChannelError {}
export class ChannelTimeoutError extends ChannelError {}
export class NotifyVerificationError extends ChannelError {}
/**
 * A notification whose signature verifies but which is about another account (app id, seller):
 * refused like a forgery, and recorded as a mismatch rather than a bad signature.
 */
export class NotifyMismatchError extends NotifyVerificationError {}
/** A method the plugin does not support (e.g. a mode the channel lacks). */
export class ChannelUnsupportedError extends ChannelError {}
/** A bill file that is malformed or whose own summary disagrees with its rows: never matched. */
export class BillFormatError extends ChannelError {}

/**
 * Channel-neutral codes a plugin's profit-sharing methods put on a ChannelRejectedError where the
 * channel's own code is ambiguous (docs/profit-sharing.md):
 * - SPLIT_RETRY_LATER: the channel cannot split this trade YET (WeChat 400 INVALID_REQUEST
 *   "订单处理中，请稍后重试" in the first ~60 s after payment, 429 FREQUENCY_LIMITED). Nothing happened:
 *   send the same request again later, with the same number.
 * - SPLIT_NOT_FOUND: the channel knows no such split / return order (never reached it).
 */
export const SPLIT_RETRY_LATER = "SPLIT_RETRY_LATER";
export const SPLIT_NOT_FOUND = "SPLIT_NOT_FOUND";

/**
 * A barcode trade's reverse that the channel wants again later (WeChat USERPAYING while the payer
 * enters a password, Alipay retry_flag=Y): nothing changed; call reverse again after a pause.
 */
export const REVERSE_RETRY_LATER = "REVERSE_RETRY_LATER";
