import { withRouteMetrics } from "@/server/observability/route";
import { handleWechatpaySandboxRequest } from "@/server/sandbox/wechatpay/handle-request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

const handle = withRouteMetrics("/api/sandbox/wechatpay/[...path]", async (request: Request, { params }: Context) =>
  handleWechatpaySandboxRequest(request, (await params).path),
);

// GET /api/sandbox/wechatpay/v3/… – the simulated WeChat Pay API v3 (queries, bills) for TEST apps
export const GET = handle;
// POST /api/sandbox/wechatpay/v3/… – the simulated WeChat Pay API v3 (orders, close, refunds)
export const POST = handle;
