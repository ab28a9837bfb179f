import { describe, expect, it } from "vitest";
import { type CashierPreference, cashierMode, cashierModes, preselectedChannel } from "./cashier-modes";

// Shaped like the two plugins' preferences; the plugins' own are checked in server/channels/channel-plugins.test.ts.
const QR_ON_DESKTOP: CashierPreference = { modes: { desktop: ["native"], phone: ["h5"] }, payerApp: "wechat" };
const SITE_THEN_QR: CashierPreference = { modes: { desktop: ["pc", "qr"], phone: ["wap"] }, payerApp: "alipay" };

describe("cashierMode", () => {
  it("takes the channel's best mode for a desktop that the account serves", () => {
    expect(cashierMode(QR_ON_DESKTOP, "desktop", ["native", "jsapi", "h5", "app"])).toBe("native");
    expect(cashierMode(SITE_THEN_QR, "desktop", ["qr", "pc", "wap"])).toBe("pc");
    expect(cashierMode(SITE_THEN_QR, "desktop", ["qr", "wap"])).toBe("qr");
  });

  it("uses the mobile modes on a phone", () => {
    expect(cashierMode(QR_ON_DESKTOP, "phone", ["native", "jsapi", "h5", "app"])).toBe("h5");
    expect(cashierMode(SITE_THEN_QR, "phone", ["qr", "pc", "wap"])).toBe("wap");
  });

  it("offers nothing the account does not serve, nor a channel without a cashier", () => {
    expect(cashierMode(QR_ON_DESKTOP, "phone", ["native"])).toBeNull();
    expect(cashierMode(SITE_THEN_QR, "desktop", ["wap"])).toBeNull();
    expect(cashierMode(undefined, "desktop", ["qr"])).toBeNull();
  });
});

describe("cashierModes", () => {
  it("lists every channel's modes for the device once, in the channels' order of preference", () => {
    expect(cashierModes([QR_ON_DESKTOP, SITE_THEN_QR], "desktop")).toEqual(["native", "pc", "qr"]);
    expect(cashierModes([QR_ON_DESKTOP, SITE_THEN_QR, QR_ON_DESKTOP], "phone")).toEqual(["h5", "wap"]);
  });
});

describe("preselectedChannel", () => {
  it("keeps the channel the consumer used last on the order", () => {
    expect(preselectedChannel(["wx", "ali"], "wx", "ali")).toBe("ali");
  });

  it("otherwise preselects the channel of the app the page runs in", () => {
    expect(preselectedChannel(["ali", "wx"], "wx")).toBe("wx");
    expect(preselectedChannel(["wx", "ali"], "ali")).toBe("ali");
  });

  it("otherwise the first channel offered, or none; never one that is not offered", () => {
    expect(preselectedChannel(["wx", "ali"], undefined)).toBe("wx");
    expect(preselectedChannel(["wx"], "ali", "union")).toBe("wx");
    expect(preselectedChannel([], "wx", "wx")).toBeNull();
  });
});
