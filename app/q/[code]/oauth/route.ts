import { withRouteMetrics } from "@/server/observability/route";
import { PAYER_TTL_MS, payerCookieName, STATE_COOKIE } from "@/server/services/static-qr/payer-session";
import { completePayerOAuth } from "@/server/services/static-qr/payer-oauth";
import { codePageUrl, cookieReader, qCookie } from "@/server/services/static-qr/http";
import { StaticQrRefusal } from "@/server/services/static-qr/refusal";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

// GET /q/{code}/oauth – the channel sends the payer back (WeChat ?code&state, Alipay ?auth_code&state)
export const GET = withRouteMetrics("/q/[code]/oauth", async (request: Request, { params }: Context) => {
  const { code } = await params;
  const query = new URL(request.url).searchParams;
  const headers = new Headers({ location: codePageUrl(code) });
  headers.append("set-cookie", qCookie(STATE_COOKIE, "", 0));
  try {
    const { appId, payerCookie } = await completePayerOAuth({
      code,
      state: query.get("state"),
      stateCookie: cookieReader(request.headers)(STATE_COOKIE),
      authCode: query.get("auth_code") ?? query.get("code"),
    });
    headers.append("set-cookie", qCookie(payerCookieName(appId), payerCookie, PAYER_TTL_MS / 1000));
  } catch (error) {
    if (!(error instanceof StaticQrRefusal)) throw error;
    headers.set("location", codePageUrl(code, error.reason));
  }
  return new Response(null, { status: 302, headers });
});
