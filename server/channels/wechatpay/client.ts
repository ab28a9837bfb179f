import type { AxiosError } from "axios";
import { Decorator } from "wechatpay-axios-plugin";
import { guardedNodeAgents } from "@/server/net/outbound-guard";
import { isNeverSent } from "../transport-error";
import { answeredError } from "./answer-error";
import { signedJsonCall } from "./signed-call";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import type { ChannelContext } from "../types";
import type { WechatpayCredentials } from "./credentials";

export type WechatpayRequest = {
  method: "GET" | "POST";
  /** Below the base URL, e.g. `/v3/pay/transactions/native`. */
  path: string;
  params?: Record<string, string>;
  body?: object;
  /** Extra headers, e.g. `Wechatpay-Serial` naming the platform key that encrypted a field. */
  headers?: Record<string, string>;
  /** `arraybuffer` / `stream` for file downloads, which WeChat Pay does not sign (their hash is checked instead). */
  responseType?: "json" | "arraybuffer" | "stream";
  /** The call's budget when not the account's (a bill's download takes longer than an API call). */
  timeoutMs?: number;
  /**
   * Non-2xx statuses whose answers are verified like a 2xx and returned instead of thrown (the SDK
   * verifies only 2xx answers by default), e.g. 404 for a signed ORDER_NOT_EXIST.
   */
  verifyStatuses?: readonly number[];
};

type V3Client = InstanceType<typeof Decorator>["v3"];

/**
 * The SDK's client of an account, made once per opened credentials (the registry opens each sealed
 * value once, server/channels/registry.ts) and base URL: the SDK parses the merchant's private key and
 * the platform public key into KeyObjects when the client is made, so a client per call parsed both PEMs
 * (and built an axios instance) on every request. Changed credentials are another object, hence another client.
 */
const clients = new WeakMap<WechatpayCredentials, Map<string, V3Client>>();

export function clientFor(credentials: WechatpayCredentials, baseUrl: string): V3Client {
  let byBaseUrl = clients.get(credentials);
  if (!byBaseUrl) clients.set(credentials, (byBaseUrl = new Map()));
  let client = byBaseUrl.get(baseUrl);
  if (!client) {
    client = new Decorator({
      baseURL: baseUrl,
      mchid: credentials.mchid,
      serial: credentials.serialNo,
      privateKey: credentials.privateKeyPem,
      certs: { [credentials.platformPublicKeyId]: credentials.platformPublicKeyPem },
    }).v3;
    byBaseUrl.set(baseUrl, client);
  }
  return client;
}

/**
 * One signed API v3 call, the wire protocol of CHANNELS.md: the request signed with the merchant's key
 * (Authorization: WECHATPAY2-SHA256-RSA2048 over METHOD, path with query, timestamp, nonce and body), the
 * answer's Wechatpay-Signature verified with the platform public key before anything in it is believed,
 * the call's time budget, and every failure turned into the error the core decides on.
 *
 * JSON calls go over undici with the official SDK's own signing primitives (`Formatter`, `Rsa`): the
 * SDK's axios pipeline cost about 1 ms of CPU a call (config merging, interceptors, transforms) — as much
 * as the RSA signature itself (docs/adr/0026). File downloads (stream, arraybuffer; WeChat Pay does not
 * sign them) keep the SDK's client.
 */
export async function callWechatpay<T>(ctx: ChannelContext<WechatpayCredentials>, request: WechatpayRequest): Promise<T> {
  if (request.responseType && request.responseType !== "json") return callThroughSdk<T>(ctx, request);
  return (await signedJsonCall(ctx, request)) as T;
}

async function callThroughSdk<T>(ctx: ChannelContext<WechatpayCredentials>, request: WechatpayRequest): Promise<T> {
  const client = clientFor(ctx.credentials, ctx.baseUrl);
  try {
    const response = await client.request<T>({
      method: request.method,
      url: request.path,
      params: request.params,
      data: request.body,
      ...(request.headers ? { headers: request.headers } : {}),
      responseType: request.responseType ?? "json",
      // a hard budget for the whole call (axios' own `timeout` only bounds socket inactivity)
      signal: AbortSignal.timeout(request.timeoutMs ?? ctx.timeoutMs),
      // every connection through the SSRF guard; WeChat Pay never redirects, and no proxy from the environment
      ...guardedNodeAgents(ctx.outbound),
      maxRedirects: 0,
      proxy: false,
    });
    return response.data;
  } catch (error) {
    throw channelErrorOf(error, request.timeoutMs ?? ctx.timeoutMs);
  }
}

/** Whether WeChat Pay answered the business error `code` (e.g. 404 ORDER_NOT_EXIST). */
export function isRejectedWith(error: unknown, code: string): boolean {
  return error instanceof ChannelRejectedError && error.code === code;
}

function isAxiosError(error: unknown): error is AxiosError {
  return typeof error === "object" && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

/**
 * - the SDK could not verify a 2xx answer (EV3_RES_*): WeChat Pay may have acted, we cannot trust what it said → timeout;
 * - 5xx → unavailable; any other non-2xx is WeChat Pay's business answer → rejected, with its code;
 * - no answer: connection never made → unavailable; aborted by our budget, reset, anything else → timeout.
 */
export function channelErrorOf(error: unknown, timeoutMs: number): unknown {
  if (!isAxiosError(error)) return error;
  const cause = { cause: error };
  if (error.code?.startsWith("EV3_RES_")) {
    return new ChannelTimeoutError(`WeChat Pay's answer failed verification, outcome unknown: ${error.message}`, error.code, cause);
  }
  if (error.response) {
    return answeredError(error.response.status, error.response.data, cause);
  }
  if (error.code && isNeverSent(error.code)) {
    return new ChannelUnavailableError(`WeChat Pay unreachable: ${error.code}`, error.code, cause);
  }
  if (error.code === "ERR_CANCELED") {
    return new ChannelTimeoutError(`no answer from WeChat Pay within ${timeoutMs} ms`, "TIMEOUT", cause);
  }
  return new ChannelTimeoutError(`WeChat Pay call interrupted, outcome unknown: ${error.code ?? error.message}`, error.code, cause);
}
