import { findSandboxMerchant } from "../trades";
import { issueOAuthCode, redeemOAuthCode, redirectTarget, sandboxPayerId, sandboxUserOf } from "../oauth-codes";
import { Refusal } from "./biz-content";
import type { GatewayCall } from "./methods";
import type { Answer } from "./wire";

/**
 * The simulated Alipay web authorisation: `oauth2/publicAppAuthorize.htm` (openauth.alipay.com, the
 * browser; auth_base consents silently) and the gateway method `alipay.system.oauth.token` (signed by
 * the app like every gateway call), which trades the one-time auth_code for the buyer's user_id.
 */

export const AUTHORIZE_PATH = "oauth2/publicAppAuthorize.htm";

function errorPage(message: string): Response {
  return new Response(`支付宝沙箱 · 授权失败\n${message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** GET oauth2/publicAppAuthorize.htm?app_id&scope&redirect_uri&state → redirect_uri?app_id&source&scope&auth_code&state */
export async function authorizePage(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const appId = params.get("app_id") ?? "";
  if (!appId || !(await findSandboxMerchant("alipay", appId))) return errorPage("app_id 无效");
  const scope = params.get("scope") ?? "";
  if (scope !== "auth_base" && scope !== "auth_user") return errorPage("scope 无效");
  const target = redirectTarget(params.get("redirect_uri"));
  if (!target) return errorPage("redirect_uri 无效");
  const state = params.get("state") ?? "";
  if (state.length > 256) return errorPage("state 过长");
  target.searchParams.set("app_id", appId);
  target.searchParams.set("source", "alipay_wallet");
  target.searchParams.set("scope", scope);
  target.searchParams.set("auth_code", issueOAuthCode("alipay", appId, sandboxPayerId("alipay", appId, sandboxUserOf(params))));
  target.searchParams.set("state", state);
  return new Response(null, { status: 302, headers: { location: target.toString() } });
}

/** alipay.system.oauth.token (grant_type=authorization_code, code): top-level parameters, no biz_content. */
export async function oauthToken(call: GatewayCall): Promise<Answer> {
  if (call.params.grant_type !== "authorization_code") throw new Refusal("isv.invalid-grant-type", "grant_type 无效");
  const redeemed = await redeemOAuthCode("alipay", call.params.app_id, call.params.code ?? "");
  if ("refused" in redeemed) throw new Refusal("isv.code-invalid", redeemed.refused === "USED" ? "授权码已使用" : "授权码无效");
  const now = new Date();
  return {
    code: "10000",
    msg: "Success",
    user_id: redeemed.payerId,
    alipay_user_id: redeemed.payerId,
    access_token: `sandbox.${now.getTime()}`,
    expires_in: "1296000",
    refresh_token: `sandbox.refresh.${now.getTime()}`,
    re_expires_in: "2592000",
    auth_start: now.toISOString().slice(0, 19).replace("T", " "),
  };
}
