// Bundles the production server (server.ts) with the route modules it serves itself into
// dist/server.mjs, compiled once so `npm start` runs plain JavaScript (no tsx loader). Packages stay
// in node_modules. dist/BUILD_ID records the Next.js build it was made with: scripts/run.ts rebuilds
// the bundle when `next build` ran alone since.
//
//   npx tsx scripts/server/build.ts        (`npm run build` runs it after `next build`)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { findRouteFiles } from "../../server/http/api-router.ts";
import { REPO_ROOT } from "../lib/migrations-dir.ts";

/** The API trees the server answers itself; every other request goes to Next.js. */
const LEAN_DIRS = ["app/api/v1", "app/api/notify", "app/api/sandbox"];

export const SERVER_BUNDLE = path.join(REPO_ROOT, "dist", "server.mjs");
const STAMP = path.join(REPO_ROOT, "dist", "BUILD_ID");
const NEXT_BUILD_ID = path.join(REPO_ROOT, ".next", "BUILD_ID");

const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim() : null);

/** True when dist/server.mjs was bundled alongside the current Next.js build. */
export function serverBundleIsCurrent(): boolean {
  return existsSync(SERVER_BUNDLE) && read(STAMP) !== null && read(STAMP) === read(NEXT_BUILD_ID);
}

export async function buildServer(): Promise<void> {
  const files = LEAN_DIRS.flatMap((dir) => findRouteFiles(REPO_ROOT, dir));
  // every API route file, so the server answers an /api path none of them names itself (404 envelope, not a page)
  const apiFiles = findRouteFiles(REPO_ROOT, "app/api");
  const entry = [
    `import { startServer } from "./scripts/server/server.ts";`,
    ...files.map((file, i) => `import * as route${i} from "./${file}";`),
    `await startServer({ ${files.map((file, i) => `${JSON.stringify(file)}: route${i}`).join(", ")} }, ${JSON.stringify(apiFiles)});`,
  ].join("\n");
  await build({
    stdin: { contents: entry, resolveDir: REPO_ROOT, sourcefile: "server-entry.ts", loader: "ts" },
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(REPO_ROOT, "tsconfig.json"),
    logLevel: "warning",
  });
  writeFileSync(STAMP, `${read(NEXT_BUILD_ID) ?? ""}\n`);
}

if (import.meta.filename === process.argv[1]) {
  await buildServer();
  console.log(`[paycenter] bundled ${path.relative(REPO_ROOT, SERVER_BUNDLE)}`);
}
