import { describe, expect, it } from "vitest";
import { JobTimeLimitError, withTimeLimit } from "./time-limit";

describe("a job's time limit", () => {
  it("lets a run that ends in time give its result or its error", async () => {
    await expect(withTimeLimit("fast", 1000, async () => 42)).resolves.toBe(42);
    await expect(withTimeLimit("failing", 1000, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });

  it("fails a run that never ends, so that its worker slot is freed", async () => {
    const never = new Promise<void>(() => undefined);
    await expect(withTimeLimit("stuck", 20, () => never)).rejects.toBeInstanceOf(JobTimeLimitError);
  });
});
