import { describe, expect, it } from "vitest";
import { ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "@/server/channels/errors";
import { connectionVerdict } from "./test-connection";

describe("connectionVerdict", () => {
  it("tells a refused signature from other refusals", () => {
    expect(connectionVerdict(new ChannelRejectedError("WeChat Pay answered 401 SIGN_ERROR: 签名错误", "SIGN_ERROR"))).toBe("signatureRejected");
    expect(connectionVerdict(new ChannelRejectedError("x", "isv.invalid-signature"))).toBe("signatureRejected");
    expect(connectionVerdict(new ChannelRejectedError("x", "isv.invalid-app-id"))).toBe("signatureRejected");
    expect(connectionVerdict(new ChannelRejectedError("WeChat Pay answered 400 PARAM_ERROR", "PARAM_ERROR"))).toBe("rejected");
  });
  it("tells an answer that failed verification from a timeout and an unreachable channel", () => {
    expect(connectionVerdict(new ChannelTimeoutError("WeChat Pay's answer failed verification, outcome unknown", "EV3_RES_INVALID"))).toBe("answerUnverified");
    expect(connectionVerdict(new ChannelTimeoutError("no answer within 10 ms", "TIMEOUT"))).toBe("timeout");
    expect(connectionVerdict(new ChannelUnavailableError("unreachable", "ECONNREFUSED"))).toBe("unreachable");
    expect(connectionVerdict(new Error("boom"))).toBe("error");
  });
});
