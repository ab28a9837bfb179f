import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { defaultBillDate, shiftDate } from "@/server/domain/reconciliation";
import { resetEnvCache } from "@/server/env";
import type { JobWorker } from "@/server/jobs/worker";
import { callerAs } from "@/server/testing/callers";
import { type Harness, startHttpHarness, startTestWorker } from "@/server/testing/http-harness";
import { useFixedDemoApps } from "@/server/testing/open-api-client";
import { eventually } from "@/server/testing/payment-fixtures";
import { seedIfEmpty } from "./seed";

/**
 * The demo's reconciliation, real: the seed pays yesterday's demo orders on both sides (journal and
 * sandbox books), has the WeChat Pay sandbox bill one fen more fee on one of them, and queues the runs;
 * the worker downloads the bills over HTTP from the app's own sandbox and matches them. Here the worker
 * starts before the HTTP server listens, as it may when the app starts: the first download fails and
 * the job's retry finds the server.
 */

const DEMO = "M10000001";
let worker: JobWorker | undefined;
let harness: Harness | undefined;

afterAll(async () => {
  await worker?.stop();
  await harness?.close();
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const ended = (runs: { status: string }[]) => runs.length > 0 && runs.every((r) => r.status === "SUCCEEDED" || r.status === "FAILED");

describe("the demo's reconciliation", () => {
  it("is reconciled by the worker from the sandbox's bills: one open fee discrepancy on WeChat Pay, Alipay closed; accepting the channel's fee closes the day, and reruns change nothing", async () => {
    useFixedDemoApps();
    expect(await seedIfEmpty({ reconciliation: true })).toBe(true);
    const yesterday = defaultBillDate();
    const queued = await db.reconRun.findMany({});
    expect(queued).toHaveLength(9); // yesterday and two quiet days, for each of the three accounts
    expect(queued.every((r) => r.status === "QUEUED" && r.trigger === "schedule")).toBe(true);

    // the worker is up, the server not yet: the download fails as the channel being unreachable
    process.env.PUBLIC_BASE_URL = `http://127.0.0.1:${await closedPort()}`;
    resetEnvCache();
    worker = await startTestWorker();
    const unreachable = await eventually(() => db.reconRun.findFirst({ where: { status: "FAILED" } }), 20_000);
    expect(unreachable.errorCode).toBe("CHANNEL_UNAVAILABLE");
    harness = await startHttpHarness();
    const runs = await eventually(async () => {
      const all = await db.reconRun.findMany({});
      return all.every((r) => r.status === "SUCCEEDED") && all;
    }, 40_000);
    expect(runs.find((r) => r.id === unreachable.id)!.attempts).toBeGreaterThan(1);

    const finance = await callerAs("finance@demo.local");
    const listed = (await finance.reconciliation.runs({ mchNo: DEMO, from: yesterday, to: yesterday })).runs;
    expect(listed.map((r) => [r.channel, r.status, r.billRows, r.matched, r.feeMismatch, r.openDifferences, r.closedAt !== null]).sort()).toEqual([
      ["alipay", "SUCCEEDED", 1, 1, 0, 0, true],
      ["unionpay", "SUCCEEDED", 1, 1, 0, 0, true],
      ["wechatpay", "SUCCEEDED", 3, 2, 1, 1, false],
    ]);
    const quiet = await finance.reconciliation.runs({ mchNo: DEMO, from: shiftDate(yesterday, -3), to: shiftDate(yesterday, -2) });
    expect(quiet.runs.map((r) => [r.status, r.billRows, r.closedAt !== null])).toEqual(Array(6).fill(["SUCCEEDED", 0, true]));

    // the run's journal side is the journal's, its bill side the sandbox's with the one fen more
    const wechat = listed.find((r) => r.channel === "wechatpay")!;
    const journal = await db.journalEntry.aggregate({ where: { channelAccountId: wechat.channelAccountId, kind: "payment" }, _sum: { amount: true, fee: true }, _count: true });
    expect([wechat.localPaymentCount, wechat.localPaymentAmount, wechat.localFee]).toEqual([journal._count, journal._sum.amount, journal._sum.fee]);
    expect([wechat.billPaymentCount, wechat.billPaymentAmount, wechat.billFee]).toEqual([journal._count, journal._sum.amount, (journal._sum.fee ?? 0n) + 1n]);

    const month = yesterday.slice(0, 7);
    const day = async () => (await finance.reconciliation.calendar({ mchNo: DEMO, month })).find((d) => d.date === yesterday);
    expect(await day()).toMatchObject({ state: "open", open: 1 });

    const queue = await finance.reconciliation.differences({ mchNo: DEMO });
    expect(queue.rows).toHaveLength(1);
    const [difference] = queue.rows;
    expect(difference).toMatchObject({ type: "FEE_MISMATCH", status: "OPEN", billDate: yesterday });
    const entry = await db.journalEntry.findFirstOrThrow({ where: { attemptNo: difference.outNo, kind: "payment" } });
    expect([difference.localAmount, difference.localFee, difference.channelFee]).toEqual([entry.amount, entry.fee, entry.fee + 1n]);

    const resolved = await finance.reconciliation.resolve({ mchNo: DEMO, differenceId: difference.id, resolution: "ACCEPTED_CHANNEL" });
    expect(resolved.entryKind).toBe("fee_adjustment");
    expect(await day()).toMatchObject({ state: "closed", open: 0 });

    // finance reconciles the day again, twice: nothing changes
    const snapshot = async () => ({
      differences: await db.reconDifference.findMany({ orderBy: { id: "asc" }, select: { id: true, type: true, status: true, resolution: true } }),
      entries: await db.journalEntry.count(),
      day: await day(),
    });
    const before = await snapshot();
    expect(before.differences).toEqual([{ id: difference.id, type: "FEE_MISMATCH", status: "RESOLVED", resolution: "ACCEPTED_CHANNEL" }]);
    for (let i = 0; i < 2; i++) {
      const started = await Promise.all(listed.map((r) => finance.reconciliation.startRun({ mchNo: DEMO, channelAccountId: r.channelAccountId, billDate: yesterday })));
      const rerun = await eventually(async () => {
        const rows = await db.reconRun.findMany({ where: { id: { in: started.map((r) => r.id) } } });
        return ended(rows) && rows;
      }, 20_000);
      expect(rerun.map((r) => [r.channel, r.status, r.openDifferences, r.closedAt !== null]).sort()).toEqual([
        ["alipay", "SUCCEEDED", 0, true],
        ["unionpay", "SUCCEEDED", 0, true],
        ["wechatpay", "SUCCEEDED", 0, true],
      ]);
      expect(await snapshot()).toEqual(before);
    }
  }, 90_000);
});
