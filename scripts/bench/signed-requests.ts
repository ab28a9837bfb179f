import { randomBytes } from "node:crypto";
import { sign, stringToSign } from "../../server/domain/open-api-signature.ts";

export type BenchApp = { id: string; secret: string };

/** Signs one Open API request the way a business system does (fresh timestamp and nonce each time). */
export function signedHeaders(app: BenchApp, method: string, path: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(12).toString("hex");
  return {
    "content-type": "application/json",
    "x-app-id": app.id,
    "x-timestamp": timestamp,
    "x-nonce": nonce,
    "x-signature": sign(app.secret, stringToSign(method, path, timestamp, nonce, body)),
  };
}

let sequence = 0;

/** An autocannon request that creates a new order each time. */
export function createOrderRequest(app: BenchApp, extra: Record<string, unknown> = {}) {
  return {
    method: "POST" as const,
    path: "/api/v1/pay-orders",
    setupRequest: (request: Record<string, unknown>) => {
      const body = JSON.stringify({ mchOrderNo: `B${process.pid}${Date.now()}${sequence++}`, amount: 12800, subject: "bench", ...extra });
      return { ...request, body, headers: signedHeaders(app, "POST", "/api/v1/pay-orders", body) };
    },
  };
}

/** An autocannon request that reads one order by payOrderNo. */
export function queryOrderRequest(app: BenchApp, payOrderNo: string) {
  const path = `/api/v1/pay-orders/${payOrderNo}`;
  return {
    method: "GET" as const,
    path,
    setupRequest: (request: Record<string, unknown>) => ({ ...request, headers: signedHeaders(app, "GET", path, "") }),
  };
}

/** An autocannon request that pushes a new order-center order each time (it opens one `full` pay order). */
export function createCenterOrderRequest(app: BenchApp) {
  return {
    method: "POST" as const,
    path: "/api/v1/orders",
    setupRequest: (request: Record<string, unknown>) => {
      const n = sequence++;
      const body = JSON.stringify({
        sourceOrderNo: `BENCH-${process.pid}-${Date.now()}-${n}`,
        type: "standard",
        scene: "mall",
        storeId: `S${String(1 + (n % 200)).padStart(3, "0")}`,
        buyer: { id: `U${String(1 + (n % 100_000)).padStart(6, "0")}`, name: "张三", phone: "13800138000" },
        lines: [
          { sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 399900 },
          { sku: "LAMP-1", name: "落地灯", quantity: 2, unitPrice: 12900 },
        ],
        discountAmount: 20000,
        payableAmount: 405700,
      });
      return { ...request, body, headers: signedHeaders(app, "POST", "/api/v1/orders", body) };
    },
  };
}
