import { describe, expect, it } from "vitest";
import { WEBHOOK_LANES_PER_APP, webhookQueueName } from "./webhook-lanes";

describe("webhook lanes", () => {
  it("spreads one app's deliveries over a bounded number of queues, stably", () => {
    const names = new Set(Array.from({ length: 200 }, (_, i) => webhookQueueName("app_A", `d-${i}`)));
    expect(names.size).toBe(WEBHOOK_LANES_PER_APP);
    for (const name of names) expect(name).toMatch(/^webhooks:app_A:[0-3]$/);
    expect(webhookQueueName("app_A", "d-1")).toBe(webhookQueueName("app_A", "d-1"));
    expect(webhookQueueName("app_B", "d-1")).toMatch(/^webhooks:app_B:/);
  });
});
