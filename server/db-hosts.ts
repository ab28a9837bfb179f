/**
 * libpq's multi-host connection URLs, which node-postgres does not understand:
 * `postgresql://u:p@10.0.0.1:5432,10.0.0.2:5432/paycenter?target_session_attrs=read-write`.
 * Parsed into one single-host URL per host (what pg can connect to) and the session kind wanted
 * (docs/adr/0034-replication-and-read-split.md). No I/O.
 */
export type TargetSessionAttrs = "any" | "read-write" | "read-only" | "primary" | "standby" | "prefer-standby";

export interface DatabaseHost {
  /** As written in the URL: `127.0.0.1`, `db.internal`, `[::1]`. */
  host: string;
  port: number;
  /** A single-host URL for this host, with the same credentials, database and parameters (target_session_attrs removed). */
  url: string;
}

export interface DatabaseHosts {
  hosts: DatabaseHost[];
  targetSessionAttrs: TargetSessionAttrs;
  /** libpq's connect_timeout (seconds) in milliseconds, if the URL sets it. */
  connectTimeoutMs?: number;
}

const ATTRS: readonly TargetSessionAttrs[] = ["any", "read-write", "read-only", "primary", "standby", "prefer-standby"];
const URL_SHAPE = /^(postgres(?:ql)?:\/\/)((?:[^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/;

/** True when the URL names more than one host (the only case that needs the primary-following client). */
export function isMultiHostUrl(url: string): boolean {
  const match = URL_SHAPE.exec(url);
  return match !== null && splitHosts(match[3] ?? "").length > 1;
}

export function parseDatabaseHosts(url: string): DatabaseHosts {
  const match = URL_SHAPE.exec(url);
  if (!match) throw new Error("DATABASE_URL must be a postgresql:// URL");
  const [, scheme = "", auth = "", hostList = "", pathPart = "", queryPart = ""] = match;
  const params = new URLSearchParams(queryPart.slice(1));
  const attrs = params.get("target_session_attrs") ?? "any";
  if (!(ATTRS as readonly string[]).includes(attrs)) throw new Error(`target_session_attrs=${attrs} is not one of ${ATTRS.join(", ")}`);
  params.delete("target_session_attrs");
  const timeout = params.get("connect_timeout");
  const rest = `${pathPart}${params.size > 0 ? `?${params.toString()}` : ""}`;
  const hosts = splitHosts(hostList).map(({ host, port }) => ({ host, port, url: `${scheme}${auth}${host}:${port}${rest}` }));
  if (hosts.length === 0) throw new Error("DATABASE_URL names no host");
  return {
    hosts,
    targetSessionAttrs: attrs as TargetSessionAttrs,
    ...(timeout && Number(timeout) > 0 ? { connectTimeoutMs: Number(timeout) * 1000 } : {}),
  };
}

function splitHosts(list: string): { host: string; port: number }[] {
  return list
    .split(",")
    .filter((entry) => entry !== "")
    .map((entry) => {
      const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(entry);
      if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 5432) };
      const [host = "", port] = entry.split(":");
      if (port !== undefined && !/^\d+$/.test(port)) throw new Error(`bad port in database host "${entry}"`);
      return { host: decodeURIComponent(host), port: Number(port ?? 5432) };
    });
}

/** Whether a server whose session reports these settings is the kind wanted (libpq's rules, from in_hot_standby and default_transaction_read_only). */
export function acceptsSession(attrs: TargetSessionAttrs, session: { inHotStandby: boolean; readOnly: boolean }): boolean {
  switch (attrs) {
    case "any":
    case "prefer-standby":
      return true;
    case "read-write":
      return !session.inHotStandby && !session.readOnly;
    case "read-only":
      return session.inHotStandby || session.readOnly;
    case "primary":
      return !session.inHotStandby;
    case "standby":
      return session.inHotStandby;
    default:
      return attrs satisfies never;
  }
}
