import { resolveChannel } from "@/server/channels/registry";
import type { ChannelPlugin } from "@/server/channels/types";
import { db } from "@/server/db";
import { STATIC_QR_CHANNELS, type StaticQrPayerApp } from "@/server/domain/static-qr";
import { loadEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { checkOAuthState, newOAuthState, sealPayerSession } from "./payer-session";
import { loadPublicStaticQrCode } from "./public-code";
import { StaticQrRefusal } from "./refusal";

/**
 * The payer's identity for a code (docs/adr/0025): the channel's OAuth through the app's channel
 * account that serves JSAPI (highest priority first), then the openid in a sealed cookie.
 */

/** Where the channel sends the payer back: `/q/<code>/oauth` (WeChat: ?code&state; Alipay: ?auth_code&state). */
export function oauthCallbackUrl(code: string): string {
  return `${loadEnv().PUBLIC_BASE_URL}/q/${code}/oauth`;
}

/** The app's enabled account of the channel that serves JSAPI and can tell who the payer is. */
async function identityAccount(appId: string, app: StaticQrPayerApp) {
  const accounts = await db.channelAccount.findMany({
    where: { appId, channel: STATIC_QR_CHANNELS[app], status: "ENABLED", modes: { has: "jsapi" } },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    include: { app: { select: { mode: true } } },
  });
  for (const account of accounts) {
    const { plugin, ctx } = resolveChannel(account, account.app.mode);
    if (plugin.payerIdentity) return { account, plugin: plugin as ChannelPlugin & { payerIdentity: NonNullable<ChannelPlugin["payerIdentity"]> }, ctx };
  }
  return null;
}

async function usableCode(code: string) {
  const found = await loadPublicStaticQrCode(code);
  if (!found) throw new StaticQrRefusal("NOT_FOUND");
  if (!found.usable) throw new StaticQrRefusal("DISABLED");
  return found;
}

/** Starts the OAuth round trip: the channel's authorize URL and the state cookie to set with the redirect. */
export async function beginPayerOAuth(code: string, app: StaticQrPayerApp): Promise<{ authorizeUrl: string; stateCookie: string }> {
  const found = await usableCode(code);
  const channel = await identityAccount(found.appId, app);
  if (!channel) throw new StaticQrRefusal("CHANNEL_UNAVAILABLE");
  const { state, cookie } = newOAuthState(code, app);
  try {
    return { authorizeUrl: channel.plugin.payerIdentity.authorizeUrl(channel.ctx, oauthCallbackUrl(code), state), stateCookie: cookie };
  } catch (error) {
    logger.warn({ err: error, channelAccountId: channel.account.id }, "static QR: the account cannot ask for the payer's identity");
    throw new StaticQrRefusal("CHANNEL_UNAVAILABLE");
  }
}

/**
 * The channel sent the payer back: the state must be the one this browser was given (else FORGED_STATE),
 * the code is traded once for the openid (a reused or forged code: IDENTITY_FAILED). Answers the
 * payer cookie's name and sealed value.
 */
export async function completePayerOAuth(input: {
  code: string;
  state: string | null;
  stateCookie: string | undefined;
  authCode: string | null;
}): Promise<{ appId: string; payerCookie: string }> {
  const state = checkOAuthState(input.stateCookie, input.code, input.state);
  if (!state) throw new StaticQrRefusal("FORGED_STATE");
  if (!input.authCode || input.authCode.length > 1024) throw new StaticQrRefusal("IDENTITY_FAILED");
  const found = await usableCode(input.code);
  const channel = await identityAccount(found.appId, state.app);
  if (!channel) throw new StaticQrRefusal("CHANNEL_UNAVAILABLE");
  let openid: string;
  try {
    ({ openid } = await channel.plugin.payerIdentity.exchange(channel.ctx, input.authCode));
  } catch (error) {
    logger.warn({ err: error, channelAccountId: channel.account.id }, "static QR: the payer's code was not accepted");
    throw new StaticQrRefusal("IDENTITY_FAILED");
  }
  const payerCookie = sealPayerSession({
    appId: found.appId,
    app: state.app,
    channelAccountId: channel.account.id,
    channelAppId: channel.plugin.accountIdentity(channel.ctx.credentials).channelAppId,
    openid,
  });
  return { appId: found.appId, payerCookie };
}
