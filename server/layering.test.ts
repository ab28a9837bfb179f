import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Imports point inward (ARCHITECTURE.md): app → server/{trpc,openapi,jobs} → server/services →
 * server/domain. This reads every source file's imports (type-only ones too: a type is a dependency
 * of the design) and lists the ones that point the wrong way. Tests and test fixtures are exempt.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "fixtures" || entry.name === "node_modules" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The repo-relative module each import of `file` names (`@/x` and relative paths); packages are left out. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2])
    .flatMap((spec) => {
      if (spec.startsWith("@/")) return [spec.slice(2)];
      if (spec.startsWith(".")) return [path.posix.join(path.posix.dirname(file), spec)];
      return [];
    })
    .map((target) => target.replace(/\.tsx?$/, ""));
}

type Rule = { files: string; forbidden: RegExp; why: string };

const RULES: Rule[] = [
  { files: "server/domain", forbidden: /^(?!server\/domain\/)/, why: "the domain is pure: it imports only the domain (and packages)" },
  { files: "server/services", forbidden: /^(server\/(openapi|trpc|http)|app|components)(\/|$)/, why: "services sit below the transports and the pages" },
  // the narrow interface: provisioning, faults, payer pages, simulate (server/sandbox/index.ts)
  { files: "server/services", forbidden: /^server\/sandbox\/./, why: "services reach the sandbox through server/sandbox (its index) only" },
  // ARCHITECTURE.md: services reach channels only through the registry (and the contract's types and errors)
  { files: "server/services", forbidden: /^server\/channels\/(?!(registry|types|errors)$)/, why: "services reach channels through server/channels/registry" },
  { files: "server/channels", forbidden: /^(server\/(services|trpc|openapi|http|jobs|sandbox)|app|components)(\/|$)/, why: "a plugin speaks its channel and nothing of the app" },
  { files: "server/sandbox", forbidden: /^(server\/(services|trpc|openapi|http|channels)|app|components)(\/|$)/, why: "the simulators stand where the channels do: they know nothing of PayCenter's plugins or services" },
  { files: "app", forbidden: /^server\/db$/, why: "pages and route handlers call a service instead of the database" },
  { files: "components", forbidden: /^(server\/db|app)(\/|$)/, why: "components render what pages give them" },
];

describe("layering", () => {
  for (const rule of RULES) {
    it(`${rule.files}: ${rule.why}`, () => {
      const wrong = sourceFiles(rule.files).flatMap((file) => importsOf(file).filter((target) => rule.forbidden.test(target)).map((target) => `${file} → ${target}`));
      expect(wrong).toEqual([]);
    });
  }

  it("finds the imports it checks (the parser is not silently blind)", () => {
    expect(importsOf("server/services/cashier/get-cashier-order.ts")).toEqual(
      expect.arrayContaining(["server/channels/registry", "server/domain/cashier-modes", "server/services/cashier/cashier-order-view"]),
    );
    expect(sourceFiles("server/services").length).toBeGreaterThan(50);
  });
});
