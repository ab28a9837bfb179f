import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { db, getPool } from "@/server/db";
import { admissionBound, LEASE } from "@/server/domain/rate-limit";
import { DEMO_APP, openApiClient, useFixedDemoApps } from "@/server/testing/open-api-client";

// Two web nodes (separate processes, scripts/test/api-node.ts) on one database, hammered at once by
// the same app: the requests they admit in any window stay within burst + rate × (window + lease period)
// (ADR 0029: one bucket row, refilled and spent under its lock; a busy node leases a few tokens at once).

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const LIMIT = { perSecond: 50, burst: 100 };
const WINDOW_MS = 3_000;
const CLIENTS_PER_NODE = 4;
const nodes: { child: ChildProcess; url: string }[] = [];

function startNode(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/test/api-node.ts"], {
    cwd: REPO_ROOT,
    detached: true,
    env: { ...process.env, LOG_LEVEL: "error" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening (\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once("exit", (code) => reject(new Error(`the node exited (${code}) before it listened`)));
  });
}

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  await db.app.update({ where: { id: DEMO_APP.id }, data: { rateLimitPerSecond: LIMIT.perSecond, rateLimitBurst: LIMIT.burst } });
  nodes.push(...(await Promise.all([startNode(), startNode()])));
}, 120_000);

afterAll(() => {
  for (const { child } of nodes) if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
});

describe("two web nodes on one database", () => {
  it("admit, together, no more than burst + rate × window of one app's concurrent requests", async () => {
    const path = "/api/v1/pay-orders/P20261122103000123K7M2Q9XT";
    // each node loads its routes and the app (a signed request: everything the measured ones run), then the bucket starts full
    for (const node of nodes) expect((await openApiClient(node.url, DEMO_APP)(path)).status).toBe(404);
    await getPool().query(`DELETE FROM "ApiRateBucket" WHERE "appId" = $1`, [DEMO_APP.id]);

    const counts = nodes.map(() => ({ admitted: 0, refused: 0, other: [] as number[] }));
    const started = Date.now();
    await Promise.all(
      nodes.flatMap((node, i) =>
        Array.from({ length: CLIENTS_PER_NODE }, async () => {
          const call = openApiClient(node.url, DEMO_APP);
          while (Date.now() - started < WINDOW_MS) {
            const { status } = await call(path);
            if (status === 404) counts[i].admitted++;
            else if (status === 429) counts[i].refused++;
            else counts[i].other.push(status);
          }
        }),
      ),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const admitted = counts.reduce((sum, c) => sum + c.admitted, 0);
    console.log(`[rate-limit] ${elapsedSeconds.toFixed(2)} s: ${JSON.stringify(counts)}; bound ${admissionBound(LIMIT, elapsedSeconds, LEASE.ms)}`);

    expect(counts.flatMap((c) => c.other)).toEqual([]);
    expect(admitted).toBeLessThanOrEqual(admissionBound(LIMIT, elapsedSeconds, LEASE.ms));
    // the bucket started full and the clients asked for far more than it holds: the burst at least went through
    expect(admitted).toBeGreaterThanOrEqual(LIMIT.burst);
    // both nodes admitted and refused: they spent one shared bucket
    for (const c of counts) {
      expect(c.admitted).toBeGreaterThan(0);
      expect(c.refused).toBeGreaterThan(0);
    }
  });
});
