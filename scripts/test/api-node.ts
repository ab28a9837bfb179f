// One web node for multi-node integration tests: the app's API route handlers on a real HTTP port (the
// production server's listener, as server/testing/http-harness.ts serves them), on $DATABASE_URL.
// Prints `listening <url>` on stdout once it answers; runs until killed.
//
//   node --import tsx scripts/test/api-node.ts
import { startHttpHarness } from "../../server/testing/http-harness.ts";

const harness = await startHttpHarness();
console.log(`listening ${harness.url}`);
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void harness.close().then(() => process.exit(0)));
