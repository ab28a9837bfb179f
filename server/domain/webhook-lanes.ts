import { createHash } from "node:crypto";

/**
 * How many webhook deliveries of one app may be in flight at once: its deliveries spread over this
 * many graphile-worker named queues (each runs one job at a time). A slow or dead endpoint then holds
 * at most this many of the webhook runner's slots, and other merchants' deliveries go on.
 */
export const WEBHOOK_LANES_PER_APP = 4;

/** The named queue of one delivery: stable per delivery, so its retries stay in its lane. */
export function webhookQueueName(appId: string, deliveryId: string): string {
  const lane = createHash("sha256").update(deliveryId).digest()[0]! % WEBHOOK_LANES_PER_APP;
  return `webhooks:${appId}:${lane}`;
}
