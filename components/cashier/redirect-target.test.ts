import { describe, expect, it } from "vitest";
import { redirectTarget } from "./redirect-target";

const waiting = (payData: { type: "redirect"; url: string } | { type: "qr_code"; codeUrl: string } | null) => ({
  attempt: { attemptNo: "P1-1", channel: "wechatpay", mode: "h5", state: "waiting" as const, payData },
});

describe("where the cashier page navigates after starting a payment", () => {
  it("goes to a channel's own http(s) page", () => {
    const url = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1&redirect_url=https%3A%2F%2Fpay.example.com%2Fpay%2FP1";
    expect(redirectTarget(waiting({ type: "redirect", url }))).toEqual({ url });
    expect(redirectTarget(waiting({ type: "redirect", url: "http://127.0.0.1:3000/sandbox/wechatpay/pay/42" }))).toEqual({ url: "http://127.0.0.1:3000/sandbox/wechatpay/pay/42" });
  });

  it("refuses anything that could run script or leave the web", () => {
    for (const url of [
      "javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "javascript:alert(1)//https://wx.tenpay.com/",
      "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "weixin://wxpay/bizpayurl?pr=x", "file:///etc/passwd", "//evil.example/x", "/relative", "",
    ]) {
      expect(redirectTarget(waiting({ type: "redirect", url })), url).toBe("refused");
    }
  });

  it("posts a channel's form (UnionPay's front transaction) only to an http(s) action", () => {
    const fields = { orderId: "P20261205120000000ABCDEFGHz1", signature: "c2ln" };
    const form = (action: string) => ({ attempt: { ...waiting(null).attempt, channel: "unionpay", mode: "pc", payData: { type: "form" as const, action, fields } } });
    expect(redirectTarget(form("https://gateway.95516.com/gateway/api/frontTransReq.do"))).toEqual({ form: { action: "https://gateway.95516.com/gateway/api/frontTransReq.do", fields } });
    expect(redirectTarget(form("javascript:alert(1)"))).toBe("refused");
    expect(redirectTarget(form("/relative"))).toBe("refused");
  });

  it("does not navigate for a QR code, a failed attempt or no attempt", () => {
    expect(redirectTarget(waiting({ type: "qr_code", codeUrl: "weixin://wxpay/bizpayurl?pr=x" }))).toBeNull();
    expect(redirectTarget(waiting(null))).toBeNull();
    expect(redirectTarget({ attempt: null })).toBeNull();
    expect(redirectTarget({ attempt: { ...waiting({ type: "redirect", url: "https://x.example/" }).attempt, state: "failed" } })).toBeNull();
  });
});
