import type { RouteEntry } from "../route-rule-schema";
import type { ClientDevice } from "../user-agent";

/** The entry of an Open API payment, from its mode: JSAPI runs inside WeChat, a barcode at a POS. */
export function entryOfMode(mode: string): RouteEntry {
  if (mode === "jsapi") return "wechat";
  if (mode === "barcode") return "pos";
  if (mode === "h5" || mode === "wap" || mode === "app") return "phone";
  return "pc";
}

/** The entry of a cashier visit, from the consumer's User-Agent. */
export function entryOfDevice(device: ClientDevice): RouteEntry {
  if (device.app) return device.app;
  return device.kind === "phone" ? "phone" : "pc";
}
