import { describe, expect, it } from "vitest";
import { acceptsSession, isMultiHostUrl, parseDatabaseHosts } from "./db-hosts";

describe("libpq multi-host database URLs", () => {
  it("tells one host from several", () => {
    expect(isMultiHostUrl("postgresql://u:p@127.0.0.1:5432/paycenter")).toBe(false);
    expect(isMultiHostUrl("postgresql://u:p@127.0.0.1:5432/paycenter?target_session_attrs=read-write")).toBe(false);
    expect(isMultiHostUrl("postgresql://u:p@127.0.0.1:54612,127.0.0.1:54613/paycenter")).toBe(true);
    expect(isMultiHostUrl("postgres://db-a,db-b/paycenter")).toBe(true);
  });

  it("gives one single-host URL per host with the same credentials, database and parameters", () => {
    const parsed = parseDatabaseHosts("postgresql://pay:s%40cret@10.0.0.1:5433,db-b,[::1]:6000/paycenter?sslmode=disable&target_session_attrs=read-write&connect_timeout=2");
    expect(parsed.targetSessionAttrs).toBe("read-write");
    expect(parsed.connectTimeoutMs).toBe(2000);
    expect(parsed.hosts).toEqual([
      { host: "10.0.0.1", port: 5433, url: "postgresql://pay:s%40cret@10.0.0.1:5433/paycenter?sslmode=disable&connect_timeout=2" },
      { host: "db-b", port: 5432, url: "postgresql://pay:s%40cret@db-b:5432/paycenter?sslmode=disable&connect_timeout=2" },
      { host: "[::1]", port: 6000, url: "postgresql://pay:s%40cret@[::1]:6000/paycenter?sslmode=disable&connect_timeout=2" },
    ]);
  });

  it("defaults to libpq's any and refuses what libpq refuses", () => {
    expect(parseDatabaseHosts("postgresql://a:1,b:2/x").targetSessionAttrs).toBe("any");
    expect(parseDatabaseHosts("postgresql://a:1,b:2/x").hosts.map((h) => h.url)).toEqual(["postgresql://a:1/x", "postgresql://b:2/x"]);
    expect(() => parseDatabaseHosts("postgresql://a:1,b:2/x?target_session_attrs=master")).toThrow(/target_session_attrs/);
    expect(() => parseDatabaseHosts("postgresql://a:port,b/x")).toThrow(/bad port/);
    expect(() => parseDatabaseHosts("mysql://a/x")).toThrow(/postgresql/);
  });

  it("accepts a session by what the server reports", () => {
    const primary = { inHotStandby: false, readOnly: false };
    const standby = { inHotStandby: true, readOnly: false };
    const readOnlyPrimary = { inHotStandby: false, readOnly: true };
    expect([primary, standby, readOnlyPrimary].map((s) => acceptsSession("read-write", s))).toEqual([true, false, false]);
    expect([primary, standby, readOnlyPrimary].map((s) => acceptsSession("primary", s))).toEqual([true, false, true]);
    expect([primary, standby, readOnlyPrimary].map((s) => acceptsSession("standby", s))).toEqual([false, true, false]);
    expect([primary, standby, readOnlyPrimary].map((s) => acceptsSession("read-only", s))).toEqual([false, true, true]);
    expect([primary, standby].map((s) => acceptsSession("any", s))).toEqual([true, true]);
  });
});
