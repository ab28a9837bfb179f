// Shared by the integration test set-up files: the names and URLs of test databases.
import pg from "pg";

export const TEMPLATE_DATABASE = "paycenter_template";
export const TEST_DATABASE_PREFIX = "test_";

/** The same server and credentials as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // the server going away between queries surfaces on the next query instead
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
