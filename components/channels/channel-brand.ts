import type { CSSProperties } from "react";
import type { ChannelCode } from "@/server/domain/channel-codes";

/**
 * Each channel's brand as the cashier and the sandbox payer pages draw it: its colour and a glyph
 * (an SVG path on a 24 × 24 grid, stroked). Typed by the one list of channel codes, so a new channel
 * does not compile without its mark.
 */
export type ChannelBrand = { color: string; glyph: string };

const BRANDS: Record<ChannelCode, ChannelBrand> = {
  // WeChat Pay's green and a tick
  wechatpay: { color: "#07c160", glyph: "M4.5 12.5l4.8 4.5L19.5 7" },
  // Alipay's blue and its 支
  alipay: { color: "#1677ff", glyph: "M5 6.5h14M12 3.5v7M6.5 10.5h11c-1.6 4.6-5.6 8-11.5 9.5M9 12.5c1.8 3.4 5.2 6 9.5 7" },
  // UnionPay's red and a bank card
  unionpay: { color: "#d7000f", glyph: "M3.5 6.5h17v11h-17zM3.5 10h17M6.5 14.5h4" },
};

/** A channel's brand; null for a code that is not a channel (the caller falls back to the app's own colours). */
export function channelBrand(code: string | undefined): ChannelBrand | null {
  return code !== undefined && Object.hasOwn(BRANDS, code) ? BRANDS[code as ChannelCode] : null;
}

/**
 * Sets `--channel` to the channel's colour for classes such as `bg-(--channel)`; without a brand it is
 * the app's primary colour.
 */
export function channelColorStyle(code: string | undefined): CSSProperties {
  return { "--channel": channelBrand(code)?.color ?? "var(--primary)" } as CSSProperties;
}
