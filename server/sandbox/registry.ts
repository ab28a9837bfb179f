import { alipaySandbox } from "./alipay/channel";
import type { SandboxChannel } from "./types";
import { wechatpaySandbox } from "./wechatpay/channel";

const CHANNELS: Record<string, SandboxChannel> = { wechatpay: wechatpaySandbox, alipay: alipaySandbox };

export function sandboxChannel(code: string): SandboxChannel {
  const channel = CHANNELS[code];
  if (!channel) throw new Error(`no sandbox for channel ${code}`);
  return channel;
}
