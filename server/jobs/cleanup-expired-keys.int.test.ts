import { parseCronItems, runOnce } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { enqueueJob } from "./enqueue";
import { cronItems, taskList } from "./registry";
import { cleanupExpiredKeys } from "./tasks/cleanup-expired-keys";

const past = new Date(Date.now() - 60_000);
const future = new Date(Date.now() + 600_000);

describe("cleanup-expired-keys job", () => {
  it("is on the crontab every 10 minutes", () => {
    const items = cronItems();
    expect(items).toContainEqual(expect.objectContaining({ task: "cleanup-expired-keys", match: "*/10 * * * *" }));
    expect(() => parseCronItems(items)).not.toThrow();
  });

  it("runs from the queue and deletes only what has expired", async () => {
    await db.apiNonce.createMany({
      data: [
        { appId: "app_A", nonce: "expired1expired1", expiresAt: past },
        { appId: "app_A", nonce: "expired2expired2", expiresAt: past },
        { appId: "app_A", nonce: "livelivelivelive", expiresAt: future },
      ],
    });
    await db.idempotencyKey.createMany({
      data: [
        { appId: "app_A", key: "old", method: "POST", path: "/api/v1/pay-orders", requestHash: "h", expiresAt: past },
        { appId: "app_A", key: "new", method: "POST", path: "/api/v1/pay-orders", requestHash: "h", expiresAt: future },
      ],
    });
    // batchSize 1 makes the job loop through several batches.
    await db.$transaction((tx) => enqueueJob(tx, cleanupExpiredKeys, { batchSize: 1 }));
    await runOnce({ connectionString: process.env.DATABASE_URL, taskList: taskList() });

    expect((await db.apiNonce.findMany()).map((n) => n.nonce)).toEqual(["livelivelivelive"]);
    expect((await db.idempotencyKey.findMany()).map((k) => k.key)).toEqual(["new"]);
    const [{ count }] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM graphile_worker.jobs`;
    expect(count).toBe(0n); // the job completed and left the queue
  });

  it("enqueues nothing when the caller's transaction rolls back", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueJob(tx, cleanupExpiredKeys, { batchSize: 10 });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const [{ count }] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM graphile_worker.jobs`;
    expect(count).toBe(0n);
  });

  it("refuses a malformed payload before it reaches the queue", async () => {
    await expect(db.$transaction((tx) => enqueueJob(tx, cleanupExpiredKeys, { batchSize: -1 }))).rejects.toThrow();
  });
});
