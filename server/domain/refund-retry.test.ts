import { describe, expect, it } from "vitest";
import { REFUND_RETRY_SECONDS, nextRefundRetrySeconds } from "./refund-retry";

describe("refund retry backoff", () => {
  it("grows, is bounded, then stops", () => {
    const delays = REFUND_RETRY_SECONDS.map((_, i) => nextRefundRetrySeconds(i));
    expect(delays).toEqual([10, 30, 120, 600, 1800]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
    expect(nextRefundRetrySeconds(REFUND_RETRY_SECONDS.length)).toBeNull();
    expect(nextRefundRetrySeconds(99)).toBeNull();
  });
});
