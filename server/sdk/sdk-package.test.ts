import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * packages/sdk is published as built by its own `npm run build` (tsc): this builds it into a temporary
 * directory and loads the result as plain Node ESM (no bundler, no path aliases), as a merchant would.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SDK = path.join(ROOT, "packages/sdk");
const out = mkdtempSync(path.join(tmpdir(), "paycenter-sdk-dist-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("@paycenter/sdk as published", () => {
  it("builds with tsc alone and loads as Node ESM with its declarations, without runtime dependencies", async () => {
    const pkg = JSON.parse(readFileSync(path.join(SDK, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: "@paycenter/sdk", type: "module", engines: { node: ">=20.3" } });
    expect(pkg.dependencies ?? {}).toEqual({});
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(SDK, "tsconfig.json"), "--outDir", out], { encoding: "utf8", timeout: 120_000 });
    // the files package.json names, relative to dist/
    const entry = (pkg.exports["."].import as string).replace("./dist/", "");
    const types = (pkg.exports["."].types as string).replace("./dist/", "");
    expect(existsSync(path.join(out, types))).toBe(true);
    const sdk = await import(pathToFileURL(path.join(out, entry)).href);
    expect(Object.keys(sdk)).toEqual(expect.arrayContaining(["PayCenter", "PayCenterError", "verifyWebhook", "signRequest", "OPERATIONS"]));
    expect(new sdk.PayCenter({ baseUrl: "https://pay.example", appId: "app_1", secret: "s" }).payOrders.create).toBeTypeOf("function");
    // only Node built-ins are imported by the built code
    const imports = execFileSync("grep", ["-rhoE", "from \"[^\"]+\"", out], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const line of imports) expect(line).toMatch(/from "(node:[a-z_]+|\.\/[a-z-]+\.js)"/);
  }, 120_000);
});
