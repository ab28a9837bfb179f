import { describe, expect, it } from "vitest";
import { signPortalToken, verifyPortalToken } from "./portal-token";

const key = Buffer.alloc(32, 7);
const now = new Date("2026-12-03T10:00:00Z");
const claims = { merchantId: "m1", buyerId: "U1001", expiresAt: new Date("2026-12-03T10:30:00Z") };

describe("portal token", () => {
  it("round-trips the claims until it expires", () => {
    const token = signPortalToken(key, claims);
    expect(verifyPortalToken(key, token, now)).toEqual(claims);
    expect(verifyPortalToken(key, token, new Date("2026-12-03T10:30:00Z"))).toBeNull();
  });

  it("refuses another key, a changed payload, a changed signature and garbage", () => {
    const token = signPortalToken(key, claims);
    expect(verifyPortalToken(Buffer.alloc(32, 8), token, now)).toBeNull();
    const [payload, signature] = token.split(".");
    const other = Buffer.from(JSON.stringify({ m: "m1", b: "U2002", e: 1_900_000_000 })).toString("base64url");
    expect(verifyPortalToken(key, `${other}.${signature}`, now)).toBeNull();
    expect(verifyPortalToken(key, `${payload}.${signature!.slice(0, -2)}`, now)).toBeNull();
    for (const junk of ["", ".", "a.b", `${token}.x`, "x".repeat(1000), `${payload}.`]) expect(verifyPortalToken(key, junk, now)).toBeNull();
  });
});
