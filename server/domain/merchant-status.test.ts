import { describe, expect, it } from "vitest";
import { merchantMayTransact } from "./merchant-status";

describe("which merchants may take payments", () => {
  it("lets an active merchant use every app", () => {
    expect(merchantMayTransact("ACTIVE", "LIVE")).toBe(true);
    expect(merchantMayTransact("ACTIVE", "TEST")).toBe(true);
  });

  it("keeps a merchant under onboarding to the sandbox", () => {
    for (const status of ["DRAFT", "PENDING_REVIEW", "REJECTED"]) {
      expect(merchantMayTransact(status, "TEST"), status).toBe(true);
      expect(merchantMayTransact(status, "LIVE"), status).toBe(false);
    }
  });

  it("stops a suspended merchant, and anything unknown", () => {
    expect(merchantMayTransact("SUSPENDED", "TEST")).toBe(false);
    expect(merchantMayTransact("SUSPENDED", "LIVE")).toBe(false);
    expect(merchantMayTransact("CLOSED", "TEST")).toBe(false);
  });
});
