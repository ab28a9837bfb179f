import { withRouteMetrics } from "@/server/observability/route";
import { handleSandboxRequest } from "@/server/sandbox";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ channel: string; path: string[] }> };

const handle = withRouteMetrics("/api/sandbox/[channel]/[...path]", async (request: Request, { params }: Context) => {
  const { channel, path } = await params;
  return handleSandboxRequest(request, channel, path);
});

// GET /api/sandbox/{channel}/… – a simulated channel's API for TEST apps (WeChat Pay v3 queries and bills;
// browsers sent to Alipay's page.pay / wap.pay)
export const GET = handle;
// POST /api/sandbox/{channel}/… – the same for server calls (orders, close, refunds; Alipay's gateway.do)
export const POST = handle;
