// The hostile-input fuzzer against the production server (issue #13 "Keep the proof"): the same
// generators as app/api/hostile-fuzz.int.test.ts, plus what needs Next.js — the cashier pages, sign-in,
// tRPC and the licence routes behind a real next-auth session — on `npm start`'s server with its own
// embedded database. Every request must be answered within 10 s, never 5xx, with the envelope where
// promised; the server's open files must not grow with malformed requests. Exit code 1 otherwise.
//
//   npm run test:fuzz                      (builds first; FUZZ_SEED, FUZZ_SCALE=2 for twice the requests,
//                                           PORT (3201) and PAYCENTER_PG_PORT (54351) to move it)
import { setTimeout as sleep } from "node:timers/promises";
import { seeded } from "../../server/testing/fuzz/random.ts";
import { authCase, type HttpCase, type Known, licenceCase, notifyCase, openApiCase, pageCase, sandboxCase, trpcCase } from "../../server/testing/fuzz/requests.ts";
import { runCases, sendCase, Tally } from "../../server/testing/fuzz/send.ts";
import { procedureInput, type TrpcKnown } from "../../server/testing/fuzz/trpc-inputs.ts";
import { DEMO_APP, openApiClient } from "../../server/testing/open-api-client.ts";
import { openFiles, startProductionServer } from "./production-server.ts";
import { sendRawRequests } from "./raw-requests.ts";
import { signIn } from "./sign-in.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const n = (count: number) => Math.round(count * SCALE);
const ISSUE_PATHS = ["%ZZ", "%", "%E0%A4%A", "%C0%AF", "%FF%FE", "%00"].flatMap((bad) => [
  `/api/v1/pay-orders/${bad}`,
  `/api/v1/${bad}`,
  `/api/notify/wechatpay/${bad}`,
  `/api/notify/${bad}`,
  `/api/merchants/${bad}/licence`,
  `/pay/${bad}`,
  `/console/${bad}`,
]);

/** Channel account ids through the console's own API (the Open API never shows them). */
async function accountIds(url: string, cookie: string, mchNo: string): Promise<string[]> {
  const input = encodeURIComponent(JSON.stringify({ json: { mchNo } }));
  const response = await fetch(`${url}/api/trpc/channelAccounts.list?input=${input}`, { headers: { cookie } });
  const body = (await response.json()) as { result?: { data?: { json?: { id: string }[] } } };
  return body.result?.data?.json?.map((account) => account.id) ?? [];
}

/** Real ids of the fresh instance: a pending, a paid (and partly refunded) and a cashier-mode order, the channel accounts. */
async function knownData(url: string): Promise<{ known: Known; trpc: TrpcKnown }> {
  const api = openApiClient(url, DEMO_APP);
  const order = (suffix: string, extra: object) => api("/api/v1/pay-orders", { body: { mchOrderNo: `FZ${Date.now()}${suffix}`, amount: 500, subject: "fuzz", ...extra } });
  const pending = await order("A", { channel: "wechatpay", mode: "native" });
  const paid = await order("B", { channel: "alipay", mode: "qr" });
  const cashier = await order("C", {});
  await api(`/api/v1/sandbox/pay-orders/${paid.json.payOrderNo}/simulate`, { body: { outcome: "success" } });
  for (let i = 0; i < 100 && (await api(`/api/v1/pay-orders/${paid.json.payOrderNo}`)).json.status !== "PAID"; i++) await sleep(100);
  const refund = await api("/api/v1/refunds", { body: { payOrderNo: paid.json.payOrderNo, mchRefundNo: `FZR${Date.now()}`, amount: 100 } });
  const demoAccounts = await accountIds(url, await signIn(url, "owner@demo.local"), "M10000001");
  const acmeAccounts = await accountIds(url, await signIn(url, "owner@acme.local"), "M10000002");
  const payOrderNos = [pending.json.payOrderNo, paid.json.payOrderNo, cashier.json.payOrderNo];
  return {
    known: { payOrderNos, refundNos: [refund.json.refundNo], accountIds: [...demoAccounts, ...acmeAccounts], mchNos: ["M10000001", "M10000002"] },
    trpc: { mchNo: "M10000002", appId: "app_TESTACME00000002", payOrderNo: payOrderNos[0], refundNo: refund.json.refundNo, accountId: acmeAccounts[0] ?? "" },
  };
}

async function main(): Promise<number> {
  const server = await startProductionServer(process.env.PORT ?? "3201", process.env.PAYCENTER_PG_PORT ?? "54351");
  try {
    const random = seeded(SEED);
    const tally = new Tally();
    const { known, trpc } = await knownData(server.url);
    const send = (headers: Record<string, string> = {}) => (c: HttpCase) => sendCase(server.url, c, headers);

    // issue #13's malformed and NUL paths, 50 times each: every one answered, no open file left behind
    const filesBefore = openFiles(server.pid());
    const malformed: HttpCase[] = Array.from({ length: 50 }, () => ISSUE_PATHS.map((path) => ({ area: "page" as const, method: "GET", path, headers: {}, envelope: true }))).flat();
    await runCases(malformed, 16, send(), tally);
    await sleep(500);
    const filesAfter = openFiles(server.pid());
    await sendRawRequests(Number(new URL(server.url).port), tally);

    await runCases(Array.from({ length: n(1500) }, () => openApiCase(random, known, DEMO_APP)), 12, send(), tally);
    await runCases(Array.from({ length: n(300) }, () => notifyCase(random, known)), 8, send(), tally);
    await runCases(Array.from({ length: n(150) }, () => sandboxCase(random)), 8, send(), tally);
    await runCases(Array.from({ length: n(500) }, () => pageCase(random, known)), 6, send(), tally);
    await runCases(Array.from({ length: n(200) }, () => authCase(random)), 6, send(), tally);

    const procedures = await listProcedures();
    const phases: [string | null, (p: string) => boolean, number][] = [
      [null, () => true, n(300)],
      ["owner@acme.local", (p) => !p.startsWith("admin."), n(700)],
      ["admin@paycenter.local", (p) => p.startsWith("admin.") || p.startsWith("viewer."), n(200)],
    ];
    for (const [email, include, count] of phases) {
      const cookie = email ? await signIn(server.url, email) : "";
      const paths = procedures.filter(include);
      await runCases(Array.from({ length: count }, () => trpcCase(random, paths, () => procedureInput(random, trpc))), 8, send(cookie ? { cookie } : {}), tally);
    }
    const owner = await signIn(server.url, "owner@demo.local");
    await runCases(Array.from({ length: n(150) }, () => licenceCase(random, known)), 4, send({ cookie: owner }), tally);

    console.log(`[fuzz] seed ${SEED}: ${tally.summary()}`);
    console.log(`[fuzz] server open files: ${filesBefore} before ${malformed.length} malformed requests, ${filesAfter} after; server log: ${server.logFile}`);
    for (const failure of tally.failures) console.log(`[fuzz] FAIL ${failure}`);
    const leaked = filesBefore !== null && filesAfter !== null && filesAfter > filesBefore + 20;
    return tally.failures.length || tally.serverErrors || leaked ? 1 : 0;
  } finally {
    await server.stop();
  }
}

/** Every procedure of the router, by path (as the tenant-isolation test lists them). */
async function listProcedures(): Promise<string[]> {
  const { appRouter } = await import("../../server/trpc/root.ts");
  return Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[fuzz]", error);
    process.exit(1);
  },
);
