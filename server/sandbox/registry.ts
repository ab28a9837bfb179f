import type { ChannelCode } from "@/server/domain/channel-codes";
import { alipaySandbox } from "./alipay/channel";
import type { SandboxChannel } from "./types";
import { unionpaySandbox } from "./unionpay/channel";
import { wechatpaySandbox } from "./wechatpay/channel";

/** Every channel's simulator, by code: typed by the one list, so a channel without a sandbox does not compile. */
const CHANNELS: Record<ChannelCode, SandboxChannel> = { wechatpay: wechatpaySandbox, alipay: alipaySandbox, unionpay: unionpaySandbox };

export function findSandboxChannel(code: string): SandboxChannel | null {
  return Object.hasOwn(CHANNELS, code) ? CHANNELS[code as ChannelCode] : null;
}

export function sandboxChannel(code: string): SandboxChannel {
  const channel = findSandboxChannel(code);
  if (!channel) throw new Error(`no sandbox for channel ${code}`);
  return channel;
}
