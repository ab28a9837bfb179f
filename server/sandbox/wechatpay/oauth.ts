import { timingSafeEqual } from "node:crypto";
import { openSandboxKeys } from "../keys";
import { issueOAuthCode, redeemOAuthCode, redirectTarget, sandboxPayerId, sandboxUserOf } from "../oauth-codes";
import { findSandboxMerchant } from "../trades";

/**
 * The simulated WeChat official-account OAuth2 (网页授权): `connect/oauth2/authorize` (open.weixin.qq.com,
 * the browser) and `sns/oauth2/access_token` (api.weixin.qq.com, the merchant's server). snsapi_base
 * consents silently, as WeChat does: the browser comes straight back with a code. Errors are WeChat's
 * 200-with-errcode answers.
 */

const APPID = /^wx[0-9a-f]{16}$/;

/** A sandbox merchant's appid: its mchid, zero-padded to WeChat's 16 characters. */
export function sandboxAppidOf(mchid: string): string {
  return `wx${mchid.padStart(16, "0")}`;
}

/** The AppSecret the sandbox issued with the merchant behind a sandbox appid, or null. */
async function issuedSecret(appid: string): Promise<string | null> {
  const mchid = /^wx0*(\d{6,16})$/.exec(appid)?.[1];
  const merchant = mchid ? await findSandboxMerchant("wechatpay", mchid) : null;
  return merchant ? (openSandboxKeys(merchant).officialAccountSecret ?? null) : null;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function json(body: object): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json; encoding=utf-8" } });
}

function errorPage(message: string): Response {
  return new Response(`微信沙箱 · 授权失败\n${message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** GET connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state (the fragment never reaches a server). */
function authorize(url: URL): Response {
  const params = url.searchParams;
  const appid = params.get("appid") ?? "";
  if (!APPID.test(appid)) return errorPage("appid 参数错误");
  if (params.get("response_type") !== "code") return errorPage("response_type 参数错误");
  // the sandbox consents silently for both scopes; a real snsapi_userinfo would ask the payer first
  if (params.get("scope") !== "snsapi_base" && params.get("scope") !== "snsapi_userinfo") return errorPage("scope 参数错误");
  const target = redirectTarget(params.get("redirect_uri"));
  if (!target) return errorPage("redirect_uri 参数错误");
  const state = params.get("state") ?? "";
  if (state.length > 128) return errorPage("state 参数过长");
  target.searchParams.set("code", issueOAuthCode("wechatpay", appid, sandboxPayerId("wechatpay", appid, sandboxUserOf(params))));
  target.searchParams.set("state", state);
  return new Response(null, { status: 302, headers: { location: target.toString() } });
}

/** GET sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code */
async function accessToken(url: URL): Promise<Response> {
  const params = url.searchParams;
  const appid = params.get("appid") ?? "";
  if (!APPID.test(appid)) return json({ errcode: 40013, errmsg: "invalid appid" });
  const secret = await issuedSecret(appid);
  if (!secret || !sameText(params.get("secret") ?? "", secret)) return json({ errcode: 40125, errmsg: "invalid appsecret" });
  if (params.get("grant_type") !== "authorization_code") return json({ errcode: 40002, errmsg: "invalid grant_type" });
  const redeemed = await redeemOAuthCode("wechatpay", appid, params.get("code") ?? "");
  if ("refused" in redeemed) {
    return redeemed.refused === "USED" ? json({ errcode: 40163, errmsg: "code been used" }) : json({ errcode: 40029, errmsg: "invalid code" });
  }
  return json({
    access_token: `sandbox_${appid}_${Date.now()}`,
    expires_in: 7200,
    refresh_token: `sandbox_refresh_${Date.now()}`,
    openid: redeemed.payerId,
    scope: "snsapi_base",
  });
}

/** The OAuth paths below /api/sandbox/wechatpay/, or null when `path` is not one of them. */
export async function handleWechatOAuth(request: Request, path: string[]): Promise<Response | null> {
  if (request.method !== "GET") return null;
  const route = path.join("/");
  if (route === "connect/oauth2/authorize") return authorize(new URL(request.url));
  if (route === "sns/oauth2/access_token") return accessToken(new URL(request.url));
  return null;
}
