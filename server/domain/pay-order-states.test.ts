import { describe, expect, it } from "vitest";
import { PayOrderStatus as DbPayOrderStatus, PaymentStatus as DbPaymentStatus, RefundStatus as DbRefundStatus } from "@/server/generated/prisma/enums.ts";
import { ATTEMPT_STATUSES, isOpenAttempt, isPaidPayOrder, PAY_ORDER_STATUSES, REFUND_STATUSES, statusAfterRefunds } from "./pay-order-states";

describe("pay order states", () => {
  it("name exactly the database's enums", () => {
    expect([...PAY_ORDER_STATUSES].sort()).toEqual(Object.values(DbPayOrderStatus).sort());
    expect([...ATTEMPT_STATUSES].sort()).toEqual(Object.values(DbPaymentStatus).sort());
    expect([...REFUND_STATUSES].sort()).toEqual(Object.values(DbRefundStatus).sort());
  });

  it("tell paid orders and open attempts apart", () => {
    expect(PAY_ORDER_STATUSES.filter(isPaidPayOrder)).toEqual(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);
    expect(ATTEMPT_STATUSES.filter(isOpenAttempt)).toEqual(["CREATED", "PROCESSING", "UNKNOWN"]);
  });

  it("derive the status after refunds", () => {
    expect(statusAfterRefunds(12800n, 0n)).toBe("PAID");
    expect(statusAfterRefunds(12800n, 1n)).toBe("PARTIALLY_REFUNDED");
    expect(statusAfterRefunds(12800n, 12800n)).toBe("REFUNDED");
  });
});
