import type { JobWorker } from "@/server/jobs/worker";
import { afterAll, beforeAll } from "vitest";
import { seedIfEmpty } from "@/prisma/seed";
import { startHttpHarness, startTestWorker, type Harness } from "./http-harness";
import { DEMO_APP, openApiClient, useFixedDemoApps } from "./open-api-client";

export type DemoPaymentEnv = { harness: Harness; worker: JobWorker; api: ReturnType<typeof openApiClient> };

/**
 * Registers the hooks of a test file that pays through the sandbox: seeded demo apps with fixed
 * secrets, the app's routes on a real HTTP port, and the job worker (sandbox callbacks, refunds).
 * The returned object is filled in before the file's first test runs.
 */
export function useDemoPaymentEnv(prepare?: () => Promise<void>): DemoPaymentEnv {
  const env = {} as DemoPaymentEnv;
  beforeAll(async () => {
    useFixedDemoApps();
    await seedIfEmpty();
    await prepare?.();
    env.harness = await startHttpHarness();
    env.worker = await startTestWorker();
    env.api = openApiClient(env.harness.url, DEMO_APP);
  });
  afterAll(async () => {
    await env.worker?.stop();
    await env.harness?.close();
  });
  return env;
}
