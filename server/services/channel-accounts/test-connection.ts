import { randomBytes } from "node:crypto";
import { ChannelError, ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "@/server/channels/errors";
import { resolveChannel } from "@/server/channels/registry";
import { findMerchantChannelAccount } from "./find-channel-account";

export type ConnectionVerdict = "ok" | "signatureRejected" | "answerUnverified" | "unreachable" | "timeout" | "rejected" | "error";

/** A refusal that means the channel did not accept who we are or how we signed. */
const AUTH_REFUSAL = /SIGN|signature|invalid-app-id|INVALID_APP|未开通|签名|NO_AUTH|MCH_NOT_EXISTS|invalid-auth/i;
/** Our side could not verify the channel's answer (wrong platform / Alipay public key). */
const UNVERIFIED = /verif|验签|sign/i;

/** What a channel call's failure says about the account's configuration (pure, unit-tested). */
export function connectionVerdict(error: unknown): ConnectionVerdict {
  if (!(error instanceof ChannelError)) return "error";
  if (error instanceof ChannelRejectedError) return AUTH_REFUSAL.test(`${error.code ?? ""} ${error.message}`) ? "signatureRejected" : "rejected";
  if (error instanceof ChannelUnavailableError) return "unreachable";
  if (error instanceof ChannelTimeoutError) return error.code === "TIMEOUT" ? "timeout" : UNVERIFIED.test(error.message) ? "answerUnverified" : "timeout";
  return "error";
}

/**
 * Asks the channel (or the sandbox, for TEST apps) about an order that cannot exist: a verified "order
 * not found" proves our request signature was accepted and the channel's answer verifies with the
 * stored public key (the plugin's verifyCredentials where it has one, else its query). Changes nothing,
 * here or at the channel.
 */
export async function testChannelConnection(merchantId: string, id: string) {
  const account = await findMerchantChannelAccount(merchantId, id);
  const { plugin, ctx } = resolveChannel(account, account.app.mode);
  const outTradeNo = `PCTEST${Date.now()}${randomBytes(4).toString("hex")}`;
  const started = performance.now();
  try {
    let detail = "NOT_FOUND";
    if (plugin.verifyCredentials) await plugin.verifyCredentials(ctx, outTradeNo);
    else detail = (await plugin.query(ctx, outTradeNo)).state;
    const latencyMs = Math.round(performance.now() - started);
    return { ok: true, verdict: "ok" as ConnectionVerdict, latencyMs, baseUrl: ctx.baseUrl, detail };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const verdict = connectionVerdict(error);
    const detail = error instanceof ChannelError ? `${error.code ? `${error.code}: ` : ""}${error.message}` : "unexpected error";
    return { ok: false, verdict, latencyMs, baseUrl: ctx.baseUrl, detail: detail.slice(0, 500) };
  }
}
