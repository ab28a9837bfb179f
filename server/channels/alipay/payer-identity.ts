import { AlipayRequestError } from "alipay-sdk";
import { z } from "zod";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import type { PayerIdentitySupport } from "../types";
import { alipaySdk, type AlipayContext } from "./client";
import type { AlipayCredentials } from "./credentials";

/**
 * Alipay's web authorisation with scope auth_base (静默授权): the payer's browser visits
 * publicAppAuthorize.htm and comes back with `auth_code`, which `alipay.system.oauth.token` (a signed
 * gateway call, no extra secret) trades for the buyer's user_id (2088…) or, for apps in open-id mode,
 * open_id. Production: openauth.alipay.com; a TEST account's sandbox serves it beside its gateway.
 */

const PRODUCTION_GATEWAY = "https://openapi.alipay.com/gateway.do";
const AUTHORIZE_PAGE = "https://openauth.alipay.com/oauth2/publicAppAuthorize.htm";

function authorizePage(ctx: AlipayContext): string {
  if (ctx.baseUrl === PRODUCTION_GATEWAY) return AUTHORIZE_PAGE;
  return ctx.baseUrl.replace(/gateway\.do$/, "oauth2/publicAppAuthorize.htm");
}

const tokenAnswer = z
  .object({ user_id: z.string().min(1).max(64).optional(), open_id: z.string().min(1).max(128).optional() })
  .refine((answer) => answer.user_id || answer.open_id, "neither user_id nor open_id");

export const alipayPayerIdentity: PayerIdentitySupport<AlipayCredentials> = {
  authorizeUrl(ctx, redirectUri, state) {
    const query = new URLSearchParams({ app_id: ctx.credentials.appId, scope: "auth_base", redirect_uri: redirectUri, state });
    return `${authorizePage(ctx)}?${query}`;
  },

  async exchange(ctx, code) {
    let answer: Record<string, unknown>;
    try {
      // top-level parameters, no biz_content (Alipay's documented request for this method)
      answer = await alipaySdk(ctx).exec("alipay.system.oauth.token", { grant_type: "authorization_code", code }, { validateSign: true });
    } catch (error) {
      if (error instanceof AlipayRequestError && /status: \d+/.test(error.message)) throw new ChannelUnavailableError(`alipay.system.oauth.token: ${error.message}`, "HTTP_STATUS");
      throw new ChannelTimeoutError(`alipay.system.oauth.token: ${(error as Error).message}`, "OUTCOME_UNKNOWN", { cause: error });
    }
    if (answer.code !== undefined && answer.code !== "10000") {
      throw new ChannelRejectedError(`alipay.system.oauth.token: ${String(answer.sub_msg ?? answer.msg)}`, String(answer.sub_code ?? answer.code));
    }
    const parsed = tokenAnswer.safeParse(answer);
    if (!parsed.success) throw new ChannelRejectedError("alipay.system.oauth.token: no buyer id in the answer", "NO_BUYER_ID");
    return { openid: (parsed.data.user_id ?? parsed.data.open_id) as string };
  },
};
