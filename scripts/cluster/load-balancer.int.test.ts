// The cluster's load balancer for real: Debian's nginx with the generated configuration in front of two
// small HTTP servers standing in for web nodes, the active health checker taking an unready node out
// (and back), nginx's passive checks and proxy_next_upstream covering a node that died between two
// polls; and the drill's RTO rule (error-window.ts).
import { createServer, type Server } from "node:http";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../lib/migrations-dir.ts";
import { errorWindow } from "./error-window.ts";
import { HealthChecker, nextHealth } from "./health-checker.ts";
import { LoadBalancer } from "./load-balancer.ts";

const NODE_PORTS = [3625, 3626];
const LB_PORT = 3627;

type FakeNode = { port: number; ready: boolean; server: Server; close(): Promise<void> };

async function fakeNode(port: number): Promise<FakeNode> {
  const node = { port, ready: true } as FakeNode;
  node.server = createServer((req, res) => {
    if (req.url === "/api/ready") res.writeHead(node.ready ? 200 : 503).end(node.ready ? "ready" : "not ready");
    else res.writeHead(200).end(String(port));
  });
  await new Promise<void>((resolve) => node.server.listen(port, "127.0.0.1", resolve));
  node.close = () =>
    new Promise((resolve) => {
      node.server.closeAllConnections();
      node.server.close(() => resolve());
    });
  return node;
}

async function answers(n: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const response = await fetch(`http://127.0.0.1:${LB_PORT}/anything`);
    const key = response.ok ? await response.text() : `status ${response.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe("load balancer (nginx + active health checks)", () => {
  let nodes: FakeNode[];
  let lb: LoadBalancer;
  let checker: HealthChecker;
  const prefix = path.join(REPO_ROOT, ".data", "lb-test");

  beforeAll(async () => {
    mkdirSync(path.dirname(prefix), { recursive: true });
    rmSync(prefix, { recursive: true, force: true });
    nodes = await Promise.all(NODE_PORTS.map(fakeNode));
    lb = new LoadBalancer(mkdtempSync(`${prefix}-`), LB_PORT);
    await lb.start(NODE_PORTS.map((port) => ({ port, healthy: true })));
    checker = new HealthChecker(NODE_PORTS, (upstream) => lb.setUpstream(upstream), undefined, 200);
    checker.start();
  }, 120_000);

  afterAll(async () => {
    checker?.stop();
    await lb?.stop();
    await Promise.all((nodes ?? []).map((n) => n.close().catch(() => undefined)));
  });

  it("spreads requests over the ready nodes", async () => {
    const counts = await answers(20);
    expect(Object.keys(counts).sort()).toEqual(NODE_PORTS.map(String));
  });

  it("takes a node that stops being ready out, and puts it back when it is ready again", async () => {
    nodes[0]!.ready = false;
    await expect.poll(() => checker.upstream.find((n) => n.port === NODE_PORTS[0])!.healthy, { timeout: 5_000 }).toBe(false);
    await sleep(300); // nginx's reload: new workers take over
    expect(await answers(20)).toEqual({ [String(NODE_PORTS[1])]: 20 });
    nodes[0]!.ready = true;
    await expect.poll(() => checker.upstream.every((n) => n.healthy), { timeout: 5_000 }).toBe(true);
    await sleep(300);
    await expect.poll(async () => Object.keys(await answers(20)).length, { timeout: 5_000 }).toBe(2);
  });

  it("answers every request while a node dies between two polls (proxy_next_upstream), then drops it", async () => {
    checker.stop(); // the passive checks alone first
    await nodes[0]!.close();
    expect(await answers(20)).toEqual({ [String(NODE_PORTS[1])]: 20 });
    checker.start();
    await expect.poll(() => checker.upstream.find((n) => n.port === NODE_PORTS[0])!.healthy, { timeout: 5_000 }).toBe(false);
    expect(checker.changes.at(-1)!.healthy).toEqual([NODE_PORTS[1]]);
  });
});

describe("health rule and error window", () => {
  it("drops a node after two failed polls in a row and takes it back after one success", () => {
    let node = { port: 1, healthy: true, failures: 0 };
    node = nextHealth(node, false);
    expect(node.healthy).toBe(true);
    node = nextHealth(node, false);
    expect(node.healthy).toBe(false);
    node = nextHealth(node, true);
    expect(node).toEqual({ port: 1, healthy: true, failures: 0 });
  });

  it("measures from the first to the last failure before a quiet stretch with successes", () => {
    const from = 10_000;
    const failures = [10_100, 10_500, 12_000, 13_000, 30_000];
    const successes = [9_000, 13_500, 14_000, 20_000, 31_000];
    expect(errorWindow(failures, successes, from)).toEqual({ failedRequests: 4, seconds: 2.9, firstSuccessAfterMs: 3_500 });
    expect(errorWindow([], successes, from)).toEqual({ failedRequests: 0, seconds: 0, firstSuccessAfterMs: 3_500 });
    expect(errorWindow(failures, successes, from, 11_000)).toEqual({ failedRequests: 2, seconds: 0.4, firstSuccessAfterMs: null });
  });
});
