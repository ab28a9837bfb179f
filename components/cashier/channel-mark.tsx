import { cn } from "@/components/ui/cn";

/** A channel's brand mark: WeChat Pay's green tick, Alipay's blue 支. Decorative: the channel's name is always beside it. */
export function ChannelMark({ channel, className }: { channel: string; className?: string }) {
  const alipay = channel === "alipay";
  return (
    <span
      aria-hidden="true"
      className={cn("inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-white", alipay ? "bg-alipay" : channel === "wechatpay" ? "bg-wechatpay" : "bg-primary", className)}
    >
      <svg viewBox="0 0 24 24" className="size-[62%]" fill="none" stroke="currentColor" strokeWidth={2.4} strokeLinecap="round" strokeLinejoin="round">
        {alipay ? <path d="M5 6.5h14M12 3.5v7M6.5 10.5h11c-1.6 4.6-5.6 8-11.5 9.5M9 12.5c1.8 3.4 5.2 6 9.5 7" /> : <path d="M4.5 12.5l4.8 4.5L19.5 7" />}
      </svg>
    </span>
  );
}
