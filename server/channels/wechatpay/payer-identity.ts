import { z } from "zod";
import { guardedDispatcher } from "@/server/net/outbound-guard";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import type { ChannelContext, PayerIdentitySupport } from "../types";
import type { WechatpayCredentials } from "./credentials";

/**
 * The official account's web OAuth2 (网页授权) with scope snsapi_base: WeChat sends the payer back at
 * once (no consent screen) with a one-time `code`, which the server trades with the AppSecret for the
 * payer's openid at this appid. Production hosts are open.weixin.qq.com (the browser) and
 * api.weixin.qq.com (the exchange); a TEST account's sandbox serves both below its base URL.
 */

const PRODUCTION_PAY_HOST = "https://api.mch.weixin.qq.com";
const AUTHORIZE_HOST = "https://open.weixin.qq.com";
const API_HOST = "https://api.weixin.qq.com";

type Ctx = ChannelContext<WechatpayCredentials>;

function hosts(ctx: Ctx): { authorize: string; api: string } {
  const base = ctx.baseUrl.replace(/\/+$/, "");
  return base === PRODUCTION_PAY_HOST ? { authorize: AUTHORIZE_HOST, api: API_HOST } : { authorize: base, api: base };
}

// WeChat answers errors as 200 with errcode/errmsg
const tokenAnswer = z.union([
  z.object({ openid: z.string().min(1).max(128), access_token: z.string().optional(), scope: z.string().optional() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

function secretOf(ctx: Ctx): string {
  const secret = ctx.credentials.officialAccountSecret;
  if (!secret) throw new ChannelRejectedError("the account has no official account AppSecret: the payer's openid cannot be asked for", "NO_APP_SECRET");
  return secret;
}

export const wechatpayPayerIdentity: PayerIdentitySupport<WechatpayCredentials> = {
  authorizeUrl(ctx, redirectUri, state) {
    secretOf(ctx);
    // the parameters in WeChat's documented order; the fragment is required by WeChat's own page
    const query = new URLSearchParams({ appid: ctx.credentials.appid, redirect_uri: redirectUri, response_type: "code", scope: "snsapi_base", state });
    return `${hosts(ctx).authorize}/connect/oauth2/authorize?${query}#wechat_redirect`;
  },

  async exchange(ctx, code) {
    const query = new URLSearchParams({ appid: ctx.credentials.appid, secret: secretOf(ctx), code, grant_type: "authorization_code" });
    let response: Response;
    try {
      response = await fetch(`${hosts(ctx).api}/sns/oauth2/access_token?${query}`, {
        dispatcher: guardedDispatcher(ctx.outbound),
        signal: AbortSignal.timeout(ctx.timeoutMs),
        redirect: "error",
      } as RequestInit);
    } catch (error) {
      throw new ChannelUnavailableError(`sns/oauth2/access_token: ${(error as Error).message}`, "UNREACHABLE", { cause: error });
    }
    if (!response.ok) throw new ChannelUnavailableError(`sns/oauth2/access_token: HTTP ${response.status}`, "HTTP_STATUS");
    const parsed = tokenAnswer.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new ChannelTimeoutError("sns/oauth2/access_token: unreadable answer", "OUTCOME_UNKNOWN");
    if ("errcode" in parsed.data) throw new ChannelRejectedError(`sns/oauth2/access_token: ${parsed.data.errmsg ?? ""} (${parsed.data.errcode})`, String(parsed.data.errcode));
    return { openid: parsed.data.openid };
  },
};
