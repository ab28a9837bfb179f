import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE, deviceIdFrom, ensureDeviceId } from "./device-cookie";

describe("the cashier's device cookie", () => {
  it("mints an id once and sets it HttpOnly; a request that carries it keeps it", () => {
    const answer = new Headers();
    const id = ensureDeviceId(new Headers(), answer);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(answer.get("set-cookie")).toMatch(new RegExp(`^${DEVICE_COOKIE}=${id}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
    const again = new Headers();
    expect(ensureDeviceId(new Headers({ cookie: `a=1; ${DEVICE_COOKIE}=${id}; b=2` }), again)).toBe(id);
    expect(again.get("set-cookie")).toBeNull();
  });

  it("ignores a value not of its shape (a forged or truncated cookie gets a new id)", () => {
    expect(deviceIdFrom(new Headers({ cookie: `${DEVICE_COOKIE}=short` }))).toBeNull();
    expect(deviceIdFrom(new Headers({ cookie: `${DEVICE_COOKIE}=${"x".repeat(21)};` }))).toBeNull();
    expect(deviceIdFrom(new Headers())).toBeNull();
  });
});
