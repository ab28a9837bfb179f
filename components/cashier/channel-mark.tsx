import { channelBrand, channelColorStyle } from "@/components/channels/channel-brand";
import { cn } from "@/components/ui/cn";

/** A tick: the mark of a channel without a brand of its own. */
const TICK = "M4.5 12.5l4.8 4.5L19.5 7";

/** A channel's brand mark (WeChat Pay's green tick, Alipay's blue 支…). Decorative: the channel's name is always beside it. */
export function ChannelMark({ channel, className }: { channel: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      style={channelColorStyle(channel)}
      className={cn("inline-flex size-9 shrink-0 items-center justify-center rounded-lg bg-(--channel) text-white", className)}
    >
      <svg viewBox="0 0 24 24" className="size-[62%]" fill="none" stroke="currentColor" strokeWidth={2.4} strokeLinecap="round" strokeLinejoin="round">
        <path d={channelBrand(channel)?.glyph ?? TICK} />
      </svg>
    </span>
  );
}
