import pg from "pg";
import { databaseUnreachable } from "./database-errors";
import { acceptsSession, type DatabaseHost, type DatabaseHosts, type TargetSessionAttrs } from "./db-hosts";
import { onQueryFailure } from "./pg-query-failures";

/**
 * A pg.Pool over a libpq-style multi-host URL (server/db-hosts.ts): each new connection goes to the host remembered
 * as the right kind (the primary, for `target_session_attrs=read-write`). On a failed connect, or a server of the wrong
 * kind (a standby still in recovery), the host is forgotten and the next connection probes every host — short connect
 * timeout, in parallel, one probe at a time per process — for one that is. After a failover (kill -9 of the primary,
 * pg_promote() of the standby) new connections reach the promoted standby; connections to the dead primary error and
 * node-postgres drops errored clients (an unqueryable client is never returned to the idle list).
 * docs/adr/0034-replication-and-read-split.md.
 */
export class HostRouter {
  private current: DatabaseHost | undefined;
  private probing: Promise<DatabaseHost> | undefined;

  constructor(
    readonly hosts: DatabaseHosts,
    private readonly probeTimeoutMs: number,
  ) {}

  get attrs(): TargetSessionAttrs {
    return this.hosts.targetSessionAttrs;
  }

  /** The host to connect to now: the remembered one, else the first that a probe finds of the right kind. */
  async target(): Promise<DatabaseHost> {
    if (this.current) return this.current;
    this.probing ??= this.probe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  /** The host failed or is of the wrong kind: the next connection probes again. */
  forget(host: DatabaseHost): void {
    if (this.current === host) this.current = undefined;
  }

  private async probe(): Promise<DatabaseHost> {
    const results = await Promise.all(this.hosts.hosts.map((host) => probeHost(host, this.probeTimeoutMs)));
    const accepted = (preferStandby: boolean) =>
      this.hosts.hosts.find((_, index) => {
        const session = results[index];
        return session !== null && session !== undefined && (!preferStandby || session.inHotStandby) && acceptsSession(this.attrs, session);
      });
    const chosen = (this.attrs === "prefer-standby" ? accepted(true) : undefined) ?? accepted(false);
    if (!chosen) {
      const seen = this.hosts.hosts.map((host, index) => `${host.host}:${host.port} ${describe(results[index])}`).join(", ");
      throw new Error(`no database host is ${this.attrs} (${seen})`);
    }
    this.current = chosen;
    return chosen;
  }
}

type Session = { inHotStandby: boolean; readOnly: boolean };

function describe(session: Session | null | undefined): string {
  if (!session) return "unreachable";
  return session.inHotStandby ? "in recovery" : session.readOnly ? "read-only" : "read-write";
}

async function probeHost(host: DatabaseHost, timeoutMs: number): Promise<Session | null> {
  const client = new pg.Client({ connectionString: host.url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ recovery: boolean; read_only: string }>(
      "SELECT pg_is_in_recovery() AS recovery, current_setting('default_transaction_read_only') AS read_only",
    );
    return { inHotStandby: rows[0]!.recovery, readOnly: rows[0]!.read_only === "on" };
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

type ParameterStatus = { parameterName: string; parameterValue: string };

/** A pg.Client class whose connect() goes to the router's current host and checks the session kind the server reports at start-up. */
export function followingClientClass(router: HostRouter): typeof pg.Client {
  return class FollowingClient extends pg.Client {
    /** What the server reported at start-up (PostgreSQL 14+ reports in_hot_standby and default_transaction_read_only): no extra query per connection. */
    private readonly reported = new Map<string, string>();

    constructor(config?: string | pg.ClientConfig) {
      super(config);
      (this as unknown as { connection: NodeJS.EventEmitter }).connection.on("parameterStatus", (message: ParameterStatus) =>
        this.reported.set(message.parameterName, message.parameterValue),
      );
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, client: pg.Client) => void)): void;
    override connect(callback?: ((err: Error) => void) | ((err: null, client: pg.Client) => void)): Promise<pg.Client> | void {
      const connecting = this.connectToTarget().then(() => this as pg.Client);
      if (!callback) return connecting;
      const done = callback as (err: Error | null, client?: pg.Client) => void;
      connecting.then((client) => done(null, client), (error: Error) => done(error));
    }

    private async connectToTarget(): Promise<void> {
      const host = await router.target();
      const self = this as unknown as { host: string; port: number; connectionParameters: { host: string; port: number } };
      self.host = self.connectionParameters.host = unbracket(host.host);
      self.port = self.connectionParameters.port = host.port;
      try {
        await super.connect();
      } catch (error) {
        router.forget(host);
        throw error;
      }
      const session = { inHotStandby: this.reported.get("in_hot_standby") === "on", readOnly: this.reported.get("default_transaction_read_only") === "on" };
      if (!acceptsSession(router.attrs, session)) {
        router.forget(host);
        await this.end().catch(() => {});
        throw new Error(`database host ${host.host}:${host.port} is ${describe(session)}, not ${router.attrs}; probing the hosts again`);
      }
      // The server went away under an open connection (kill -9, shutdown): the next connection probes. (A client the
      // pool closes when idle ends without an error and changes nothing.) A query in flight meets it as an error of its
      // own (FATAL 57P01 from a backend whose postmaster died), with no 'error' event.
      this.on("error", () => router.forget(host));
      onQueryFailure(this, (error) => {
        if (databaseUnreachable(error)) router.forget(host);
      });
    }
  };
}

function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

export type FollowingPoolOptions = Omit<pg.PoolConfig, "connectionString" | "Client"> & {
  /** Connect timeout of each connection and of each probe (the URL's connect_timeout wins). */
  connectTimeoutMs: number;
};

/** A pg.Pool whose connections follow the hosts' roles (see HostRouter). */
export function createFollowingPool(hosts: DatabaseHosts, options: FollowingPoolOptions): { pool: pg.Pool; router: HostRouter } {
  const timeout = hosts.connectTimeoutMs ?? options.connectTimeoutMs;
  const router = new HostRouter(hosts, timeout);
  const { connectTimeoutMs: _, ...config } = options;
  const pool = new pg.Pool({ ...config, Client: followingClientClass(router), connectionString: hosts.hosts[0]!.url, connectionTimeoutMillis: timeout });
  return { pool, router };
}
