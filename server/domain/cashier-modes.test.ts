import { describe, expect, it } from "vitest";
import { cashierMode, preselectedChannel, wechatH5UrlReturningTo } from "./cashier-modes";

describe("cashierMode", () => {
  it("uses QR codes or Alipay's website on a desktop", () => {
    expect(cashierMode("wechatpay", "desktop", ["native", "jsapi", "h5", "app"])).toBe("native");
    expect(cashierMode("alipay", "desktop", ["qr", "pc", "wap"])).toBe("pc");
    expect(cashierMode("alipay", "desktop", ["qr", "wap"])).toBe("qr");
  });

  it("uses the mobile modes on a phone", () => {
    expect(cashierMode("wechatpay", "phone", ["native", "jsapi", "h5", "app"])).toBe("h5");
    expect(cashierMode("alipay", "phone", ["qr", "pc", "wap"])).toBe("wap");
  });

  it("offers nothing the account does not serve, nor an unknown channel", () => {
    expect(cashierMode("wechatpay", "phone", ["native"])).toBeNull();
    expect(cashierMode("alipay", "desktop", ["wap"])).toBeNull();
    expect(cashierMode("unionpay", "desktop", ["qr"])).toBeNull();
  });
});

describe("preselectedChannel", () => {
  it("keeps the channel the consumer used last on the order", () => {
    expect(preselectedChannel(["wechatpay", "alipay"], "wechat", "alipay")).toBe("alipay");
  });

  it("otherwise preselects the channel of the app the page runs in", () => {
    expect(preselectedChannel(["alipay", "wechatpay"], "wechat")).toBe("wechatpay");
    expect(preselectedChannel(["wechatpay", "alipay"], "alipay")).toBe("alipay");
  });

  it("otherwise the first channel offered, or none; never one that is not offered", () => {
    expect(preselectedChannel(["wechatpay", "alipay"], null)).toBe("wechatpay");
    expect(preselectedChannel(["wechatpay"], "alipay", "unionpay")).toBe("wechatpay");
    expect(preselectedChannel([], "wechat", "wechatpay")).toBeNull();
  });
});

describe("wechatH5UrlReturningTo", () => {
  it("appends the return address URL-encoded, keeping the h5_url's own parameters", () => {
    const url = wechatH5UrlReturningTo("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2", "https://pay.example/pay/P1?a=b&c=d");
    expect(url).toBe("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2&redirect_url=https%3A%2F%2Fpay.example%2Fpay%2FP1%3Fa%3Db%26c%3Dd");
  });
});
