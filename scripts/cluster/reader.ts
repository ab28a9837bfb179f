// The drill's query load: a few clients reading orders the driver already created (signed Open API
// GET /api/v1/pay-orders/{payOrderNo}, which must see the order: the primary answers it), beside the
// driver's creates, payments and refunds. Counts failures (5xx or no answer) for the RTO.
import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { signedHeaders, type BenchApp } from "../bench/signed-requests.ts";
import type { Driver } from "../chaos/driver.ts";

export type Reader = { requests: number; failures: number[]; successes: number[]; notFound: number; stop(): Promise<void> };

export function startReader(baseUrl: string, app: BenchApp, driver: Driver, clients: number): Reader {
  let stopped = false;
  const reader: Reader = { requests: 0, failures: [], successes: [], notFound: 0, stop: async () => {} };
  const loop = async () => {
    while (!stopped) {
      const mine = driver.orders.filter((o) => o.app === app.id && o.payOrderNo);
      if (mine.length === 0) {
        await sleep(200);
        continue;
      }
      const path = `/api/v1/pay-orders/${mine[randomInt(0, mine.length)]!.payOrderNo}`;
      reader.requests++;
      try {
        const response = await fetch(`${baseUrl}${path}`, { headers: signedHeaders(app, "GET", path, ""), signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status >= 500) reader.failures.push(Date.now());
        else if (response.status === 404) reader.notFound++;
        else if (response.ok) reader.successes.push(Date.now());
      } catch {
        reader.failures.push(Date.now());
      }
      await sleep(50);
    }
  };
  const running = Promise.all(Array.from({ length: clients }, loop));
  reader.stop = async () => {
    stopped = true;
    await running;
  };
  return reader;
}
