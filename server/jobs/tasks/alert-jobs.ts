import { z } from "zod";
import { defineJob } from "../define-job";

/**
 * Evaluates every enabled alert rule (docs/adr/0020). Cron runs it every minute; with
 * ALERT_EVAL_SECONDS below 60 each run also schedules the next one under one job key. Two runs at
 * once are harmless: incidents open under a unique index and resolve by compare-and-set.
 */
export const evaluateAlertsJob = defineJob({
  name: "evaluate-alerts",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  // 2, not 1: a run interrupted by its worker's death (kill -9, a failover) has its lock released with the attempt
  // counted; with 1 it stayed behind for good as a given-up job (the asynchronous failover drill's last red check).
  maxAttempts: 2,
  run: async () => (await import("@/server/services/alerts/evaluate-alerts")).runAlertEvaluation(),
});

/** Sends one alert notification to its target (rate-limited per target; retried with backoff by the service itself). */
export const sendAlertNotificationJob = defineJob({
  name: "send-alert-notification",
  payload: z.object({ notificationId: z.string() }),
  maxAttempts: 3,
  run: async ({ notificationId }) => {
    await (await import("@/server/services/alerts/send-alert-notification")).sendAlertNotification(notificationId);
  },
});
