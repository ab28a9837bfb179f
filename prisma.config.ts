import "dotenv/config";
import { defineConfig } from "prisma/config";

// Prisma 7's CLI wants a native schema engine it would download from a host these machines cannot
// reach. `prisma generate` never runs it, so point it at a no-op. Migrations are driven by
// scripts/migrate.ts through the official WebAssembly engine instead (see docs/adr/0002-migrations.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/true";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // generate needs no database; the URL only matters to commands we do not use.
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/paycenter" },
});
