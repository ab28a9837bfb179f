import { withRouteMetrics } from "@/server/observability/route";
import { STATE_COOKIE, STATE_TTL_MS } from "@/server/services/static-qr/payer-session";
import { beginPayerOAuth } from "@/server/services/static-qr/payer-oauth";
import { codePageUrl, payerAppOf, qCookie } from "@/server/services/static-qr/http";
import { StaticQrRefusal } from "@/server/services/static-qr/refusal";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

// GET /q/{code}/authorize – inside WeChat or Alipay: off to the channel's OAuth, with the state cookie
export const GET = withRouteMetrics("/q/[code]/authorize", async (request: Request, { params }: Context) => {
  const { code } = await params;
  const app = payerAppOf(request.headers);
  if (!app) return Response.redirect(codePageUrl(code), 302);
  try {
    const { authorizeUrl, stateCookie } = await beginPayerOAuth(code, app);
    return new Response(null, { status: 302, headers: { location: authorizeUrl, "set-cookie": qCookie(STATE_COOKIE, stateCookie, STATE_TTL_MS / 1000) } });
  } catch (error) {
    if (error instanceof StaticQrRefusal) return Response.redirect(codePageUrl(code, error.reason), 302);
    throw error;
  }
});
