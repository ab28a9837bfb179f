import { describe, expect, it } from "vitest";
import { authCodeField, posFailureReason, takePosPaymentSchema, yuanAmountField } from "./pos-schema";

const issue = (value: unknown) => {
  const result = yuanAmountField.safeParse(value);
  return result.success ? result.data : result.error.issues[0]!.message;
};

describe("the POS amount (yuan typed on the keypad → fen)", () => {
  it("converts digit by digit, never through a float", () => {
    expect(issue("0.01")).toBe(1n);
    expect(issue("12.5")).toBe(1250n);
    expect(issue("12.")).toBe(1200n);
    expect(issue(" 19.99 ")).toBe(1999n);
    expect(issue("0.29")).toBe(29n); // 0.29 * 100 = 28.999999999999996 as a float
    expect(issue("100000.00")).toBe(10_000_000n);
  });

  it("refuses what is not an amount, or out of range, with a key for the form", () => {
    for (const bad of ["", "abc", "1.234", "-1", "1e3", "1,00", ".5", "0x10", "12.3.4"]) expect(issue(bad), bad).toBe("amountInvalid");
    expect(issue(12)).toBe("amountInvalid");
    expect(issue("0")).toBe("amountTooSmall");
    expect(issue("0.00")).toBe("amountTooSmall");
    expect(issue("100000.01")).toBe("amountTooLarge");
    expect(issue("999999999")).toBe("amountTooLarge");
  });
});

describe("the payment code", () => {
  it("takes a scanner's digits (spaces dropped) and refuses anything else", () => {
    expect(authCodeField.parse("134567890123456789")).toBe("134567890123456789");
    expect(authCodeField.parse(" 1345 6789 0123 4567 89")).toBe("134567890123456789");
    for (const bad of ["", "123", "13456789012345678a", "1".repeat(33)]) expect(authCodeField.safeParse(bad).success, bad).toBe(false);
  });

  it("names every bad field of a payment at once", () => {
    const result = takePosPaymentSchema.safeParse({ appId: "", storeId: "S 1", amount: "1.001", authCode: "x", requestId: "short" });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({ appId: "appRequired", amount: "amountInvalid", authCode: "authCodeInvalid", requestId: "requestInvalid" });
    expect(fields.storeId).toBeDefined();
  });
});

describe("why a payment failed, in words", () => {
  it("reads the channels' own codes", () => {
    expect(posFailureReason("AUTHCODEEXPIRE", "二维码已过期，请用户在微信上刷新后再试")).toBe("codeExpired");
    expect(posFailureReason("AUTH_CODE_INVALID", "付款码无效")).toBe("codeInvalid");
    expect(posFailureReason("ACQ.PAYMENT_AUTH_CODE_INVALID", "支付失败，获取顾客账户信息失败")).toBe("codeInvalid");
    expect(posFailureReason("NOTENOUGH", "余额不足")).toBe("insufficientFunds");
    expect(posFailureReason("ACQ.BUYER_BALANCE_NOT_ENOUGH", null)).toBe("insufficientFunds");
    expect(posFailureReason("ORDER_REVERSED", "用户未在规定时间内确认", "rejected")).toBe("declined");
    expect(posFailureReason("ChannelTimeoutError", null, "timeout")).toBe("timeout");
    expect(posFailureReason("ChannelUnavailableError", "connect ECONNREFUSED", "unavailable")).toBe("channelUnavailable");
    expect(posFailureReason("BARCODE_REVERSED", "the payer did not confirm", "ok")).toBe("notConfirmed");
    expect(posFailureReason(null, null)).toBe("unknown");
  });
});
