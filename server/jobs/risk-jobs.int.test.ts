import { parseCronItems, runOnce } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { enqueueJob } from "./enqueue";
import { cronItems, taskList } from "./registry";
import { cleanupRiskCounters } from "./tasks/risk-jobs";

describe("cleanup-risk-counters job", () => {
  it("is on the crontab hourly and, run from the queue, deletes only buckets older than 8 days", async () => {
    const items = cronItems();
    expect(items).toContainEqual(expect.objectContaining({ task: "cleanup-risk-counters", match: "17 * * * *" }));
    expect(() => parseCronItems(items)).not.toThrow();

    const day = 86_400_000;
    await db.riskCounter.createMany({
      data: [
        { key: "m|ORDER|buyer|old", grain: "d", bucket: new Date(Date.now() - 9 * day), count: 3, amount: 300n },
        { key: "m|ORDER|buyer|week", grain: "h", bucket: new Date(Date.now() - 7 * day), count: 1, amount: 100n },
        { key: "m|ORDER|buyer|now", grain: "m", bucket: new Date(), count: 1, amount: 100n },
      ],
    });
    await db.$transaction((tx) => enqueueJob(tx, cleanupRiskCounters, {}));
    await runOnce({ connectionString: process.env.DATABASE_URL, taskList: taskList() });
    expect((await db.riskCounter.findMany({ orderBy: { key: "asc" } })).map((c) => c.key)).toEqual(["m|ORDER|buyer|now", "m|ORDER|buyer|week"]);
  });
});
