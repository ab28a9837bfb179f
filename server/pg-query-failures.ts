import type pg from "pg";

/**
 * Calls `failed` with each failed query's error before its caller sees it, in both of node-postgres' forms (callback
 * and promise). For errors that the driver gives to the query alone: a FATAL from the server while a query is in
 * flight (57P01 when an administrator, a shutdown or the postmaster's death ends the backend) emits no 'error' event.
 */
export function onQueryFailure(client: pg.ClientBase, failed: (error: unknown) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        if (error) failed(error);
        return (callback as (...a: unknown[]) => unknown)(error, ...rest);
      };
    }
    const result = query(...args);
    // registered before the caller's own handlers, so it runs first; it does not handle the rejection for them
    if (result instanceof Promise) result.catch(failed);
    return result;
  }) as typeof client.query;
}
