import { describe, expect, it } from "vitest";
import { attemptState, cashierPhase, type PhaseInput } from "./cashier-phase";

const now = new Date("2026-11-22T10:00:00Z");
const order = (over: Partial<PhaseInput> = {}): PhaseInput => ({
  orderStatus: "PENDING",
  expiresAt: new Date("2026-11-22T10:30:00Z"),
  closedAt: null,
  merchantStatus: "ACTIVE",
  appStatus: "ACTIVE",
  appMode: "LIVE",
  ...over,
});

describe("cashierPhase", () => {
  it("lets a pending order of an active merchant be paid until it expires", () => {
    expect(cashierPhase(order(), now)).toBe("payable");
    expect(cashierPhase(order({ expiresAt: now }), now)).toBe("expired");
  });

  it("shows the receipt of a paid order, refunded or not, even if the merchant is suspended since", () => {
    for (const orderStatus of ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]) {
      expect(cashierPhase(order({ orderStatus, merchantStatus: "SUSPENDED" }), now)).toBe("paid");
    }
  });

  it("tells a closed order from an expired one", () => {
    expect(cashierPhase(order({ orderStatus: "CLOSED", closedAt: new Date("2026-11-22T09:50:00Z") }), now)).toBe("closed");
    const expiredAt = new Date("2026-11-22T09:30:00Z");
    expect(cashierPhase(order({ orderStatus: "CLOSED", expiresAt: expiredAt, closedAt: new Date("2026-11-22T09:30:01Z") }), now)).toBe("expired");
  });

  it("refuses payment for a merchant that is not active or an app that is disabled", () => {
    expect(cashierPhase(order({ merchantStatus: "SUSPENDED" }), now)).toBe("unavailable");
    expect(cashierPhase(order({ appStatus: "DISABLED" }), now)).toBe("unavailable");
    expect(cashierPhase(order({ merchantStatus: "PENDING_REVIEW" }), now)).toBe("unavailable");
  });

  it("lets a merchant under onboarding take sandbox payments with its TEST app", () => {
    expect(cashierPhase(order({ merchantStatus: "DRAFT", appMode: "TEST" }), now)).toBe("payable");
    expect(cashierPhase(order({ merchantStatus: "SUSPENDED", appMode: "TEST" }), now)).toBe("unavailable");
  });
});

describe("attemptState", () => {
  it("maps attempt statuses to what the consumer sees", () => {
    expect(attemptState("CREATED")).toBe("preparing");
    expect(attemptState("PROCESSING")).toBe("waiting");
    for (const status of ["FAILED", "CLOSED", "UNKNOWN"]) expect(attemptState(status)).toBe("failed");
  });
});
