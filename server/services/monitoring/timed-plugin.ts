import { ChannelUnsupportedError } from "@/server/channels/errors";
import type { ChannelPlugin } from "@/server/channels/types";
import { type MetricSubject, recordChannelCall } from "./channel-metrics-recorder";

/** The plugin methods that call the channel over the network and count as channel calls (parsing a callback does not). */
const TIMED = ["pay", "query", "close", "refund", "queryRefund", "reverse"] as const;

/**
 * The plugin with its channel calls timed into the account's metrics (latency histogram, errors by
 * code). The one place every service reaches a channel through (channel-for-account.ts), so nothing
 * else records calls. An unsupported method is no channel error: the call never left.
 */
export function timedPlugin<P extends ChannelPlugin<unknown>>(plugin: P, subject: MetricSubject): P {
  const timed = Object.create(plugin) as P;
  for (const name of TIMED) {
    const method = plugin[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    if (typeof method !== "function") continue;
    Object.defineProperty(timed, name, {
      value: async (...args: unknown[]) => {
        const started = performance.now();
        try {
          const result = await method.apply(plugin, args);
          recordChannelCall(subject, performance.now() - started, null);
          return result;
        } catch (error) {
          if (!(error instanceof ChannelUnsupportedError)) recordChannelCall(subject, performance.now() - started, errorCode(error));
          throw error;
        }
      },
    });
  }
  return timed;
}

/** The channel's own code (ORDERPAID, ACQ.SYSTEM_ERROR…) or, without one, the kind of failure (ChannelTimeoutError…). */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? code : error instanceof Error ? error.name : "unknown";
}
