import { describe, expect, it } from "vitest";
import { attemptNo, newAppId, newAppSecret, newEventId, newPayOrderNo, newRefundNo } from "./ids";

describe("identifiers", () => {
  it("makes sortable, unique, non-enumerable payOrderNos that fit WeChat's out_trade_no", () => {
    const at = new Date("2026-11-22T02:30:00.123Z");
    const no = newPayOrderNo(at);
    expect(no).toMatch(/^P20261122103000123[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(attemptNo(no, 12).length).toBeLessThanOrEqual(32);
    const many = new Set(Array.from({ length: 5000 }, () => newPayOrderNo(at)));
    expect(many.size).toBe(5000);
    expect(newPayOrderNo(new Date("2026-11-22T02:30:00.124Z")) > newPayOrderNo(at)).toBe(true);
    expect(newRefundNo(at)).toMatch(/^F20261122103000123/);
  });

  it("makes app ids, secrets and event ids in their formats", () => {
    expect(newAppId()).toMatch(/^app_[0-9A-Z]{16}$/);
    expect(newAppSecret("LIVE")).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    expect(newEventId()).toMatch(/^evt_[0-9a-z]{21}$/);
  });
});
