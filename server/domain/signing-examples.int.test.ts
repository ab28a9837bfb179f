import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { DEMO_APP, useFixedDemoApps } from "@/server/testing/open-api-client";
import { seedIfEmpty } from "@/prisma/seed";
import { curlExample, typescriptExample } from "./signing-examples";

const run = promisify(execFile);
let harness: Harness;

beforeAll(async () => {
  useFixedDemoApps();
  await seedIfEmpty();
  harness = await startHttpHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The integration page's examples, run as a merchant would run them, against a real server. */
describe("the signing examples on the integration page", () => {
  it("the curl example creates an order", async () => {
    const script = curlExample(DEMO_APP.id, harness.url, `CURL${Date.now()}`);
    const { stdout } = await run("bash", ["-c", script], { env: { ...process.env, APP_SECRET: DEMO_APP.secret } });
    expect(JSON.parse(stdout)).toMatchObject({ status: "PENDING", amount: 12800 });
  });

  it("the TypeScript example creates an order, with nothing but node:crypto and fetch", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "paycenter-example-"));
    const file = path.join(dir, "example.mts");
    writeFileSync(file, typescriptExample(DEMO_APP.id, harness.url, `TS${Date.now()}`));
    const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
    const { stdout } = await run(process.execPath, [tsx, file], { env: { ...process.env, APP_SECRET: DEMO_APP.secret }, cwd: dir });
    expect(JSON.parse(stdout)).toMatchObject({ status: 201, body: { status: "PENDING", amount: 12800 } });
  });

  it("a wrong secret is refused", async () => {
    const { stdout } = await run("bash", ["-c", curlExample(DEMO_APP.id, harness.url)], { env: { ...process.env, APP_SECRET: "wrong" } });
    expect(JSON.parse(stdout).error.code).toBe("INVALID_SIGNATURE");
  });
});
