// The request log's cost on the Open API's hot path, in CPU per request (docs/adr/0030):
//   npx tsx scripts/bench/request-log-cost.ts [requests]
// Runs the hook openApiRoute calls (clone the answer, then in the background: parse it, redact both bodies,
// buffer the row) for a typical pay-order create, without a database (the buffer's writes fail and are
// dropped; the INSERT's cost is PostgreSQL's, once per 200 rows). Compare with the server's CPU per request
// that `npm run bench` prints (≈ 2.3 ms for a cashier-mode create on these machines, docs/bench/issue-19).
process.env.LOG_LEVEL = "silent";
process.env.DATABASE_URL ??= "postgresql://nobody@127.0.0.1:1/none";
process.env.PAYCENTER_ENCRYPTION_KEY ??= "0".repeat(64);
process.env.NEXTAUTH_SECRET ??= "x".repeat(32);

const { noteRequestApp, noteRequestVerified, recordApiRequest } = await import("../../server/openapi/request-log.ts");
const { jsonResponse } = await import("../../server/openapi/envelope.ts");

const N = Number(process.argv[2] ?? 20_000);
const body = JSON.stringify({
  mchOrderNo: "M20261122001",
  amount: 12800,
  subject: "Sofa deposit",
  mode: "native",
  channel: "wechatpay",
  payer: { openid: "o8GeHuLAsgefS_4Kr4lgYXQrUtdk", clientIp: "1.2.3.4" },
  metadata: { storeId: "S01", note: "call 13800138000" },
});
const answer = {
  payOrderNo: "P20261122103000123K7M2Q9XT",
  mchOrderNo: "M20261122001",
  status: "PENDING",
  amount: 12800,
  currency: "CNY",
  channel: "wechatpay",
  mode: "native",
  payData: { type: "qr_code", codeUrl: "weixin://wxpay/bizpayurl?pr=abcdefg" },
  cashierUrl: "https://paycenter.example/pay/P20261122103000123K7M2Q9XT",
  expiresAt: "2026-11-22T10:30:00Z",
  createdAt: "2026-11-22T10:00:00Z",
};
const app = { id: "app_TESTDEMO00000001", merchantId: "m1" };

async function once(log: boolean) {
  const request = new Request("http://127.0.0.1/api/v1/pay-orders", { method: "POST", headers: { "x-app-id": app.id, "idempotency-key": "k1" } });
  const response = jsonResponse(answer, 201); // as the route answers

  if (log) {
    noteRequestApp(request, app, body, "HMAC-SHA256");
    noteRequestVerified(request);
    recordApiRequest(request, response, { requestId: "req_bench", route: "/api/v1/pay-orders", startedAt: performance.now() });
  }
  await response.text(); // what the server does with the answer: send it
  await new Promise((resolve) => setImmediate(resolve)); // let the background build run
}

async function measure(log: boolean) {
  for (let i = 0; i < 2_000; i++) await once(log); // warm up
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i++) await once(log);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / N;
}

const without = await measure(false);
const withLog = await measure(true);
console.log(`request log hook: ${(withLog - without).toFixed(1)} µs CPU per request (${withLog.toFixed(1)} with, ${without.toFixed(1)} without; ${N} requests)`);
process.exit(0);

export {};
