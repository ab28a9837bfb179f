import { describe, expect, it } from "vitest";
import { classifyUserAgent } from "./user-agent";

const UA = {
  chromeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  iphoneSafari: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  androidChrome: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  androidTablet: "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  wechatIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN",
  wechatAndroid:
    "Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240301 MMWEBID/1234 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
  wechatWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13) XWEB/9129",
  alipayAndroid:
    "Mozilla/5.0 (Linux; U; Android 14; zh-CN; PJZ110 Build/UKQ1.230924.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 AlipayChannelId/5136 UCBS/3.22.2.59_231212172149 NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:412|0|3.5) AliApp(AP/10.5.86.8000) AlipayClient/10.5.86.8000 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CNAriver/1.0.0",
  alipayIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.5.86.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.5.86.6000 Language/zh-Hans Region/CN NebulaX/1.0.0",
  harmony: "Mozilla/5.0 (Phone; OpenHarmony 4.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0.4.300",
};

describe("classifyUserAgent", () => {
  it("sees desktops, tablets and missing user agents as desktops", () => {
    for (const ua of [UA.chromeWindows, UA.safariMac, UA.androidTablet, "", null, undefined]) {
      expect(classifyUserAgent(ua), String(ua)).toEqual({ kind: "desktop", app: null });
    }
  });

  it("sees phones as phones", () => {
    for (const ua of [UA.iphoneSafari, UA.androidChrome, UA.harmony]) {
      expect(classifyUserAgent(ua), ua).toEqual({ kind: "phone", app: null });
    }
  });

  it("knows when it runs inside WeChat, on a phone or on a desktop", () => {
    expect(classifyUserAgent(UA.wechatIphone)).toEqual({ kind: "phone", app: "wechat" });
    expect(classifyUserAgent(UA.wechatAndroid)).toEqual({ kind: "phone", app: "wechat" });
    expect(classifyUserAgent(UA.wechatWindows)).toEqual({ kind: "desktop", app: "wechat" });
  });

  it("knows when it runs inside Alipay", () => {
    expect(classifyUserAgent(UA.alipayAndroid)).toEqual({ kind: "phone", app: "alipay" });
    expect(classifyUserAgent(UA.alipayIphone)).toEqual({ kind: "phone", app: "alipay" });
  });
});
