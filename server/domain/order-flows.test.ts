import { describe, expect, it } from "vitest";
import {
  acceptsAfterSales,
  awaitsShipping,
  canTransition,
  defaultFlow,
  FLOW_STEPS,
  isCancellable,
  nextStatuses,
  ORDER_FLOWS,
  ORDER_STATUSES,
  shipByOnEntering,
  type OrderFlow,
  type OrderStatus,
} from "./order-flows";

/** Every (from, to) pair a business may request, per flow, written out: the contract's table. */
const ALLOWED: Record<OrderFlow, Record<string, OrderStatus[]>> = {
  standard: {
    PAID: ["TO_SHIP", "SHIPPED", "TO_RECEIVE", "COMPLETED"],
    TO_SHIP: ["SHIPPED", "TO_RECEIVE", "COMPLETED"],
    SHIPPED: ["TO_RECEIVE", "COMPLETED"],
    TO_RECEIVE: ["COMPLETED"],
  },
  custom_home: {
    PAID: ["TO_MEASURE", "TO_DESIGN", "IN_PRODUCTION", "TO_SHIP", "SHIPPED", "TO_INSTALL", "TO_ACCEPT", "COMPLETED"],
    TO_MEASURE: ["TO_DESIGN", "IN_PRODUCTION", "TO_SHIP", "SHIPPED", "TO_INSTALL", "TO_ACCEPT", "COMPLETED"],
    TO_DESIGN: ["IN_PRODUCTION", "TO_SHIP", "SHIPPED", "TO_INSTALL", "TO_ACCEPT", "COMPLETED"],
    IN_PRODUCTION: ["TO_SHIP", "SHIPPED", "TO_INSTALL", "TO_ACCEPT", "COMPLETED"],
    TO_SHIP: ["SHIPPED", "TO_INSTALL", "TO_ACCEPT", "COMPLETED"],
    SHIPPED: ["TO_INSTALL", "TO_ACCEPT", "COMPLETED"],
    TO_INSTALL: ["TO_ACCEPT", "COMPLETED"],
    TO_ACCEPT: ["COMPLETED"],
  },
};

describe("order flows", () => {
  it("allow exactly the forward moves of each flow's table, from every status to every status", () => {
    for (const flow of ORDER_FLOWS) {
      for (const from of ORDER_STATUSES) {
        for (const to of ORDER_STATUSES) {
          const expected = (ALLOWED[flow][from] ?? []).includes(to);
          expect(canTransition(flow, from, to), `${flow}: ${from} → ${to}`).toBe(expected);
        }
      }
    }
  });

  it("never let a business move an order out of payment, into PAID / SPLIT / CANCELLED, or out of an end", () => {
    for (const flow of ORDER_FLOWS) {
      for (const status of ORDER_STATUSES) {
        expect(canTransition(flow, "PENDING_PAYMENT", status)).toBe(false);
        expect(canTransition(flow, "DEPOSIT_PAID", status)).toBe(false);
        expect(canTransition(flow, status, "PAID")).toBe(false);
        expect(canTransition(flow, status, "SPLIT")).toBe(false);
        expect(canTransition(flow, status, "CANCELLED")).toBe(false);
        for (const end of ["COMPLETED", "CANCELLED", "SPLIT"] as const) expect(canTransition(flow, end, status)).toBe(false);
      }
    }
  });

  it("keep the other flow's steps out (no measuring in the standard flow, no TO_RECEIVE at home)", () => {
    expect(canTransition("standard", "PAID", "TO_MEASURE")).toBe(false);
    expect(canTransition("custom_home", "SHIPPED", "TO_RECEIVE")).toBe(false);
    expect(FLOW_STEPS.custom_home).not.toContain("TO_RECEIVE");
  });

  it("offer the next statuses in flow order", () => {
    expect(nextStatuses("standard", "SHIPPED")).toEqual(["TO_RECEIVE", "COMPLETED"]);
    expect(nextStatuses("custom_home", "TO_ACCEPT")).toEqual(["COMPLETED"]);
    expect(nextStatuses("standard", "COMPLETED")).toEqual([]);
  });

  it("make made-to-measure orders custom_home by default", () => {
    expect(defaultFlow("custom")).toBe("custom_home");
    for (const type of ["standard", "presale", "points"] as const) expect(defaultFlow(type)).toBe("standard");
  });

  it("cancel only before anything left the warehouse, take after-sales from SHIPPED on, and wait for shipping between", () => {
    expect(ORDER_STATUSES.filter(isCancellable)).toEqual(["PENDING_PAYMENT", "DEPOSIT_PAID", "PAID", "TO_MEASURE", "TO_DESIGN", "TO_SHIP"]);
    expect(ORDER_STATUSES.filter((s) => acceptsAfterSales("standard", s))).toEqual(["SHIPPED", "TO_RECEIVE", "COMPLETED"]);
    expect(ORDER_STATUSES.filter((s) => acceptsAfterSales("custom_home", s))).toEqual(["SHIPPED", "TO_INSTALL", "TO_ACCEPT", "COMPLETED"]);
    expect(ORDER_STATUSES.filter((s) => awaitsShipping("custom_home", s))).toEqual(["PAID", "TO_MEASURE", "TO_DESIGN", "IN_PRODUCTION", "TO_SHIP"]);
    expect(ORDER_STATUSES.filter((s) => awaitsShipping("standard", s))).toEqual(["PAID", "TO_SHIP"]);
  });

  it("start the shipping clock at payment, or for made-to-measure once production is done", () => {
    const at = new Date("2026-12-03T00:00:00Z");
    expect(shipByOnEntering("standard", "PAID", at, 48)?.toISOString()).toBe("2026-12-05T00:00:00.000Z");
    expect(shipByOnEntering("custom_home", "PAID", at, 48)).toBeNull();
    expect(shipByOnEntering("custom_home", "IN_PRODUCTION", at, 48)).toBeNull();
    expect(shipByOnEntering("custom_home", "TO_SHIP", at, 24)?.toISOString()).toBe("2026-12-04T00:00:00.000Z");
    expect(shipByOnEntering("standard", "PAID", at, null)).toBeNull();
  });
});
