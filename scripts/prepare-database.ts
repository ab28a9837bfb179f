// Once per release, on the primary alone (docker-compose.yml's `migrate` service): PayCenter's migrations
// and graphile-worker's schema, so web nodes can queue jobs before any worker has started.
//
//   MIGRATE_URL=postgresql://…@primary:5432/paycenter npx tsx scripts/prepare-database.ts
// (a single host: the migration engine does not take a multi-host DATABASE_URL; MIGRATE_URL, else DATABASE_URL)
import { prepareDatabase } from "./lib/database.ts";

const url = process.env.MIGRATE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error("Set MIGRATE_URL (or DATABASE_URL) to the primary.");
  process.exit(64);
}
const { applied } = await prepareDatabase(url);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "the database is up to date");
