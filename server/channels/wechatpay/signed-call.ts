import { createPublicKey, type KeyObject } from "node:crypto";
import { type Dispatcher, request as undiciRequest } from "undici";
import { Formatter, Rsa } from "wechatpay-axios-plugin";
import { guardedDispatcher } from "@/server/net/outbound-guard";
import { ChannelTimeoutError } from "../errors";
import { transportError } from "../transport-error";
import type { ChannelContext } from "../types";
import { answeredError } from "./answer-error";
import type { WechatpayRequest } from "./client";
import type { WechatpayCredentials } from "./credentials";
import { merchantPrivateKey } from "./keys";

/** The SDK's bound on the answer's clock (Wechatpay-Timestamp), in seconds. */
const MAXIMUM_CLOCK_OFFSET = 300;

const USER_AGENT = `PayCenter wechatpay-axios-plugin node/${process.versions.node} ${process.platform}/${process.arch}`;

const platformKeys = new WeakMap<WechatpayCredentials, KeyObject>();

/** The platform public key, parsed once per opened credentials (node:crypto parses a PEM on every verify it is given to). */
function platformPublicKey(credentials: WechatpayCredentials): KeyObject {
  let key = platformKeys.get(credentials);
  if (!key) platformKeys.set(credentials, (key = createPublicKey(credentials.platformPublicKeyPem)));
  return key;
}

/** `base` + `path`, as axios joins them (the base URL's own path stays: the sandbox lives below /api/sandbox/wechatpay). */
export function requestUrl(baseUrl: string, path: string, params?: Record<string, string>): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`);
  for (const [key, value] of Object.entries(params ?? {})) url.searchParams.append(key, value);
  return url;
}

/** Why an answer cannot be believed (the SDK's EV3_RES_* codes), or null when its signature checks out. */
function unverifiedAnswer(credentials: WechatpayCredentials, headers: Dispatcher.ResponseData["headers"], body: string): string | null {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = header("wechatpay-timestamp");
  const nonce = header("wechatpay-nonce");
  const serial = header("wechatpay-serial");
  const signature = header("wechatpay-signature");
  if (!timestamp || !nonce || !serial || !signature) return "EV3_RES_HEADERS_INCOMPLATE";
  if (!(Math.abs(Formatter.timestamp() - Number(timestamp)) <= MAXIMUM_CLOCK_OFFSET)) return "EV3_RES_HEADER_TIMESTAMP_OFFSET";
  if (serial !== credentials.platformPublicKeyId) return "EV3_RES_HEADER_PLATFORM_SERIAL";
  if (!Rsa.verify(Formatter.response(timestamp, nonce, body), signature, platformPublicKey(credentials))) return "EV3_RES_HEADER_SIGNATURE_DIGEST";
  return null;
}

/** A JSON answer as the SDK's axios left it: parsed when it parses, else the text ("" for an empty 204). */
function parsedBody(text: string): unknown {
  if (!text) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One JSON API v3 call over undici (see callWechatpay): signed, sent through the SSRF-guarded dispatcher
 * within the call's budget (the whole call, the answer's body included), the answer verified unless it is a
 * non-2xx WeChat Pay did not sign (an unverified "no" changes nothing: the core only fails an attempt on it).
 */
export async function signedJsonCall(ctx: ChannelContext<WechatpayCredentials>, request: WechatpayRequest): Promise<unknown> {
  const { credentials } = ctx;
  const timeoutMs = request.timeoutMs ?? ctx.timeoutMs;
  const what = `WeChat Pay ${request.method} ${request.path}`;
  const url = requestUrl(ctx.baseUrl, request.path, request.params);
  const body = request.body === undefined ? "" : JSON.stringify(request.body);
  const nonce = Formatter.nonce();
  const timestamp = Formatter.timestamp();
  const signature = Rsa.sign(Formatter.request(request.method, `${url.pathname}${url.search}`, timestamp, nonce, body), merchantPrivateKey(credentials));
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number;
  let headers: Dispatcher.ResponseData["headers"];
  let text: string;
  try {
    const response = await undiciRequest(url, {
      method: request.method,
      headers: {
        ...request.headers,
        accept: "application/json",
        "user-agent": USER_AGENT,
        authorization: Formatter.authorization(credentials.mchid, nonce, signature, timestamp, credentials.serialNo),
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body || undefined,
      dispatcher: guardedDispatcher(ctx.outbound),
      signal,
      // WeChat Pay never redirects; undici's request does not follow redirects unless told to
    });
    status = response.statusCode;
    headers = response.headers;
    text = await response.body.text();
  } catch (error) {
    throw transportError("WeChat Pay", what, error, timeoutMs);
  }
  const verified = (status >= 200 && status < 300) || request.verifyStatuses?.includes(status);
  if (!verified) throw answeredError(status, text);
  const unverified = unverifiedAnswer(credentials, headers, text);
  if (unverified) throw new ChannelTimeoutError(`WeChat Pay's answer failed verification, outcome unknown: ${unverified}`, unverified);
  return parsedBody(text);
}
