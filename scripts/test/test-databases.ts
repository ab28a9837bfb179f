// Shared by the integration test set-up files: the names and URLs of test databases.
import pg from "pg";

/**
 * Names carry the run's id (the vitest main process's pid), so several runs can share one server
 * (two engineers, or an engineer and CI): each run clones its own template and cleans up only
 * what runs that no longer exist left behind.
 */
export const templateDatabase = (runId: string) => `paycenter_template_${runId}`;
export const testDatabase = (runId: string, suffix: string) => `test_${runId}_${suffix}`;

/** The run id in a template's or test database's name. */
export function runIdOf(database: string): string | null {
  return /^(?:paycenter_template|test)_(\d+)(?:_|$)/.exec(database)?.[1] ?? null;
}

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
