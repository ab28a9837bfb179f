import { describe, expect, it } from "vitest";
import { CAPABILITIES, can, MEMBER_ROLES } from "./permissions";

describe("permissions", () => {
  it("lets FINANCE see money but not keys", () => {
    expect(can("FINANCE", "ledger.read")).toBe(true);
    expect(can("FINANCE", "refunds.review")).toBe(true);
    expect(can("FINANCE", "keys.manage")).toBe(false);
    expect(can("FINANCE", "apps.read")).toBe(false);
  });

  it("lets DEVELOPER manage keys and webhooks but not money or members", () => {
    expect(can("DEVELOPER", "keys.manage")).toBe(true);
    expect(can("DEVELOPER", "webhooks.manage")).toBe(true);
    expect(can("DEVELOPER", "ledger.read")).toBe(false);
    expect(can("DEVELOPER", "members.manage")).toBe(false);
  });

  it("gives VIEWER read-only access to orders and buyers", () => {
    const allowed = Object.keys(CAPABILITIES).filter((c) => can("VIEWER", c as keyof typeof CAPABILITIES));
    expect(allowed.sort()).toEqual(["buyers.read", "merchant.read", "orderCenter.read", "orders.read"]);
  });

  it("lets OWNER and FINANCE issue coupons and grant points; every other role at most reads buyers; DEALER not even that", () => {
    const managers = (["OWNER", "DEVELOPER", "FINANCE", "VIEWER", "DEALER"] as const).filter((role) => can(role, "buyers.manage"));
    expect(managers).toEqual(["OWNER", "FINANCE"]);
    expect(can("DEVELOPER", "buyers.read")).toBe(true);
    expect(can("DEALER", "buyers.read")).toBe(false);
  });

  it("gives DEALER the order center's orders (of its stores, narrowed by the services) and nothing else", () => {
    const allowed = Object.keys(CAPABILITIES).filter((c) => can("DEALER", c as keyof typeof CAPABILITIES));
    expect(allowed.sort()).toEqual(["orderCenter.export", "orderCenter.read"]);
  });

  it("gives CASHIER the store POS (of its stores, narrowed by the services) and nothing else", () => {
    const allowed = Object.keys(CAPABILITIES).filter((c) => can("CASHIER", c as keyof typeof CAPABILITIES));
    expect(allowed).toEqual(["pos.use"]);
  });

  it("gives OWNER everything", () => {
    for (const capability of Object.keys(CAPABILITIES) as (keyof typeof CAPABILITIES)[]) {
      expect(can("OWNER", capability)).toBe(true);
    }
    expect(MEMBER_ROLES).toHaveLength(6);
  });
});
