import { createHash, type KeyObject, type X509Certificate } from "node:crypto";
import { type Dispatcher, fetch } from "undici";
import type { z } from "zod";
import { guardedDispatcher, type OutboundPolicy } from "@/server/net/outbound-guard";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, type ChannelError } from "../errors";
import { transportError } from "../transport-error";
import type { ChannelContext } from "../types";
import { ACP_ENCODING, ACP_VERSION, type Fields, parseAnswer, SIGN_METHOD_RSA, signedRequest, verifyFields } from "./acp";
import { openSigningPfx, readCertificate, type SigningIdentity, verifyUnionpayCertificate } from "./certificates";
import type { UnionpayCredentials } from "./credentials";
import { respClass } from "./transformers";

/**
 * One signed ACP call (back-end, query, file download): the form POSTed with the account's signing
 * key, the answer verified with its signPubKeyCert once that certificate chains to UnionPay's middle
 * and root certificates, and every failure turned into the channel errors the core decides on.
 */

export type UnionpayContext = ChannelContext<UnionpayCredentials>;

type Opened = { signing: SigningIdentity; middle: X509Certificate; root: X509Certificate };

/** Opened credentials per credentials object (the registry hands the same frozen object for a sealed value). */
const openedCredentials = new WeakMap<UnionpayCredentials, Opened>();

export function openCredentials(credentials: UnionpayCredentials): Opened {
  let opened = openedCredentials.get(credentials);
  if (!opened) {
    opened = {
      signing: openSigningPfx(credentials.signCertPfx, credentials.signCertPassword),
      middle: readCertificate(credentials.middleCertPem),
      root: readCertificate(credentials.rootCertPem),
    };
    openedCredentials.set(credentials, opened);
  }
  return opened;
}

/** The production host signs with a certificate naming 中国银联股份有限公司; elsewhere the test identity 00040000:SIGN is accepted too (the SDK's ifValidateCNName=false). */
function isProduction(ctx: UnionpayContext): boolean {
  try {
    return new URL(ctx.baseUrl).hostname === "gateway.95516.com";
  } catch {
    return false;
  }
}

/** Verified signPubKeyCert public keys, by certificate and trust (the chain check costs more than the signature). */
const trustedKeys = new Map<string, KeyObject>();

/**
 * Verifies a signed message from UnionPay (answer or notification): its signPubKeyCert chains to the
 * account's middle and root certificates and names UnionPay, and its signature verifies under it.
 * Returns null when it does, else why not.
 */
export function checkUnionpaySignature(ctx: UnionpayContext, fields: Fields, now = new Date()): string | null {
  if (fields.signMethod !== SIGN_METHOD_RSA) return `signMethod ${fields.signMethod ?? "(none)"} is not 01`;
  const pem = fields.signPubKeyCert;
  if (!pem) return "no signPubKeyCert";
  const { middle, root } = openCredentials(ctx.credentials);
  const key = createHash("sha256").update(pem).update(middle.fingerprint256).update(root.fingerprint256).update(String(isProduction(ctx))).digest("hex");
  let publicKey = trustedKeys.get(key);
  if (!publicKey || !validNow(pem, now)) {
    const checked = verifyUnionpayCertificate(pem, { middle, root }, { now, acceptTestIdentity: !isProduction(ctx) });
    if (!checked.ok) return checked.reason;
    publicKey = checked.certificate.publicKey;
    if (trustedKeys.size >= 100) trustedKeys.clear();
    trustedKeys.set(key, publicKey);
  }
  return verifyFields(fields, publicKey) ? null : "the signature does not verify";
}

const validity = new Map<string, { from: number; to: number }>();
function validNow(pem: string, now: Date): boolean {
  let dates = validity.get(pem);
  if (!dates) {
    const cert = readCertificate(pem);
    dates = { from: new Date(cert.validFrom).getTime(), to: new Date(cert.validTo).getTime() };
    if (validity.size >= 100) validity.clear();
    validity.set(pem, dates);
  }
  return dates.from <= now.getTime() && now.getTime() <= dates.to;
}

/** The fields every request carries, signed with the account's key. */
export function signedAcpRequest(ctx: UnionpayContext, fields: Record<string, string | undefined>): Fields {
  const { signing } = openCredentials(ctx.credentials);
  return signedRequest(
    { version: ACP_VERSION, encoding: ACP_ENCODING, signMethod: SIGN_METHOD_RSA, accessType: "0", merId: ctx.credentials.merId, ...fields },
    signing.certId,
    signing.privateKey,
  );
}

/** One dispatcher (connection pool) per outbound policy: connections are reused across calls. */
const dispatchers = new WeakMap<OutboundPolicy, Dispatcher>();
function dispatcherFor(policy: OutboundPolicy): Dispatcher {
  let dispatcher = dispatchers.get(policy);
  if (!dispatcher) {
    dispatcher = guardedDispatcher(policy);
    dispatchers.set(policy, dispatcher);
  }
  return dispatcher;
}

function transportFailure(what: string, error: unknown, timeoutMs: number): ChannelError {
  return transportError("UnionPay", what, error, timeoutMs);
}

/** POSTs a signed form; resolves with the raw answer text (status 200) or throws a ChannelError. */
export async function postForm(ctx: UnionpayContext, url: string, form: Fields, what: string): Promise<string> {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": `application/x-www-form-urlencoded; charset=${ACP_ENCODING}` },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
      dispatcher: dispatcherFor(ctx.outbound),
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (error) {
    throw transportFailure(what, error, ctx.timeoutMs);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportFailure(what, error, ctx.timeoutMs);
  }
  // the gateway answers 200 to what it processed; anything else means it did not act
  if (response.status !== 200) throw new ChannelUnavailableError(`${what}: UnionPay answered HTTP ${response.status}`, "HTTP_STATUS");
  return text;
}

/**
 * A back-end or query call: POST, parse, verify (an answer that does not verify may still report an
 * action: outcome unknown), read through `schema`. respCode 00 resolves; 03/04/05 (processing,
 * unknown) throw ChannelTimeoutError; 34 and other codes throw ChannelRejectedError with the code.
 */
export async function callAcp<Schema extends z.ZodType>(
  ctx: UnionpayContext,
  path: "backTransReq.do" | "queryTrans.do",
  fields: Record<string, string | undefined>,
  schema: Schema,
  what: string,
): Promise<z.infer<Schema>> {
  const text = await postForm(ctx, `${ctx.baseUrl}/${path}`, signedAcpRequest(ctx, fields), what);
  const answer = parseAnswer(text);
  if (!answer.respCode) throw new ChannelTimeoutError(`${what}: unreadable answer`, "OUTCOME_UNKNOWN");
  // answers to requests UnionPay refused before reading them (bad signature, unknown merchant) are not signed
  const refusedUnsigned = !answer.signature && respClass(answer.respCode) === "refused";
  if (refusedUnsigned) throw new ChannelRejectedError(`${what}: ${answer.respMsg ?? ""} (${answer.respCode})`, answer.respCode);
  const unverified = checkUnionpaySignature(ctx, answer);
  if (unverified) throw new ChannelTimeoutError(`${what}: the answer failed verification (${unverified}), outcome unknown`, "OUTCOME_UNKNOWN");
  if (answer.merId !== ctx.credentials.merId) throw new ChannelTimeoutError(`${what}: the answer is about merchant ${answer.merId}`, "OUTCOME_UNKNOWN");
  const cls = respClass(answer.respCode);
  if (cls === "processing") throw new ChannelTimeoutError(`${what}: ${answer.respMsg ?? "processing"} (${answer.respCode})`, answer.respCode);
  if (cls !== "success") throw new ChannelRejectedError(`${what}: ${answer.respMsg ?? ""} (${answer.respCode})`, answer.respCode);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ChannelTimeoutError(`${what}: unreadable answer: ${parsed.error.message}`, "OUTCOME_UNKNOWN");
  return parsed.data;
}
