import { withRouteMetrics } from "@/server/observability/route";
import { handleAlipaySandboxRequest } from "@/server/sandbox/alipay/gateway";

export const dynamic = "force-dynamic";

// POST /api/sandbox/alipay/gateway.do – the simulated Alipay gateway (server calls, form-encoded)
export const POST = withRouteMetrics("/api/sandbox/alipay/gateway.do", handleAlipaySandboxRequest);

// GET /api/sandbox/alipay/gateway.do – the same, for browsers sent to page.pay / wap.pay
export const GET = withRouteMetrics("/api/sandbox/alipay/gateway.do", handleAlipaySandboxRequest);
