import { AlipayRequestError, AlipaySdk, type AlipaySdkCommonResult, type AlipaySdkConfig } from "alipay-sdk";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import type { z } from "zod";
import { guardedDispatcher } from "@/server/net/outbound-guard";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, type ChannelError } from "../errors";
import type { ChannelContext } from "../types";
import type { AlipayCredentials } from "./credentials";

/**
 * Calls Alipay's gateway through the official SDK (RSA2 request signing, response signature
 * verification) and turns every failure into the channel error the core decides on.
 */

export type AlipayContext = ChannelContext<AlipayCredentials>;

/** Parameters signed beside biz_content. */
export type TopLevelParams = { notifyUrl?: string; returnUrl?: string };

/**
 * SDK instances by opened credentials (the registry opens each sealed value once), then SSRF dispatcher, then
 * base URL and timeout: an account's SDK is made once, not per call. Changed credentials are another object.
 */
const sdks = new WeakMap<AlipayCredentials, WeakMap<object, Map<string, AlipaySdk>>>();

/**
 * The account's SDK. Made once per account and call settings, its keys parsed once: the SDK keeps them as
 * PEM text and node:crypto would parse the PEM again on every signature and every check (≈ 0.6 ms for the
 * private key); every use of them in the SDK is a node:crypto sign or verify, which takes a KeyObject as well.
 */
export function alipaySdk(ctx: AlipayContext): AlipaySdk {
  const dispatcher = guardedDispatcher(ctx.outbound);
  let byDispatcher = sdks.get(ctx.credentials);
  if (!byDispatcher) sdks.set(ctx.credentials, (byDispatcher = new WeakMap()));
  let bySettings = byDispatcher.get(dispatcher);
  if (!bySettings) byDispatcher.set(dispatcher, (bySettings = new Map()));
  const key = `${ctx.baseUrl}\n${ctx.timeoutMs}`;
  let sdk = bySettings.get(key);
  if (!sdk) {
    sdk = new AlipaySdk({
      appId: ctx.credentials.appId,
      privateKey: ctx.credentials.privateKeyPem,
      keyType: "PKCS8",
      alipayPublicKey: ctx.credentials.alipayPublicKeyPem,
      signType: "RSA2",
      gateway: ctx.baseUrl,
      timeout: ctx.timeoutMs,
      // keep Alipay's snake_case field names: the answers are parsed by the wire schemas
      camelcase: false,
      // every connection (redirect hops too) through the SSRF guard: the SDK hands this dispatcher to urllib
      proxyAgent: dispatcher as unknown as AlipaySdkConfig["proxyAgent"],
    });
    // the PEM text the constructor normalised, parsed once (set after it: its config copy would mangle a KeyObject)
    const config = sdk.config as unknown as { privateKey: string | KeyObject; alipayPublicKey?: string | KeyObject };
    config.privateKey = createPrivateKey(config.privateKey as string);
    if (config.alipayPublicKey) config.alipayPublicKey = createPublicKey(config.alipayPublicKey as string);
    bySettings.set(key, sdk);
  }
  return sdk;
}

/**
 * The SDK signs every parameter it is given, empty ones too, while Alipay drops empty values
 * before verifying: an empty parameter would break the signature, so none is passed.
 */
function signedParams(bizContent: object, topLevel: TopLevelParams): Record<string, unknown> {
  const params: Record<string, unknown> = { bizContent };
  for (const [key, value] of Object.entries(topLevel)) if (value) params[key] = value;
  return params;
}

/** Connection errors that prove the request never reached the gateway. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT", "ERR_OUTBOUND_BLOCKED"]);

/**
 * The SDK wraps every failure in one AlipayRequestError: the transport error is its cause, and a
 * non-200 HTTP status only appears in its message. Alipay's gateway answers 200 to every request
 * it processed, so another status means nothing happened there.
 */
function transportError(method: string, error: unknown): ChannelError {
  const message = `${method}: ${(error as Error).message}`;
  if (error instanceof AlipayRequestError) {
    const cause = error.cause as { name?: string; code?: string } | undefined;
    if (cause?.name === "HttpClientRequestTimeoutError") return new ChannelTimeoutError(message, "TIMEOUT", { cause: error });
    if (cause?.code && NEVER_SENT.has(cause.code)) return new ChannelUnavailableError(message, cause.code, { cause: error });
    if (/^HTTP 请求错误, status: \d+/.test(error.message)) return new ChannelUnavailableError(message, "HTTP_STATUS", { cause: error });
  }
  // a connection cut mid-way, an answer that fails its signature or cannot be read: Alipay may have acted
  return new ChannelTimeoutError(message, "OUTCOME_UNKNOWN", { cause: error });
}

/** A signed answer whose code is not 10000. */
function answerError(method: string, answer: AlipaySdkCommonResult): ChannelError {
  const message = `${method}: ${answer.sub_msg ?? answer.msg} (${answer.code} ${answer.sub_code ?? ""})`;
  // 20000 and ACQ.SYSTEM_ERROR: Alipay did not finish and the outcome is unknown: query, or repeat with the same numbers
  if (answer.code === "20000" || answer.sub_code === "ACQ.SYSTEM_ERROR") return new ChannelTimeoutError(message, answer.sub_code ?? answer.code);
  return new ChannelRejectedError(message, answer.sub_code ?? answer.code);
}

/** Calls one gateway method; resolves with its answer (code 10000) read through `schema`. */
export async function callAlipay<Schema extends z.ZodType>(
  ctx: AlipayContext,
  method: string,
  bizContent: object,
  schema: Schema,
  topLevel: TopLevelParams = {},
): Promise<z.infer<Schema>> {
  let answer: AlipaySdkCommonResult;
  try {
    answer = await alipaySdk(ctx).exec(method, signedParams(bizContent, topLevel), { validateSign: true });
  } catch (error) {
    throw transportError(method, error);
  }
  if (answer.code !== "10000") throw answerError(method, answer);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ChannelTimeoutError(`${method}: unreadable answer: ${parsed.error.message}`, "OUTCOME_UNKNOWN");
  return parsed.data;
}

/** The signed gateway URL the consumer's browser opens (page.pay, wap.pay): Alipay's cashier itself. */
export function alipayPageUrl(ctx: AlipayContext, method: string, bizContent: object, topLevel: TopLevelParams): string {
  return alipaySdk(ctx).pageExecute(method, "GET", signedParams(bizContent, topLevel));
}

export function isTradeNotExist(error: unknown): boolean {
  return error instanceof ChannelRejectedError && error.code === "ACQ.TRADE_NOT_EXIST";
}
